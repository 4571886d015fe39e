"""Files of many records: JSON Lines (optionally gzipped) and Parquet, read as streams."""

from __future__ import annotations

import gzip
import json
import zlib
from collections.abc import Iterator
from typing import Any, BinaryIO

import pyarrow as pa
import pyarrow.parquet as pq

from unspin.ingest.dates import DateError
from unspin.ingest.records import CONTENT_FIELDS, FIELDS, json_type, to_document
from unspin.ingest.source import Source
from unspin.model import Document, Reject

# Rows per Parquet batch: small enough that a file of long HTML pages never sits in memory
# whole, large enough that the per-batch overhead does not matter.
PARQUET_BATCH_ROWS = 1024
# Error messages of parsers can quote what they choked on; a reason stays one short line.
_MAX_REASON_CHARS = 200


def _open(source: Source) -> BinaryIO:
    stream = source.open()
    if source.path.name.lower().endswith(".gz"):
        return gzip.GzipFile(fileobj=stream, mode="rb")  # type: ignore[return-value]
    return stream


def read_jsonl_file(source: Source) -> Iterator[Document | Reject]:
    for _, record in jsonl_records(source):
        yield record


def jsonl_records(
    source: Source, start: int = 0, end: int | None = None, newlines_before: int = 0
) -> Iterator[tuple[int, Document | Reject]]:
    """The records of the lines that start in bytes ``[start, end)`` of a JSON Lines file
    (the whole file by default), each with the number of its line.

    ``newlines_before``: how many line feeds the file has before ``start``, so that lines
    are numbered as a read of the whole file numbers them (`unspin.ingest.parts`). A range
    other than the whole file needs an uncompressed file, which can be read from anywhere.
    """
    number = newlines_before
    try:
        with _open(source) as stream:
            if start:
                # The line under way at ``start`` belongs to the range before this one.
                stream.seek(start - 1)
                number += 1 if len(stream.readline()) > 1 else 0
            place = stream.tell()
            for raw in stream:
                if end is not None and place >= end:
                    break
                place += len(raw)
                number += 1
                if number == 1:
                    raw = raw.removeprefix(b"\xef\xbb\xbf")
                if raw.strip():  # blank lines separate nothing and are not records
                    for record in jsonl_record(raw, number, source):
                        yield number, record
    except (OSError, EOFError, zlib.error) as err:
        # A truncated or corrupt file: what was read stays, and the reject says where it ended.
        where = f"after line {number}" if number else "at the start"
        reject = source.reject(f"file cannot be read {where}: {err}", position=str(number + 1))
        yield number + 1, reject


def jsonl_record(raw: bytes, number: int, source: Source) -> list[Document | Reject]:
    """The records of line ``number`` (its bytes, with or without the line feed)."""
    position = str(number)
    # Without its line feed, so that a line cut short is said to end where it does (column
    # 26, not "column 1" of a second line), whoever split the file into lines.
    raw = raw.removesuffix(b"\n")
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        reason = (
            f"undecodable bytes: not UTF-8 (byte 0x{raw[err.start]:02x} at byte {err.start} "
            "of the line)"
        )
        return [source.reject(reason, position)]
    try:
        record = json.loads(line)
    except json.JSONDecodeError as err:
        return [source.reject(f"invalid JSON: {err.msg} (column {err.colno})", position)]
    except (ValueError, RecursionError) as err:  # a number of over 4,300 digits, or deep nesting
        reason = "nested too deeply" if isinstance(err, RecursionError) else str(err)
        return [source.reject(f"invalid JSON: {reason}"[:_MAX_REASON_CHARS], position)]
    if not isinstance(record, dict):
        kind = json_type(record)
        return [source.reject(f"expected a JSON object per line, got {kind}", position)]
    return to_document(record, source, position, f"{source.label}:{number}", position)


def read_parquet_file(source: Source) -> Iterator[Document | Reject]:
    for _, record in parquet_records(source):
        yield record


def parquet_records(
    source: Source, groups: range | None = None, first_row: int = 0
) -> Iterator[tuple[int, Document | Reject]]:
    """The records of a Parquet file's row ``groups`` (all by default), each with the number
    of its row; ``first_row`` is the number of the first row of the first group. A reject
    about the whole file comes with the part holding row 0 only, so a file read in parts
    says it once (`unspin.ingest.parts`)."""
    try:
        parquet = pq.ParquetFile(
            source.path if source.data is None else pa.BufferReader(source.data)
        )
    except (OSError, pa.ArrowException) as err:
        yield first_row, source.reject(f"cannot read Parquet file: {err}")
        return
    with parquet:
        names = list(parquet.schema_arrow.names)
        if not any(name in names for name in CONTENT_FIELDS):
            if first_row == 0:
                listed = ", ".join(names) or "none"
                reason = f"Parquet file has no 'text' or 'html' column (columns: {listed})"
                yield 0, source.reject(reason)
            return
        yield from _parquet_rows(parquet, source, groups, first_row)


def _parquet_rows(
    parquet: pq.ParquetFile, source: Source, groups: range | None, row: int
) -> Iterator[tuple[int, Document | Reject]]:
    names = list(parquet.schema_arrow.names)
    # Only the columns we use, so wide tables (embeddings, raw WARC payloads) cost nothing.
    columns = [name for name in FIELDS if name in names]
    chosen = None if groups is None else list(groups)
    try:
        batches = parquet.iter_batches(
            batch_size=PARQUET_BATCH_ROWS, row_groups=chosen, columns=columns
        )
        for batch in batches:
            for record in _rows(batch):
                position = f"row {row}"
                origin = f"{source.label}:{position}"
                for found in to_document(record, source, position, origin, str(row)):
                    yield row, found
                row += 1
    except (OSError, pa.ArrowException) as err:
        yield row, source.reject(f"file cannot be read from row {row} on: {err}", f"row {row}")


def _rows(batch: pa.RecordBatch) -> list[dict[str, Any]]:
    try:
        rows: list[dict[str, Any]] = batch.to_pylist()
    except (OverflowError, ValueError):  # a date or timestamp past what Python's types hold
        return _rows_value_by_value(batch)
    return rows


def _rows_value_by_value(batch: pa.RecordBatch) -> list[dict[str, Any]]:
    """The rows of ``batch``, with a DateError for each value Python cannot hold.

    A timestamp of the year 40,000 is a broken row, not a reason to lose the rest of the file;
    the error becomes the warning of the row's record (see ``parse_date``).
    """
    columns: dict[str, list[Any]] = {}
    for name, column in zip(batch.schema.names, batch.columns, strict=True):
        values: list[Any] = []
        for scalar in column:
            try:
                values.append(scalar.as_py())
            except (OverflowError, ValueError):
                values.append(DateError(f"{name} {column.type} value out of range (year 1-9999)"))
        columns[name] = values
    return [dict(zip(columns, row, strict=True)) for row in zip(*columns.values(), strict=True)]
