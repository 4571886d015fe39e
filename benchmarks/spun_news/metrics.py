"""The measures: adjusted Rand index, PAN's PlagDet, and character-level span F1."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np

Interval = tuple[int, int]


def adjusted_rand_index(truth: Sequence[Hashable], predicted: Sequence[Hashable]) -> float:
    """Hubert & Arabie's ARI of two labellings of the same items (1: identical, ~0: chance)."""
    if len(truth) != len(predicted):
        raise ValueError("both labellings must cover the same items")
    _, t = np.unique(np.asarray([str(x) for x in truth]), return_inverse=True)
    _, p = np.unique(np.asarray([str(x) for x in predicted]), return_inverse=True)
    table = np.zeros((t.max() + 1, p.max() + 1), dtype=np.int64)
    np.add.at(table, (t, p), 1)

    def pairs(counts: np.ndarray) -> float:
        return float((counts * (counts - 1) // 2).sum())

    index = pairs(table)
    rows, cols = pairs(table.sum(axis=1)), pairs(table.sum(axis=0))
    n = len(truth)
    expected = rows * cols / (n * (n - 1) / 2) if n > 1 else 0.0
    maximum = (rows + cols) / 2
    if maximum == expected:  # both labellings trivial (all singletons or one cluster)
        return 1.0
    return (index - expected) / (maximum - expected)


def union_length(intervals: Iterable[Interval]) -> int:
    total, reach = 0, -1
    for start, end in sorted(intervals):
        if end <= reach:
            continue
        total += end - max(start, reach)
        reach = end
    return total


def _overlap(a: Interval, b: Interval) -> Interval | None:
    start, end = max(a[0], b[0]), min(a[1], b[1])
    return (start, end) if end > start else None


@dataclass(frozen=True)
class Case:
    """A reused passage: ``plg`` span of the derived document, ``src`` span of its source."""

    plg_doc: str
    plg: Interval
    src_doc: str
    src: Interval


@dataclass(frozen=True)
class Detection:
    """An aligned passage a method reported between documents ``a`` and ``b``."""

    a: str
    a_span: Interval
    b: str
    b_span: Interval


@dataclass(frozen=True)
class PlagDet:
    precision: float
    recall: float
    granularity: float
    plagdet: float
    cases: int
    detections: int


def plagdet(cases: Sequence[Case], detections: Sequence[Detection]) -> PlagDet:
    """Potthast et al. (2010): macro precision and recall over characters, granularity,
    and plagdet = F1 / log2(1 + granularity). A detection detects a case when it overlaps the
    case in both documents; it then explains their common characters on both sides."""
    by_pair: dict[frozenset[str], list[int]] = defaultdict(list)
    for i, case in enumerate(cases):
        by_pair[frozenset((case.plg_doc, case.src_doc))].append(i)
    case_hits: list[list[Interval]] = [[] for _ in cases]
    case_hits_src: list[list[Interval]] = [[] for _ in cases]
    case_detectors = [0] * len(cases)
    precision_sum = 0.0
    for r in detections:
        hits_a: list[Interval] = []
        hits_b: list[Interval] = []
        for i in by_pair.get(frozenset((r.a, r.b)), []):
            case = cases[i]
            plg, src = (r.a_span, r.b_span) if case.plg_doc == r.a else (r.b_span, r.a_span)
            on_plg, on_src = _overlap(plg, case.plg), _overlap(src, case.src)
            if on_plg is None or on_src is None:
                continue
            case_detectors[i] += 1
            case_hits[i].append(on_plg)
            case_hits_src[i].append(on_src)
            if case.plg_doc == r.a:
                hits_a.append(on_plg)
                hits_b.append(on_src)
            else:
                hits_a.append(on_src)
                hits_b.append(on_plg)
        size = (r.a_span[1] - r.a_span[0]) + (r.b_span[1] - r.b_span[0])
        if size > 0:
            precision_sum += (union_length(hits_a) + union_length(hits_b)) / size
    recall_sum = 0.0
    for i, case in enumerate(cases):
        size = (case.plg[1] - case.plg[0]) + (case.src[1] - case.src[0])
        recall_sum += (union_length(case_hits[i]) + union_length(case_hits_src[i])) / size
    precision = precision_sum / len(detections) if detections else 0.0
    recall = recall_sum / len(cases) if cases else 0.0
    detected = [n for n in case_detectors if n]
    granularity = sum(detected) / len(detected) if detected else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return PlagDet(
        precision, recall, granularity, f1 / math.log2(1 + granularity), len(cases), len(detections)
    )


@dataclass
class SpanCounts:
    """Character counts for span F1, whitespace left out (spans may differ in trailing blanks)."""

    true_positive: int = 0
    false_positive: int = 0
    false_negative: int = 0

    def add(self, text: str, truth: Iterable[Interval], predicted: Iterable[Interval]) -> None:
        gold = np.zeros(len(text), dtype=bool)
        found = np.zeros(len(text), dtype=bool)
        for start, end in truth:
            gold[start:end] = True
        for start, end in predicted:
            found[start:end] = True
        ink = ~np.array([c.isspace() for c in text], dtype=bool)
        self.true_positive += int((gold & found & ink).sum())
        self.false_positive += int((~gold & found & ink).sum())
        self.false_negative += int((gold & ~found & ink).sum())

    def scores(self) -> tuple[float, float, float]:
        tp, fp, fn = self.true_positive, self.false_positive, self.false_negative
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return precision, recall, f1
