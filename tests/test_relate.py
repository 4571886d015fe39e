"""Relating two documents: alignment, coverage, relation, direction and inserted spans.

Everything goes through ``unspin.api.compare_documents``, the library call behind
``unspin compare``: it aligns the two documents and relates them.
"""

from __future__ import annotations

from tests.stories import DOCK_STRIKE, HEART_STUDY, ORCHESTRA

from unspin.api import compare_documents
from unspin.engines import get_engine
from unspin.model import Document, DocumentReport, PairResult, RunResult
from unspin.pipeline import NoProgress

SOURCE_PARAGRAPHS = DOCK_STRIKE
SOURCE = "\n\n".join(SOURCE_PARAGRAPHS)

SPLICE = HEART_STUDY
UNRELATED = ORCHESTRA

# SOURCE with a spinner's synonym swaps: about one content word in five.
SWAPS = {
    "walked off the job": "stopped working",
    "halting": "stopping",
    "dispute": "row",
    "supplies": "provisions",
    "members": "workers",
    "collapsed": "failed",
    "demanding": "requiring",
    "guarantees": "assurances",
    "jobs": "posts",
    "introduced": "installed",
    "offered": "proposed",
    "irresponsible": "reckless",
    "waiting": "queuing",
    "harbour": "port",
    "evening": "night",
    "warned": "cautioned",
    "ready": "prepared",
}
SPUN = SOURCE
for _old, _new in SWAPS.items():
    SPUN = SPUN.replace(_old, _new)


def only_pair(result: RunResult) -> PairResult:
    assert len(result.pairs) == 1, result.pairs
    return result.pairs[0]


def report(result: RunResult, doc_id: str) -> DocumentReport:
    (found,) = [d for d in result.documents if d.id == doc_id]
    return found


def covered(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s <= start and end <= e for s, e in spans)


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    spans, at = [], 0
    for paragraph in text.split("\n\n"):
        start = text.index(paragraph, at)
        spans.append((start, start + len(paragraph)))
        at = start + len(paragraph)
    return spans


# --- copies ----------------------------------------------------------------------------------


def test_a_copy_under_another_id_is_a_verbatim_duplicate() -> None:
    result = compare_documents(Document("wire", SOURCE), Document("copy", SOURCE))
    pair = only_pair(result)
    assert (pair.a, pair.b) == ("wire", "copy")
    assert pair.relation == "duplicate"
    assert pair.coverage_a == pair.coverage_b == 1.0
    assert pair.passages
    assert {p.kind for p in pair.passages} == {"verbatim"}
    for p in pair.passages:
        assert SOURCE[p.a_start : p.a_end] == SOURCE[p.b_start : p.b_end]
        assert p.substitutions == ()
    # Copies form a family.
    (family,) = result.families
    assert family.members == ("copy", "wire")


def test_a_document_compared_with_itself_gets_a_second_id() -> None:
    result = compare_documents(Document("wire", SOURCE), Document("wire", SOURCE))
    ids = [d.id for d in result.documents]
    assert len(set(ids)) == 2 and ids[0] == "wire"
    assert only_pair(result).relation == "duplicate"


def test_unrelated_texts_give_no_pair_and_no_family() -> None:
    result = compare_documents(Document("port", SOURCE), Document("music", UNRELATED))
    assert result.pairs == ()
    assert result.families == ()
    assert [d.id for d in result.documents] == ["port", "music"]
    assert all(d.inserted == () for d in result.documents)


def test_a_spun_copy_is_a_rewrite_with_its_substitutions_listed() -> None:
    pair = only_pair(compare_documents(Document("wire", SOURCE), Document("spun", SPUN)))
    assert pair.relation == "rewrite"
    assert pair.coverage_a == pair.coverage_b == 1.0
    assert {p.kind for p in pair.passages} == {"spun"}
    substitutions = {s for p in pair.passages for s in p.substitutions}
    assert {("irresponsible", "reckless"), ("dispute", "row"), ("harbour", "port")} <= (
        substitutions
    )


def test_a_lightly_spun_copy_stays_verbatim_and_still_shows_its_swaps() -> None:
    light = SOURCE.replace("irresponsible", "reckless").replace("shelves", "racks")
    pair = only_pair(compare_documents(Document("wire", SOURCE), Document("light", light)))
    assert pair.relation == "duplicate"
    assert {p.kind for p in pair.passages} == {"verbatim"}
    substitutions = {s for p in pair.passages for s in p.substitutions}
    assert {("irresponsible", "reckless"), ("shelves", "racks")} <= substitutions


# --- symmetry --------------------------------------------------------------------------------


def test_swapping_the_documents_mirrors_the_result() -> None:
    derived = "\n\n".join([*SOURCE_PARAGRAPHS[:2], SPLICE, SOURCE_PARAGRAPHS[3]])
    a, b = Document("wire", SOURCE), Document("farm", derived)
    forward, backward = only_pair(compare_documents(a, b)), only_pair(compare_documents(b, a))
    assert forward.coverage_a != forward.coverage_b  # a pair where the sides differ
    assert (backward.a, backward.b) == (forward.b, forward.a)
    assert backward.coverage_a == forward.coverage_b
    assert backward.coverage_b == forward.coverage_a
    assert backward.relation == forward.relation
    assert sorted((p.b_start, p.b_end, p.a_start, p.a_end) for p in backward.passages) == sorted(
        (p.a_start, p.a_end, p.b_start, p.b_end) for p in forward.passages
    )


