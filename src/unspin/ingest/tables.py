"""Files of many records: JSON Lines (optionally gzipped) and Parquet, read as streams."""

from __future__ import annotations

import gzip
import json
import zlib
from collections.abc import Iterator
from io import BufferedReader
from typing import Any

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


def _open(source: Source) -> gzip.GzipFile | BufferedReader:
    if source.path.name.lower().endswith(".gz"):
        return gzip.open(source.path, "rb")
    return source.path.open("rb")


def read_jsonl_file(source: Source) -> Iterator[Document | Reject]:
    number = 0
    try:
        with _open(source) as stream:
            for number, raw in enumerate(stream, start=1):
                if number == 1:
                    raw = raw.removeprefix(b"\xef\xbb\xbf")
                if raw.strip():  # blank lines separate nothing and are not records
                    yield from _jsonl_record(raw, number, source)
    except (OSError, EOFError, zlib.error) as err:
        # A truncated or corrupt file: what was read stays, and the reject says where it ended.
        where = f"after line {number}" if number else "at the start"
        yield source.reject(f"file cannot be read {where}: {err}", position=str(number + 1))


def _jsonl_record(raw: bytes, number: int, source: Source) -> list[Document | Reject]:
    position = str(number)
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
    try:
        parquet = pq.ParquetFile(source.path)
    except (OSError, pa.ArrowException) as err:
        yield source.reject(f"cannot read Parquet file: {err}")
        return
    with parquet:
        yield from _parquet_rows(parquet, source)


def _parquet_rows(parquet: pq.ParquetFile, source: Source) -> Iterator[Document | Reject]:
    names = list(parquet.schema_arrow.names)
    if not any(name in names for name in CONTENT_FIELDS):
        yield source.reject(
            f"Parquet file has no 'text' or 'html' column (columns: {', '.join(names) or 'none'})"
        )
        return
    # Only the columns we use, so wide tables (embeddings, raw WARC payloads) cost nothing.
    columns = [name for name in FIELDS if name in names]
    row = 0
    try:
        for batch in parquet.iter_batches(batch_size=PARQUET_BATCH_ROWS, columns=columns):
            for record in _rows(batch):
                position = f"row {row}"
                origin = f"{source.label}:{position}"
                yield from to_document(record, source, position, origin, str(row))
                row += 1
    except (OSError, pa.ArrowException) as err:
        yield source.reject(f"file cannot be read from row {row} on: {err}", f"row {row}")


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
