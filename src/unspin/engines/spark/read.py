"""Reading a corpus on Spark executors: what `unspin.ingest.read_corpus` reads, row for row.

The driver only checks the inputs and lists their files (`unspin.ingest.files.list_files`).
Paths are local for now: every executor must see the driver's file system, as a local
master or a shared mount does; HDFS and S3 are future work. Each file is read whole by one
Spark task, through the local reader (`read_file`), so no file is held in memory beyond
what that reader holds. Every row gets ``seq``, its place in the local reading order: the
file's place in the listing in the high 32 bits, the record's place in its file above the
lowest bit, and the lowest bit set only for the warning that admission adds right after a
renamed record. Order by ``seq`` and the rows come in the order the local read gives them,
whatever the partitions.

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
from collections.abc import Iterator, Mapping, Sequence
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
from unspin.errors import EmptyCorpusError
from unspin.ingest import empty_message
from unspin.ingest.files import RENAME_MARK, Ids, list_files, read_file, text_digest
from unspin.ingest.paths import check_inputs
from unspin.ingest.source import Source
from unspin.model import Document, IngestSummary, Reject

__all__ = ["DOCUMENTS", "REJECTS", "SparkRead", "document_of", "read_documents"]

# seq's high bits: the file's place in the listing; below them, the record's place in it.
_FILE_SHIFT = 32
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
    """Read ``inputs`` as `read_corpus` does, one Spark task per file (``partitions``: how
    many partitions the files are spread over; default Spark's default parallelism).

    Path problems raise before anything is read; EmptyCorpusError when nothing is kept.
    """
    listed = list(list_files(check_inputs(inputs)))
    files = [(index, *item) for index, item in enumerate(listed) if not isinstance(item, Reject)]
    slices = max(1, min(len(files), partitions or spark.sparkContext.defaultParallelism))
    read = spark.sparkContext.parallelize(files, slices).flatMap(_file_rows)
    # Persisted: finding the contested ids, the counts and whoever writes the documents and
    # the rejects would each read every file again.
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


def _file_rows(task: tuple[int, Source, str]) -> Iterator[tuple[Any, ...]]:
    """One file's records as _RAW rows, streamed (this runs on an executor)."""
    file_index, source, extension = task
    base = file_index << _FILE_SHIFT
    for found in read_file(source, extension):
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
