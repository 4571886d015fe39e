"""Reading a corpus on Spark executors: what `unspin.ingest.read_corpus` reads, row for row.

The driver only checks the inputs, lists their files (`unspin.ingest.files.list_files`) and
cuts the big ones into parts (`unspin.ingest.parts`): a plain JSON Lines file into byte
ranges, a Parquet file into runs of row groups, of about `spark.sql.files.maxPartitionBytes`
each (128 MB unless the session says otherwise), as Spark's own file sources cut them. Each
part is read by one Spark task through the local readers, so no file is held in memory
beyond what a reader holds and one 10 GB file keeps every core busy. JSON Lines parts need
the count of line feeds before them, to number their lines as a whole read does: a first,
cheap job counts each part's.

Local paths must be seen by every executor, as a local master or a shared mount does;
inputs given as URLs (HDFS, S3, ``file:``) are listed and read through Spark's file systems
instead (`unspin.engines.spark.remote`). Every row gets ``seq``, its
place in the local reading order: the file's place in the listing in the high bits (from
bit `_FILE_SHIFT`), the record's `FileRecord.index` in its file above the lowest bit, and
the lowest bit set only for the warning that admission adds right after a renamed record.
Order by ``seq`` and the rows come in the order the local read gives them, whatever the
parts and partitions.

Duplicate ids (`unspin.ingest.files`) are admitted in reading order, first come first
served, so that step is not spread out. A record whose id is read only once and holds no
RENAME_MARK keeps it: a derived id always holds the mark, so it can never have been handed
out before. Only the other records (ids read twice or more, a small set in practice, and ids
with the mark, which a derived id may have taken) can come out otherwise: their ids, text
digests and origins, without the texts, go to the driver, which replays `Ids.decide` over
them in ``seq`` order; the renames and repeats it finds are joined back.

Spark strings are UTF-8, so a lone surrogate (JSON allows them) arrives as U+FFFD. Texts
are digested before they leave the reader, so a text's exact repeats are still found.
"""

from __future__ import annotations

import operator
import os
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import reduce
from typing import Any

from pyspark import StorageLevel
from pyspark.sql import DataFrame, Row, SparkSession
from pyspark.sql import functions as F
from pyspark.sql.types import (
    BinaryType,
    BooleanType,
    LongType,
    StringType,
    StructField,
    StructType,
)

from unspin.engines.spark import rows
from unspin.engines.spark.remote import RemoteFile, list_remote, remote_rows
from unspin.errors import EmptyCorpusError, UsageError
from unspin.ingest import empty_message
from unspin.ingest.files import RENAME_MARK, FileRecord, Ids, list_files, text_digest
from unspin.ingest.parts import (
    PART_BYTES,
    Part,
    newlines_before,
    newlines_in,
    read_part,
    split_file,
)
from unspin.ingest.paths import check_inputs, is_url
from unspin.ingest.source import Source
from unspin.model import Document, IngestSummary, Reject

__all__ = ["DOCUMENTS", "REJECTS", "SparkRead", "document_of", "read_documents"]

# seq's high bits: the file's place in the listing; below them, the record's place in it.
# A record's index in its file is under 2**35 (a line or row number under 2**31, shifted by
# `parts.SUB_BITS`), which leaves room for 2**27 files (134 million) in a signed 64-bit seq.
_FILE_SHIFT = 36
_MAX_FILES = 1 << (63 - _FILE_SHIFT)
# The lowest bit of seq: the warning about a renamed record, which follows that record.
_ADMITTED = 1

_REQUIRED = ("id", "text")
DOCUMENTS = StructType(
    [StructField("seq", LongType(), False)]
    + [StructField(name, StringType(), name not in _REQUIRED) for name in rows.DOCUMENT_COLUMNS]
)
REJECTS = StructType(
    [
        StructField("seq", LongType(), False),
        StructField("source", StringType(), False),
        StructField("position", StringType(), False),
        StructField("reason", StringType(), False),
        StructField("record_id", StringType(), True),
        StructField("kept", BooleanType(), False),
    ]
)
# Every record as a task reads it: a document (id and text set) or a reject (reason set).
_RAW = StructType(
    [
        StructField("seq", LongType(), False),
        *(StructField(f.name, f.dataType, True) for f in DOCUMENTS.fields[1:]),
        *REJECTS.fields[1:3],  # every record has a source and a position
        *(StructField(f.name, f.dataType, True) for f in REJECTS.fields[3:]),
        StructField("digest", BinaryType(), True),  # a document's text digest
        StructField("about", LongType(), True),  # a warning's document, when it has one
    ]
)
_RENAMES = StructType(
    [StructField("seq", LongType(), False), StructField("new_id", StringType(), False)]
)
_REPEATS = StructType([StructField("seq", LongType(), False)])


@dataclass(frozen=True)
class SparkRead:
    """A corpus as DataFrames: documents and rejects (warnings included, ``kept``), each
    ordered by ``seq`` as `read_corpus` lists them, and their counts."""

    documents: DataFrame  # DOCUMENTS
    rejects: DataFrame  # REJECTS
    summary: IngestSummary


