"""Which side of a pair is the source when dates do not say: the texts' own evidence.

Each test builds the situation a signal is about (a spinner's rarer synonyms, a farm's
wrapping, a credit line, merged sentences, a compilation of several stories) and checks
the direction, the signal's sign in ``direction_evidence`` and what follows from it:
families' originals, inserted spans, and digests that must not chain stories together.
"""

from __future__ import annotations

import pytest
from tests.stories import DOCK_STRIKE, FLOODS, HEART_STUDY, ORCHESTRA, SPUN_DOCK_STRIKE

from unspin import direction
from unspin.api import compare_documents
from unspin.engines import EngineResult, get_engine
from unspin.model import Document, PairResult, RunResult
from unspin.pipeline import NoProgress
from unspin.report.jsonl import pair_record

WIRE = "\n\n".join(DOCK_STRIKE)
SPUN = SPUN_DOCK_STRIKE
WRAPPING = [
    "Share this article with your friends on Facebook and Twitter.",
    "Click here to subscribe to our free daily newsletter.",
    "Related: You may also like these stories from around the web.",
]
SPUN_FLOODS = (
    FLOODS.replace("said", "stated")
    .replace("forcing", "compelling")
    .replace("rose", "ascended")
    .replace("damaged", "impaired")
    .replace("asked", "petitioned")
)
ELECTION = (
    "Voters in the northern province went to the polls on Sunday in a regional election seen "
    "as a test for the governing coalition, with turnout reported at just over sixty percent "
    "by the early afternoon.\n\n"
    "The opposition alliance campaigned on the cost of housing and on delays to a new rail "
    "line, while the coalition promised lower taxes for small businesses and more teachers.\n\n"
    "Results are expected late on Sunday night. Analysts said a swing of a few seats could "
    "decide whether the coalition keeps its majority in the provincial assembly."
)


def only_pair(result: RunResult) -> PairResult:
    (pair,) = result.pairs
    return pair


def signals(pair: PairResult) -> dict[str, float]:
    return dict(pair.direction_evidence)


def source_of(pair: PairResult) -> str | None:
    return {"a->b": pair.a, "b->a": pair.b}.get(pair.direction or "")


@pytest.mark.parametrize("order", ["source first", "copy first"])
def test_the_side_with_the_commoner_words_is_the_source_of_a_spun_copy(order: str) -> None:
    docs = [Document("wire", WIRE), Document("farm", SPUN)]
    if order == "copy first":
        docs.reverse()
    pair = only_pair(compare_documents(*docs))
    assert source_of(pair) == "wire"
    toward_a = signals(pair)["spin"]
    assert (toward_a > 0) == (pair.a == "wire")
    assert pair.confidence is not None and 0.5 < pair.confidence <= 1


def test_the_side_wrapped_in_boilerplate_is_the_copy() -> None:
    wrapped = "\n\n".join(
        [WRAPPING[0], *DOCK_STRIKE[:2], WRAPPING[1], *DOCK_STRIKE[2:], WRAPPING[2]]
    )
    pair = only_pair(compare_documents(Document("copy", wrapped), Document("wire", WIRE)))
    assert signals(pair)["wrapping"] < 0  # side a, the copy, has more boilerplate
    assert source_of(pair) == "wire"


def test_a_copy_that_credits_the_source_s_site_names_it() -> None:
    credited = WIRE + "\n\nThis story was first published by valmeraherald.example."
    pair = only_pair(
        compare_documents(
            Document("a", WIRE, site="valmeraherald.example"),
            Document("b", credited, site="newsfarm.example"),
        )
    )
    assert signals(pair)["credit"] > 0
    assert source_of(pair) == "a"


def test_dates_outweigh_every_signal_of_the_texts() -> None:
    # The spun copy is dated first: a fact beats the texts' evidence, which stays listed.
    pair = only_pair(
        compare_documents(
            Document("a", WIRE, date="2024-05-02"), Document("b", SPUN, date="2024-05-01")
        )
    )
    assert pair.direction == "b->a"
    assert signals(pair)["dates"] < 0 < signals(pair)["spin"]
    assert pair.confidence is not None and pair.confidence > 0.99


def test_merged_sentences_point_to_the_copy() -> None:
    merged = (
        WIRE.replace(". The union is", ", and the union is")
        .replace("irresponsible. At least", "irresponsible; at least")
        .replace("continued. The transport", "continued, while the transport")
    )
    pair = only_pair(compare_documents(Document("a", WIRE), Document("b", merged)))
    assert signals(pair)["merged"] > 0
    assert source_of(pair) == "a"


