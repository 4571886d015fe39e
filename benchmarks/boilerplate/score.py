"""Character-level precision and recall of boilerplate marks against the generator's labels.

Recall is per labelled kind, whatever kind unspin gave the mark (a disclaimer marked as
`repeated_line` is found). Precision is over every marked character: a marked character is
right when it lies in a labelled template line. Both are also given per document role, so
that marks on the unwrapped BBC sources (which have no template text at all) show up.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from benchmarks.boilerplate.generate import Doc

from unspin.model import BoilerplateSpan


@dataclass
class Tally:
    gold: Counter[str] = field(default_factory=Counter)  # labelled chars per kind
    found: Counter[str] = field(default_factory=Counter)  # of those, marked
    marked: Counter[str] = field(default_factory=Counter)  # marked chars per unspin kind
    right: Counter[str] = field(default_factory=Counter)  # of those, in a labelled line
    wrong_lines: list[tuple[str, str, str]] = field(default_factory=list)  # (doc, kind, text)
    missed_lines: list[tuple[str, str, str]] = field(default_factory=list)

    def recall(self, kind: str | None = None) -> float:
        gold = self.gold[kind] if kind else sum(self.gold.values())
        found = self.found[kind] if kind else sum(self.found.values())
        return found / gold if gold else 1.0

    def precision(self, kind: str | None = None) -> float:
        marked = self.marked[kind] if kind else sum(self.marked.values())
        right = self.right[kind] if kind else sum(self.right.values())
        return right / marked if marked else 1.0


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def score(docs: Iterable[Doc], spans: dict[str, tuple[BoilerplateSpan, ...]]) -> Tally:
    tally = Tally()
    for doc in docs:
        marks = spans.get(doc.id, ())
        for start, end, kind in doc.marks:
            tally.gold[kind] += end - start
            hit = sum(_overlap((start, end), (s.start, s.end)) for s in marks)
            tally.found[kind] += hit
            if hit < (end - start) / 2:
                tally.missed_lines.append((doc.id, kind, doc.text[start:end]))
        for span in marks:
            size = span.end - span.start
            right = sum(_overlap((span.start, span.end), (s, e)) for s, e, _ in doc.marks)
            tally.marked[span.kind] += size
            tally.right[span.kind] += right
            if right < size / 2:
                tally.wrong_lines.append((doc.id, span.kind, doc.text[span.start : span.end]))
    return tally