def document_of(row: Row | Mapping[str, Any]) -> Document:
    """The Document a row of ``SparkRead.documents`` holds."""
    return rows.document_of(row.asDict() if isinstance(row, Row) else row)


def read_documents(
    spark: SparkSession,
    inputs: Sequence[str | os.PathLike[str]],
    partitions: int | None = None,
) -> SparkRead:
    """Read ``inputs`` as `read_corpus` does, one Spark task per part of a file
    (``partitions``: how many partitions the parts are spread over; default Spark's default
    parallelism).

    Path problems raise before anything is read; EmptyCorpusError when nothing is kept.
    """
    remote = any(is_url(i) for i in inputs)
    listed = list_remote(spark, inputs) if remote else list(list_files(check_inputs(inputs)))
    if len(listed) >= _MAX_FILES:
        raise UsageError(
            f"{len(listed):,} files: a Spark scan reads at most {_MAX_FILES - 1:,}; "
            "gather them into JSON Lines or Parquet files"
        )
    part_bytes = part_size(spark)
    parts = [
        (index, part)
        for index, item in enumerate(listed)
        if isinstance(item, tuple)
        for part in split_file(*item, part_bytes)
    ]
    slices = max(1, min(len(parts), partitions or spark.sparkContext.defaultParallelism))
    if remote:
        files = [(index, item) for index, item in enumerate(listed) if isinstance(item, RemoteFile)]
        read = remote_rows(spark, files, _raw_rows) if files else spark.sparkContext.emptyRDD()
    else:
        tasks = _numbered_parts(spark, parts, slices)
        read = spark.sparkContext.parallelize(tasks, slices).flatMap(_part_rows)
    raw = spark.createDataFrame(read, _RAW).persist(StorageLevel.MEMORY_AND_DISK)
    docs = _where_set(raw, id="", text="")
    found = _where_set(raw, reason="", kept=False)

    admitted = _admit(spark, docs)
    renames, repeats = admitted.renames, admitted.repeats
    kept = (
        docs.join(repeats, "seq", "left_anti")
        .join(renames, "seq", "left")
        .withColumn("id", F.coalesce("new_id", "id"))
        .select(*DOCUMENTS.names)
        .to(DOCUMENTS)
    )
    about = F.col("about").isNotNull()
    # A warning about a record names the id it is kept under, and goes with an exact repeat.
    attached = (
        found.filter(about)
        .join(repeats.withColumnRenamed("seq", "about"), "about", "left_anti")
        .join(renames.withColumnRenamed("seq", "about"), "about", "left")
        .withColumn("record_id", F.coalesce("new_id", "record_id"))
    )
    rejects = (
        found.filter(~about)
        .select(*REJECTS.names)
        .unionByName(attached.select(*REJECTS.names))
        .unionByName(admitted.rejects)
        .unionByName(spark.createDataFrame(_listing_rejects(listed), REJECTS))
        .to(REJECTS)
    )
    return SparkRead(kept, rejects, _summary(kept, rejects, admitted.renamed, raw))


def _where_set(raw: DataFrame, **empty: str | bool) -> DataFrame:
    """The rows of ``raw`` with every column named set, which the schema then says (each
    name comes with a value of its type, which no row takes)."""
    names = list(empty)
    kept = raw.filter(reduce(operator.and_, (F.col(name).isNotNull() for name in names)))
    # Spark's analyser keeps a filtered column nullable; the coalesce, a no-op on these
    # rows, tells it otherwise, so that ``to`` accepts them where the schema says never null.
    return kept.withColumns({name: F.coalesce(name, F.lit(empty[name])) for name in names})


def part_size(spark: SparkSession) -> int:
    """The bytes of file a part: the session's ``spark.sql.files.maxPartitionBytes``."""
    value = spark.conf.get("spark.sql.files.maxPartitionBytes", None)
    return PART_BYTES if value is None else byte_count(value)


_UNITS = {"": 1, "k": 1 << 10, "m": 1 << 20, "g": 1 << 30, "t": 1 << 40, "p": 1 << 50}
# What Spark's JavaUtils.byteStringAs reads: digits, then b, k(b), m(b), g(b), t(b) or p(b).
_SIZE = re.compile(r"(\d+)([kmgtp]?)b?")


def byte_count(value: str) -> int:
    """A Spark size in bytes ("134217728b", "128m", "2k", "1gb": binary units, as Spark)."""
    found = _SIZE.fullmatch(value.strip().lower())
    if found is None:
        raise UsageError(f"spark.sql.files.maxPartitionBytes: {value!r} is not a size in bytes")
    return max(1, int(found[1]) * _UNITS[found[2]])


