"""Re-recording the gate's floors may raise them but never lowers one without being told."""

from __future__ import annotations

from pathlib import Path

import pytest
from benchmarks.spun_news import gate


def test_floors_are_measured_minus_the_margin_rounded_down() -> None:
    floors = gate.floors_from({"pairs.all.f1": 0.975, "inserted.f1": 0.01})
    assert floors == {"pairs.all.f1": 0.94, "inserted.f1": 0.0}


def test_refuses_to_lower_a_floor() -> None:
    with pytest.raises(gate.FloorLoweringError, match=r"pairs\.spun60\.f1 0\.90 -> 0\.77"):
        gate.updated_floors({"pairs.spun60.f1": 0.90}, {"pairs.spun60.f1": 0.80})


def test_lowers_a_floor_only_with_allow_lower() -> None:
    new = gate.updated_floors(
        {"pairs.spun60.f1": 0.90}, {"pairs.spun60.f1": 0.80}, allow_lower=True
    )
    assert new == {"pairs.spun60.f1": 0.77}


def test_raising_floors_and_new_measures_need_no_flag() -> None:
    new = gate.updated_floors({"a": 0.5}, {"a": 0.9, "b": 0.6})
    assert new == {"a": 0.87, "b": 0.57}


def test_floors_round_trip_through_the_file(tmp_path: Path) -> None:
    path = tmp_path / "floors.json"
    gate.write_floors({"a": 0.5}, path)
    assert gate.read_floors(path) == {"a": 0.5}


def test_below_floor_names_each_failing_measure() -> None:
    failing = gate.below_floor({"a": 0.4, "b": 0.9}, {"a": 0.5, "b": 0.8, "c": 0.1})
    assert failing == ["a: 0.400 < floor 0.50", "c: nan < floor 0.10"]


def test_recorded_floors_cover_every_gate_measure() -> None:
    floors = gate.read_floors()
    assert floors, (
        "benchmarks/spun_news/floors.json is missing: python -m benchmarks.spun_news floors"
    )
    assert all(0.0 <= v <= 1.0 for v in floors.values())
    assert "pairs.spun40.f1" in floors and "inserted.f1" in floors and "plagdet.all" in floors
