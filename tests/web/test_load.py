"""Under load, on loopback: 20 clients trace at once while `unspin index add` adds 250
articles to the same index from another process; each client traces at least twice and goes
on while the add runs. Every trace is answered with a whole record, some of them while the
add was running, and the add loses nothing. Bounded: at most 10 traces a client, each given
two minutes."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx2 as httpx
from pydantic import TypeAdapter
from tests.web.conftest import EXAMPLES, SPUN, WIRE, bbc_records, start_server, stop_server

from unspin.report.schema import TraceRecord

CLIENTS = 20
TRACES_EACH = 2
TRACES_MAX = 10
ADDED = 250
REQUEST_TIMEOUT_S = 120


def copy_index(source: Path, target: Path) -> None:
    """A consistent copy, write-ahead log included (SQLite's online backup)."""
    with sqlite3.connect(source) as old, sqlite3.connect(target) as new:
        old.backup(new)


def test_the_server_keeps_answering_while_an_add_runs_and_the_add_loses_nothing(
    bbc_index: Path, tmp_path: Path
) -> None:
    db = tmp_path / "busy.db"
    copy_index(bbc_index, db)
    held = {r["id"] for r in bbc_records()}
    more = [r for r in bbc_records(every=4) if r["id"] not in held][:ADDED]
    assert len(more) == ADDED
    batch = tmp_path / "more.jsonl"
    batch.write_text("".join(json.dumps(r) + "\n" for r in more))
    spun = (EXAMPLES / f"{SPUN}.txt").read_text()
    articles = [spun, *(r["text"] for r in more[: CLIENTS * TRACES_EACH - 1])]

    server = start_server(db)
    try:
        before = server.get("/api/stats")["documents"]
        add = subprocess.Popen(
            [sys.executable, "-m", "unspin.cli", "index", "add", str(batch), "--db", str(db)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )

        def client(number: int) -> list[tuple[int, Any, bool]]:
            answers = []
            for turn in range(TRACES_MAX):
                if turn >= TRACES_EACH and add.poll() is not None:
                    break
                text = articles[(number * TRACES_EACH + turn) % len(articles)]
                response = httpx.post(
                    server.url + "/api/trace", json={"text": text}, timeout=REQUEST_TIMEOUT_S
                )
                answers.append((response.status_code, response.json(), add.poll() is None))
            return answers

        with ThreadPoolExecutor(CLIENTS) as pool:
            answers = [a for found in pool.map(client, range(CLIENTS)) for a in found]
        _out, err = add.communicate(timeout=600)
        assert add.returncode == 0, err

        assert [status for status, _, _ in answers] == [200] * len(answers)
        assert sum(during for _, _, during in answers) > 0, "traces answered during the add"
        for _, record, _ in answers:
            TypeAdapter(TraceRecord).validate_python(record, strict=True)
        assert answers[0][1]["sources"][0]["id"] == WIRE, "the spun seed still finds its source"
        assert server.get("/api/stats")["documents"] == before + ADDED
        for record in more[:: ADDED // 10]:
            stored = server.get("/api/documents/" + record["id"])["text"]
            assert stored.strip() == record["text"].strip()
    finally:
        stop_server(server)
    with sqlite3.connect(db) as check:
        assert check.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        ids = {row[0] for row in check.execute("SELECT id FROM articles")}
    assert {r["id"] for r in more} <= ids
