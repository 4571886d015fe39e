"""manifest.json: a scan's folder says what was read (by content), how it ran and what it
found, so its results can be traced and reproduced without anyone's memory."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import sys
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from tests.stories import DOCK_STRIKE, HEART_STUDY

from unspin import __version__
from unspin.api import scan
from unspin.fingerprint import fingerprint
from unspin.index.hashing import MINHASH_SEED
from unspin.report.manifest import describe_input, lexicon_info

WIRE = "Dockers strike at Valmera\n\n2021-03-01\n\n" + "\n\n".join(DOCK_STRIKE) + "\n"
FARM = "Valmera port strike\n\n" + "\n\n".join([*DOCK_STRIKE[:2], HEART_STUDY]) + "\n"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    (folder / "news").mkdir(parents=True)
    (folder / "wire.txt").write_text(WIRE, encoding="utf-8")
    (folder / "news" / "farm.txt").write_text(FARM, encoding="utf-8")
    (folder / ".hidden.txt").write_text("not read", encoding="utf-8")
    return folder


def manifest_of(out: Path) -> dict[str, Any]:
    result: dict[str, Any] = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    return result


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def test_the_cli_records_its_command_options_and_what_it_found(
    corpus: Path, tmp_path: Path
) -> None:
    bad = tmp_path / "extra.jsonl"
    bad.write_text('{"id": "x", "text": "  "}\n', encoding="utf-8")
    out = tmp_path / "out"
    before = datetime.now(UTC).replace(microsecond=0)
    args = ["scan", str(corpus), str(bad), "--out", str(out), "--workers", "1", "--no-html"]
    done = subprocess.run(
        [sys.executable, "-m", "unspin.cli", *args], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr

    manifest = manifest_of(out)
    assert manifest["unspin"] == __version__
    assert manifest["command"][1:] == args  # sys.argv, after the program's own path
    assert manifest["options"] == {
        "engine": "local",
        "workers": 1,
        "semantic": False,
        "all_pairs": False,
        "html": False,
        "db": None,
    }
    started = datetime.fromisoformat(manifest["started"].replace("Z", "+00:00"))
    assert before <= started <= datetime.now(UTC) + timedelta(seconds=1)
    # The counts agree with the records beside it.
    pairs = [json.loads(line) for line in (out / "pairs.jsonl").read_text().splitlines()]
    families = (out / "families.jsonl").read_text(encoding="utf-8").splitlines()
    relations = Counter(p["relation"] for p in pairs)
    candidates = manifest["counts"].pop("candidates")
    assert candidates["total"] == 1 and candidates["filtered"] + candidates["beyond_best"] == 0
    assert manifest["counts"] == {
        "read": 3,
        "kept": 2,
        "rejected": 1,
        "warnings": 0,
        "renamed": 0,
        "candidate_pairs": 1,
        "pairs": 1,
        "pairs_by_relation": {r: relations[r] for r in ("duplicate", "rewrite", "partial")},
        "families": len(families),
    }
    assert manifest["outputs"] == sorted(
        [
            "documents.jsonl",
            "pairs.jsonl",
            "families.jsonl",
            "rejects.jsonl",
            "sites.jsonl",
            "manifest.json",
        ]
    )
    seconds = manifest["seconds"]
    assert {"read", "prepare", "candidates", "align", "relate", "write"} <= set(seconds)
    # What decided the answers, as one value to compare runs and indexes by.
    configuration = manifest["configuration"]
    assert configuration["fingerprint"] == fingerprint()
    assert configuration["parameters"]["unspin.index.hashing"]["MINHASH_SEED"] == MINHASH_SEED
    assert seconds["total"] >= sum(v for k, v in seconds.items() if k != "total") - 0.01


def test_inputs_are_fingerprinted_by_content(corpus: Path, tmp_path: Path) -> None:
    single = tmp_path / "one.txt"
    single.write_text(WIRE, encoding="utf-8")
    run = scan([corpus, single], tmp_path / "out", html=False, command=["unspin", "scan"])
    folder, file = manifest_of(run.outputs["manifest.json"].parent)["inputs"]

    data = single.read_bytes()
    assert file == {"path": str(single), "kind": "file", "bytes": len(data), "sha256": sha256(data)}
    # A folder: its files (hidden ones skipped, as ingest skips them), their total size, and
    # the hash of the sorted "relative path<TAB>file hash" lines.
    wire, farm = (corpus / "wire.txt").read_bytes(), (corpus / "news" / "farm.txt").read_bytes()
    listing = f"news/farm.txt\t{sha256(farm)}\nwire.txt\t{sha256(wire)}\n"
    assert folder == {
        "path": str(corpus),
        "kind": "folder",
        "files": 2,
        "bytes": len(wire) + len(farm),
        "sha256": sha256(listing.encode()),
    }
    assert manifest_of(run.outputs["manifest.json"].parent)["command"] == ["unspin", "scan"]


def test_a_folder_hashes_the_same_wherever_it_is_and_differently_when_changed(
    corpus: Path, tmp_path: Path
) -> None:
    copy = tmp_path / "elsewhere"
    shutil.copytree(corpus, copy)
    assert describe_input(copy)["sha256"] == describe_input(corpus)["sha256"]
    (copy / "news" / "farm.txt").write_text(FARM.replace("4,200", "4,300"), encoding="utf-8")
    assert describe_input(copy)["sha256"] != describe_input(corpus)["sha256"]
    (copy / "news" / "farm.txt").rename(copy / "news" / "farm2.txt")
    assert describe_input(copy)["files"] == 2


def test_the_lexicon_is_named_with_its_source() -> None:
    info = lexicon_info()
    assert info["name"] == "WordNet 3.0"
    if info["synonyms"]:
        assert info["source"] in ("shipped table", "path")
        assert Path(info["path"]).exists()
        if Path(info["path"]).is_file():
            assert re.fullmatch(r"[0-9a-f]{64}", info["sha256"])
    else:
        assert info["source"] is None


def test_the_manifest_is_written_last(corpus: Path, tmp_path: Path) -> None:
    run = scan([corpus], tmp_path / "out")
    manifest = run.outputs["manifest.json"]
    assert list(run.outputs)[-1] == "manifest.json"
    newest = max(p.stat().st_mtime_ns for p in manifest.parent.iterdir())
    assert manifest.stat().st_mtime_ns == newest
    assert "report.html" in manifest_of(manifest.parent)["outputs"]


def test_the_fingerprint_changes_with_a_threshold(monkeypatch: pytest.MonkeyPatch) -> None:
    from unspin import relate

    before = fingerprint()
    monkeypatch.setattr(relate, "MIN_COPIED_WORDS", relate.MIN_COPIED_WORDS + 1)
    assert fingerprint() != before