def test_no_evidence_no_direction() -> None:
    pair = only_pair(compare_documents(Document("a", WIRE), Document("b", WIRE)))
    assert pair.direction is None and pair.confidence is None
    assert pair.direction_evidence == ()


def test_swapping_a_pair_negates_its_evidence_and_keeps_its_confidence() -> None:
    pair = only_pair(compare_documents(Document("a", WIRE), Document("b", SPUN)))
    swapped = pair.swapped()
    assert swapped.direction == "b->a" and swapped.confidence == pair.confidence
    assert dict(swapped.direction_evidence) == {k: -v for k, v in signals(pair).items()}


def test_the_record_lists_each_signal_with_its_weight() -> None:
    pair = only_pair(compare_documents(Document("a", WIRE), Document("b", SPUN)))
    record = pair_record(pair)
    assert record["confidence"] == pair.confidence
    assert record["direction_evidence"] == [
        {"signal": name, "weight": weight} for name, weight in pair.direction_evidence
    ]


def scan(docs: list[Document]) -> EngineResult:
    return get_engine("local", workers=1).run(docs, NoProgress())


def test_a_compilation_of_several_stories_is_the_copy_of_each_and_its_splice_is_inserted() -> None:
    # The whole wire story, a paragraph of a second story and one from outside the corpus:
    # no spin, no wrapping, no dates; only the pieces it is made of say it is the copy.
    compilation = "\n\n".join(
        [*DOCK_STRIKE[:2], FLOODS.split("\n\n")[1], *DOCK_STRIKE[2:], HEART_STUDY]
    )
    docs = [
        Document("compiled", compilation),
        Document("floods", FLOODS),
        Document("wire", WIRE),
        Document("orchestra", ORCHESTRA),
    ]
    result = scan(docs)
    pairs = {frozenset((p.a, p.b)): p for p in result.pairs}
    for source in ("wire", "floods"):
        pair = pairs[frozenset(("compiled", source))]
        assert source_of(pair) == source, pair
        assert "pieces" in signals(pair)
    (family,) = result.families
    assert family.members == ("compiled", "wire") and family.original == "wire"
    report = next(d for d in result.documents if d.id == "compiled")
    inserted = {(compilation[i.start : i.end], i.source) for i in report.inserted}
    assert (HEART_STUDY, None) in inserted  # from outside the corpus
    assert any(text in FLOODS and source == "floods" for text, source in inserted)


def test_a_digest_of_many_stories_does_not_chain_them_into_one_family() -> None:
    # Each story is at most a quarter of the digest: no version of it, whatever the spin of
    # its copies says about which wording is older.
    digest = "\n\n".join([WIRE, FLOODS, ORCHESTRA, HEART_STUDY, ELECTION])
    docs = [
        Document("digest", digest),
        Document("floods", FLOODS),
        Document("floods-copy", SPUN_FLOODS),
        Document("wire", WIRE),
        Document("orchestra", ORCHESTRA),
        Document("election", ELECTION),
    ]
    result = scan(docs)
    assert [f.members for f in result.families] == [("floods", "floods-copy")]
    assert result.families[0].original == "floods"


def test_an_exact_copy_gets_its_own_dates_and_credits() -> None:
    # The copy of the spun text shares its representative's text signals; only its own
    # (earlier) date makes it the source.
    docs = [
        Document("wire", WIRE, date="2024-05-03"),
        Document("farm", SPUN, date="2024-05-04"),
        Document("farm-mirror", SPUN, date="2024-05-01"),
    ]
    result = scan(docs)
    pairs = {frozenset((p.a, p.b)): p for p in result.pairs}
    assert source_of(pairs[frozenset(("wire", "farm"))]) == "wire"
    mirror = pairs[frozenset(("wire", "farm-mirror"))]
    assert source_of(mirror) == "farm-mirror"
    assert "spin" in signals(mirror)


def test_the_constants_keep_dates_above_the_texts_together() -> None:
    text_weights = [
        direction.SPIN_WEIGHT,
        direction.CREDIT_WEIGHT,
        direction.WRAPPING_WEIGHT,
        direction.MERGED_WEIGHT,
        direction.DROPPED_WEIGHT,
        direction.PIECES_WEIGHT,
    ]
    assert sum(text_weights) < direction.DATES_WEIGHT
    assert direction.PIECES_CONSULTED_BELOW > direction.DROPPED_WEIGHT
