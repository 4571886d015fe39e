"""PAN's measures on made-up spans (no data needed)."""

from __future__ import annotations

import math

import pytest
from benchmarks.pan13 import baseline, gate
from benchmarks.pan13.corpus import Case, Pair, parse_cases, sample
from benchmarks.pan13.measures import f1_over_granularity, score


def _pair(key: str, *cases: Case, klass: str = "02-no-obfuscation") -> Pair:
    susp, src = key.split("|")
    return Pair(klass, susp, src, cases)


CASE = Case((100, 200), (1000, 1100))
P = _pair("s1|r1", CASE)


def test_perfect_detection_scores_one() -> None:
    s = score([P], {P.key: [((100, 200), (1000, 1100))]})
    assert (s.precision, s.recall, s.granularity, s.plagdet) == (1.0, 1.0, 1.0, 1.0)
    assert s.pair_precision == s.pair_recall == 1.0


def test_case_split_in_two_detections_has_granularity_two() -> None:
    found = {P.key: [((100, 150), (1000, 1050)), ((150, 200), (1050, 1100))]}
    s = score([P], found)
    assert s.precision == 1.0 and s.recall == 1.0 and s.granularity == 2.0
    assert s.plagdet == pytest.approx(1 / math.log2(3))


def test_half_covered_case_has_recall_one_half() -> None:
    s = score([P], {P.key: [((100, 150), (1000, 1050))]})
    assert s.precision == 1.0 and s.recall == pytest.approx(0.5)
    assert s.plagdet == pytest.approx(2 * 0.5 / 1.5)


def test_detection_twice_the_case_has_precision_one_half() -> None:
    s = score([P], {P.key: [((50, 250), (950, 1150))]})
    assert s.recall == 1.0 and s.precision == pytest.approx(0.5)


def test_both_sides_count_in_precision_and_recall() -> None:
    # exact on the suspicious side, twice too long on the source side: 200 of 300 chars
    s = score([P], {P.key: [((100, 200), (1000, 1200))]})
    assert s.precision == pytest.approx(200 / 300) and s.recall == 1.0


def test_detection_must_overlap_the_case_on_both_sides() -> None:
    s = score([P], {P.key: [((100, 200), (5000, 5100))]})
    assert s.precision == 0.0 and s.recall == 0.0 and s.plagdet == 0.0
    assert s.granularity == 1.0  # no case detected
    assert s.pair_recall == 1.0  # the pair got a detection, right or not


def test_spans_in_another_pair_do_not_count() -> None:
    other = _pair("s1|r2", Case((100, 200), (1000, 1100)))
    s = score([P, other], {other.key: [((100, 200), (1000, 1100))]})
    assert s.recall == pytest.approx(0.5) and s.precision == 1.0
    assert s.pair_recall == 0.5


def test_macro_averages_over_cases_and_detections() -> None:
    short = _pair("s2|r2", Case((0, 10), (0, 10)))
    found = {P.key: [((100, 200), (1000, 1100))]}  # the long case found, the short one not
    s = score([P, short], found)
    assert s.recall == pytest.approx(0.5)  # per case, not per character


def test_false_detection_in_a_no_plagiarism_pair() -> None:
    clean = _pair("s3|r3", klass="01-no-plagiarism")
    s = score([clean], {clean.key: [((0, 50), (0, 50))]})
    assert s.precision == 0.0 and s.recall == 0.0 and s.plagdet == 0.0
    assert s.pair_precision == 0.0 and s.no_detection_share == 0.0


def test_no_cases_and_no_detections_is_perfect() -> None:
    clean = _pair("s3|r3", klass="01-no-plagiarism")
    s = score([clean], {})
    assert (s.precision, s.recall, s.plagdet, s.no_detection_share) == (1.0, 1.0, 1.0, 1.0)


def test_cases_but_no_detections_scores_zero() -> None:
    s = score([P], {})
    assert (s.precision, s.recall, s.granularity, s.plagdet) == (0.0, 0.0, 1.0, 0.0)
    assert s.pair_recall == 0.0


def test_plagdet_formula() -> None:
    assert f1_over_granularity(1.0, 1.0, 1.0) == 1.0
    assert f1_over_granularity(0.5, 1.0, 2.0) == pytest.approx((2 / 3) / math.log2(3))


def test_parse_cases_keeps_only_plagiarism_features() -> None:
    xml = (
        b'<document reference="suspicious-document00005.txt">'
        b'<feature name="about" authors="DUC2001" />'
        b'<feature name="plagiarism" obfuscation="none" type="artificial" this_offset="3593" '
        b'this_length="698" source_reference="source-document01090.txt" source_offset="1300" '
        b'source_length="700" /></document>'
    )
    assert parse_cases(xml) == (Case((3593, 4291), (1300, 2000)),)


def test_baseline_finds_a_copied_passage() -> None:
    words = [f"w{i}" for i in range(60)]
    copied = " ".join(words)
    susp = "alpha beta gamma delta epsilon zeta. " + copied + " eta theta iota kappa."
    src = "lorem ipsum dolor sit amet. " + copied + " consectetur adipiscing."
    found = baseline.detect(susp, src)
    assert len(found) == 1
    (a0, a1), (b0, b1) = found[0]
    assert susp[a0:a1] == copied and src[b0:b1] == copied
    assert baseline.detect(susp, "nothing in common here at all, not one five gram") == []


def test_sample_is_fixed_by_the_seed() -> None:
    from benchmarks.pan13.corpus import Corpus

    pairs = [_pair(f"s{i}|r{i}") for i in range(50)]
    c = Corpus(pairs, {})
    assert sample(c, 10, 1) == sample(c, 10, 1)
    assert sample(c, 10, 1) != sample(c, 10, 2)
    assert len(sample(c, 10, 1)) == 10 and len(sample(c, None, 1)) == 50


def test_gate_floors_are_lower_bounds() -> None:
    floors = gate.read_floors()
    assert floors, "benchmarks/pan13/floors.json is missing: python -m benchmarks.pan13 floors"
    assert all(0.0 <= v <= 1.0 for v in floors.values())


COPIED = (
    "The river flooded the old town on Monday after three days of heavy rain. "
    "Officials said more than two hundred homes were evacuated before the water reached the "
    "market square. The mayor asked residents to stay away from the bridge until engineers "
    "could inspect it. Schools will remain closed for the rest of the week, the council said "
    "in a statement."
)


@pytest.mark.parametrize("susp_first", [True, False])
def test_unspin_detections_put_each_span_on_its_own_document(susp_first: bool) -> None:
    from benchmarks.pan13.methods import unspin_detect

    padding = "A recipe for lemon cake needs flour, sugar, butter and four fresh eggs. " * 3
    susp = padding + "\n\n" + COPIED + "\n\nBake it for forty minutes."
    src = COPIED + "\n\nForecasters expect drier weather by the weekend across the valleys."
    # the ids decide which side unspin reports as `a`; the mapping must not depend on it
    ids = ("a-susp", "b-src") if susp_first else ("z-susp", "b-src")
    found = unspin_detect(ids[0], susp, ids[1], src, False)
    assert found
    start = susp.index(COPIED)
    for (a0, a1), (b0, b1) in found:
        assert start <= a0 < a1 <= start + len(COPIED) and 0 <= b0 < b1 <= len(COPIED)
        assert susp[a0:a1] == src[b0:b1]
