"""The CI quality gate: a small corpus with a fixed seed, unspin (lexical) on it, and a
floor under every measure, kept in ``floors.json`` next to this file."""

from __future__ import annotations

import json
import math
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.spun_news.labels import TRANSFORMATIONS

FLOORS_FILE = Path(__file__).with_name("floors.json")
# 200 documents: 20 per transformation. 320 took 70 s to scan on the shared 2-core machine
# (sibling copies of one source make ~6 candidate pairs per document); 200 stays well
# under CI's 90 s. One document more or less found moves a pair score by ~0.05.
GATE_SIZE = 200
GATE_SEED = 7
GATE_WORKERS = 2
# A floor is the measured value minus this margin (rounded down to 0.01). The gate corpus
# and unspin are deterministic, so the margin only leaves room for deliberate small
# trade-offs between measures; a drop of more than 0.03 on any measure fails CI.
FLOOR_MARGIN = 0.03


class FloorLoweringError(ValueError):
    """Re-recording would lower a floor, which needs --allow-lower."""


def gate_metrics(result: dict[str, Any]) -> dict[str, float]:
    """The measures the gate holds, flattened to names like ``pairs.spun40.f1``."""
    metrics: dict[str, float] = {}
    for row in (*TRANSFORMATIONS, "all"):
        for key in ("precision", "recall", "f1"):
            metrics[f"pairs.{row}.{key}"] = result["pairs"][row][key]
        metrics[f"plagdet.{row}"] = result["plagdet"][row]["plagdet"]
    metrics["families.ari"] = result["family_ari"]
    metrics["boilerplate.f1"] = result["boilerplate"]["f1"]
    metrics["inserted.f1"] = result["inserted"]["f1"]
    return metrics


def floors_from(measured: dict[str, float], margin: float = FLOOR_MARGIN) -> dict[str, float]:
    # round() first: (0.6 - 0.03) * 100 is 56.99999..., which must floor to 57, not 56.
    return {
        k: max(0.0, math.floor(round((v - margin) * 100, 6)) / 100) for k, v in measured.items()
    }


def updated_floors(
    old: dict[str, float], measured: dict[str, float], allow_lower: bool = False
) -> dict[str, float]:
    """New floors from ``measured``; refuses to lower any existing floor unless allowed."""
    new = floors_from(measured)
    lowered = {k: (old[k], v) for k, v in new.items() if k in old and v < old[k]}
    if lowered and not allow_lower:
        listed = ", ".join(f"{k} {a:.2f} -> {b:.2f}" for k, (a, b) in sorted(lowered.items()))
        raise FloorLoweringError(
            f"refusing to lower {len(lowered)} floor(s): {listed}. If the drop is intended, "
            "re-run with --allow-lower and say why in the commit message."
        )
    return new


def read_floors(path: Path = FLOORS_FILE) -> dict[str, float]:
    if not path.exists():
        return {}
    floors: dict[str, float] = json.loads(path.read_text(encoding="utf-8"))["floors"]
    return floors


ABOUT = (
    "unspin lexical on the spun_news gate corpus "
    f"(size {GATE_SIZE}, seed {GATE_SEED}); measured minus {FLOOR_MARGIN}. "
    "Re-record: python -m benchmarks.spun_news floors"
)


def write_floors(floors: dict[str, float], path: Path = FLOORS_FILE, about: str = ABOUT) -> None:
    payload = {"about": about, "floors": dict(sorted(floors.items()))}
    path.write_text(json.dumps(payload, indent=1) + "\n", encoding="utf-8")


def rerecord(
    measured: dict[str, float],
    old: dict[str, float],
    write: Callable[[dict[str, float]], None],
    allow_lower: bool,
    width: int,
) -> int:
    """The `floors` command of a gate: new floors from ``measured``, written with ``write``
    unless one would be lowered without ``allow_lower``; the exit code. ``width``: the
    column of measure names in what it prints."""
    try:
        new = updated_floors(old, measured, allow_lower)
    except FloorLoweringError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    write(new)
    for name, value in sorted(measured.items()):
        print(f"{name:{width}} {value:.3f}  floor {new[name]:.2f}")
    return 0


def below_floor(measured: dict[str, float], floors: dict[str, float]) -> list[str]:
    return [
        f"{k}: {measured.get(k, float('nan')):.3f} < floor {v:.2f}"
        for k, v in sorted(floors.items())
        if not measured.get(k, -1.0) >= v
    ]
