"""The PAN 2013 CI gate: unspin (lexical) on a fixed sample of the PAN 2013 text alignment
training corpus must stay at or above every floor in benchmarks/pan13/floors.json.
Skips when the corpus is not checked out in ../shared/data."""

from __future__ import annotations

import pytest
from benchmarks.pan13 import corpus, gate
from benchmarks.pan13.__main__ import evaluate


@pytest.fixture(scope="module")
def pan13() -> corpus.Corpus:
    if not corpus.available():
        pytest.skip(f"PAN 2013 data not found at {corpus.TARBALL} (../shared/data)")
    return corpus.load()


def test_gate_sample_is_the_recorded_one(pan13: corpus.Corpus) -> None:
    pairs = gate.gate_pairs(pan13)
    assert len(pairs) == gate.GATE_PER_CLASS * len(corpus.CLASSES)
    assert pairs == gate.gate_pairs(pan13)


def test_unspin_meets_every_floor_on_the_gate_sample(pan13: corpus.Corpus) -> None:
    result = evaluate(
        gate.gate_pairs(pan13), pan13, gate.GATE_METHOD, gate.GATE_WORKERS, quiet=True
    )
    measured = gate.gate_metrics(result)
    floors = gate.read_floors()
    assert set(floors) == set(measured), "re-record: python -m benchmarks.pan13 floors"
    failing = gate.below_floor(measured, floors)
    assert not failing, "below floor: " + "; ".join(failing)
