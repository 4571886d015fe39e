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


def _free_tokens(prepared: Prepared, taken: Iterable[int]) -> set[int]:
    """Tokens of story sentences that no passage holds yet."""
    free: set[int] = set()
    for s in prepared.story:
        sentence = prepared.tokens.sentences[s]
        free.update(range(sentence.tok_lo, sentence.tok_hi))
    return free - set(taken)


def unlinked_runs(
    a: Prepared, b: Prepared, taken_a: Iterable[int], taken_b: Iterable[int]
) -> list[tuple[list[int], list[int]]]:
    """Maximal runs of at least SEED_WORDS identical words, in free story tokens of both."""
    free_a, free_b = _free_tokens(a, taken_a), _free_tokens(b, taken_b)
    norms_a, norms_b = a.tokens.norms, b.tokens.norms
    starts: dict[tuple[str, ...], list[int]] = {}
    for j in sorted(free_b):
        window = range(j, j + SEED_WORDS)
        if all(k in free_b for k in window):
            starts.setdefault(tuple(norms_b[k] for k in window), []).append(j)
    runs: list[tuple[list[int], list[int]]] = []
    used_b: set[int] = set()
    i_sorted = sorted(free_a)
    skip_to = -1
    for i in i_sorted:
        if i < skip_to or not all(k in free_a for k in range(i, i + SEED_WORDS)):
            continue
        key = tuple(norms_a[k] for k in range(i, i + SEED_WORDS))
        found = next((j for j in starts.get(key, ()) if j not in used_b), None)
        if found is None:
            continue
        j = found
        length = SEED_WORDS
        while (
            i + length in free_a
            and j + length in free_b
            and j + length not in used_b
            and norms_a[i + length] == norms_b[j + length]
        ):
            length += 1
        runs.append((list(range(i, i + length)), list(range(j, j + length))))
        used_b.update(range(j, j + length))
        skip_to = i + length
    return runs
