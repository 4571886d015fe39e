"""Inputs given as URLs (``hdfs://``, ``s3a://``, ``gs://``, ``abfs://``, ``file:/``): listed
and read through the file systems the Spark session is configured with.

The driver lists them with Hadoop's FileSystem API (through the session's JVM) in the order,
and with the ids, that a local listing gives (`unspin.ingest.files`): depth first in name
order, hidden entries skipped, ids relative to the folder the inputs have in common, the
input's own spelling in rejects and origins. A local path given beside a URL is read as
its ``file:`` URL, so that ids are relative to one common folder.

An executor cannot open such a URL from Python, so Spark reads the bytes:
- a plain JSON Lines file as lines, by Spark's text source, which cuts it into blocks of
  ``spark.sql.files.maxPartitionBytes`` like any file Spark reads; a first job counts the
  lines of each block, so each task numbers its lines as a read of the whole file does;
- every other file whole, by Spark's binaryFile source (one task a file, at most 2 GB, the
  source's limit), handed to the local reader as bytes (`Source.data`).
What comes out is what a local read of the same files gives, but for the names in
``source`` and ``origin``: `tests/spark/test_spark_remote.py` compares them on ``file:``
URLs, which go through the same Hadoop FileSystem code as HDFS and S3.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import partial
from itertools import accumulate, groupby
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from pyspark import RDD, Broadcast
from pyspark.sql import Row, SparkSession
from pyspark.sql import functions as F

from unspin.errors import InputNotFoundError, UnknownFormatError, UnreadableInputError, UsageError
from unspin.ingest.files import FileRecord, file_records, read_file
from unspin.ingest.formats import SUPPORTED_TEXT, format_of, strip_extension, unsupported_reason
from unspin.ingest.parts import numbered
from unspin.ingest.paths import is_url
from unspin.ingest.source import WHOLE_FILE, Source
from unspin.ingest.tables import jsonl_record
from unspin.model import Document, Reject

_LINES = (".jsonl", ".ndjson")  # read by lines; the others (gzip'd ones too) are read whole
_BOM = b"\xef\xbb\xbf"
_GLOB = re.compile(r"[\\{}\[\]*?]")  # what Hadoop's glob patterns give a meaning to

# What turns one file's records into table rows: (file's place, its source, its records).
RowsOf = Callable[[int, Source, Iterable[FileRecord]], Iterator[tuple[Any, ...]]]


@dataclass(frozen=True)
class RemoteFile:
    """A file to read through Spark: its Hadoop path, its source and its format."""

    qualified: str  # the path as Hadoop names it (what Spark's sources say)
    source: Source  # its id, and its ``url`` as the input spelled it
    extension: str
    size: int
    modified: int  # milliseconds since 1970, as the file system says


def list_remote(
    spark: SparkSession, inputs: Sequence[str | os.PathLike[str]]
) -> list[RemoteFile | Reject]:
    """Every file under ``inputs`` (URLs, or local paths read as ``file:`` URLs), in the
    local listing's order; an input that does not exist or cannot be read raises."""
    named = [os.fspath(i) if is_url(i) else Path(i).absolute().as_uri() for i in inputs]
    found = [_listing(spark, url) for url in named]
    anchors = [_parts(q if folder else q.rsplit("/", 1)[0]) for folder, q, _ in found]
    base = _common(anchors)
    listed: list[RemoteFile | Reject] = []
    for url, (folder, qualified, files) in zip(named, found, strict=True):
        for relative, status in files:
            label = url.rstrip("/") + "/" + "/".join(relative) if folder else url
            name = relative[-1] if relative else qualified.rsplit("/", 1)[-1]
            extension = format_of(name)
            if extension is None:
                listed.append(Reject(label, WHOLE_FILE, unsupported_reason(name)))
                continue
            path = _parts(status.qualified)
            doc_id = "/".join(path[len(base) :]) if base else name
            named_as = Path(urlsplit(url).path or "/", *relative)  # for its name only
            source = Source(named_as, strip_extension(doc_id, extension), label)
            listed.append(
                RemoteFile(status.qualified, source, extension, status.size, status.modified)
            )
    return listed


