"""The JSON contract's types (`unspin.report.schema`) against what unspin really writes: every
line of a scan's outputs and every ``--json`` printout validates, in pydantic's strict mode,
against the type the web API's OpenAPI schema is made from, and has exactly its fields."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from pydantic import TypeAdapter

from unspin.cli import main
from unspin.report.schema import (
    DocumentRecord,
    FamilyRecord,
    PairRecord,
    RejectRecord,
    TraceRecord,
)

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def run(*args: str) -> str:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.fixture(scope="module")
def scanned(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("schema")
    corpus = root / "corpus"
    corpus.mkdir()
    for seed in EXAMPLES.glob("*.txt"):
        (corpus / seed.name).write_text(seed.read_text())
    (corpus / "broken.jsonl").write_text(
        '{"id": "x", "text": 3}\n{"id": "y", "date": "soon", "text": "A short note."}\n'
    )
    run("scan", str(corpus), "--out", str(root / "out"), "--db", str(root / "index.db"))
    return root


def valid(kind: Any, record: dict[str, Any]) -> None:
    TypeAdapter(kind).validate_python(record, strict=True)
    assert set(record) == set(kind.__required_keys__), kind.__name__


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("documents.jsonl", DocumentRecord),
        ("pairs.jsonl", PairRecord),
        ("families.jsonl", FamilyRecord),
        ("rejects.jsonl", RejectRecord),
    ],
)
def test_every_line_a_scan_writes_is_of_its_records_type(
    scanned: Path, name: str, kind: Any
) -> None:
    lines = (scanned / "out" / name).read_text().splitlines()
    assert lines, name
    for line in lines:
        valid(kind, json.loads(line))


def test_compare_and_trace_print_records_of_the_same_types(scanned: Path) -> None:
    seeds = sorted(str(p) for p in EXAMPLES.glob("*.txt"))
    compared = json.loads(run("compare", *seeds, "--json"))
    for record in compared["documents"]:
        valid(DocumentRecord, record)
    for record in compared["pairs"]:
        valid(PairRecord, record)
    traced = json.loads(run("trace", seeds[1], "--db", str(scanned / "index.db"), "--json"))
    valid(TraceRecord, traced)
    assert traced["sources"], "the spun seed has a source"
    for source in traced["sources"]:
        valid(PairRecord, source["pair"])


def test_a_record_missing_a_field_or_with_a_wrong_kind_is_refused() -> None:
    family = {"id": "f1", "members": ["a", "b"], "original": "a"}
    valid(FamilyRecord, family)
    with pytest.raises(ValueError, match="original"):
        TypeAdapter(FamilyRecord).validate_python({"id": "f1", "members": ["a"]}, strict=True)
    passage = {
        "a_start": 0,
        "a_end": 4,
        "b_start": 0,
        "b_end": 4,
        "kind": "copied",  # not a passage kind
        "similarity": 1.0,
        "substitutions": [],
        "a_text": "text",
        "b_text": "text",
    }
    pair = {
        "a": "a",
        "b": "b",
        "relation": "duplicate",
        "score": 1.0,
        "coverage_a": 1.0,
        "coverage_b": 1.0,
        "paraphrase_a": 0.0,
        "paraphrase_b": 0.0,
        "direction": None,
        "passages": [passage],
    }
    with pytest.raises(ValueError, match="kind"):
        TypeAdapter(PairRecord).validate_python(pair, strict=True)
