"""Big files read in parts, so that one file is not one task.

A month of a news crawl or a newspaper archive often comes as one JSON Lines or Parquet file
of many gigabytes. Read by one task, it keeps one core busy while the others wait.
`split_file` cuts a plain JSON Lines file into byte ranges and a Parquet file into runs of
row groups, about `PART_BYTES` each. `read_part` reads one part and gives what a read of the
whole file gives for those records, named and numbered the same: the same ids for records
without one, the same positions in rejects and origins. Gzip'd JSON Lines (gzip cannot be
read from the middle), web archives and one-document files are read whole.

A JSON Lines part holds the lines that *start* in its byte range: a line cut by the range's
end is read to its end, and the next part skips it. Numbering a part's lines needs the
count of line feeds before its range: `newlines_in` counts a part's line feeds (a cheap
first pass over the bytes, run part by part like the read) and `newlines_before` sums them.
A Parquet part's first row number comes from the file's footer.

A record's `FileRecord.index` orders it within its file. JSON Lines and Parquet records get
``line << SUB_BITS | n`` (or the row's number for the line's): n is the record's place among
those its line gave (the document, then its warnings). So the records of a file's parts sort
into the order of the whole file's read, whatever task read each part.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import accumulate

import pyarrow as pa
import pyarrow.parquet as pq

from unspin.ingest.files import FileRecord, file_records, read_file
from unspin.ingest.source import Source
from unspin.ingest.tables import jsonl_records, parquet_records
from unspin.model import Document, Reject

# About this many bytes of file a part: Spark's own file sources cut files at
# spark.sql.files.maxPartitionBytes, 128 MB by default, which keeps a task's work in
# seconds and a file's parts spread over the cores.
PART_BYTES = 128 * 1024 * 1024
# A line or row gives one document and at most four warnings (two about its page, one about
# control characters, one about its date), numbered below it in SUB_BITS bits.
SUB_BITS = 4
# Bytes read at a time when counting line feeds.
_COUNT_CHUNK = 8 * 1024 * 1024

JSON_LINES = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")
_SPLIT_JSON_LINES = (".jsonl", ".ndjson")  # not compressed: readable from any byte
PARQUET = ".parquet"


@dataclass(frozen=True)
class Part:
    """A piece of one file: bytes ``[start, end)`` of JSON Lines, row groups ``[start,
    end)`` of Parquet (``first_row`` is the number of its first row), or, with ``end``
    None, the whole file."""

    source: Source
    extension: str
    number: int  # its place among the file's parts, from 0
    start: int = 0
    end: int | None = None
    first_row: int = 0


def split_file(source: Source, extension: str, part_bytes: int = PART_BYTES) -> list[Part]:
    """The parts to read ``source`` in: one for a file of up to ``part_bytes``, one for a
    file that cannot be cut (or whose size or footer cannot be read: its reader says why)."""
    whole = [Part(source, extension, 0)]
    if extension not in (*_SPLIT_JSON_LINES, PARQUET):
        return whole
    try:
        size = source.path.stat().st_size
    except OSError:
        return whole
    if size <= part_bytes:
        return whole
    if extension == PARQUET:
        return _row_group_parts(source, part_bytes) or whole
    ends = [*range(part_bytes, size, part_bytes), size]
    return [
        Part(source, extension, number, start, end)
        for number, (start, end) in enumerate(zip([0, *ends[:-1]], ends, strict=True))
    ]


def _row_group_parts(source: Source, part_bytes: int) -> list[Part]:
    """Runs of whole row groups of about ``part_bytes`` (a group is never cut)."""
    try:
        meta = pq.read_metadata(source.path)
    except (OSError, pa.ArrowException):
        return []
    groups = [meta.row_group(g) for g in range(meta.num_row_groups)]
    parts: list[Part] = []
    start, size = 0, 0
    first_rows = [0, *accumulate(group.num_rows for group in groups)]
    for number, group in enumerate(groups):
        size += sum(group.column(c).total_compressed_size for c in range(group.num_columns))
        if size >= part_bytes or number == len(groups) - 1:
            parts.append(Part(source, PARQUET, len(parts), start, number + 1, first_rows[start]))
            start, size = number + 1, 0
    return parts


def newlines_in(part: Part) -> int:
    """The line feeds in a JSON Lines part's byte range (0 for any other part, or when the
    file cannot be read: its reader says why)."""
    if part.end is None or part.extension not in _SPLIT_JSON_LINES:
        return 0
    count, place = 0, part.start
    try:
        with part.source.path.open("rb") as stream:
            stream.seek(place)
            while place < part.end:
                chunk = stream.read(min(_COUNT_CHUNK, part.end - place))
                if not chunk:
                    break
                count += chunk.count(b"\n")
                place += len(chunk)
    except OSError:
        return 0
    return count


def newlines_before(counts: Sequence[int]) -> list[int]:
    """For each of a file's parts, in order, the line feeds before it (from `newlines_in`
    of each part)."""
    return [0, *accumulate(counts)][: len(counts)]


def read_part(part: Part, newlines: int = 0) -> Iterator[FileRecord]:
    """The records of one part, as a read of the whole file gives them; ``newlines``: the
    file's line feeds before the part (`newlines_before`)."""
    source = part.source
    if part.extension in JSON_LINES:
        lines = jsonl_records(source, part.start, part.end, newlines)
        return file_records(source, numbered(lines, source))
    if part.extension == PARQUET:
        groups = None if part.end is None else range(part.start, part.end)
        rows = parquet_records(source, groups, part.first_row)
        return file_records(source, numbered(rows, source))
    return read_file(source, part.extension)


def read_in_parts(source: Source, extension: str, part_bytes: int) -> Iterator[FileRecord]:
    """A whole file read part after part: what a cluster's tasks read, in one process."""
    parts = split_file(source, extension, part_bytes)
    before = newlines_before([newlines_in(part) for part in parts])
    for part, newlines in zip(parts, before, strict=True):
        yield from read_part(part, newlines)


def numbered(
    found: Iterable[tuple[int, Document | Reject]], source: Source
) -> Iterator[tuple[int, Document | Reject]]:
    """Records numbered by their line or row, each with its place among that line's."""
    last, place = -1, 0
    for unit, record in found:
        place = place + 1 if unit == last else 0
        last = unit
        if place >> SUB_BITS:
            raise ValueError(f"{source.label}: line or row {unit} gave over {place} records")
        yield unit << SUB_BITS | place, record
