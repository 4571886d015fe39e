"""Invariants of comparing documents: every passage lies on the right text of both sides,
``compare(a, b)`` mirrors ``compare(b, a)``, and a document compared with itself is a
duplicate with coverage 1.0."""

from __future__ import annotations

from hypothesis import given, settings
from pairs import related_pair
from texts import distinct_story

from unspin.api import compare_documents
from unspin.model import Document, PairResult

# Comparing two documents costs milliseconds; this many pairs keeps each test near a second.
EXAMPLES = 40


def check_spans(pair: PairResult, a: Document, b: Document) -> None:
    for p in pair.passages:
        assert 0 <= p.a_start < p.a_end <= len(a.text)
        assert 0 <= p.b_start < p.b_end <= len(b.text)
        assert a.text[p.a_start : p.a_end] == a.text[p.a_start : p.a_end].strip()
        for old, new in p.substitutions:
            assert old.lower() in a.text[p.a_start : p.a_end].lower()
            assert new.lower() in b.text[p.b_start : p.b_end].lower()
    assert 0.0 <= pair.coverage_a <= 1.0 and 0.0 <= pair.coverage_b <= 1.0


@given(related_pair())
@settings(max_examples=EXAMPLES, deadline=None)
def test_passages_lie_inside_both_documents_on_the_right_text(
    docs: tuple[Document, Document],
) -> None:
    a, b = docs
    result = compare_documents(a, b)
    for pair in result.pairs:
        check_spans(pair, a, b)
    for report, doc in zip(result.documents, docs, strict=True):
        for span in (*report.boilerplate, *report.inserted):
            assert 0 <= span.start < span.end <= len(doc.text)


def mirrored(pair: PairResult) -> tuple[object, ...]:
    flipped = {"a->b": "b->a", "b->a": "a->b", None: None}[pair.direction]
    passages = sorted(
        (p.b_start, p.b_end, p.a_start, p.a_end, p.kind, p.similarity) for p in pair.passages
    )
    return (
        pair.b,
        pair.a,
        pair.relation,
        pair.score,
        pair.coverage_b,
        pair.coverage_a,
        flipped,
        passages,
    )


def plain(pair: PairResult) -> tuple[object, ...]:
    passages = sorted(
        (p.a_start, p.a_end, p.b_start, p.b_end, p.kind, p.similarity) for p in pair.passages
    )
    return (
        pair.a,
        pair.b,
        pair.relation,
        pair.score,
        pair.coverage_a,
        pair.coverage_b,
        pair.direction,
        passages,
    )


@given(related_pair())
@settings(max_examples=EXAMPLES, deadline=None)
def test_compare_a_b_mirrors_compare_b_a(docs: tuple[Document, Document]) -> None:
    a, b = docs
    forward = compare_documents(a, b).pairs
    backward = compare_documents(b, a).pairs
    assert [mirrored(p) for p in forward] == [plain(p) for p in backward]


@given(distinct_story())
@settings(max_examples=EXAMPLES, deadline=None)
def test_a_document_compared_with_itself_is_a_duplicate_with_full_coverage(text: str) -> None:
    doc = Document("a", text)
    (pair,) = compare_documents(doc, doc).pairs
    assert pair.relation == "duplicate"
    assert (pair.coverage_a, pair.coverage_b, pair.score) == (1.0, 1.0, 1.0)
    assert all(p.kind == "verbatim" and p.a_start == p.b_start for p in pair.passages)


def test_a_short_sentence_is_aligned_with_itself_too() -> None:
    text = (
        "Dock workers at the port of Valmera walked off the job on Monday, halting the loading "
        "of ships. He agreed. The union said about 4,200 members joined the strike after talks "
        "with the port authority collapsed."
    )
    doc = Document("a", text)
    (pair,) = compare_documents(doc, doc).pairs
    assert (pair.relation, pair.coverage_a, pair.coverage_b) == ("duplicate", 1.0, 1.0)


def test_a_repetitive_document_is_a_duplicate_of_itself() -> None:
    line = "Government government government government government government."
    doc = Document("a", f"{line}\n\n{line}")
    (pair,) = compare_documents(doc, doc).pairs
    assert pair.relation == "duplicate"
