"""Words copied in a row that sentence linking missed: the copy's layout is not the source's.

A copy that joins a source's list items or hard-wrapped lines into one long sentence, or
cuts one sentence into several, has no sentence pair similar enough to link, though the
words are the same in the same order (issue 9: on PAN 2013 such copies were not aligned).
So after linking, long runs of identical words outside every passage are found directly
from word n-grams, as seed-and-extend aligners do, and become passages of their own.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

import numpy as np
import xxhash

from unspin.prepare import Prepared

# Words in a row a run needs to stand on its own, outside any linked sentence pair: as
# many as one verbatim passage needs to make a pair by itself (relate.MIN_ALIGNED_WORDS).
# Two reports quoting one speaker share shorter runs. Re-run `python -m benchmarks.pan13
# run` and `python benchmarks/run.py bbc-precision` after changing it.
SEED_WORDS = 12


def _free_segments(prepared: Prepared, taken: Iterable[int]) -> list[range]:
    """Stretches of consecutive story tokens that no passage holds, SEED_WORDS or longer."""
    held = set(taken)
    segments: list[range] = []
    start = end = -1
    for s in prepared.story:
        sentence = prepared.tokens.sentences[s]
        for k in range(sentence.tok_lo, sentence.tok_hi):
            if k in held:
                continue
            if k != end:  # a gap: boilerplate, a held token, or a sentence without tokens
                if end - start >= SEED_WORDS:
                    segments.append(range(start, end))
                start = k
            end = k + 1
    if end - start >= SEED_WORDS:
        segments.append(range(start, end))
    return segments


# Documents whose window hashes are kept between pairs (8 bytes a token).
HASH_CACHE_DOCUMENTS = 4096
_WINDOW_MULTIPLIER = np.uint64(0x9E3779B97F4A7C15)


@lru_cache(maxsize=HASH_CACHE_DOCUMENTS)
def _window_hashes(prepared: Prepared) -> np.ndarray:
    """A 64-bit hash of the SEED_WORDS words from each token on (the windows that fit)."""
    words = np.array(
        [
            xxhash.xxh3_64_intdigest(n.encode("utf-8", "surrogatepass"))
            for n in prepared.tokens.norms
        ],
        dtype=np.uint64,
    )
    count = len(words) - SEED_WORDS + 1
    hashes = np.zeros(max(0, count), dtype=np.uint64)
    for k in range(SEED_WORDS if count > 0 else 0):
        hashes = hashes * _WINDOW_MULTIPLIER + words[k : k + count]  # wraps: mod 2**64
    return hashes


def _windows_once(prepared: Prepared, segments: list[range]) -> tuple[np.ndarray, np.ndarray]:
    """The windows that lie inside a free segment and occur there once: hashes (sorted) and
    where each starts."""
    starts = np.concatenate(
        [np.arange(seg.start, seg.stop - SEED_WORDS + 1) for seg in segments]
    ).astype(np.int64)
    hashes, first, counts = np.unique(
        _window_hashes(prepared)[starts], return_index=True, return_counts=True
    )
    once = counts == 1
    return hashes[once], starts[first[once]]


def unlinked_runs(
    a: Prepared, b: Prepared, taken_a: Iterable[int], taken_b: Iterable[int]
) -> list[tuple[list[int], list[int]]]:
    """Maximal runs of identical words through a SEED_WORDS window that occurs once in the
    free story tokens of each side. A window repeated on a side (a refrain, a repeated
    line) says nothing about which copy is which, and pairing occurrences in the order of
    one side would make `compare A B` differ from `compare B A`. Windows are compared by
    64-bit hashes, then word by word."""
    segments_a, segments_b = _free_segments(a, taken_a), _free_segments(b, taken_b)
    if not segments_a or not segments_b:
        return []
    hashes_a, at_a = _windows_once(a, segments_a)
    hashes_b, at_b = _windows_once(b, segments_b)
    _, in_a, in_b = np.intersect1d(hashes_a, hashes_b, assume_unique=True, return_indices=True)
    norms_a, norms_b = a.tokens.norms, b.tokens.norms

    def segment_of(segments: list[range], k: int) -> range:
        return next(segment for segment in segments if k in segment)

    runs: set[tuple[int, int, int]] = set()
    for i, j in zip(at_a[in_a].tolist(), at_b[in_b].tolist(), strict=True):
        if norms_a[i : i + SEED_WORDS] != norms_b[j : j + SEED_WORDS]:
            continue  # two windows with one hash
        seg_a, seg_b = segment_of(segments_a, i), segment_of(segments_b, j)
        while i > seg_a.start and j > seg_b.start and norms_a[i - 1] == norms_b[j - 1]:
            i, j = i - 1, j - 1
        length = 0
        while (
            i + length < seg_a.stop
            and j + length < seg_b.stop
            and norms_a[i + length] == norms_b[j + length]
        ):
            length += 1
        runs.add((i, j, length))
    return [
        (list(range(i, i + length)), list(range(j, j + length))) for i, j, length in sorted(runs)
    ]
