"""Files of many records: JSON Lines (optionally gzipped) and Parquet, read as streams."""

from __future__ import annotations

import gzip
import json
import zlib
from collections.abc import Iterator
from io import BufferedReader

import pyarrow as pa
import pyarrow.parquet as pq

from unspin.ingest.records import CONTENT_FIELDS, FIELDS, json_type, to_document
from unspin.ingest.source import Source
from unspin.model import Document, Reject

# Rows per Parquet batch: small enough that a file of long HTML pages never sits in memory
# whole, large enough that the per-batch overhead does not matter.
PARQUET_BATCH_ROWS = 1024


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
                    yield _jsonl_record(raw, number, source)
    except (OSError, EOFError, zlib.error) as err:
        # A truncated or corrupt file: what was read stays, and the reject says where it ended.
        where = f"after line {number}" if number else "at the start"
        yield source.reject(f"file cannot be read {where}: {err}", position=str(number + 1))


def _jsonl_record(raw: bytes, number: int, source: Source) -> Document | Reject:
    position = str(number)
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        return source.reject(
            f"undecodable bytes: not UTF-8 (byte 0x{raw[err.start]:02x} at byte {err.start} "
            "of the line)",
            position,
        )
    try:
        record = json.loads(line)
    except json.JSONDecodeError as err:
        return source.reject(f"invalid JSON: {err.msg} (column {err.colno})", position)
    if not isinstance(record, dict):
        return source.reject(f"expected a JSON object per line, got {json_type(record)}", position)
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
            for record in batch.to_pylist():
                position = f"row {row}"
                yield to_document(record, source, position, f"{source.label}:{position}", str(row))
                row += 1
    except (OSError, pa.ArrowException) as err:
        yield source.reject(f"file cannot be read from row {row} on: {err}", f"row {row}")
