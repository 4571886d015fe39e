"""Scoring rules on a hand-made corpus: which pairs count, and against which transformation."""

from __future__ import annotations

import pytest
from benchmarks.spun_news.labels import Label, Mark, Segment
from benchmarks.spun_news.score import Truth, score

SOURCE = "Alpha beta gamma.\n\nDelta epsilon zeta."


def _truth() -> Truth:
    labels = {
        "src-a": Label("src-a", "source", "tech", origins=["bbc/tech/001"]),
        "src-b": Label("src-b", "source", "tech", origins=["bbc/tech/002"]),
        "dis-c": Label("dis-c", "distractor", "tech", origins=["bbc/tech/003"]),
        "copy-1": Label(
            "copy-1",
            "derived",
            "tech",
            "verbatim",
            ["bbc/tech/001"],
            [Segment("src-a", 0, 17, 0, 17), Segment("src-a", 19, 38, 19, 38)],
        ),
        "spun-2": Label(
            "spun-2",
            "derived",
            "tech",
            "spun40",
            ["bbc/tech/001"],
            [Segment("src-a", 0, 17, 0, 17), Segment("src-a", 19, 38, 21, 40)],
        ),
        "comp-3": Label(
            "comp-3",
            "derived",
            "tech",
            "compilation",
            ["bbc/tech/002", "bbc/tech/009"],
            [Segment("src-b", 0, 17, 0, 17)],
            [Mark(19, 38, "spliced", "bbc/tech/009")],
        ),
    }
    texts = {
        "src-a": SOURCE,
        "src-b": SOURCE,
        "dis-c": SOURCE,
        "copy-1": SOURCE,
        "spun-2": "Alpha beta gamma.\n\nXX Delta epsilon zeta.",
        "comp-3": SOURCE,
    }
    return Truth(labels, texts, {frozenset(("bbc/tech/002", "bbc/tech/003"))})


def test_pair_classes() -> None:
    truth = _truth()
    assert truth.pair_class("copy-1", "src-a") == "true"
    assert truth.pair_class("copy-1", "spun-2") == "allowed"  # same source
    assert truth.pair_class("comp-3", "dis-c") == "allowed"  # natural BBC overlap
    assert truth.pair_class("src-a", "dis-c") == "unscored"  # two originals
    assert truth.pair_class("copy-1", "src-b") == "false"


def test_cases_merge_across_blanks_only() -> None:
    truth = _truth()
    assert [(c.plg, c.src) for c in truth.cases("copy-1")] == [((0, 38), (0, 38))]
    # "XX " is inserted text between the two segments: two passages.
    assert len(truth.cases("spun-2")) == 2


def test_false_pairs_are_charged_to_the_derived_documents_transformation() -> None:
    predictions = {
        "pairs": [
            ["copy-1", "src-a", [[0, 38, 0, 38]]],
            ["copy-1", "spun-2", []],
            ["src-b", "spun-2", [[0, 17, 0, 17]]],
        ],
        "families": [["copy-1", "src-a"]],
        "boilerplate": {},
        "inserted": {"comp-3": [[19, 38]]},
    }
    result = score(_truth(), predictions)
    assert result["pairs"]["verbatim"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0}
    assert result["pairs"]["spun40"]["precision"] == 0.0
    assert result["pairs"]["all"]["precision"] == pytest.approx(0.5)
    assert result["pairs"]["all"]["recall"] == pytest.approx(1 / 3)
    assert result["plagdet"]["verbatim"]["plagdet"] == pytest.approx(1.0)
    assert result["inserted"]["f1"] == pytest.approx(1.0)
    assert result["examples"]["compilation"]["missed"] == ["comp-3 <- src-b"]
