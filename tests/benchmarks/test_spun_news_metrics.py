"""The measures, on cases small enough to work out by hand."""

from __future__ import annotations

import math

import pytest
from benchmarks.spun_news.metrics import (
    Case,
    Detection,
    SpanCounts,
    adjusted_rand_index,
    plagdet,
    union_length,
)


def test_ari_matches_a_hand_computed_value() -> None:
    # Contingency [[2, 0, 0], [0, 1, 1]]: index 1, rows 2, columns 1, C(4, 2) = 6,
    # expected 2 * 1 / 6 = 1/3, maximum 1.5, ARI = (1 - 1/3) / (1.5 - 1/3) = 4/7.
    assert adjusted_rand_index([0, 0, 1, 1], [0, 0, 1, 2]) == pytest.approx(4 / 7)


def test_ari_ignores_label_names_and_is_one_for_the_same_partition() -> None:
    assert adjusted_rand_index(["a", "a", "b", "c"], [7, 7, 3, 5]) == pytest.approx(1.0)


def test_ari_is_negative_when_worse_than_chance() -> None:
    assert adjusted_rand_index([0, 0, 1, 1], [0, 1, 0, 1]) < 0


def test_union_length_merges_overlaps() -> None:
    assert union_length([(0, 10), (5, 15), (20, 25)]) == 20


CASE = Case("copy", (0, 100), "orig", (0, 100))


def test_plagdet_of_an_exact_detection_is_one() -> None:
    measured = plagdet([CASE], [Detection("orig", (0, 100), "copy", (0, 100))])
    assert (measured.precision, measured.recall, measured.granularity) == (1.0, 1.0, 1.0)
    assert measured.plagdet == pytest.approx(1.0)


def test_plagdet_penalises_a_case_found_in_two_pieces() -> None:
    halves = [
        Detection("copy", (0, 50), "orig", (0, 50)),
        Detection("copy", (50, 100), "orig", (50, 100)),
    ]
    measured = plagdet([CASE], halves)
    assert measured.granularity == 2.0
    assert measured.plagdet == pytest.approx(1 / math.log2(3))


def test_plagdet_needs_overlap_on_both_sides_and_charges_false_detections() -> None:
    wrong_source_span = Detection("copy", (0, 100), "orig", (200, 300))
    other_pair = Detection("copy", (0, 100), "elsewhere", (0, 100))
    measured = plagdet(
        [CASE], [Detection("copy", (0, 50), "orig", (0, 50)), wrong_source_span, other_pair]
    )
    assert measured.recall == pytest.approx(0.5)
    assert measured.precision == pytest.approx(1 / 3)
    assert measured.granularity == 1.0


def test_span_counts_leave_whitespace_out() -> None:
    counts = SpanCounts()
    counts.add("ab  cd", truth=[(0, 2)], predicted=[(0, 4)])
    assert counts.scores() == (1.0, 1.0, 1.0)
    counts.add("xy", truth=[(0, 2)], predicted=[])
    assert counts.scores()[1] == pytest.approx(0.5)
