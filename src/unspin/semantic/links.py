"""Sentence links and candidate document pairs from sentence embeddings.

Every function here takes rows that are already L2-normalised (``SentenceEncoder.encode``
returns them so): the dot product of two rows is their cosine similarity.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from itertools import combinations

import numpy as np

from unspin.semantic._extra import require

# Cosine of two sentence embeddings at or above which the sentences say the same thing.
# Tuned on MSRP train (4,076 news sentence pairs, 67.5% paraphrases): the best accuracy there
# is at 0.708 (accuracy 0.735, F1 0.808); rounded down to 0.70. At 0.70, MSRP test (1,725
# pairs, majority class 0.665): accuracy 0.722, F1 0.798. The seeds' paraphrased quote scores
# 0.91. Re-run `python benchmarks/semantic/run.py msrp` after changing the model.
PARAPHRASE_MIN = 0.70
# The same, for two sentences in different languages (documents whose `lang` differ): a
# translation scores lower than a same-language paraphrase. On the 30 hand-translated
# sentences of tests/semantic/data (English -> German, French) a translation scores 0.57-0.87
# with its source (mean 0.76), and at most 0.48 with another sentence of its paragraph; over
# the 3,450 English sentences of MSRP test, 29 of the 30 translations score at most 0.52 with
# their nearest one, and one short French sentence ("little rain before October") 0.62 with
# a sentence about heavy rain. 0.55 keeps every translation (PARAPHRASE_MIN keeps 23 of 30);
# its precision rests on the one-to-one links and on passages needing neighbours. Re-run
# `python benchmarks/semantic/run.py crosslingual`.
XLING_PARAPHRASE_MIN = 0.55
# Nearest neighbours looked up per sentence for candidate pairs. A sentence of an article
# copied into many others has one neighbour per copy; past this many it is a stock phrase
# and the lexical candidates (MinHash, rare shingles) already pair the copies.
NEIGHBOURS_K = 10
# Sentence links (at PARAPHRASE_MIN) two documents must share to become a candidate: one
# shared sentence is often a quote both articles took from a third source.
MIN_SHARED_SENTENCES = 2
# A sentence found in more documents than this is boilerplate or a stock phrase; it is left
# out so it cannot pair all its documents with each other (lexical candidates chain copies).
MAX_SENTENCE_DOCS = 20
# Two vectors this close are one sentence: encoding the same sentence in another batch moves
# its vector by ~2e-7 (float32 rounding inside the model), a cosine of 1 - 1e-7 at worst.
SAME_SENTENCE_MIN = 0.9999


def similarity_matrix(a_vectors: np.ndarray, b_vectors: np.ndarray) -> np.ndarray:
    """Cosine of every row of ``a_vectors`` with every row of ``b_vectors`` (float32)."""
    a, b = _matrix(a_vectors), _matrix(b_vectors)
    if len(a) == 0 or len(b) == 0:
        return np.zeros((len(a), len(b)), dtype=np.float32)
    return np.asarray(a @ b.T, dtype=np.float32)


def _matrix(vectors: np.ndarray) -> np.ndarray:
    """``vectors`` as a 2-D float32 array (one row per sentence; no sentences is fine)."""
    rows = np.asarray(vectors, dtype=np.float32)
    if rows.ndim != 2:
        raise ValueError(f"expected one row per sentence (2-D), got shape {rows.shape}")
    return rows


def paraphrase_links(
    a_vectors: np.ndarray,
    b_vectors: np.ndarray,
    *,
    skip_a: frozenset[int] = frozenset(),
    skip_b: frozenset[int] = frozenset(),
    min_similarity: float = PARAPHRASE_MIN,
) -> list[tuple[int, int, float]]:
    """One-to-one sentence links ``(i, j, cosine)`` with cosine >= ``min_similarity``.

    Greedy by similarity (ties broken by ``(i, j)``): the most similar pair is linked first,
    and a sentence is linked at most once. Rows in ``skip_a`` / ``skip_b`` (sentences already
    linked lexically) take no part. The links come back sorted by ``(i, j)``.
    """
    sims = similarity_matrix(a_vectors, b_vectors)
    if sims.size == 0:
        return []
    ii, jj = np.nonzero(sims >= min_similarity)
    values = sims[ii, jj]
    order = np.lexsort((jj, ii, -values))  # by similarity, descending, then i, then j
    used_a: set[int] = set(skip_a)
    used_b: set[int] = set(skip_b)
    links: list[tuple[int, int, float]] = []
    for k in order.tolist():
        i, j = int(ii[k]), int(jj[k])
        if i in used_a or j in used_b:
            continue
        used_a.add(i)
        used_b.add(j)
        links.append((i, j, round(float(values[k]), 4)))
    return sorted(links)


def semantic_candidate_pairs(
    doc_vectors: Sequence[np.ndarray],
    *,
    min_similarity: float = PARAPHRASE_MIN,
    k: int = NEIGHBOURS_K,
    min_shared: int = MIN_SHARED_SENTENCES,
) -> set[tuple[int, int]]:
    """Document pairs ``(i, j)``, ``i < j``, sharing ``min_shared`` or more paraphrased sentences.

    ``doc_vectors[d]`` holds the sentence embeddings of document ``d`` (one row per story
    sentence, possibly none). All sentences go into one exact inner-product index (faiss
    ``IndexFlatIP``) and each looks up its ``k`` nearest neighbours. The same sentence in
    several documents is indexed once (vectors equal or within SAME_SENTENCE_MIN), in an order
    that depends only on the vectors' values: the result does not depend on the order of the
    documents (up to relabelling), and copies cannot crowd out a sentence's real neighbours.
    A sentence found in more than MAX_SENTENCE_DOCS documents is left out.

    Raises :class:`unspin.errors.MissingExtraError` when faiss is not installed.
    """
    require(("faiss",))
    unique, holders = _unique_rows(doc_vectors)
    if len(unique) == 0:
        return set()
    sims, neighbours = _search(unique, unique, k + 1)  # +1: a sentence finds itself first
    groups = _same_sentence_groups(sims, neighbours)
    owners = [tuple(sorted(set().union(*(holders[u] for u in g)))) for g in groups]
    kept = [n for n, docs in enumerate(owners) if len(docs) <= MAX_SENTENCE_DOCS]
    if len(kept) < len(unique):  # copies merged or dropped: search the sentences left
        reps = np.ascontiguousarray(unique[[groups[n][0] for n in kept]])
        owners = [owners[n] for n in kept]
        sims, neighbours = _search(reps, reps, k + 1)

    shared: dict[tuple[int, int], int] = defaultdict(int)
    for u in range(len(owners)):
        for sim, v in zip(sims[u].tolist(), neighbours[u].tolist(), strict=True):
            if v > u and sim >= min_similarity:
                for pair in _doc_pairs(owners[u], owners[v]):
                    shared[pair] += 1
    for docs in owners:  # the same sentence, word for word, in several documents
        for pair in combinations(docs, 2):
            shared[pair] += 1
    return {pair for pair, count in shared.items() if count >= min_shared}


def _search(base: np.ndarray, queries: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """The ``k`` nearest rows of ``base`` for each query (cosines, row numbers; -1 = none)."""
    import faiss

    index = faiss.IndexFlatIP(base.shape[1])
    index.add(base)
    sims, neighbours = index.search(queries, min(k, len(base)))
    return np.asarray(sims), np.asarray(neighbours)


def _unique_rows(doc_vectors: Sequence[np.ndarray]) -> tuple[np.ndarray, list[set[int]]]:
    """Distinct sentence vectors, sorted by value, and the documents holding each."""
    blocks = [(d, _matrix(v)) for d, v in enumerate(doc_vectors)]
    blocks = [(d, rows) for d, rows in blocks if len(rows)]
    if not blocks:
        return np.zeros((0, 0), dtype=np.float32), []
    stacked = np.concatenate([rows for _, rows in blocks])
    doc_of_row = np.concatenate([np.full(len(rows), d, dtype=np.int64) for d, rows in blocks])
    unique, inverse = np.unique(stacked, axis=0, return_inverse=True)
    holders: list[set[int]] = [set() for _ in range(len(unique))]
    for row, doc in zip(inverse.reshape(-1).tolist(), doc_of_row.tolist(), strict=True):
        holders[row].add(doc)
    return np.ascontiguousarray(unique, dtype=np.float32), holders


def _same_sentence_groups(sims: np.ndarray, neighbours: np.ndarray) -> list[list[int]]:
    """Rows joined through neighbours at SAME_SENTENCE_MIN or more, each group sorted.

    Groups come in order of their first row, and rows are sorted by value, so the grouping
    depends on the vectors only. A group of up to ``k + 1`` copies is always found whole.
    """
    parent = list(range(len(sims)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    close = np.argwhere(sims >= SAME_SENTENCE_MIN)
    for u, slot in close.tolist():
        v = int(neighbours[u, slot])
        if v >= 0:
            ru, rv = find(u), find(v)
            if ru != rv:
                parent[max(ru, rv)] = min(ru, rv)
    groups: dict[int, list[int]] = defaultdict(list)
    for row in range(len(parent)):
        groups[find(row)].append(row)
    return [groups[root] for root in sorted(groups)]


def _doc_pairs(left: tuple[int, ...], right: tuple[int, ...]) -> set[tuple[int, int]]:
    return {(min(x, y), max(x, y)) for x in left for y in right if x != y}
