"""The word alignment's dynamic programme, on integer arrays and in compiled code.

A longest common subsequence where an exact match scores 3 and a synonym or inflection 2
(so exact matches win ties of length). It was the hot path of a scan (64% of alignment time
on spun-news copies, profiled with pyinstrument; see benchmarks/README.md): the table is
now filled by a numba-compiled loop, and the Python work is one equivalence test per pair
of *distinct content words* that share a lexicon key (`unspin.align.equivalence`) instead
of one per cell.

The answer is the one the pure-Python table gave (a test compares them on random texts):
which cells may match is decided exactly as before (equal words, else `equivalent`).
"""

from __future__ import annotations

import numpy as np
from numba import njit

from unspin.align.equivalence import Equivalents, equivalent_pairs
from unspin.lexicon import stopwords

EXACT_GAIN, EQUIVALENT_GAIN = 3, 2


@njit(cache=True, nogil=True)
def _table_path(gain: np.ndarray) -> np.ndarray:  # pragma: no cover - compiled
    n, m = gain.shape
    score = np.zeros((n + 1, m + 1), dtype=np.int32)
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            down, right = score[i + 1, j], score[i, j + 1]
            best = down if down >= right else right
            g = gain[i, j]
            if g > 0:
                diagonal = g + score[i + 1, j + 1]
                if diagonal > best:
                    best = diagonal
            score[i, j] = best
    path = np.empty((min(n, m), 2), dtype=np.int64)
    k = i = j = 0
    while i < n and j < m:
        g = gain[i, j]
        if g > 0 and score[i, j] == g + score[i + 1, j + 1]:
            path[k, 0], path[k, 1] = i, j
            k += 1
            i += 1
            j += 1
        elif score[i + 1, j] >= score[i, j + 1]:
            i += 1
        else:
            j += 1
    return path[:k]


def gain_matrix(
    a: list[str], b: list[str], lang: str, equivalents: Equivalents | None = None
) -> np.ndarray:
    """What matching word ``i`` of ``a`` with word ``j`` of ``b`` scores: 3, 2 or 0.
    ``equivalents`` answers as `equivalent_pairs` in ``lang`` does, from what it already
    knows of the two documents (`word_match.PairWords`)."""
    vocabulary: dict[str, int] = {}
    ids_a = np.array([vocabulary.setdefault(w, len(vocabulary)) for w in a], dtype=np.int64)
    ids_b = np.array([vocabulary.setdefault(w, len(vocabulary)) for w in b], dtype=np.int64)
    gain = np.where(ids_a[:, None] == ids_b[None, :], EXACT_GAIN, 0).astype(np.int8)
    stop = stopwords(lang)  # `equivalent` never pairs a stop word with another word
    left = sorted({w for w in a if w not in stop})
    right = sorted({w for w in b if w not in stop})
    found = equivalents(left, right) if equivalents else equivalent_pairs(left, right, lang)
    pairs = [(x, y) for x, y in found if left[x] != right[y]]
    if pairs:
        same = np.zeros((len(vocabulary), len(vocabulary)), dtype=bool)
        for x, y in pairs:
            same[vocabulary[left[x]], vocabulary[right[y]]] = True
        gain[(gain == 0) & same[ids_a][:, ids_b]] = EQUIVALENT_GAIN
    return gain


def weighted_lcs(
    a: list[str], b: list[str], lang: str, equivalents: Equivalents | None = None
) -> list[tuple[int, int, bool]]:
    """The matched positions ``(i, j, exact)`` of the best alignment of ``a`` and ``b``."""
    if not a or not b:
        return []
    gain = gain_matrix(a, b, lang, equivalents)
    path = _table_path(gain)
    return [(i, j, bool(gain[i, j] == EXACT_GAIN)) for i, j in path.tolist()]


def compile_now() -> None:
    """Compile (or load from numba's cache) the table loop here, before workers fork, so
    that they share it instead of each compiling its own."""
    _table_path(np.zeros((1, 1), dtype=np.int8))
