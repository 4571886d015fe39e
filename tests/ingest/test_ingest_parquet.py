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
        ("row 3", f"duplicate id 'a' (first seen at {path}:row 0): the same text again, kept once"),
    ]
    assert summary.read == summary.kept + summary.rejected == 4


def test_date_and_timestamp_columns_give_the_day_they_hold(tmp_path: Path) -> None:
    evening = dt.datetime(2020, 10, 25, 23, 30, tzinfo=dt.timezone(dt.timedelta(hours=3)))
    tables = {
        "days": pa.array([dt.date(2020, 10, 25)], pa.date32()),
        "naive": pa.array([dt.datetime(2020, 10, 25, 23, 30)], pa.timestamp("s")),
        "zoned": pa.array([evening], pa.timestamp("ms", tz="+03:00")),  # the day as written
        "epoch": pa.array([1603620000], pa.int64()),
        "text": pa.array(["25/10/2020"]),
    }
    for name, dates in tables.items():
        write_table(tmp_path / f"{name}.parquet", {"text": [ARTICLE], "date": dates})

    documents, rejects, _ = read_corpus([tmp_path])

    assert rejects == []
    assert {doc.id: (doc.date, doc.date_source) for doc in documents} == {
        f"{name}:0": ("2020-10-25", "metadata") for name in tables
    }


def test_a_timestamp_past_year_9999_is_a_warning_not_a_lost_file(tmp_path: Path) -> None:
    dates = pa.array([1603620000, 2**40], pa.timestamp("s"))  # the second is in year 36812
    path = write_table(tmp_path / "far.parquet", {"text": [ARTICLE, ARTICLE + " 2"], "date": dates})

    documents, rejects, _ = read_corpus([path])

    assert [(doc.id, doc.date) for doc in documents] == [("far:0", "2020-10-25"), ("far:1", None)]
    (warning,) = rejects
    assert (warning.position, warning.kept) == ("row 1", True)
    assert warning.reason == (
        "date timestamp[ms] value out of range (year 1-9999); kept without a date"  # as stored
    )


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