def describe_remote(spark: SparkSession, url: str | os.PathLike[str]) -> dict[str, Any]:
    """An input URL for the manifest and the run's key: its files, their total size, and
    the SHA-256 of its sorted ``relative/path<TAB>bytes<TAB>modified`` lines. A local input
    is described by its files' contents (`unspin.report.manifest.describe_input`); hashing
    a cluster's corpus on the driver would read all of it once more, so a remote one is
    described by what its file system says of each file."""
    folder, _, files = _listing(spark, os.fspath(url))
    lines = sorted(f"{'/'.join(rel)}\t{st.size}\t{st.modified}\n" for rel, st in files)
    return {
        "path": os.fspath(url),
        "kind": "remote folder" if folder else "remote file",
        "files": len(files),
        "bytes": sum(status.size for _, status in files),
        "listing_sha256": hashlib.sha256("".join(lines).encode("utf-8")).hexdigest(),
    }


@dataclass(frozen=True)
class _Status:
    qualified: str
    size: int
    modified: int


# Each file of a listing: its path's parts below the input, and what the file system says.
Listing = list[tuple[tuple[str, ...], _Status]]


def _listing(spark: SparkSession, url: str) -> tuple[bool, str, Listing]:
    """Whether ``url`` is a folder, its qualified path, and its files (relative parts)."""
    from py4j.protocol import Py4JJavaError  # type: ignore[import-untyped]

    jvm = spark.sparkContext._jvm
    assert jvm is not None, "a live Spark session has a JVM"
    try:
        path = jvm.org.apache.hadoop.fs.Path(url)
        system = path.getFileSystem(spark.sparkContext._jsc.hadoopConfiguration())
        status = system.getFileStatus(path)
        qualified = str(system.makeQualified(path).toString())
        if not status.isDirectory():
            _check_format(url)
            return False, qualified, [((), _status_of(status))]
        files: Listing = []
        listing = system.listFiles(path, True)
        while listing.hasNext():
            found = listing.next()
            name = str(found.getPath().toString())
            relative = tuple(name[len(qualified) :].strip("/").split("/"))
            if not any(part.startswith(".") for part in relative):
                files.append((relative, _status_of(found)))
    except Py4JJavaError as err:
        raise _input_error(url, err) from None
    files.sort(key=lambda item: item[0])
    return True, qualified, files


def _status_of(status: Any) -> _Status:
    return _Status(str(status.getPath().toString()), status.getLen(), status.getModificationTime())


def _check_format(url: str) -> None:
    name = url.rstrip("/").rsplit("/", 1)[-1]
    if format_of(name) is None:
        raise UnknownFormatError(
            f"cannot read '{url}': unsupported file type. Supported extensions: "
            f"{SUPPORTED_TEXT}. Fix: convert the file to one of these."
        )


def _input_error(url: str, err: Any) -> Exception:
    """The one-line error of a listing that failed, by the Java exception's class."""
    java = err.java_exception
    kind, message = str(java.getClass().getName()), str(java.getMessage())
    if kind.endswith("FileNotFoundException"):
        return InputNotFoundError(
            f"input not found: '{url}' does not exist. Fix: check the URL, or pass an "
            "existing file or folder."
        )
    if kind.endswith("UnsupportedFileSystemException"):
        scheme = url.split(":", 1)[0]
        return UsageError(
            f"cannot read '{url}': this Spark has no file system for '{scheme}:' ({message}). "
            "Fix: configure one (its jar and spark.hadoop.fs.* settings, see docs/spark.md) "
            "or copy the files where Spark can read them."
        )
    return UnreadableInputError(f"cannot read '{url}': {message.splitlines()[0]}")


def _parts(qualified: str) -> tuple[str, ...]:
    """A qualified path as (scheme and authority, folder, ..., name)."""
    split = urlsplit(qualified)
    return (f"{split.scheme}://{split.netloc}", *(p for p in split.path.split("/") if p))


def _common(anchors: Sequence[tuple[str, ...]]) -> tuple[str, ...]:
    """The folder all anchors are in, as parts; empty when they are on different systems."""
    common = list(anchors[0])
    for anchor in anchors[1:]:
        same = 0
        while same < min(len(common), len(anchor)) and common[same] == anchor[same]:
            same += 1
        common = common[:same]
    return tuple(common)


