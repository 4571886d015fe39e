"""The seed articles, end to end: what a careful reader sees, unspin must see.

000 is a machine-translated wire story in content-farm boilerplate; 002 is a spun rewrite of
the same story with three unrelated paragraphs spliced in.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from unspin.api import compare_files
from unspin.model import PairResult, Passage, RunResult
from unspin.normalize import sentence_spans

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
A_PATH = EXAMPLES / "000_d1e9f2ba145d541d.txt"
B_PATH = EXAMPLES / "002_5904dd556c9162f6.txt"
A_TEXT = A_PATH.read_text(encoding="utf-8")
B_TEXT = B_PATH.read_text(encoding="utf-8")

# Sentence pairs a careful reader makes between the two articles: (text in 000, text in 002).
READER_PAIRS = [
    ("Putin’s statement was a sign", "Putin's statement was a sign"),
    (
        "Russia and China have welcomed a “strategic partnership”",
        "China and Russian Federation have continues their strategic association",
    ),
    (
        "Putin also noted that Russia is sharing sensitive military technologies",
        "He further pointed that Russian Federation has also shared",
    ),
    (
        "“Undoubtedly, cooperation with China strengthens",
        "'Without any doubt, our cooperation with China is bolstering",
    ),
    (
        "“In the future, the military ties between the two countries will be closer.”",
        "adding that the future could see even closer military ties",
    ),
    (
        "The Russian President said, “Time will show how it will develop.”",
        'The Russian President said, "Time will show how it will develop".',
    ),
    (
        "The agreement limits each country to the deployment of 1,550 nuclear warheads",
        "The agreement limits each country to the deployment of 1,550 nuclear warheads",
    ),
    (
        "Russia offered to extend the agreement without conditions",
        "Russian Federation had offered to extend the pact without any conditions",
    ),
    ("China refused to consider this idea.", "China refused to consider this idea."),
    (
        "“The question is whether we have to keep the old treaty intact",
        '"The question is whether we have to keep the old treaty intact',
    ),
    ("“I think the second option is much worse.”", "'I believe the second option is much worse'."),
    (
        "At the same time, he added that Russia “did not adhere to the treaty”",
        'At the same time, he added that Russian Federation "did not adhere to the treaty"',
    ),
    (
        "He pointed to Russia’s perceived advantage over hypersonic weapons",
        "He pointed to Russia's perceived advantage over hypersonic weapons",
    ),
    (
        "“If we decide we don’t need a partner, we can’t stop them,”",
        "'If our partners decide that they don´t need it",
    ),
    (
        "“Especially because we have the most advanced weapons systems",
        "'Russia´s security will not be hurt",
    ),
    (
        "Despite the signs that Russia and the United States are getting closer",
        "Despite the signs that Russian Federation and the United States are getting closer",
    ),
]
# Pairs that tell the same fact from another wire story: a reader accepts them, but need not
# expect them.
ACCEPTABLE_PAIRS = [
    (
        "Thursday Putin New START treaty extension",
        "Putin on Thursday emphasised the importance of extending the New START treaty",
    ),
    (
        "Russia sought to strengthen relations with China",
        'Russian Federation "pivoted" toward China after its annexation of Crimea',
    ),
]
SPLICES = [
    "States Parties to the Chemical Weapons Convention deem the use of chemical weapons",
    "We urge you to hold those accountable for this heinous act",
    "U.S. Senator Mitt Romney (R-UT) today joined Senators Ben Cardin",
]


@pytest.fixture(scope="module")
def run() -> RunResult:
    return compare_files(A_PATH, B_PATH).result


@pytest.fixture(scope="module")
def pair(run: RunResult) -> PairResult:
    assert len(run.pairs) == 1
    return run.pairs[0]


def _span(text: str, snippet: str) -> tuple[int, int]:
    start = text.index(snippet)
    return start, start + len(snippet)


def _inside(span: tuple[int, int], start: int, end: int) -> bool:
    return start <= span[0] and span[1] <= end


def _pairs_inside(p: Passage) -> list[tuple[str, str]]:
    return [
        (x, y)
        for x, y in READER_PAIRS + ACCEPTABLE_PAIRS
        if _inside(_span(A_TEXT, x), p.a_start, p.a_end)
        and _inside(_span(B_TEXT, y), p.b_start, p.b_end)
    ]


def test_002_rewrites_the_story_of_000(pair: PairResult) -> None:
    assert (pair.a, pair.b) == ("000_d1e9f2ba145d541d", "002_5904dd556c9162f6")
    assert pair.relation == "rewrite"
    assert pair.coverage_a > 0.4 and pair.coverage_b > 0.4


def test_at_least_80_percent_of_the_readers_pairs_are_aligned(pair: PairResult) -> None:
    found = [rp for rp in READER_PAIRS if any(rp in _pairs_inside(p) for p in pair.passages)]
    missed = [rp for rp in READER_PAIRS if rp not in found]
    assert len(found) / len(READER_PAIRS) >= 0.8, f"missed: {missed}"


def test_no_passage_holds_a_sentence_a_reader_would_not_pair(pair: PairResult) -> None:
    """Every sentence inside a passage, on both sides, belongs to an accepted pair there."""
    for p in pair.passages:
        accepted = _pairs_inside(p)
        assert accepted, f"passage pairs nothing a reader accepts: {A_TEXT[p.a_start : p.a_end]!r}"
        for text, start, end, side in (
            (A_TEXT, p.a_start, p.a_end, 0),
            (B_TEXT, p.b_start, p.b_end, 1),
        ):
            for s, e in sentence_spans(text[start:end]):
                sentence = text[start + s : start + e]
                assert any(
                    snippet[side] in sentence or sentence in snippet[side] for snippet in accepted
                ), f"sentence without an accepted partner in a passage: {sentence!r}"


def test_spun_passages_show_the_word_substitutions(pair: PairResult) -> None:
    substitutions = {s for p in pair.passages if p.kind == "spun" for s in p.substitutions}
    assert ("alliance", "union") in substitutions
    assert ("Russia", "Russian Federation") in substitutions
    assert any(p.kind == "verbatim" for p in pair.passages)


def test_the_three_spliced_paragraphs_are_inserted_not_aligned(
    run: RunResult, pair: PairResult
) -> None:
    b_report = next(d for d in run.documents if d.id == pair.b)
    for splice in SPLICES:
        start, end = _span(B_TEXT, splice)
        assert not any(p.b_start < end and start < p.b_end for p in pair.passages), splice
        assert any(s.start <= start and end <= s.end for s in b_report.inserted), splice
    a_report = next(d for d in run.documents if d.id == pair.a)
    assert a_report.inserted == (), "the source gets no insertions"


def test_boilerplate_is_marked_in_both_articles(run: RunResult) -> None:
    a_report, b_report = run.documents
    a_marks = {(A_TEXT[m.start : m.end], m.kind) for m in a_report.boilerplate}
    a_kinds = {kind for _, kind in a_marks}
    assert sum(1 for text, kind in a_marks if text.startswith("READ")) == 2
    assert {"related_link", "also_like", "author_bio", "comment_form"} <= a_kinds
    assert any("Reuters" in text for text, _ in a_marks)  # the photo credits
    assert ("Leave a Reply", "comment_form") in a_marks
    assert [B_TEXT[m.start : m.end] for m in b_report.boilerplate] == [
        "Other reports by iNewsToday"
    ]


def test_boilerplate_never_lands_inside_a_passage(run: RunResult, pair: PairResult) -> None:
    a_report = run.documents[0]
    for mark in a_report.boilerplate:
        assert not any(p.a_start < mark.end and mark.start < p.a_end for p in pair.passages)


def test_the_family_has_the_wire_story_as_original(run: RunResult) -> None:
    assert len(run.families) == 1
    assert run.families[0].original == "000_d1e9f2ba145d541d"
