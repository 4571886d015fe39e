"""The CI gate of boilerplate that generalises: on a wrapped corpus whose template wordings
no rule was tuned on, a scan's marks stay at or above benchmarks/boilerplate/floors.json."""

from __future__ import annotations

from pathlib import Path

from benchmarks.boilerplate.__main__ import below_floor, evaluate
from benchmarks.boilerplate.generate import DEFAULT_SEED
from benchmarks.boilerplate.templates import HELD_OUT, SETS, TUNING


def test_boilerplate_marks_meet_every_floor(bbc_data: Path) -> None:
    results = {name: evaluate(name, seed=DEFAULT_SEED, with_sites=False) for name in SETS}
    failing = below_floor(results)
    assert not failing, "below floor: " + "; ".join(failing)


def test_the_two_template_sets_share_no_wording() -> None:
    # The held-out set is only worth something if no wording of it is one to tune on.
    for kind, wordings in HELD_OUT.wordings.items():
        assert not set(wordings) & set(TUNING.wordings[kind]), kind
    assert not set(HELD_OUT.persona_nouns) & set(TUNING.persona_nouns)
