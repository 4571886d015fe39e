"""Results never depend on input order: a shuffled corpus gives the same pairs, with the same
scores and passages, and the same families with the same ids and originals."""

from __future__ import annotations

from random import Random

from hypothesis import given, settings
from hypothesis import strategies as st
from pairs import corpus
from texts import distinct_story

from unspin.candidates import candidate_pairs
from unspin.engines import get_engine
from unspin.engines.base import EngineResult
from unspin.index import doc_features
from unspin.model import Document
from unspin.pipeline import NoProgress, prepare_document

# A run over a corpus of up to 20 documents costs a fraction of a second; this many corpora
# (each run twice) keeps the test to a few seconds.
EXAMPLES = 12


def run(documents: list[Document]) -> EngineResult:
    return get_engine("local", workers=1).run(documents, NoProgress())


def pairs_of(result: EngineResult) -> set[tuple[object, ...]]:
    return {
        (
            p.a,
            p.b,
            p.relation,
            round(p.score, 3),
            round(p.coverage_a, 3),
            round(p.coverage_b, 3),
            p.direction,
            tuple((q.a_start, q.a_end, q.b_start, q.b_end, q.kind) for q in p.passages),
        )
        for p in result.pairs
    }


def families_of(result: EngineResult) -> set[tuple[object, ...]]:
    return {(f.id, f.members, f.original) for f in result.families}


def reports_of(result: EngineResult) -> dict[str, object]:
    return {d.id: (d.boilerplate, d.inserted) for d in result.documents}


@given(corpus(), st.randoms(use_true_random=False))
@settings(max_examples=EXAMPLES, deadline=None)
def test_a_shuffled_corpus_gives_the_same_pairs_and_families(
    documents: list[Document], random: Random
) -> None:
    shuffled = list(documents)
    random.shuffle(shuffled)

    first, second = run(documents), run(shuffled)

    assert pairs_of(second) == pairs_of(first)
    assert families_of(second) == families_of(first)
    assert reports_of(second) == reports_of(first)
    # Output order is part of the result too.
    assert [(p.a, p.b) for p in second.pairs] == [(p.a, p.b) for p in first.pairs]
    assert [f.id for f in second.families] == [f.id for f in first.families]
    assert sorted(d.id for d in second.documents) == sorted(d.id for d in first.documents)


@given(distinct_story(), st.integers(13, 20), st.randoms(use_true_random=False))
@settings(max_examples=4, deadline=None)
def test_a_family_of_many_copies_does_not_depend_on_order(
    text: str, copies: int, random: Random
) -> None:
    # Past MAX_BUCKET_PAIRS identical documents share an LSH bucket that is chained, not
    # paired all-to-all: the chain must follow ids, not input order.
    documents = [Document(f"copy{n:02d}", text) for n in range(copies)]
    shuffled = list(documents)
    random.shuffle(shuffled)

    first, second = run(documents), run(shuffled)

    assert pairs_of(second) == pairs_of(first)
    assert families_of(second) == families_of(first)
    (family,) = first.families
    assert len(family.members) == copies


@given(corpus())
@settings(max_examples=EXAMPLES, deadline=None)
def test_candidate_pairs_are_distinct_documents_each_once_in_id_order(
    documents: list[Document],
) -> None:
    prepared = [prepare_document(d, {}) for d in documents]
    ids, stats = candidate_pairs([doc_features(p) for p in prepared])
    assert {side for pair in ids for side in pair} <= {d.id for d in documents}
    assert all(a < b for a, b in ids)
    assert ids == sorted(set(ids))
    assert stats.total == len(ids)
    # Every byte-identical pair is a candidate (no LSH bucket is big enough to be chained
    # in corpora this small): verbatim copies are never missed.
    for x, first in enumerate(documents):
        for second in documents[x + 1 :]:
            if first.text == second.text and prepared[x].story:
                assert tuple(sorted((first.id, second.id))) in ids
