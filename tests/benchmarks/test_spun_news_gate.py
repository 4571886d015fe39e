"""The CI quality gate: unspin (lexical) on the small fixed spun_news corpus must stay at or
above every floor in benchmarks/spun_news/floors.json."""

from __future__ import annotations

from pathlib import Path

from benchmarks.spun_news import gate
from benchmarks.spun_news.__main__ import evaluate
from benchmarks.spun_news.generate import generate


def test_unspin_meets_every_floor_on_the_gate_corpus(bbc_data: Path, tmp_path: Path) -> None:
    generate(tmp_path, gate.GATE_SIZE, gate.GATE_SEED, bbc_data)
    measured = gate.gate_metrics(evaluate(tmp_path, "unspin-lexical", gate.GATE_WORKERS))
    failing = gate.below_floor(measured, gate.read_floors())
    assert not failing, "below floor: " + "; ".join(failing)
