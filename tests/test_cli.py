"""The `unspin` command line: `compare` and `scan`, their outputs and their errors.

Errors are one line on stderr that says what was wrong and how to fix it, with a non-zero
exit code; results follow the JSON contract of DESIGN.md.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from tests.stories import DOCK_STRIKE, HEART_STUDY, ORCHESTRA

from unspin.cli import main

PARAGRAPHS = DOCK_STRIKE
READ_MORE = "READ MORE: Ten ways to save on fuel this winter"
SPLICE = HEART_STUDY
WIRE = "Dockers strike at Valmera\n\n2021-03-01\n\n" + "\n\n".join(PARAGRAPHS) + "\n"
FARM = (
    "Valmera port strike\n\nMarch 2, 2021\n\n"
    + "\n\n".join([*PARAGRAPHS[:2], READ_MORE, SPLICE, *PARAGRAPHS[2:]])
    + "\n"
)
MUSIC = ORCHESTRA.split("\n\n")[0] + "\n"

# The fields DESIGN.md documents for each record; new fields may be added, none removed.
DOCUMENT_FIELDS = {
    *("id", "title", "site", "date", "boilerplate", "inserted"),
    *("text", "url", "origin", "family", "date_source"),
}
BOILERPLATE_FIELDS = {"start", "end", "kind", "evidence"}
INSERTED_FIELDS = {"start", "end", "source", "off_topic", "score"}
PAIR_FIELDS = {
    *("a", "b", "relation", "score", "coverage_a", "coverage_b", "direction", "passages"),
    *("paraphrase_a", "paraphrase_b"),
}
PASSAGE_FIELDS = {
    *("a_start", "a_end", "b_start", "b_end", "kind", "similarity", "substitutions"),
    *("a_text", "b_text"),
}
FAMILY_FIELDS = {"id", "members", "original"}


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args])


def error_lines(result: Result) -> list[str]:
    return result.stderr.strip().splitlines()


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


# --- compare ---------------------------------------------------------------------------------


@pytest.fixture
def two_files(tmp_path: Path) -> tuple[Path, Path]:
    return write(tmp_path, "wire.txt", WIRE), write(tmp_path, "farm.txt", FARM)


def test_compare_json_follows_the_contract(two_files: tuple[Path, Path]) -> None:
    result = run("compare", *two_files, "--json")
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert set(out) == {"documents", "pairs", "families"}

    assert [d["id"] for d in out["documents"]] == ["wire", "farm"]  # ids: file names
    for record in out["documents"]:
        assert set(record) >= DOCUMENT_FIELDS
        for mark in record["boilerplate"]:
            assert set(mark) >= BOILERPLATE_FIELDS
        for span in record["inserted"]:
            assert set(span) >= INSERTED_FIELDS
    (pair,) = out["pairs"]
    assert set(pair) >= PAIR_FIELDS
    assert pair["passages"]
    for passage in pair["passages"]:
        assert set(passage) >= PASSAGE_FIELDS
    (family,) = out["families"]
    assert set(family) >= FAMILY_FIELDS


def test_compare_json_offsets_index_the_files_as_written(two_files: tuple[Path, Path]) -> None:
    out = json.loads(run("compare", *two_files, "--json").stdout)
    wire, farm = out["documents"]
    assert (wire["text"], farm["text"]) == (WIRE, FARM)  # what the offsets point into
    assert (wire["date"], farm["date"]) == ("2021-03-01", "2021-03-02")
    (pair,) = out["pairs"]
    assert (pair["a"], pair["b"], pair["direction"]) == ("wire", "farm", "a->b")
    assert pair["relation"] == "rewrite"
    for p in pair["passages"]:
        assert (p["a_text"], p["b_text"]) == (
            WIRE[p["a_start"] : p["a_end"]],
            FARM[p["b_start"] : p["b_end"]],
        )
        if p["kind"] == "verbatim":
            assert p["a_text"] == p["b_text"]
    # What the farm added is marked on the farm's text: the link line and the splice.
    (mark,) = farm["boilerplate"]
    assert FARM[mark["start"] : mark["end"]] == READ_MORE
    (inserted,) = farm["inserted"]
    assert FARM[inserted["start"] : inserted["end"]] == SPLICE
    assert inserted["off_topic"] is True and inserted["source"] is None
    assert wire["inserted"] == [] and wire["boilerplate"] == []
    (family,) = out["families"]
    assert (family["members"], family["original"]) == (["farm", "wire"], "wire")
    assert wire["family"] == farm["family"] == family["id"]


def test_compare_without_json_prints_a_readable_summary(two_files: tuple[Path, Path]) -> None:
    result = run("compare", *two_files)
    assert result.exit_code == 0, result.output
    assert "rewrite" in result.stdout
    assert "wire" in result.stdout and "farm" in result.stdout


def test_compare_says_what_it_could_not_read_in_a_file_it_kept(tmp_path: Path) -> None:
    record = {"id": "farm", "text": FARM, "date": "05/01/2021"}  # day/month order unknown
    farm = write(tmp_path, "farm.jsonl", json.dumps(record) + "\n")
    result = run("compare", write(tmp_path, "wire.txt", WIRE), farm, "--json")
    assert result.exit_code == 0, result.output
    (warning,) = error_lines(result)
    assert warning.startswith(f"unspin: warning: {farm}:1: ")
    assert "05/01/2021" in warning
    (document,) = [d for d in json.loads(result.stdout)["documents"] if d["id"] == "farm"]
    assert document["date"] is None


def test_compare_two_files_with_the_same_name_in_different_folders(tmp_path: Path) -> None:
    (tmp_path / "monday").mkdir()
    (tmp_path / "tuesday").mkdir()
    first = write(tmp_path / "monday", "story.txt", WIRE)
    second = write(tmp_path / "tuesday", "story.txt", FARM)
    result = run("compare", first, second)
    assert result.exit_code == 0, repr(result.exception)
    assert "rewrite" in result.stdout


def test_compare_a_missing_file_is_one_error_line_naming_it(tmp_path: Path) -> None:
    present = write(tmp_path, "wire.txt", WIRE)
    missing = tmp_path / "nope.txt"
    result = run("compare", present, missing)
    assert result.exit_code != 0
    assert result.stdout == ""
    (line,) = error_lines(result)
    assert str(missing) in line
    assert "not found" in line or "does not exist" in line


def test_compare_an_unsupported_format_names_the_supported_ones(tmp_path: Path) -> None:
    present = write(tmp_path, "wire.txt", WIRE)
    word = write(tmp_path, "farm.docx", FARM)
    result = run("compare", present, word)
    assert result.exit_code != 0
    (line,) = error_lines(result)
    assert str(word) in line
    assert ".docx" in line
    for supported in (".txt", ".md", ".html", ".jsonl", ".parquet"):
        assert supported in line


# --- scan ------------------------------------------------------------------------------------


def test_scan_writes_its_records_and_lists_bad_files_as_rejects(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    write(corpus, "wire.txt", WIRE)
    write(corpus, "farm.txt", FARM)
    write(corpus, "music.txt", MUSIC)
    write(corpus, "empty.txt", "")
    out = tmp_path / "out"

    result = run("scan", corpus, "--out", out, "--no-html")
    assert result.exit_code == 0, result.output

    for name in ("documents.jsonl", "pairs.jsonl", "families.jsonl", "rejects.jsonl"):
        assert (out / name).is_file(), name
    documents = read_jsonl(out / "documents.jsonl")
    assert sorted(d["id"] for d in documents) == ["farm", "music", "wire"]
    assert all(set(d) >= DOCUMENT_FIELDS for d in documents)
    pairs = read_jsonl(out / "pairs.jsonl")
    assert [(p["a"], p["b"]) for p in pairs] == [("farm", "wire")]
    assert all(set(p) >= PAIR_FIELDS for p in pairs)
    families = read_jsonl(out / "families.jsonl")
    assert [(f["members"], f["original"]) for f in families] == [(["farm", "wire"], "wire")]

    (reject,) = read_jsonl(out / "rejects.jsonl")
    assert "empty.txt" in reject["source"]
    assert reject["reason"]

    counts = re.search(r"read (\d+)\s+kept (\d+)\s+rejected (\d+)", result.stdout)
    assert counts, result.stdout
    read, kept, rejected = map(int, counts.groups())
    assert (read, kept, rejected) == (4, 3, 1)
    assert read == kept + rejected
    # The summary names what to look at first: the largest families and strongest pairs.
    (family,) = families
    assert f"family {family['id']}: 2 members, original wire" in result.stdout
    (pair,) = pairs
    assert f"farm ↔ wire: {pair['relation']}, score {pair['score']:.2f}" in result.stdout


def test_scan_help_lists_every_input_format() -> None:
    from unspin.ingest import SUPPORTED_EXTENSIONS

    help_text = " ".join(run("scan", "--help").stdout.split())
    for extension in SUPPORTED_EXTENSIONS:
        assert extension in help_text


def test_a_scan_that_rejects_most_of_what_it_read_fails_after_writing_its_results(
    tmp_path: Path,
) -> None:
    records = tmp_path / "news.jsonl"
    lines = [json.dumps({"id": "wire", "text": WIRE}), "not json", json.dumps({"id": "x"})]
    records.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    result = run("scan", records, "--out", out)
    assert result.exit_code == 3
    (line,) = error_lines(result)
    assert "2 of the 3 records read were rejected" in line and "rejects.jsonl" in line
    assert "read 3  kept 1  rejected 2" in result.stdout  # the summary still comes first
    assert [d["id"] for d in read_jsonl(out / "documents.jsonl")] == ["wire"]
    assert len(read_jsonl(out / "rejects.jsonl")) == 2
    assert (out / "report.html").is_file() and (out / "manifest.json").is_file()


def test_every_stage_of_a_scan_reports_a_total(tmp_path: Path) -> None:
    from unspin.api import scan

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    write(corpus, "wire.txt", WIRE)
    write(corpus, "farm.txt", FARM)

    class Recorder:
        def __init__(self) -> None:
            self.stages: list[tuple[str, int | None]] = []
            self.done: dict[str, int] = {}

        def start(self, stage: str, total: int | None) -> None:
            self.stages.append((stage, total))
            self.done[stage] = 0

        def advance(self, n: int = 1) -> None:
            self.done[self.stages[-1][0]] += n

    progress = Recorder()
    scan([corpus], tmp_path / "out", progress=progress)
    names = [stage for stage, _ in progress.stages]
    assert names == ["read", "prepare", "candidates", "align", "relate", "write"]
    for stage, total in progress.stages:
        assert total is not None and progress.done[stage] == total, stage


def test_scan_of_an_empty_folder_fails_with_a_clear_message(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    out = tmp_path / "out"
    result = run("scan", empty, "--out", out)
    assert result.exit_code != 0
    (line,) = error_lines(result)
    assert "no documents" in line
    assert "Fix:" in line
    assert not (out / "documents.jsonl").exists()


def test_scan_offers_only_the_engines_that_exist(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    write(corpus, "wire.txt", WIRE)
    help_text = run("scan", "--help").stdout
    assert "[local|spark]" in help_text
    result = run("scan", corpus, "--out", tmp_path / "out", "--engine", "ray")
    assert result.exit_code == 2
    (line,) = error_lines(result)
    assert "'--engine'" in line and "'local'" in line and "'spark'" in line
