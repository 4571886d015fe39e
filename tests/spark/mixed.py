"""A corpus holding every kind of input and of record that a read must agree on.

A folder of text, Markdown and HTML files, JSON Lines plain and gzip'd, Parquet (a row group a
row), a web archive and an unsupported file; good records, bad JSON, no text, no id, a bad
date, duplicate ids with the same text and with another, an id that a derived id took first.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
from tests.ingest.warcs import article_page, page_record, request, warcinfo, write_warc

STRIKE = "Dock workers at the port of Valmera walked off the job on Monday over automation."
TALKS = "The Valmera Dockers' Union said talks with the port authority collapsed on Sunday."
VOTE = "Members of the union will vote on the port's new offer at the end of the week."
PAGE = article_page("Port strike", [STRIKE, TALKS, VOTE])


def lines(*records: dict[str, Any] | str) -> str:
    return "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records)


def write_corpus(root: Path) -> Path:
    files = {
        "news/business/001.txt": STRIKE,
        "news/business/002.md": f"# Talks\n\n{TALKS}",
        # Both are "news/sport/001": the second read is renamed "news/sport/001~2".
        "news/sport/001.html": PAGE,
        "news/sport/001.txt": VOTE,
        "notes.docx": "not an article format",
    }
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    (root / "feed.jsonl").write_text(
        lines(
            {"id": "b~2", "text": TALKS},  # read before "b~2" is derived: "b" becomes "b~3"
            {"id": "a", "text": STRIKE, "date": "2021-03-01"},
            '{"id": "broken", "text": ',
            {"id": "empty", "title": "No text at all"},
            {"text": VOTE},  # no id: "feed:5"
            {"id": "a", "text": STRIKE, "date": "not a date"},  # a repeat: its warning goes
            {"id": "a", "text": TALKS, "date": "not a date"},  # "a~2", and so is its warning
            {"id": "a~2", "text": VOTE},  # taken by a derived id: kept as "a~2~2"
            {"id": "b", "text": STRIKE},
            {"id": "b", "text": VOTE},
        ),
        encoding="utf-8",
    )
    with gzip.open(root / "more.jsonl.gz", "wt", encoding="utf-8") as packed:
        packed.write(lines({"id": "a", "text": VOTE}, {"text": STRIKE}, {"id": "b", "text": VOTE}))
    table = {"id": ["news/business/001", "p1", "p2"], "text": [TALKS, "", VOTE]}
    pq.write_table(pa.table(table), root / "table.parquet", row_group_size=1)
    uri = "https://wire.example/port-strike"
    write_warc(
        root / "crawl.warc.gz",
        [warcinfo(), request(uri), page_record(uri, PAGE), page_record(uri, PAGE)],
    )
    return root
