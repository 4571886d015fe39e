"""The CI gate: a fixed sample of PAN 2013 pairs, unspin (lexical) on it, and a floor under
every measure, kept in ``floors.json`` next to this file.

Floors reuse the spun-news gate's rules (measured minus 0.03, rounded down to 0.01, never
lowered without ``--allow-lower``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from benchmarks.pan13 import corpus
from benchmarks.spun_news import gate as spun_news_gate
from benchmarks.spun_news.gate import (
    FLOOR_MARGIN,
    FloorLoweringError,
    below_floor,
    floors_from,
    updated_floors,
)

__all__ = [
    "FloorLoweringError",
    "below_floor",
    "floors_from",
    "gate_metrics",
    "gate_pairs",
    "read_floors",
    "updated_floors",
    "write_floors",
]

FLOORS_FILE = Path(__file__).with_name("floors.json")
GATE_PER_CLASS = 40
GATE_SEED = 13
GATE_WORKERS = 2
GATE_METHOD = "unspin-lexical"
ABOUT = (
    f"unspin lexical on the PAN 2013 gate sample ({GATE_PER_CLASS} pairs per "
    f"class, seed {GATE_SEED}); measured minus {FLOOR_MARGIN}. "
    "Re-record: python -m benchmarks.pan13 floors"
)
MEASURES = ("precision", "recall", "plagdet", "pair_precision", "pair_recall")


def gate_pairs(loaded: corpus.Corpus) -> list[corpus.Pair]:
    return corpus.sample(loaded, GATE_PER_CLASS, GATE_SEED)


def gate_metrics(result: dict[str, Any]) -> dict[str, float]:
    """The measures the gate holds, flattened to names like ``02-no-obfuscation.plagdet``.

    Granularity (lower is better) is held as ``1 / granularity`` so every floor is a
    lower bound; the no-plagiarism class holds its share of pairs with no detection."""
    metrics: dict[str, float] = {}
    for row in (*corpus.CLASSES, "all"):
        s = result[row]
        if row == "01-no-plagiarism":
            metrics[f"{row}.no_detection_share"] = s["no_detection_share"]
            continue
        for key in MEASURES:
            metrics[f"{row}.{key}"] = s[key]
        metrics[f"{row}.inverse_granularity"] = 1 / s["granularity"]
    return metrics


def read_floors(path: Path = FLOORS_FILE) -> dict[str, float]:
    return spun_news_gate.read_floors(path)


def write_floors(floors: dict[str, float], path: Path = FLOORS_FILE) -> None:
    spun_news_gate.write_floors(floors, path, ABOUT)
