"""Words copied in a row that sentence linking missed: the copy's layout is not the source's.

A copy that joins a source's list items or hard-wrapped lines into one long sentence, or
cuts one sentence into several, has no sentence pair similar enough to link, though the
words are the same in the same order (issue 9: on PAN 2013 such copies were not aligned).
So after linking, long runs of identical words outside every passage are found directly
from word n-grams, as seed-and-extend aligners do, and become passages of their own.
"""

from __future__ import annotations

from collections.abc import Iterable

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


def unlinked_runs(
    a: Prepared, b: Prepared, taken_a: Iterable[int], taken_b: Iterable[int]
) -> list[tuple[list[int], list[int]]]:
    """Maximal runs of at least SEED_WORDS identical words, in free story tokens of both."""
    segments_b = _free_segments(b, taken_b)
    if not segments_b:
        return []
    norms_a, norms_b = a.tokens.norms, b.tokens.norms
    starts: dict[tuple[str, ...], list[tuple[int, range]]] = {}
    for segment in segments_b:
        for j in range(segment.start, segment.stop - SEED_WORDS + 1):
            starts.setdefault(norms_b[j : j + SEED_WORDS], []).append((j, segment))
    runs: list[tuple[list[int], list[int]]] = []
    used_b: set[int] = set()
    for segment in _free_segments(a, taken_a):
        i = segment.start
        while i <= segment.stop - SEED_WORDS:
            found = next(
                (
                    (j, seg)
                    for j, seg in starts.get(norms_a[i : i + SEED_WORDS], ())
                    if j not in used_b
                ),
                None,
            )
            if found is None:
                i += 1
                continue
            j, segment_b = found
            length = SEED_WORDS
            while (
                i + length < segment.stop
                and j + length < segment_b.stop
                and j + length not in used_b
                and norms_a[i + length] == norms_b[j + length]
            ):
                length += 1
            runs.append((list(range(i, i + length)), list(range(j, j + length))))
            used_b.update(range(j, j + length))
            i += length
    return runs
