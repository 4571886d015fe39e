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


def _windows(prepared: Prepared, segments: list[range]) -> dict[tuple[str, ...], list[int]]:
    norms = prepared.tokens.norms
    found: dict[tuple[str, ...], list[int]] = {}
    for segment in segments:
        for k in range(segment.start, segment.stop - SEED_WORDS + 1):
            found.setdefault(norms[k : k + SEED_WORDS], []).append(k)
    return found


def unlinked_runs(
    a: Prepared, b: Prepared, taken_a: Iterable[int], taken_b: Iterable[int]
) -> list[tuple[list[int], list[int]]]:
    """Maximal runs of identical words through a SEED_WORDS window that occurs once in the
    free story tokens of each side. A window repeated on a side (a refrain, a repeated
    line) says nothing about which copy is which, and pairing occurrences in the order of
    one side would make `compare A B` differ from `compare B A`."""
    segments_a, segments_b = _free_segments(a, taken_a), _free_segments(b, taken_b)
    if not segments_a or not segments_b:
        return []
    windows_a, windows_b = _windows(a, segments_a), _windows(b, segments_b)
    norms_a, norms_b = a.tokens.norms, b.tokens.norms

    def segment_of(segments: list[range], k: int) -> range:
        return next(segment for segment in segments if k in segment)

    runs: set[tuple[int, int, int]] = set()
    for key, at_a in windows_a.items():
        at_b = windows_b.get(key)
        if len(at_a) != 1 or at_b is None or len(at_b) != 1:
            continue
        i, j = at_a[0], at_b[0]
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
