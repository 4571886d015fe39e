"""Parquet corpora: the same fields and checks as JSON Lines, read in row batches."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from unspin.ingest import iter_records, read_corpus, tables
from unspin.model import Document, Reject

ARTICLE = (
    "Moscow - Russian President Vladimir Putin said a military alliance with China is possible."
)


def write_table(path: Path, columns: dict[str, list[object]]) -> Path:
    pq.write_table(pa.table(columns), path)
    return path


def test_rows_become_documents_and_bad_rows_rejects(tmp_path: Path) -> None:
    path = write_table(
        tmp_path / "corpus.parquet",
        {
            "id": ["a", None, "c", "a"],
            "text": [ARTICLE, ARTICLE + " Again.", "   ", ARTICLE],
            "date": [dt.date(2020, 10, 22), None, None, None],
            "url": ["https://www.tass.com/x", None, None, None],
            "embedding": [[0.1, 0.2]] * 4,  # columns we do not use are never read
        },
    )

    documents, rejects, summary = read_corpus([path])

    assert [(doc.id, doc.date, doc.site) for doc in documents] == [
        ("a", "2020-10-22", "tass.com"),
        ("corpus:1", None, None),
    ]
    assert documents[0].origin == f"{path}:row 0"
    assert [(r.position, r.reason) for r in rejects] == [
        ("row 2", "empty text"),
        ("row 3", f"duplicate id 'a' (first seen at {path}:row 0)"),
    ]
    assert summary.read == summary.kept + summary.rejected == 4


def test_a_table_without_text_or_html_is_one_reject_naming_its_columns(tmp_path: Path) -> None:
    path = write_table(tmp_path / "wrong.parquet", {"id": ["a"], "body": [ARTICLE]})

    (reject,) = list(iter_records([path]))

    assert isinstance(reject, Reject)
    assert reject.source == str(path)
    assert "no 'text' or 'html' column" in reject.reason
    assert "columns: id, body" in reject.reason


def test_a_text_column_of_the_wrong_type_rejects_each_row(tmp_path: Path) -> None:
    path = write_table(tmp_path / "ints.parquet", {"text": [1, 2]})

    records = list(iter_records([path]))

    assert [r.reason for r in records if isinstance(r, Reject)] == [
        "field 'text' must be a string, got number"
    ] * 2


def test_large_files_are_read_batch_by_batch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tables, "PARQUET_BATCH_ROWS", 3)
    path = write_table(tmp_path / "many.parquet", {"text": [f"{ARTICLE} {n}" for n in range(10)]})

    records = list(iter_records([path]))

    assert [r.id for r in records if isinstance(r, Document)] == [f"many:{n}" for n in range(10)]


def test_a_file_that_is_not_parquet_is_rejected_not_raised(tmp_path: Path) -> None:
    path = tmp_path / "fake.parquet"
    path.write_text("this is not parquet", encoding="utf-8")

    (reject,) = list(iter_records([path]))

    assert isinstance(reject, Reject)
    assert reject.reason.startswith("cannot read Parquet file")