# --- reordering ------------------------------------------------------------------------------


def test_reordered_paragraphs_are_still_aligned_in_full() -> None:
    p = SOURCE_PARAGRAPHS
    reordered = "\n\n".join([p[2], p[0], p[3], p[1]])
    pair = only_pair(compare_documents(Document("wire", SOURCE), Document("shuffled", reordered)))
    assert pair.coverage_a == pair.coverage_b == 1.0
    a_spans = [(x.a_start, x.a_end) for x in pair.passages]
    b_spans = [(x.b_start, x.b_end) for x in pair.passages]
    assert all(covered(a_spans, s, e) for s, e in paragraph_spans(SOURCE))
    assert all(covered(b_spans, s, e) for s, e in paragraph_spans(reordered))
    # Passages come in the order of the first document; on the second side they jump about.
    assert a_spans == sorted(a_spans)
    assert b_spans != sorted(b_spans)


# --- splices ---------------------------------------------------------------------------------


def test_a_spliced_paragraph_is_an_inserted_span_of_the_copy_only() -> None:
    derived = "\n\n".join([*SOURCE_PARAGRAPHS[:2], SPLICE, *SOURCE_PARAGRAPHS[2:]])
    result = compare_documents(
        Document("wire", SOURCE, date="2021-03-01"), Document("farm", derived, date="2021-03-02")
    )
    pair = only_pair(result)
    start = derived.index(SPLICE)
    end = start + len(SPLICE)

    (inserted,) = report(result, "farm").inserted
    assert (inserted.start, inserted.end) == (start, end)
    assert inserted.source is None
    assert inserted.off_topic
    assert report(result, "wire").inserted == ()
    # The splice is in no passage; everything else of the copy is.
    assert not any(p.b_start < end and start < p.b_end for p in pair.passages)
    assert pair.coverage_a == 1.0
    assert 0.5 < pair.coverage_b < 1.0


def test_an_undated_compilation_is_the_copy_of_each_of_its_sources() -> None:
    # Half of each source plus a splice: each source covers its pair better than the
    # compilation does, but the compilation is the document the corpus explains.
    orchestra = ORCHESTRA.split("\n\n")
    compilation = "\n\n".join([*SOURCE_PARAGRAPHS[:2], SPLICE, *orchestra[:2]])
    docs = [Document("wire", SOURCE), Document("concert", ORCHESTRA), Document("farm", compilation)]
    result = get_engine("local", workers=1).run(docs, NoProgress())
    reports = {d.id: d for d in result.documents}
    assert reports["wire"].inserted == reports["concert"].inserted == ()
    start = compilation.index(SPLICE)
    unattributed = [i for i in reports["farm"].inserted if i.source is None]
    assert [(i.start, i.end) for i in unattributed] == [(start, start + len(SPLICE))]
    assert unattributed[0].off_topic


def test_a_later_copy_of_the_source_is_not_taken_as_the_main_source() -> None:
    derived = "\n\n".join([*SOURCE_PARAGRAPHS[:2], SPLICE, *SOURCE_PARAGRAPHS[2:]])
    docs = [
        Document("wire", SOURCE, date="2021-03-01"),
        Document("farm", derived, date="2021-03-02"),
        # Covers the farm's copy as well as the wire does, and sorts first, but is newer.
        Document("copy", SOURCE, date="2021-03-05"),
    ]
    reports = {d.id: d for d in get_engine("local", workers=1).run(docs, NoProgress()).documents}
    start = derived.index(SPLICE)
    assert [(i.start, i.end, i.source) for i in reports["farm"].inserted] == [
        (start, start + len(SPLICE), None)
    ]


# --- direction -------------------------------------------------------------------------------


def test_the_older_document_is_the_source() -> None:
    older, newer = "2020-10-20", "2020-10-25"
    forward = only_pair(
        compare_documents(Document("a", SOURCE, date=older), Document("b", SPUN, date=newer))
    )
    backward = only_pair(
        compare_documents(Document("a", SOURCE, date=newer), Document("b", SPUN, date=older))
    )
    assert forward.direction == "a->b"
    assert backward.direction == "b->a"


def test_without_two_different_dates_the_direction_comes_from_the_texts() -> None:
    # The spinner's synonyms are rarer than the source's words ("said" -> "stated"): the
    # text says which is the copy when dates cannot (unspin.direction, tests/test_direction.py).
    cases = [(None, None), ("2020-10-20", None), (None, "2020-10-20"), ("2020-10-20",) * 2]
    for date_a, date_b in cases:
        pair = only_pair(
            compare_documents(Document("a", SOURCE, date=date_a), Document("b", SPUN, date=date_b))
        )
        signals = dict(pair.direction_evidence)
        assert "dates" not in signals, (date_a, date_b)
        assert signals["spin"] > 0 and pair.direction == "a->b", (date_a, date_b)


def test_the_older_document_is_the_original_of_the_family() -> None:
    result = compare_documents(
        Document("a-copy", SOURCE, date="2020-10-25"), Document("z-wire", SOURCE, date="2020-10-20")
    )
    (family,) = result.families
    assert family.original == "z-wire"
