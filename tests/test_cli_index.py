"""`unspin index add|remove|stats` and `unspin trace`, as a user runs them: the seeds'
spun rewrite traced against an index holding the wire story and unrelated articles."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

from click.testing import CliRunner, Result
from tests.stories import HEART_STUDY, ORCHESTRA

from unspin.cli import main

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
WIRE, SPUN = "000_d1e9f2ba145d541d", "002_5904dd556c9162f6"


def run(*args: str, stdin: str | None = None) -> Result:
    return CliRunner().invoke(main, list(args), input=stdin)


def collection(tmp_path: Path) -> Path:
    folder = tmp_path / "collection"
    folder.mkdir(parents=True)
    shutil.copy(EXAMPLES / f"{WIRE}.txt", folder)
    (folder / "heart.txt").write_text(HEART_STUDY + "\n")
    (folder / "orchestra.txt").write_text(ORCHESTRA + "\n")
    (folder / "broken.jsonl").write_text('{"id": "x", "text": 3}\n')
    return folder


def trace_json(*args: str, stdin: str | None = None) -> dict[str, Any]:
    result = run("trace", *args, "--json", stdin=stdin)
    assert result.exit_code == 0, result.output
    found: dict[str, Any] = json.loads(result.stdout)
    return found


def test_index_add_stats_and_trace_the_seeds(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    added = run("index", "add", str(collection(tmp_path)), "--db", str(db))
    assert added.exit_code == 0, added.output
    assert "3 added" in added.stdout and "rejected 1" in added.stdout
    rejects = [
        json.loads(line) for line in (tmp_path / "news.rejects.jsonl").read_text().splitlines()
    ]
    assert [r["id"] for r in rejects] == ["x"] and "text" in rejects[0]["reason"]
    stats = json.loads(run("index", "stats", "--db", str(db), "--json").stdout)
    assert stats["documents"] == 3 and stats["file_bytes"] > stats["text_bytes"] > 0
    again = run("index", "add", str(collection(tmp_path / "again")), "--db", str(db))
    assert "0 added, 0 replaced, 3 unchanged" in again.stdout

    traced = trace_json(str(EXAMPLES / f"{SPUN}.txt"), "--db", str(db))
    best = traced["sources"][0]
    assert [s["id"] for s in traced["sources"]] == [WIRE]
    assert best["relation"] == "rewrite" and 0.4 < best["matched"] < 0.9
    kinds = {p["kind"] for p in best["passages"]}
    assert {"verbatim", "spun"} <= kinds
    substitutions = {tuple(s) for p in best["passages"] for s in p["substitutions"]}
    assert ("Russian Federation", "Russia") in substitutions  # article word -> source word
    article_text = traced["article"]["text"]
    for passage in best["passages"]:  # side a is the article, side b the source
        assert article_text[passage["a_start"] : passage["a_end"]] == passage["a_text"]
    assert len(traced["inserted"]) >= 3  # the spliced paragraphs
    assert traced["family"]["members"] == sorted([SPUN, WIRE])

    # The same article on standard input, and the filters.
    piped = trace_json("-", "--db", str(db), stdin=(EXAMPLES / f"{SPUN}.txt").read_text())
    assert [s["id"] for s in piped["sources"]] == [WIRE]
    long_only = trace_json(str(EXAMPLES / f"{SPUN}.txt"), "--db", str(db), "--min-words", "40")
    assert all(len(p["a_text"].split()) >= 30 for s in long_only["sources"] for p in s["passages"])
    assert len(long_only["sources"][0]["passages"]) < len(best["passages"])
    dated = trace_json(str(EXAMPLES / f"{SPUN}.txt"), "--db", str(db), "--before", "2000-01-01")
    assert dated["sources"] == []

    terminal = run("trace", str(EXAMPLES / f"{SPUN}.txt"), "--db", str(db))
    assert terminal.exit_code == 0 and WIRE in terminal.stdout and "Best source" in terminal.stdout


def test_index_remove_and_its_exit_codes(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    run("index", "add", str(collection(tmp_path)), "--db", str(db))
    removed = run("index", "remove", WIRE, "--db", str(db))
    assert removed.exit_code == 0 and "1 removed" in removed.stdout
    assert trace_json(str(EXAMPLES / f"{SPUN}.txt"), "--db", str(db))["sources"] == []
    missing = run("index", "remove", "heart", "nobody", "--db", str(db))
    assert missing.exit_code == 1 and "nobody" in missing.stderr


def test_trace_errors_are_one_line_with_the_fix(tmp_path: Path) -> None:
    article = str(EXAMPLES / f"{SPUN}.txt")
    no_index = run("trace", article, "--db", str(tmp_path / "none.db"))
    assert no_index.exit_code == 2
    assert no_index.stderr.count("\n") == 1 and "unspin index add" in no_index.stderr
    assert not (tmp_path / "none.db").exists()
    not_an_index = tmp_path / "notes.db"
    not_an_index.write_text("my notes\n" * 200)
    wrong = run("trace", article, "--db", str(not_an_index))
    assert wrong.exit_code == 2 and "not an unspin index" in wrong.stderr
    db = tmp_path / "news.db"
    run("index", "add", str(collection(tmp_path)), "--db", str(db))
    bad_day = run("trace", article, "--db", str(db), "--before", "yesterday")
    assert bad_day.exit_code == 2 and "YYYY-MM-DD" in bad_day.stderr
    empty = run("trace", "-", "--db", str(db), stdin="   \n")
    assert empty.exit_code == 2 and "empty text" in empty.stderr


def test_trace_html_is_one_page_holding_the_trace_it_prints(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    assert run("index", "add", str(collection(tmp_path)), "--db", str(db)).exit_code == 0
    hostile = tmp_path / "hostile.txt"
    hostile.write_text(
        (EXAMPLES / f"{SPUN}.txt").read_text() + "\n</script><script>alert(1)</script> & <!--\n"
    )
    page = tmp_path / "trace.html"
    printed = trace_json(str(hostile), "--db", str(db), "--html", str(page))
    html = page.read_text()
    embedded = re.search(r'<script type="application/json" id="unspin-trace">(.*?)</script>', html)
    assert embedded is not None
    data = json.loads(embedded.group(1))
    assert data["trace"] == printed
    assert set(data["source_texts"]) == {WIRE}
    assert "<script>alert(1)" not in html and "<!--" not in html, "article text stays inert"
    assert html.count("<script") == 2 and "src=" not in html, "self-contained"
    unwritable = run("trace", str(hostile), "--db", str(db), "--html", str(hostile / "x"))
    assert unwritable.exit_code == 2 and "--html" in unwritable.output
