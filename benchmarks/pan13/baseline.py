"""A plain seed-and-merge baseline: shared word 5-grams as seeds, merged into passages.

Words are runs of letters and digits, lower-cased. Every word 5-gram the two documents
share is a seed, one per pair of occurrences (a 5-gram occurring more than
``MAX_OCCURRENCES`` times on a side is skipped: it is a formula, not reuse). Seeds sorted by
their suspicious-side start join the first open cluster whose extent, grown by ``GAP``
characters, they touch on *both* sides; a cluster of at least ``MIN_SEEDS`` seeds is a
detection spanning its seeds on each side. No tuning on this corpus beyond picking the
round numbers below from a 20-pair-per-class look (``python -m benchmarks.pan13 run
--methods baseline``).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

N = 5
GAP = 200  # characters between seeds on each side that still merge
MIN_SEEDS = 3
MAX_OCCURRENCES = 5

WORD = re.compile(r"\w+")

Span = tuple[int, int]


def _grams(text: str) -> dict[tuple[str, ...], list[Span]]:
    words = [(m.group().lower(), m.start(), m.end()) for m in WORD.finditer(text)]
    out: dict[tuple[str, ...], list[Span]] = defaultdict(list)
    for i in range(len(words) - N + 1):
        gram = tuple(w for w, _, _ in words[i : i + N])
        out[gram].append((words[i][1], words[i + N - 1][2]))
    return out


@dataclass
class _Cluster:
    a: list[int]  # start, end on the suspicious side
    b: list[int]
    seeds: int = 1


def detect(
    susp: str, src: str, gap: int = GAP, min_seeds: int = MIN_SEEDS
) -> list[tuple[Span, Span]]:
    grams_b = _grams(src)
    seeds: list[tuple[Span, Span]] = []
    for gram, at_a in _grams(susp).items():
        at_b = grams_b.get(gram)
        if not at_b or len(at_a) > MAX_OCCURRENCES or len(at_b) > MAX_OCCURRENCES:
            continue
        seeds += [(x, y) for x in at_a for y in at_b]
    seeds.sort()
    clusters: list[_Cluster] = []
    open_: list[_Cluster] = []
    for (a0, a1), (b0, b1) in seeds:
        open_ = [c for c in open_ if a0 <= c.a[1] + gap]
        for c in open_:
            if b0 <= c.b[1] + gap and b1 >= c.b[0] - gap:
                c.a[1] = max(c.a[1], a1)
                c.b[0], c.b[1] = min(c.b[0], b0), max(c.b[1], b1)
                c.seeds += 1
                break
        else:
            c = _Cluster([a0, a1], [b0, b1])
            clusters.append(c)
            open_.append(c)
    return [((c.a[0], c.a[1]), (c.b[0], c.b[1])) for c in clusters if c.seeds >= min_seeds]
