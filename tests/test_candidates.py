"""Candidate pairs: which documents of a corpus are worth aligning.

The candidate stage must be generous with reuse (verbatim, a shared paragraph, a spun copy)
and must not pair articles that merely report on different things in the same language.
"""

from __future__ import annotations

import random
import re

import pytest

from unspin.candidates import CandidateStats, IdPair, candidate_pairs
from unspin.index import doc_features
from unspin.lexicon import STOPWORDS
from unspin.model import Document
from unspin.prepare import Prepared, prepare

TRAM = """\
City councillors in Harrowgate voted on Tuesday to approve a 1.2 billion pound tram line \
linking the northern suburbs with the central railway station, ending a decade of debate \
over how to ease congestion on the A61 corridor.

The scheme, backed by 31 votes to 12, will see construction begin next spring on a \
14-kilometre route with 18 stops, including a park-and-ride site near the Kirkby retail \
park. Council leader Margaret Ellison told reporters the line would carry an estimated \
9 million passengers a year once it opens in 2029.

Opposition members argued that the cost estimates were unrealistic and warned that local \
businesses along Station Road would suffer during three years of roadworks. Councillor \
David Okafor said the authority had underestimated the disruption and called for an \
independent review of the contracts.

Transport campaigners welcomed the decision but urged the council to publish its forecasts \
for fares, which have not yet been set. The regional mayor's office has promised to \
contribute 400 million pounds, with the remainder coming from national infrastructure \
grants and borrowing.
"""

DROUGHT = """\
Wheat farmers across the southern plains are bracing for their smallest harvest in twenty \
years after a winter with almost no rainfall left soils cracked and reservoirs at record lows.

Agronomists at the state agricultural extension service estimate that yields could fall by \
as much as 40 percent compared with last season, with the worst damage in counties along \
the western border. Many growers planted late in the hope that autumn storms would arrive, \
but the storms never came.

Luis Herrera, whose family has worked the same land near Cimarron since the 1930s, said he \
had already sold a third of his cattle because he could not afford hay. "We have never seen \
the ground this dry in March," he said, standing beside a stock pond that has shrunk to a \
muddy puddle.

Grain traders have pushed futures prices up sharply this month, and bakers warn that bread \
prices may rise by autumn. The governor has asked federal officials to declare a drought \
emergency, which would open low-interest loans to affected farms.
"""

BREACH = """\
A software company that provides payroll services to thousands of small businesses has \
disclosed that hackers gained access to the personal records of nearly 2.3 million \
employees, including names, bank details and tax identification numbers.

The firm, Ledgerline, said in a filing with regulators that it discovered the intrusion on \
4 February, three weeks after attackers first used stolen credentials to log into an \
administrative portal. It has hired an outside forensic team and notified law enforcement.

Security researchers said the breach appeared to follow a pattern seen in recent attacks on \
cloud providers, in which criminals buy passwords harvested by malware and test them against \
accounts that lack two-factor authentication. Ledgerline confirmed that the compromised \
portal did not require a second login step.

Customers have begun to receive letters offering two years of free credit monitoring. \
Privacy advocates criticised the delay in informing victims and called on regulators to \
impose fines. Shares in the company fell 11 percent in early trading on Wednesday.
"""

# One long paragraph that a culture desk wrote and a sports page later pasted in.
MUSEUM = """\
The National Maritime Museum in Portsmouth will reopen its restored east wing on Saturday \
after a four-year renovation that cost 38 million pounds, curators announced. The wing \
houses more than 2,000 objects recovered from shipwrecks along the Channel coast, among them \
a bronze bell from HMS Ardent, which sank off the Isle of Wight in 1782, and a collection of \
brass navigational instruments donated by the descendants of a Victorian lighthouse keeper. \
Director Helen Marsh said the new galleries had been designed with schools in mind, with \
interactive displays that let children steer a virtual frigate through a winter storm and \
listen to recorded letters written by sailors to their families. Conservators spent more \
than a year cleaning the hull timbers of a merchant ship raised from the Solent mud in 2016. \
Admission to the wing will be free for the first month, and evening openings are planned \
for the summer holidays.
"""

FOOTBALL_BEFORE = """\
Westbridge Rovers sacked manager Tony Castellano on Sunday after a fifth consecutive league \
defeat left the club two points above the relegation zone with eleven matches to play.

The Italian, appointed eighteen months ago on a three-year contract, had guided Rovers to \
promotion last season but struggled to strengthen a squad weakened by injuries to captain \
Sam Whitlock and striker Kofi Mensah. Saturday's 3-0 home loss to Dunmore City, in which \
supporters chanted for his dismissal during the second half, proved to be his last game.
"""

FOOTBALL_AFTER = """\
Chairman Robert Ainsley thanked Castellano for his work but said the board could not risk \
dropping back into the third tier, where the club spent six seasons. First-team coach \
Graham Pell will take charge of training this week, and Rovers hope to name a permanent \
successor before the home match against Eastfield on 14 March.

Bookmakers have made former Wales midfielder Owen Pritchard the favourite for the job. \
Pritchard left his post at Harlow Town in January and is understood to have held informal \
talks with the club's director of football last month.
"""