def remote_rows(
    spark: SparkSession, files: Sequence[tuple[int, RemoteFile]], rows_of: RowsOf
) -> RDD[tuple[Any, ...]]:
    """The rows of every remote file: lines of JSON Lines, the other files whole."""
    by_lines = [(index, f) for index, f in files if f.extension in _LINES]
    whole = [(index, f) for index, f in files if f.extension not in _LINES]
    made: list[RDD[tuple[Any, ...]]] = []
    if by_lines:
        made.append(_line_rows(spark, by_lines, rows_of))
    if whole:
        held = spark.sparkContext.broadcast({f.qualified: (index, f) for index, f in whole})
        frame = spark.read.format("binaryFile").load([_literal(f.qualified) for _, f in whole])
        made.append(
            frame.select("path", "content").rdd.flatMap(partial(_whole_rows, held, rows_of))
        )
    return made[0] if len(made) == 1 else spark.sparkContext.union(made)


def _literal(path: str) -> str:
    """A path Spark's sources read as itself: they take paths as glob patterns, in which
    ``a[1].txt`` names ``a1.txt``; Hadoop's globs take a backslash before a character as the
    character itself."""
    return _GLOB.sub(r"\\\g<0>", path)


def _whole_rows(
    held: Broadcast[dict[str, tuple[int, RemoteFile]]], rows_of: RowsOf, row: Row
) -> Iterator[tuple[Any, ...]]:
    index, found = held.value[row["path"]]
    source = replace(found.source, data=bytes(row["content"]))
    return rows_of(index, source, read_file(source, found.extension))


def _line_rows(
    spark: SparkSession, files: Sequence[tuple[int, RemoteFile]], rows_of: RowsOf
) -> RDD[tuple[Any, ...]]:
    # Spark's text source keeps a line's bytes as they are (cast to binary); "\n" alone ends
    # a line, as it does for Python's reading of a file.
    lines = (
        spark.read.option("lineSep", "\n")
        .text([_literal(f.qualified) for _, f in files])
        .select(
            F.col("_metadata.file_path").alias("path"),
            F.col("_metadata.file_block_start").alias("block"),
            F.col("value").cast("binary").alias("raw"),
        )
    )
    counts = sorted(
        (unquote(r[0]), r[1], r[2]) for r in lines.groupBy("path", "block").count().collect()
    )
    before: dict[tuple[str, int], int] = {}
    for _, blocks in groupby(counts, lambda found: found[0]):
        ordered = list(blocks)
        sums = [0, *accumulate(count for _, _, count in ordered)][:-1]
        before.update({(p, block): n for (p, block, _), n in zip(ordered, sums, strict=True)})
    held = spark.sparkContext.broadcast({f.qualified: (index, f) for index, f in files})
    shared = spark.sparkContext.broadcast(before)
    return lines.rdd.mapPartitions(partial(_block_rows, held, shared, rows_of))


def _block_rows(
    held: Broadcast[dict[str, tuple[int, RemoteFile]]],
    before: Broadcast[dict[tuple[str, int], int]],
    rows_of: RowsOf,
    rows: Iterator[Row],
) -> Iterator[tuple[Any, ...]]:
    """The rows of a task's blocks of lines (a block's lines come together, in order)."""
    for (path, block), lines in groupby(rows, lambda row: (unquote(row["path"]), row["block"])):
        index, found = held.value[path]
        first = before.value[(path, block)] + 1
        records = _line_records(found.source, first, (bytes(row["raw"]) for row in lines))
        yield from rows_of(
            index, found.source, file_records(found.source, numbered(records, found.source))
        )


def _line_records(
    source: Source, first: int, lines: Iterable[bytes]
) -> Iterator[tuple[int, Document | Reject]]:
    for number, raw in enumerate(lines, start=first):
        if number == 1:
            raw = raw.removeprefix(_BOM)  # Spark's text source drops it already
        if raw.strip():
            for record in jsonl_record(raw, number, source):
                yield number, record