def _numbered_parts(
    spark: SparkSession, parts: Sequence[tuple[int, Part]], slices: int
) -> list[tuple[int, Part, int]]:
    """Each part with the line feeds its file has before it (counted by one job, for the
    files cut into byte ranges; 0 for the others)."""
    ranged = [(index, part) for index, part in parts if part.end is not None]
    counted = dict(
        spark.sparkContext.parallelize(ranged, max(1, min(len(ranged), slices)))
        .map(lambda task: ((task[0], task[1].number), newlines_in(task[1])))
        .collect()
        if ranged
        else []
    )
    before: dict[tuple[int, int], int] = {}
    for index in sorted({index for index, _ in ranged}):
        numbers = sorted(number for file, number in counted if file == index)
        sums = newlines_before([counted[(index, number)] for number in numbers])
        before.update({(index, number): total for number, total in zip(numbers, sums, strict=True)})
    return [(index, part, before.get((index, part.number), 0)) for index, part in parts]


def _part_rows(task: tuple[int, Part, int]) -> Iterator[tuple[Any, ...]]:
    """One part's records as _RAW rows, streamed (this runs on an executor)."""
    file_index, part, newlines = task
    return _raw_rows(file_index, part.source, read_part(part, newlines))


def _raw_rows(
    file_index: int, source: Source, records: Iterable[FileRecord]
) -> Iterator[tuple[Any, ...]]:
    """One file's (or part's) records as _RAW rows."""
    base = file_index << _FILE_SHIFT
    for found in records:
        if found.index >> (_FILE_SHIFT - 1):
            raise ValueError(f"{source.label}: too many records in one file for a Spark scan")
        seq = base | found.index << 1
        record = found.record
        if isinstance(record, Document):
            fields = tuple(getattr(record, name) for name in rows.DOCUMENT_COLUMNS)
            place = (source.label, found.position, None, None, None)
            yield (seq, *fields, *place, text_digest(record.text), None)
        else:
            about = None if found.about is None else base | found.about << 1
            yield (seq, *[None] * len(rows.DOCUMENT_COLUMNS), *_reject_fields(record), None, about)


def _reject_fields(reject: Reject) -> tuple[str, str, str, str | None, bool]:
    return (reject.source, reject.position, reject.reason, reject.record_id, reject.kept)


def _listing_rejects(listed: Sequence[object]) -> list[tuple[Any, ...]]:
    """What listing rejected (unsupported files, unreadable folders), in its place."""
    return [
        (index << _FILE_SHIFT, *_reject_fields(item))
        for index, item in enumerate(listed)
        if isinstance(item, Reject)
    ]


@dataclass(frozen=True)
class _Admissions:
    """What duplicate-id admission changed, each table small (by ``seq``)."""

    renames: DataFrame  # _RENAMES: records kept under a derived id
    repeats: DataFrame  # _REPEATS: exact repeats, rejected
    rejects: DataFrame  # REJECTS: the repeats' rejects and the renamed records' warnings
    renamed: int


def _admit(spark: SparkSession, docs: DataFrame) -> _Admissions:
    """Duplicate-id admission, replayed on the driver over the records whose id may change."""
    read_twice = F.col("count") > 1
    contested = (
        docs.groupBy("id")
        .count()
        .filter(read_twice | F.col("id").contains(RENAME_MARK))
        .select("id")
    )
    replayed = (
        docs.join(contested, "id", "left_semi")
        .select("seq", "id", "digest", "origin", "source", "position")
        .orderBy("seq")
    )
    ids = Ids()
    renames: list[tuple[int, str]] = []
    repeats: list[tuple[int]] = []
    admitted: list[tuple[Any, ...]] = []
    for row in replayed.toLocalIterator():
        # Bytes, not the bytearray Spark gives: digests are dictionary keys.
        admission = ids.decide(row["id"], bytes(row["digest"]), row["origin"] or row["source"])
        if admission.reason is None:
            continue
        where = (row["source"], row["position"], admission.reason)
        if admission.kept_as is None:
            repeats.append((row["seq"],))
            admitted.append((row["seq"], *where, row["id"], False))
        else:
            renames.append((row["seq"], admission.kept_as))
            admitted.append((row["seq"] | _ADMITTED, *where, admission.kept_as, True))
    return _Admissions(
        F.broadcast(spark.createDataFrame(renames, _RENAMES)),
        F.broadcast(spark.createDataFrame(repeats, _REPEATS)),
        spark.createDataFrame(admitted, REJECTS),
        len(renames),
    )


def _summary(kept: DataFrame, rejects: DataFrame, renamed: int, raw: DataFrame) -> IngestSummary:
    """The counts `read_corpus` gives; EmptyCorpusError, with its message, when none is kept."""
    documents = kept.count()
    by_kept = rejects.groupBy("kept").count().collect()
    counts: dict[bool, int] = {row["kept"]: row["count"] for row in by_kept}
    rejected, warnings = counts.get(False, 0), counts.get(True, 0)
    if not documents:
        reasons = rejects.filter(~F.col("kept")).orderBy("seq").select("reason").toLocalIterator()
        message = empty_message([row["reason"] for row in reasons])
        raw.unpersist()
        raise EmptyCorpusError(message)
    return IngestSummary(
        read=documents + rejected,
        kept=documents,
        rejected=rejected,
        warnings=warnings,
        renamed=renamed,
    )
