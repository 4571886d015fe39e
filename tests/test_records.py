"""Outputs that stand on their own: a scan's records carry the texts their offsets point into,
so they can be read, checked and shown without the original inputs."""

from __future__ import annotations

import codecs
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from tests.stories import DOCK_STRIKE, HEART_STUDY

from unspin.cli import main

READ_MORE = "READ MORE: Ten ways to save on fuel this winter"
WIRE = "Dockers strike at Valmera\r\n\r\n2021-03-01\r\n\r\n" + "\r\n\r\n".join(DOCK_STRIKE) + "\r\n"
FARM_PAGE = (
    "<!DOCTYPE html><html><head><title>Valmera port strike</title>"
    '<link rel="canonical" href="https://farm.example/valmera-strike">'
    '<meta property="article:published_time" content="2021-03-02"></head><body><article>'
    "<h1>Valmera port strike</h1>"
    + "".join(f"<p>{p}</p>" for p in [*DOCK_STRIKE[:2], READ_MORE, HEART_STUDY, *DOCK_STRIKE[2:]])
    + "</article></body></html>"
)


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def scanned(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("records")
    corpus = root / "corpus"
    corpus.mkdir()
    # A Windows file with a byte order mark: CRLF line ends are kept, the BOM is not text.
    (corpus / "wire.txt").write_bytes(codecs.BOM_UTF8 + WIRE.encode("utf-8"))
    (corpus / "farm.html").write_text(FARM_PAGE, encoding="utf-8")
    (corpus / "empty.txt").write_text("", encoding="utf-8")
    out = root / "out"
    result = CliRunner().invoke(main, ["scan", str(corpus), "--out", str(out), "--no-html"])
    assert result.exit_code == 0, result.output
    return corpus, out


def test_a_document_carries_its_text_and_where_it_came_from(scanned: tuple[Path, Path]) -> None:
    corpus, out = scanned
    docs = {d["id"]: d for d in read_jsonl(out / "documents.jsonl")}
    wire, farm = docs["wire"], docs["farm"]
    # Offsets index `text`; for a text file that is what open(..., newline="") reads, after
    # the byte order mark (decoded, line ends untranslated).
    with (corpus / "wire.txt").open(encoding="utf-8-sig", newline="") as raw:
        assert wire["text"] == raw.read() == WIRE
    assert (wire["date"], wire["date_source"]) == ("2021-03-01", "text")
    assert wire["origin"] == str(corpus / "wire.txt")
    assert wire["url"] is None
    # For a page, the text is what the extractor kept, and the marks point into it.
    assert "<p>" not in farm["text"] and HEART_STUDY in farm["text"]
    assert farm["origin"] == str(corpus / "farm.html")
    assert farm["url"] == "https://farm.example/valmera-strike"
    assert (farm["date"], farm["date_source"]) == ("2021-03-02", "metadata")
    (mark,) = farm["boilerplate"]
    assert farm["text"][mark["start"] : mark["end"]] == READ_MORE
    (inserted,) = farm["inserted"]
    assert farm["text"][inserted["start"] : inserted["end"]] == HEART_STUDY


def test_a_document_names_its_family(scanned: tuple[Path, Path]) -> None:
    _, out = scanned
    (family,) = read_jsonl(out / "families.jsonl")
    docs = read_jsonl(out / "documents.jsonl")
    assert {d["id"]: d["family"] for d in docs} == {"wire": family["id"], "farm": family["id"]}


def test_a_passage_carries_both_of_its_texts(scanned: tuple[Path, Path]) -> None:
    _, out = scanned
    docs = {d["id"]: d["text"] for d in read_jsonl(out / "documents.jsonl")}
    (pair,) = read_jsonl(out / "pairs.jsonl")
    assert 0 <= pair["paraphrase_a"] <= 1 and 0 <= pair["paraphrase_b"] <= 1
    assert pair["passages"]
    for p in pair["passages"]:
        assert p["a_text"] == docs[pair["a"]][p["a_start"] : p["a_end"]]
        assert p["b_text"] == docs[pair["b"]][p["b_start"] : p["b_end"]]
    assert any(DOCK_STRIKE[1][:40] in p["a_text"] for p in pair["passages"])


def test_a_reject_says_whether_the_record_was_kept(scanned: tuple[Path, Path]) -> None:
    _, out = scanned
    (reject,) = read_jsonl(out / "rejects.jsonl")
    assert reject["kept"] is False and reject["source"].endswith("empty.txt")


def test_a_warning_about_a_kept_record_is_listed_but_not_counted_as_rejected(
    tmp_path: Path,
) -> None:
    records = tmp_path / "news.jsonl"
    lines = [
        {"id": "a", "text": "\n\n".join(DOCK_STRIKE), "date": "sometime last spring"},
        {"id": "b", "text": HEART_STUDY},
    ]
    records.write_text("".join(json.dumps(r) + "\n" for r in lines), encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["scan", str(records), "--out", str(out), "--no-html"])
    assert result.exit_code == 0, result.output
    (warning,) = read_jsonl(out / "rejects.jsonl")
    assert warning["kept"] is True and warning["id"] == "a"
    assert "read 2  kept 2  rejected 0  renamed 0  warnings 1" in result.stdout
