"""A big file read in parts gives what a read of the whole file gives, whatever the cuts.

Every part boundary is tried on a JSON Lines file holding every kind of line (a byte order
mark, blank lines, bad JSON, bytes that are not UTF-8, records without an id, records with
warnings, a long line that spans several parts, no final line feed), and Parquet files are
cut between their row groups. Compared: the records, their positions, which document each
warning is about, and the order.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from unspin.ingest.files import FileRecord, read_file
from unspin.ingest.parts import (
    SUB_BITS,
    newlines_before,
    newlines_in,
    read_in_parts,
    read_part,
    split_file,
)
from unspin.ingest.source import Source
from unspin.model import Document

STRIKE = "Dock workers at the port of Valmera walked off the job on Monday over automation."
TALKS = "The Valmera Dockers' Union said talks with the port authority collapsed on Sunday."


def _line(record: dict[str, object]) -> bytes:
    return json.dumps(record).encode() + b"\n"


def _feed(path: Path) -> Source:
    body = b"".join(
        [
            b"\xef\xbb\xbf" + _line({"id": "first", "text": STRIKE}),
            b"\n",
            _line({"text": TALKS}),  # no id: named by its line, "feed:3"
            b'{"id": "broken", "text": \n',
            b"\r\n",
            _line({"id": "dated", "text": TALKS, "date": "not a date"}),  # kept, with a warning
            _line({"id": "nul", "text": f"{STRIKE}\x00{TALKS}", "date": "31/31/2020"}),
            b'{"id": "latin", "text": "caf\xe9"}\n',
            _line({"id": "long", "text": " ".join([STRIKE, TALKS] * 40)}),
            b"\n\n",
            _line({"text": STRIKE}),
            _line({"id": "last", "text": TALKS}).rstrip(b"\n"),
        ]
    )
    path.write_bytes(body)
    return Source(path, "feed")


def _read(records: list[FileRecord]) -> list[tuple[object, str, object]]:
    """Each record, where it was read, and the document a warning is about."""
    by_index = {r.index: r.record for r in records}
    return [(r.record, r.position, by_index.get(r.about)) for r in records]  # type: ignore[arg-type]


def test_the_feed_has_the_cases_a_cut_must_keep(tmp_path: Path) -> None:
    whole = list(read_file(_feed(tmp_path / "feed.jsonl"), ".jsonl"))

    ids = [r.record.id for r in whole if isinstance(r.record, Document)]
    assert ids == ["first", "feed:3", "dated", "nul", "long", "feed:12", "last"]
    assert sum(r.about is not None for r in whole) == 3
    assert sum(not isinstance(r.record, Document) and not r.record.kept for r in whole) == 2


def test_every_cut_of_a_json_lines_file_reads_as_the_whole_file(tmp_path: Path) -> None:
    source = _feed(tmp_path / "feed.jsonl")
    size = source.path.stat().st_size
    expected = _read(list(read_file(source, ".jsonl")))

    for part_bytes in [*range(1, 120), 250, 1000, size - 1, size, 10 * size]:
        records = list(read_in_parts(source, ".jsonl", part_bytes))

        assert _read(records) == expected, part_bytes
        indexes = [r.index for r in records]
        assert indexes == sorted(set(indexes)), part_bytes


def test_a_file_is_cut_into_parts_of_about_the_size_asked(tmp_path: Path) -> None:
    source = _feed(tmp_path / "feed.jsonl")
    size = source.path.stat().st_size

    parts = split_file(source, ".jsonl", 100)

    assert len(parts) == -(-size // 100)
    assert [(p.start, p.end) for p in parts[:2]] == [(0, 100), (100, 200)]
    assert parts[-1].end == size
    assert sum(newlines_in(p) for p in parts) == source.path.read_bytes().count(b"\n")
    assert split_file(source, ".jsonl", size) == [split_file(source, ".jsonl")[0]]


def test_a_part_reads_only_the_lines_that_start_in_it(tmp_path: Path) -> None:
    path = tmp_path / "two.jsonl"
    path.write_bytes(_line({"id": "a", "text": STRIKE}) + _line({"id": "b", "text": TALKS}))
    first, second = split_file(Source(path, "two"), ".jsonl", 10)[:2]
    counts = newlines_before([newlines_in(first), newlines_in(second)])

    assert [r.record.id for r in read_part(first, counts[0])] == ["a"]  # type: ignore[union-attr]
    assert list(read_part(second, counts[1])) == []  # inside line 1, which "first" reads


def test_records_are_numbered_by_line_then_by_place_in_the_line(tmp_path: Path) -> None:
    source = _feed(tmp_path / "feed.jsonl")

    records = list(read_in_parts(source, ".jsonl", 64))

    dated = [r for r in records if r.position == "6"]
    assert [r.index for r in dated] == [6 << SUB_BITS, 6 << SUB_BITS | 1]


def test_gzip_files_are_read_whole(tmp_path: Path) -> None:
    plain = _feed(tmp_path / "feed.jsonl").path.read_bytes()
    source = Source(tmp_path / "packed.jsonl.gz", "packed")
    source.path.write_bytes(gzip.compress(plain))

    assert len(split_file(source, ".jsonl.gz", 10)) == 1
    expected = _read(list(read_file(source, ".jsonl.gz")))
    assert _read(list(read_in_parts(source, ".jsonl.gz", 10))) == expected


def _table(path: Path, rows: int, row_group_size: int) -> Source:
    texts = [f"{STRIKE} ({n})" if n % 7 else "" for n in range(rows)]  # some rows have no text
    dates = [None if n % 5 else "2021-02-30" for n in range(rows)]  # some dates are impossible
    ids = [f"r{n}" if n % 3 else None for n in range(rows)]
    table = pa.table({"id": ids, "text": texts, "date": dates})
    pq.write_table(table, path, row_group_size=row_group_size)
    return Source(path, "table")


@pytest.mark.parametrize("part_bytes", [1, 300, 2000, 10**9])
def test_a_parquet_file_read_in_runs_of_row_groups_reads_as_the_whole_file(
    tmp_path: Path, part_bytes: int
) -> None:
    source = _table(tmp_path / "table.parquet", rows=60, row_group_size=8)
    expected = _read(list(read_file(source, ".parquet")))

    records = list(read_in_parts(source, ".parquet", part_bytes))

    assert _read(records) == expected
    assert [r.index for r in records] == sorted({r.index for r in records})
    parts = split_file(source, ".parquet", part_bytes)
    if part_bytes < source.path.stat().st_size:  # runs of whole groups, end to end
        assert [(p.start, p.end) for p in parts] == list(
            zip([0, *(p.end for p in parts[:-1])], [p.end for p in parts], strict=True)
        )
        assert parts[-1].end == 8  # 60 rows, 8 a group
    else:
        assert [p.end for p in parts] == [None]
    assert [p.first_row for p in split_file(source, ".parquet", 1)] == list(range(0, 60, 8))


def test_a_parquet_file_without_a_text_column_is_rejected_once(tmp_path: Path) -> None:
    path = tmp_path / "meta.parquet"
    pq.write_table(pa.table({"id": [str(n) for n in range(50)]}), path, row_group_size=5)
    source = Source(path, "meta")
    assert len(split_file(source, ".parquet", 1)) == 10

    records = list(read_in_parts(source, ".parquet", 1))

    assert _read(records) == _read(list(read_file(source, ".parquet")))
    assert len(records) == 1 and "no 'text' or 'html' column" in records[0].record.reason  # type: ignore[union-attr]
