"""Reading on Spark executors gives what the local read gives, however the files are spread.

One corpus holds every kind of input (a folder of text, Markdown and HTML files, JSON Lines
plain and gzip'd, Parquet, a web archive, an unsupported file) and every kind of record
(good, bad JSON, no text, no id, a bad date, duplicate ids with the same text and with
another, an id that a derived id took first). `read_documents` must give `read_corpus`'s
documents, rejects and summary, in the same order, over 1, 3 and 7 partitions, and with its
JSON Lines and Parquet files cut into parts as small as a few bytes.
"""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from tests.ingest.warcs import page_record, request, warcinfo, write_warc
from tests.spark.mixed import PAGE, STRIKE, TALKS, lines, write_corpus
from tests.spark.settings import conf

from unspin.engines.spark.read import (
    SparkRead,
    byte_count,
    document_of,
    part_size,
    read_documents,
)
from unspin.errors import EmptyCorpusError, UsageError
from unspin.ingest import read_corpus
from unspin.model import Reject

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

SHUFFLE = "spark.sql.shuffle.partitions"
PART_BYTES = "spark.sql.files.maxPartitionBytes"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_corpus(tmp_path_factory.mktemp("corpus"))


@pytest.fixture(params=[1, 3, 7])
def partitions(request: pytest.FixtureRequest, spark: SparkSession) -> Iterator[int]:
    """Files spread over this many partitions, and shuffles (the id counts) into as many."""
    before = spark.conf.get(SHUFFLE)
    spark.conf.set(SHUFFLE, request.param)
    yield request.param
    if before is None:
        spark.conf.unset(SHUFFLE)
    else:
        spark.conf.set(SHUFFLE, before)


def ordered(frame: DataFrame) -> list[dict[str, Any]]:
    return [row.asDict() for row in frame.orderBy("seq").toLocalIterator()]


def rejects_of(read: SparkRead) -> list[Reject]:
    fields = ("source", "position", "reason", "record_id", "kept")
    return [Reject(**{name: row[name] for name in fields}) for row in ordered(read.rejects)]


def test_the_corpus_has_every_case_the_spark_read_must_agree_on(corpus: Path) -> None:
    documents, rejects, summary = read_corpus([corpus])

    ids = [doc.id for doc in documents]
    assert {"news/sport/001~2", "a~2", "a~2~2", "b~3", "feed:5", "more:2"} <= set(ids)
    assert len(ids) == len(set(ids))
    assert any("the same text again" in r.reason for r in rejects)
    assert any(r.kept and r.record_id == "a~2" and "date" in r.reason for r in rejects)
    assert summary.renamed and summary.warnings and summary.rejected


def test_spark_reads_what_the_local_read_gives(
    spark: SparkSession, corpus: Path, partitions: int
) -> None:
    documents, rejects, summary = read_corpus([corpus])

    read = read_documents(spark, [corpus], partitions)

    assert [document_of(row) for row in ordered(read.documents)] == documents
    assert rejects_of(read) == rejects
    assert read.summary == summary


@pytest.mark.parametrize("part_bytes", ["7b", "100b", "500b"])
def test_files_cut_into_parts_read_as_the_local_read_gives(
    spark: SparkSession, corpus: Path, part_bytes: str
) -> None:
    # feed.jsonl is cut inside its lines, table.parquet between its row groups.
    documents, rejects, summary = read_corpus([corpus])
    assert (corpus / "feed.jsonl").stat().st_size > 500

    with conf(spark, PART_BYTES, part_bytes):
        assert part_size(spark) == byte_count(part_bytes)
        read = read_documents(spark, [corpus], partitions=3)

        assert [document_of(row) for row in ordered(read.documents)] == documents
        assert rejects_of(read) == rejects
        assert read.summary == summary


def test_spark_sizes_are_read_as_spark_reads_them() -> None:
    assert byte_count("134217728") == byte_count("128m") == byte_count("128MB") == 128 << 20
    assert byte_count("2k") == byte_count("2kb") == 2048
    assert byte_count(" 1g ") == 1 << 30
    with pytest.raises(UsageError, match="not a size"):
        byte_count("lots")


def test_several_inputs_keep_their_order_and_their_ids(spark: SparkSession, corpus: Path) -> None:
    inputs = [corpus / "more.jsonl.gz", corpus / "news", corpus / "feed.jsonl"]
    documents, rejects, summary = read_corpus(inputs)

    read = read_documents(spark, inputs, partitions=2)

    assert [document_of(row) for row in ordered(read.documents)] == documents
    assert rejects_of(read) == rejects
    assert read.summary == summary


def test_every_record_read_is_kept_or_rejected(spark: SparkSession, corpus: Path) -> None:
    read = read_documents(spark, [corpus])

    kept = read.documents.count()
    rejected = read.rejects.filter("not kept").count()
    assert (read.summary.kept, read.summary.rejected) == (kept, rejected)
    assert read.summary.read == kept + rejected
    assert read.summary.warnings == read.rejects.filter("kept").count()


@pytest.mark.parametrize("bad", [True, False], ids=["only-bad-records", "no-records"])
def test_a_corpus_with_nothing_to_keep_fails_as_the_local_read_does(
    spark: SparkSession, tmp_path: Path, bad: bool
) -> None:
    if bad:
        (tmp_path / "bad.jsonl").write_text(lines("{", {"id": "x"}, "[]"), encoding="utf-8")
        (tmp_path / "notes.docx").write_text("not an article format", encoding="utf-8")
    with pytest.raises(EmptyCorpusError) as local:
        read_corpus([tmp_path])

    with pytest.raises(EmptyCorpusError) as spread:
        read_documents(spark, [tmp_path])

    assert str(spread.value) == str(local.value)


def test_broken_files_are_rejected_with_their_reason_and_the_read_goes_on(
    spark: SparkSession, tmp_path: Path
) -> None:
    # What a crawl of millions of pages holds somewhere: a gzip cut short, bytes that are no
    # gzip at all, a web archive cut in its last record, text that is not UTF-8.
    many = lines(*({"id": f"wire-{n}", "text": f"{STRIKE} {TALKS} ({n})"} for n in range(3000)))
    packed = gzip.compress(many.encode())
    (tmp_path / "cut.jsonl.gz").write_bytes(packed[: len(packed) // 2])
    (tmp_path / "noise.jsonl.gz").write_bytes(b"\x1f\x8b" + bytes(range(64)))
    archive = write_warc(
        tmp_path / "crawl.warc.gz",
        [
            warcinfo(),
            request("https://wire.example/strike"),
            page_record("https://wire.example/strike", PAGE),
        ],
    )
    whole = archive.read_bytes()
    archive.write_bytes(whole[: len(whole) - 120])
    (tmp_path / "latin.txt").write_bytes(f"{STRIKE} Café {TALKS}".encode("latin-1"))
    documents, rejects, summary = read_corpus([tmp_path])
    assert summary.rejected >= 3 and summary.kept > 1000  # what was read before a cut stays

    read = read_documents(spark, [tmp_path], partitions=3)

    assert [document_of(row) for row in ordered(read.documents)] == documents
    assert rejects_of(read) == rejects
    assert read.summary == summary
    assert summary.read == summary.kept + summary.rejected
