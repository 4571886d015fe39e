"""Writing a corpus again without some of its records, in its own format and its own bytes.

Each record kept is copied as it was read: a JSON Lines line byte for byte (every field,
including those unspin does not read), a Parquet row with every column of the file's
schema, a WARC record's bytes (its gzip member in a .warc.gz), a text or HTML file whole. A
record is written when its document is kept; records that are not documents (rejects, and
an exact repeat of an earlier record) are not, and a WARC file's bookkeeping records
(warcinfo, requests, metadata) stay with it. Each file is written atomically.

One input file becomes one output file; a folder, or several inputs, become a folder that
mirrors them from the folder they have in common, as document ids are named.
"""

from __future__ import annotations

import gzip
import os
import shutil
import zlib
from collections.abc import Iterable, Iterator, Mapping, Set
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import pyarrow as pa
import pyarrow.parquet as pq
from fastwarc.warc import ArchiveIterator, WarcRecordType

from unspin.errors import UsageError
from unspin.ingest.files import common_folder, list_files
from unspin.ingest.formats import READERS, format_of
from unspin.ingest.paths import Input
from unspin.ingest.source import WHOLE_FILE
from unspin.ingest.tables import PARQUET_BATCH_ROWS
from unspin.ingest.warc import CONTENT_TYPES
from unspin.model import Reject
from unspin.report.files import replacing_bytes

_WHOLE_FILES = frozenset({".txt", ".md", ".html", ".htm"})
_COPY_BYTES = 1 << 20


@dataclass(frozen=True)
class Target:
    """One input file and the file its kept records go to."""

    source: Path
    extension: str
    out: Path


def targets(inputs: list[Input], out: Path) -> list[Target]:
    """Where each input file is written: ``out`` itself for one file, else under ``out``."""
    if len(inputs) == 1 and not inputs[0].is_folder:
        only = inputs[0]
        assert only.extension is not None
        _check_same_format(only.path, only.extension, out)
        return [Target(only.path, only.extension, out)]
    # The very files, and labels, the reader reads (`ingest.files.list_files`): a record's
    # origin names its file by that label. Listing rejects (unsupported files) are not
    # written.
    base = common_folder(inputs)
    found: list[Target] = []
    for item in list_files(inputs):
        if isinstance(item, Reject):
            continue
        source, extension = item
        path = source.path
        relative = os.path.relpath(os.path.abspath(path), base) if base else path.name
        found.append(Target(path, extension, out / relative))
    return found


def _check_same_format(source: Path, extension: str, out: Path) -> None:
    wanted = format_of(out.name)
    same = wanted is not None and READERS[wanted] is READERS[extension]
    if not same or (wanted or "").endswith(".gz") != extension.endswith(".gz"):
        raise UsageError(
            f"--out {out} must be a file of the input's own format ({extension}), as "
            f"{source.name} is. Fix: e.g. --out {source.stem.removesuffix('.jsonl')}"
            f"-dedup{extension}"
        )


def write_kept(target: Target, kept: Mapping[str, Set[str]]) -> int:
    """Write ``target``'s kept records (``kept``: file label -> positions of kept documents);
    the number written. A file none of whose records is kept is not written."""
    positions = kept.get(str(target.source), frozenset())
    if not positions:
        return 0
    target.out.parent.mkdir(parents=True, exist_ok=True)
    if target.extension in _WHOLE_FILES:
        assert positions == {WHOLE_FILE}
        with target.source.open("rb") as source, replacing_bytes(target.out) as out:
            shutil.copyfileobj(source, out, _COPY_BYTES)
        return 1
    if target.extension == ".parquet":
        return _write_parquet(target, positions)
    if target.extension.startswith(".warc"):
        return _write_warc(target, positions)
    return _write_jsonl(target, positions)


