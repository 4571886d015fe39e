"""The bbc_pairs scorer on made-up pairs and labels, and the shape of the shipped labels."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest
from benchmarks.bbc_pairs import sample
from benchmarks.bbc_pairs.score import (
    LABELS,
    RECALL_FLOOR,
    Label,
    details,
    read_labels,
    read_pairs,
    relations,
    score,
    table,
)
from rich.console import Console

from unspin.model import PairResult


def _label(a: str, b: str, label: str, drawn: bool = True) -> Label:
    return Label(a, b, label, "made up", drawn, None)


def _key(a: str, b: str) -> frozenset[str]:
    return frozenset((a, b))


LABELLED = [
    _label("x/001", "x/002", "duplicate"),
    _label("x/003", "x/004", "rewrite"),
    _label("x/005", "x/006", "partial"),
    _label("x/007", "x/008", "independent"),
    _label("x/009", "x/010", "duplicate"),
    _label("x/011", "x/012", "independent", drawn=False),
]


def test_each_reported_relation_accepts_its_own_labels() -> None:
    reported = {
        _key("x/001", "x/002"): "duplicate",  # right
        _key("x/003", "x/004"): "duplicate",  # wrong: a rewrite is not a duplicate
        _key("x/005", "x/006"): "rewrite",  # wrong: partial is not a rewrite
        _key("x/009", "x/010"): "rewrite",  # right: a duplicate reported as rewrite
        _key("x/007", "x/008"): "partial",  # wrong: independent
    }
    result = score(reported, LABELLED)
    dup, rew, par = (result.relations[r] for r in ("duplicate", "rewrite", "partial"))
    assert (dup.reported, dup.correct, dup.precision) == (2, 1, 0.5)
    assert (rew.reported, rew.correct, rew.precision) == (2, 1, 0.5)
    assert (par.reported, par.correct, par.precision) == (1, 0, 0.0)
    assert [lab.a for lab, _ in rew.wrong] == ["x/005"]
    assert not result.ok


def test_partial_is_right_for_any_reuse_label() -> None:
    reported = {
        _key("x/001", "x/002"): "partial",
        _key("x/003", "x/004"): "partial",
        _key("x/005", "x/006"): "partial",
    }
    par = score(reported, LABELLED).relations["partial"]
    assert (par.reported, par.correct) == (3, 3)
    assert par.ok


def test_pairs_not_drawn_stay_out_of_precision_but_are_listed() -> None:
    reported = {_key("x/011", "x/012"): "rewrite", _key("x/003", "x/004"): "rewrite"}
    result = score(reported, LABELLED)
    assert result.relations["rewrite"].reported == 1
    assert result.relations["rewrite"].precision == 1.0
    assert [(lab.a, rel) for lab, rel in result.independent_reported] == [("x/011", "rewrite")]
    assert [(lab.a, rel) for lab, rel in result.undrawn] == [("x/011", "rewrite")]
    assert any("x/011 x/012" in line and "wrong" in line for line in details(result))


def test_recall_counts_reuse_pairs_reported_with_any_relation() -> None:
    reported = {_key("x/001", "x/002"): "partial", _key("x/003", "x/004"): "rewrite"}
    result = score(reported, LABELLED)
    assert result.reuse_labelled == 4
    assert [lab.a for lab in result.lost] == ["x/005", "x/009"]
    assert result.recall == 0.5
    assert result.recall < RECALL_FLOOR and not result.recall_ok
    assert any(line.startswith("recall 0.50") for line in result.failures())


def test_unlabelled_pairs_leave_out_labelled_and_byte_identical_ones() -> None:
    reported = {
        _key("x/001", "x/002"): "duplicate",
        _key("y/001", "y/002"): "duplicate",  # byte-identical
        _key("y/004", "y/003"): "partial",
    }
    result = score(reported, LABELLED, identical=[["y/001", "y/002"]])
    assert result.unlabelled == (("y/003", "y/004", "partial"),)
    assert result.identical_reported == 1
    assert result.counts == {"duplicate": 2, "partial": 1}


def test_nothing_reported_means_no_precision_and_a_recall_failure() -> None:
    result = score({}, LABELLED)
    assert all(r.precision is None and r.ok for r in result.relations.values())
    assert result.recall == 0.0 and not result.ok


def test_a_clean_scan_passes_and_renders() -> None:
    reported = {label.key: label.label for label in LABELLED if label.label != "independent"}
    result = score(reported, LABELLED)
    assert result.ok and result.failures() == []
    console = Console(width=120, record=True)
    console.print(table(result))
    text = console.export_text()
    assert "rewrite" in text and "PASS" in text and "FAIL" not in text


def test_relations_read_pair_results_and_jsonl_records(tmp_path: Path) -> None:
    pair = PairResult("x/002", "x/001", "rewrite", 0.5, 0.6, 0.7, None, ())
    record = {"a": "x/003", "b": "x/004", "relation": "partial", "score": 0.1}
    assert relations([pair, record]) == {
        _key("x/001", "x/002"): "rewrite",
        _key("x/003", "x/004"): "partial",
    }
    (tmp_path / "pairs.jsonl").write_text(json.dumps(record) + "\n\n", encoding="utf-8")
    assert read_pairs(tmp_path) == {_key("x/003", "x/004"): "partial"}


def test_read_labels_rejects_unknown_labels_and_repeats(tmp_path: Path) -> None:
    row = {"a": "x/1", "b": "x/2", "label": "spun", "reason": "", "drawn": True}
    path = tmp_path / "labels.jsonl"
    path.write_text(json.dumps(row) + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match="unknown label"):
        read_labels(path)
    row["label"] = "partial"
    twice = json.dumps(row) + "\n" + json.dumps({**row, "a": "x/2", "b": "x/1"}) + "\n"
    path.write_text(twice, encoding="utf-8")
    with pytest.raises(ValueError, match="twice"):
        read_labels(path)


def test_shipped_labels_follow_the_sampling_plan() -> None:
    labels = read_labels(LABELS)
    # The first sample (its plan in sample.STRATA) is the records without a "stratum";
    # later strata (pairs new with an engine change) are drawn on their own plans.
    first = {
        frozenset((r["a"], r["b"]))
        for r in map(json.loads, LABELS.read_text(encoding="utf-8").splitlines())
        if "stratum" not in r
    }
    drawn = Counter(label.reported_as for label in labels if label.drawn and label.key in first)
    assert drawn == sample.STRATA
    named = {label.key: label for label in labels if not label.drawn}
    assert set(named) <= {frozenset(pair) for pair in sample.NAMED}
    assert all(frozenset(pair) in {label.key for label in labels} for pair in sample.NAMED)
    for label in labels:
        assert re.fullmatch(r"(business|entertainment|politics|sport|tech)/\d{3}", label.a)
        assert re.fullmatch(r"(business|entertainment|politics|sport|tech)/\d{3}", label.b)
        # a reason is a line in the labeller's words, never a passage of the article
        assert 10 <= len(label.reason) <= 300 and "\n" not in label.reason
    for pair in sample.NAMED:
        assert next(lab for lab in labels if lab.key == frozenset(pair)).label == "independent"


def test_sample_draw_is_stratified_reproducible_and_adds_named_pairs() -> None:
    pairs: list[dict[str, object]] = [
        {"a": f"sport/{i:03d}", "b": f"sport/{i + 500:03d}", "relation": relation}
        for i, relation in enumerate(["duplicate"] * 30 + ["rewrite"] * 50 + ["partial"] * 60)
    ]
    pairs.append({"a": "sport/033", "b": "sport/054", "relation": "rewrite"})
    identical = {frozenset(("sport/000", "sport/500"))}
    first = sample.draw(pairs, identical)
    assert first == sample.draw(list(reversed(pairs)), identical)
    strata = Counter(str(s["reported_as"]) for s in first if s["drawn"])
    assert strata == sample.STRATA
    assert not any(s["a"] == "sport/000" for s in first)
    undrawn = [(s["a"], s["b"], s["reported_as"]) for s in first if not s["drawn"]]
    assert ("politics/217", "politics/309", None) in undrawn
