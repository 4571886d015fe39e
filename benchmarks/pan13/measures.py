"""PAN's text alignment measures (Potthast et al. 2010, "An evaluation framework for
plagiarism detection") and pair-level precision and recall.

The character-level core (macro precision and recall over detections and cases, both sides'
characters counted, granularity, PlagDet = F1 / log2(1 + granularity)) is
``benchmarks.spun_news.metrics.plagdet``; this module adds PAN's edge cases from the
reference code (``pan13-text-alignment-perfmeasures.py``): no cases and no detections gives
precision = recall = 1, exactly one of the two empty gives 0 for both, and no detected case
gives granularity 1. As in PAN, the measures pool every case and detection of the scored
pairs (they are not averages of per-pair scores).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass

from benchmarks.pan13.corpus import Pair, Span
from benchmarks.spun_news import metrics


@dataclass(frozen=True)
class Scores:
    precision: float
    recall: float
    granularity: float
    plagdet: float
    cases: int
    detections: int
    pairs: int
    pairs_with_cases: int
    pairs_detected: int  # pairs with any detection
    pair_precision: float  # of the pairs with a detection, the share that have a case
    pair_recall: float  # of the pairs with a case, the share that got a detection
    no_detection_share: float  # pairs without cases that got no detection (1 when none)

    def as_dict(self) -> dict[str, float | int]:
        return asdict(self)


# A detection: (suspicious span, source span) in one pair.
Detection = tuple[Span, Span]


def pan_scores(
    cases: Sequence[metrics.Case], detections: Sequence[metrics.Detection]
) -> tuple[float, float, float, float]:
    """(precision, recall, granularity, plagdet) with PAN's edge cases."""
    if not cases and not detections:
        return 1.0, 1.0, 1.0, 1.0
    if not cases or not detections:
        return 0.0, 0.0, 1.0, 0.0
    s = metrics.plagdet(cases, detections)
    return s.precision, s.recall, s.granularity, s.plagdet


def score(pairs: Sequence[Pair], found: Mapping[str, Sequence[Detection]]) -> Scores:
    """Score the detections ``found[pair.key]`` (suspicious span, source span) of ``pairs``."""
    cases: list[metrics.Case] = []
    detections: list[metrics.Detection] = []
    positive = detected = true_detected = negative_clean = 0
    for pair in pairs:
        susp, src = f"susp:{pair.key}", f"src:{pair.key}"  # one pair, one document pair
        cases += [metrics.Case(susp, c.susp, src, c.src) for c in pair.cases]
        mine = found.get(pair.key, ())
        detections += [metrics.Detection(susp, d[0], src, d[1]) for d in mine]
        positive += bool(pair.cases)
        detected += bool(mine)
        true_detected += bool(mine) and bool(pair.cases)
        negative_clean += not pair.cases and not mine
    precision, recall, granularity, plagdet = pan_scores(cases, detections)
    negatives = len(pairs) - positive
    return Scores(
        precision=precision,
        recall=recall,
        granularity=granularity,
        plagdet=plagdet,
        cases=len(cases),
        detections=len(detections),
        pairs=len(pairs),
        pairs_with_cases=positive,
        pairs_detected=detected,
        pair_precision=true_detected / detected if detected else (1.0 if not positive else 0.0),
        pair_recall=true_detected / positive if positive else 1.0,
        no_detection_share=negative_clean / negatives if negatives else 1.0,
    )


def f1_over_granularity(precision: float, recall: float, granularity: float) -> float:
    """PlagDet from its parts (for tests and hand checks)."""
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return f1 / math.log2(1 + granularity)