def _write_jsonl(target: Target, positions: Set[str]) -> int:
    compressed = target.extension.endswith(".gz")
    opener = gzip.open if compressed else open
    written = 0
    with opener(target.source, "rb") as source, replacing_bytes(target.out) as raw_out:
        out = gzip.GzipFile(fileobj=raw_out, mode="wb") if compressed else raw_out
        try:
            for number, line in _lines(source):
                if str(number) in positions:
                    out.write(line if line.endswith(b"\n") else line + b"\n")
                    written += 1
        finally:
            if compressed:
                out.close()
    return written


def _lines(source: Iterable[bytes]) -> Iterator[tuple[int, bytes]]:
    """Numbered lines, up to where the file stops being readable (as the reader stops)."""
    try:
        yield from enumerate(source, start=1)
    except (OSError, EOFError):
        return


def _write_parquet(target: Target, positions: Set[str]) -> int:
    rows = {int(p.removeprefix("row ")) for p in positions}
    written = 0
    with pq.ParquetFile(target.source) as parquet, replacing_bytes(target.out) as out:
        schema = parquet.schema_arrow
        with pq.ParquetWriter(out, schema) as writer:
            start = 0
            for batch in _batches(parquet):
                mask = [start + i in rows for i in range(batch.num_rows)]
                start += batch.num_rows
                if any(mask):
                    chosen = batch.filter(pa.array(mask))
                    writer.write_batch(chosen)
                    written += chosen.num_rows
    return written


def _batches(parquet: pq.ParquetFile) -> Iterator[pa.RecordBatch]:
    try:
        yield from parquet.iter_batches(batch_size=PARQUET_BATCH_ROWS)
    except (OSError, pa.ArrowException):
        return  # rows past a broken point were rejected, never kept


def _write_warc(target: Target, positions: Set[str]) -> int:
    """Copy each record's bytes, from where it starts to where the next one does."""
    spans: list[tuple[int, bool, bool]] = []  # start offset, whether to copy it, content
    compressed = target.extension.endswith(".gz")
    with target.source.open("rb") as stream:
        number, last_length = 0, 0
        try:
            for record in ArchiveIterator(stream, parse_http=False):
                number += 1
                kind = record.record_type
                is_content = bool(kind & CONTENT_TYPES)
                if kind in (WarcRecordType.no_type, WarcRecordType.unknown):
                    keep = False  # garbage the reader rejected, not a record
                else:
                    keep = not is_content or f"record {number}" in positions
                spans.append((record.stream_pos, keep, is_content))
                last_length = record.content_length
        except (OSError, ValueError, RuntimeError):
            pass  # the reader rejected the rest; nothing after this point is kept
        # The last record ends where its own length says, not at the end of the file: what
        # follows it (a cut record, garbage) is no record.
        end = stream.seek(0, os.SEEK_END)
        if spans:
            end = _record_end(stream, spans[-1][0], last_length, compressed) or end
    ends = [span[0] for span in spans[1:]] + [end]
    written = 0
    with target.source.open("rb") as source, replacing_bytes(target.out) as out:
        for (start, keep, is_content), stop in zip(spans, ends, strict=True):
            if keep:
                source.seek(start)
                out.write(source.read(stop - start))
                written += is_content
    return written


def _record_end(stream: IO[bytes], start: int, length: int, compressed: bool) -> int | None:
    """Where the record at ``start`` ends: its gzip member's end, or its header block, its
    ``length`` bytes of content and the two CRLFs that close it."""
    stream.seek(start)
    if compressed:
        member = zlib.decompressobj(wbits=31)
        consumed = 0
        while not member.eof:
            chunk = stream.read(_COPY_BYTES)
            if not chunk:
                return None
            member.decompress(chunk)
            consumed += len(chunk)
        return start + consumed - len(member.unused_data)
    head = b""
    while b"\r\n\r\n" not in head:
        chunk = stream.read(_COPY_BYTES)
        if not chunk:
            return None
        head += chunk
    return start + head.index(b"\r\n\r\n") + 4 + length + 4
