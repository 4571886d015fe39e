"""Sentence links and candidate pairs on hand-made unit vectors (no model needed)."""

from __future__ import annotations

import numpy as np
import pytest

from unspin.semantic import PARAPHRASE_MIN, paraphrase_links
from unspin.semantic.links import MAX_SENTENCE_DOCS

DIM = 16


def unit(*weights: tuple[int, float]) -> np.ndarray:
    """A unit vector with the given (axis, weight) components."""
    v = np.zeros(DIM, dtype=np.float32)
    for axis, weight in weights:
        v[axis] = weight
    return v / np.linalg.norm(v)


def rows(*vectors: np.ndarray) -> np.ndarray:
    return np.stack(vectors).astype(np.float32)


def test_links_are_one_to_one_and_greedy_by_similarity() -> None:
    a = rows(unit((0, 1.0)), unit((0, 1.0), (1, 0.3)), unit((5, 1.0)))
    # b0 is the best partner of both a0 and a1; a0 gets it (exact match), a1 takes b1
    b = rows(unit((0, 1.0)), unit((0, 1.0), (1, 0.5)), unit((9, 1.0)))
    links = paraphrase_links(a, b)
    assert [(i, j) for i, j, _ in links] == [(0, 0), (1, 1)]
    assert len({i for i, _, _ in links}) == len({j for _, j, _ in links}) == len(links)
    assert all(sim >= PARAPHRASE_MIN for _, _, sim in links)
    assert links[0][2] == pytest.approx(1.0)


def test_links_skip_sentences_already_linked() -> None:
    a = rows(unit((0, 1.0)), unit((1, 1.0)))
    b = rows(unit((0, 1.0)), unit((1, 1.0)))
    assert paraphrase_links(a, b, skip_a=frozenset({0})) == [(1, 1, 1.0)]
    assert paraphrase_links(a, b, skip_b=frozenset({1})) == [(0, 0, 1.0)]
    assert paraphrase_links(a, b, skip_a=frozenset({0, 1})) == []


def test_links_below_the_threshold_are_not_made() -> None:
    below = PARAPHRASE_MIN - 0.05
    other = np.sqrt(1 - below**2)
    a = rows(unit((0, 1.0)))
    b = rows(unit((0, below), (1, other)))
    assert paraphrase_links(a, b) == []
    assert paraphrase_links(a, b, min_similarity=below - 0.01) == [(0, 0, round(below, 4))]


def test_links_of_empty_sides() -> None:
    empty = np.zeros((0, DIM), dtype=np.float32)
    assert paraphrase_links(empty, rows(unit((0, 1.0)))) == []
    assert paraphrase_links(rows(unit((0, 1.0))), empty) == []


def _corpus() -> list[np.ndarray]:
    """Six documents: 0 and 3 share three paraphrased sentences; 1 and 4 share one exact
    sentence and one paraphrase; 2 shares a single sentence with 0 (not enough); 5 is alone."""
    rng = np.random.default_rng(7)
    base = rng.standard_normal((12, 64)).astype(np.float32)

    def near(k: int, noise: float = 0.15) -> np.ndarray:
        return base[k] + noise * rng.standard_normal(64).astype(np.float32)

    docs = [
        [near(0), near(1), near(2), base[9]],
        [base[3], near(4)],
        [near(0, 0.1), near(10)],
        [near(0), near(1), near(2)],
        [base[3], near(4)],
        [near(11), base[5]],
    ]
    out = []
    for doc in docs:
        m = np.stack(doc)
        out.append((m / np.linalg.norm(m, axis=1, keepdims=True)).astype(np.float32))
    return out


def test_candidate_pairs_need_enough_shared_sentences() -> None:
    pytest.importorskip("faiss")
    from unspin.semantic import semantic_candidate_pairs

    assert semantic_candidate_pairs(_corpus()) == {(0, 3), (1, 4)}
    assert semantic_candidate_pairs(_corpus(), min_shared=1) >= {(0, 2), (0, 3), (1, 4)}


def test_candidate_pairs_do_not_depend_on_input_order() -> None:
    pytest.importorskip("faiss")
    from unspin.semantic import semantic_candidate_pairs

    docs = _corpus()
    # add exact copies so ties in the nearest-neighbour lists are plentiful
    docs += [docs[0].copy(), docs[0].copy(), docs[1].copy()]
    expected = semantic_candidate_pairs(docs, k=2)
    for seed in range(5):
        perm = np.random.default_rng(seed).permutation(len(docs))
        # the document at new position p is old document perm[p]; rows shuffled too
        shuffled = [docs[old][::-1].copy() for old in perm]
        found = semantic_candidate_pairs(shuffled, k=2)
        relabelled = {tuple(sorted((int(perm[i]), int(perm[j])))) for i, j in found}
        assert relabelled == expected
        assert all(i < j for i, j in found)


def test_a_sentence_in_too_many_documents_pairs_nobody() -> None:
    pytest.importorskip("faiss")
    from unspin.semantic import semantic_candidate_pairs

    stock = unit((0, 1.0))
    docs = [rows(stock, unit((1 + d % 15, 1.0))) for d in range(MAX_SENTENCE_DOCS + 1)]
    # every document shares the stock sentence; the second sentences pair docs d, d+15
    found = semantic_candidate_pairs(docs, min_shared=1)
    assert found == {(d, d + 15) for d in range(MAX_SENTENCE_DOCS + 1 - 15)}


def test_candidate_pairs_of_empty_documents() -> None:
    pytest.importorskip("faiss")
    from unspin.semantic import semantic_candidate_pairs

    empty = np.zeros((0, DIM), dtype=np.float32)
    assert semantic_candidate_pairs([]) == set()
    assert semantic_candidate_pairs([empty, empty]) == set()


def test_copies_of_a_sentence_from_other_batches_do_not_crowd_out_its_paraphrases() -> None:
    pytest.importorskip("faiss")
    from unspin.semantic import semantic_candidate_pairs

    rng = np.random.default_rng(3)
    source = rng.standard_normal((2, 64)).astype(np.float32)
    source /= np.linalg.norm(source, axis=1, keepdims=True)
    # the model gives the same sentence vectors ~2e-7 apart when batched differently
    copies = [
        source + 2e-7 * rng.standard_normal(source.shape).astype(np.float32) for _ in range(15)
    ]
    paraphrase = source + 0.05 * rng.standard_normal(source.shape).astype(np.float32)
    paraphrase /= np.linalg.norm(paraphrase, axis=1, keepdims=True)
    assert np.all(np.einsum("ij,ij->i", source, paraphrase) >= PARAPHRASE_MIN)
    docs = [*copies, paraphrase]
    found = semantic_candidate_pairs(docs, k=3)  # far fewer neighbours than copies
    assert {(i, 15) for i in range(15)} <= found
    assert found == {(i, j) for i in range(16) for j in range(i + 1, 16)}