# Every third ordinary content word of TRAM is swapped for one of these.
SYNONYMS = {
    "approve": "endorse",
    "tram": "streetcar",
    "northern": "north",
    "railway": "rail",
    "decade": "ten years",
    "congestion": "traffic jams",
    "backed": "supported",
    "construction": "building",
    "spring": "springtime",
    "stops": "halts",
    "near": "close to",
    "leader": "chief",
    "carry": "transport",
    "passengers": "travellers",
    "members": "councillors",
    "estimates": "projections",
    "local": "neighbourhood",
    "suffer": "struggle",
    "roadworks": "road repairs",
    "disruption": "upheaval",
    "review": "inquiry",
    "welcomed": "greeted",
    "council": "authority",
    "fares": "tickets",
    "mayor's": "mayoral",
    "contribute": "provide",
    "remainder": "rest",
    "infrastructure": "public works",
}

_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")


def spin(text: str, every: int = 3) -> str:
    """Replace every ``every``-th lower-case content word; names and numbers are kept."""
    count = 0

    def swap(match: re.Match[str]) -> str:
        nonlocal count
        word = match.group()
        if word.lower() in STOPWORDS or not word.islower() or "-" in word:
            return word
        count += 1
        if count % every:
            return word
        assert word in SYNONYMS, f"no synonym written for {word!r}"
        return SYNONYMS[word]

    return _WORD.sub(swap, text)


def doc(id_: str, text: str) -> Prepared:
    return prepare(Document(id=id_, text=text))


def candidates_of(docs: list[Prepared]) -> tuple[list[IdPair], CandidateStats]:
    return candidate_pairs([doc_features(d) for d in docs])


def id_pairs(docs: list[Prepared]) -> list[IdPair]:
    return candidates_of(docs)[0]


@pytest.fixture(scope="module")
def corpus() -> list[Prepared]:
    football = FOOTBALL_BEFORE + "\n" + MUSEUM + "\n" + FOOTBALL_AFTER
    return [
        doc("tram", TRAM),
        doc("tram-copy", TRAM),
        doc("tram-spun", spin(TRAM)),
        doc("drought", DROUGHT),
        doc("breach", BREACH),
        doc("museum", MUSEUM),
        doc("football", football),
    ]


def test_the_test_articles_are_article_sized() -> None:
    for text in (TRAM, DROUGHT, BREACH, MUSEUM, FOOTBALL_BEFORE + FOOTBALL_AFTER):
        assert len(text.split()) >= 150
    dropped = set(TRAM.split()) - set(spin(TRAM).split())
    assert len(dropped) >= 20  # the spun copy really is spun


def test_a_verbatim_copy_is_a_candidate(corpus: list[Prepared]) -> None:
    assert ("tram", "tram-copy") in id_pairs(corpus)


def test_a_verbatim_copy_is_found_in_a_corpus_of_two() -> None:
    assert id_pairs([doc("b", DROUGHT), doc("a", DROUGHT)]) == [("a", "b")]


def test_a_paragraph_pasted_into_a_longer_unrelated_article_is_a_candidate(
    corpus: list[Prepared],
) -> None:
    assert ("football", "museum") in id_pairs(corpus)


def test_a_copy_with_every_third_content_word_swapped_is_a_candidate(
    corpus: list[Prepared],
) -> None:
    pairs = id_pairs(corpus)
    assert ("tram", "tram-spun") in pairs
    assert ("tram-copy", "tram-spun") in pairs


def test_articles_on_different_stories_are_not_paired(corpus: list[Prepared]) -> None:
    related = {
        frozenset(p)
        for p in [
            ("tram", "tram-copy"),
            ("tram", "tram-spun"),
            ("tram-copy", "tram-spun"),
            ("football", "museum"),
        ]
    }
    unrelated = [p for p in id_pairs(corpus) if frozenset(p) not in related]
    assert unrelated == []


def test_two_unrelated_articles_alone_are_not_paired() -> None:
    pairs, stats = candidates_of([doc("drought", DROUGHT), doc("breach", BREACH)])
    assert pairs == []
    assert stats.total == 0


def test_each_pair_is_listed_once_with_the_smaller_id_first(corpus: list[Prepared]) -> None:
    named, stats = candidates_of(corpus)
    assert all(a < b for a, b in named)
    assert len(set(named)) == len(named)
    assert named == sorted(named)
    assert stats.total == len(named)


@pytest.mark.parametrize("seed", range(5))
def test_the_pairs_do_not_depend_on_the_input_order(corpus: list[Prepared], seed: int) -> None:
    shuffled = list(corpus)
    random.Random(seed).shuffle(shuffled)
    assert id_pairs(shuffled) == id_pairs(corpus)


def test_the_pairs_of_many_identical_copies_do_not_depend_on_the_input_order() -> None:
    copies = [doc(f"copy{n:02d}", DROUGHT) for n in range(25)]
    shuffled = list(copies)
    random.Random(1).shuffle(shuffled)
    assert id_pairs(shuffled) == id_pairs(copies)


def test_an_empty_corpus_and_empty_documents_give_no_pairs() -> None:
    assert id_pairs([]) == []
    assert id_pairs([doc("a", ""), doc("b", ""), doc("c", "   \n")]) == []
