"""Inputs given as URLs are listed and read through Hadoop's file systems, as HDFS or S3 are.

``file:`` URLs take the same code path as ``hdfs://`` and ``s3a://`` ones (Hadoop's
FileSystem API on the driver, Spark's binaryFile and text sources on the executors): only
the file system differs, and that is Spark's configuration. What they read must be what the
local read gives for the same files, with the URL in place of the path in names.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from tests.spark.mixed import STRIKE, TALKS, lines, write_corpus
from tests.spark.settings import conf

from unspin.engines.spark.read import document_of, read_documents
from unspin.errors import InputNotFoundError, UnknownFormatError, UsageError
from unspin.ingest import read_corpus
from unspin.ingest.paths import check_inputs
from unspin.model import Document, Reject

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = write_corpus(tmp_path_factory.mktemp("corpus"))
    (root / "news" / ".hidden.txt").write_text(STRIKE, encoding="utf-8")  # skipped, as here
    # Names that Spark's sources would read as glob patterns.
    (root / "odd[1]{a}.txt").write_text(TALKS, encoding="utf-8")
    (root / "odd*?.jsonl").write_text(lines({"id": "odd", "text": STRIKE}), encoding="utf-8")
    (root / "big.jsonl").write_text(
        lines(*({"id": f"wire-{n}", "text": f"{TALKS} ({n})"} for n in range(200))),
        encoding="utf-8",
    )
    return root


def ordered(frame: DataFrame) -> Iterator[dict[str, Any]]:
    return (row.asDict() for row in frame.orderBy("seq").toLocalIterator())


def as_local(text: str) -> str:
    return text.replace("file://", "")


def local_documents(read: Any) -> list[Document]:
    """The read's documents, with the names a read of the local paths gives."""
    found = (document_of(row) for row in ordered(read.documents))
    return [dataclasses.replace(d, origin=as_local(d.origin or "")) for d in found]


def local_rejects(read: Any) -> list[Reject]:
    fields = ("source", "position", "reason", "record_id", "kept")
    rows = ({name: row[name] for name in fields} for row in ordered(read.rejects))
    named = (
        {**row, "source": as_local(row["source"]), "reason": as_local(row["reason"])}
        for row in rows
    )
    return [Reject(**row) for row in named]


@pytest.mark.parametrize("part_bytes", ["128m", "300b"])
def test_a_folder_url_reads_as_the_local_folder_does(
    spark: SparkSession, corpus: Path, part_bytes: str
) -> None:
    documents, rejects, summary = read_corpus([corpus])

    with conf(spark, "spark.sql.files.maxPartitionBytes", part_bytes):  # 300b: big.jsonl in 40
        read = read_documents(spark, [corpus.as_uri()], partitions=3)

        assert local_documents(read) == documents
        assert local_rejects(read) == rejects
        assert read.summary == summary
    sources = {row["source"] for row in ordered(read.rejects)}
    assert all(name.startswith("file:///") for name in sources)  # named as the input was


def test_urls_and_local_paths_together_keep_the_local_ids(
    spark: SparkSession, corpus: Path
) -> None:
    inputs = [corpus / "news", corpus / "feed.jsonl", corpus / "big.jsonl"]
    documents, rejects, summary = read_corpus(inputs)

    read = read_documents(spark, [inputs[0].as_uri(), inputs[1], inputs[2].as_uri()])

    assert local_documents(read) == documents
    assert local_rejects(read) == rejects
    assert read.summary == summary


def test_a_url_that_is_not_there_fails_before_anything_is_read(
    spark: SparkSession, corpus: Path
) -> None:
    with pytest.raises(InputNotFoundError, match="does not exist"):
        read_documents(spark, [(corpus / "nowhere").as_uri()])
    with pytest.raises(UnknownFormatError, match="unsupported file type"):
        read_documents(spark, [(corpus / "notes.docx").as_uri()])


def test_a_file_system_spark_does_not_have_is_named_with_the_fix(spark: SparkSession) -> None:
    with pytest.raises(UsageError, match=r"no file system for 'nofs:'.*Fix: configure one"):
        read_documents(spark, ["nofs://bucket/corpus/"])


def test_the_local_engine_sends_urls_to_the_spark_engine() -> None:
    with pytest.raises(UsageError, match=r"read by the Spark engine.*--engine spark"):
        check_inputs(["hdfs://namenode/corpus"])
