"""The Spark engine's run: the local engine's stages over DataFrames, written as records.

Stages, each a table in the output folder (`stages`): documents (read, each with its
exact-copy group) and rejects, features (representatives only), candidates (the pairs to
align), pairs (aligned, and the exact copies' pairs). Families and per-document reports
follow and are written straight to the JSON Lines files, spooled to the driver through
Parquet files in the local engine's order (`spooled`), so that the files are the local
engine's byte for byte.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import pandas as pd
from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F

from unspin.candidates import CandidateStats
from unspin.copies import content_key
from unspin.engines.spark import align, candidates, reports
from unspin.engines.spark.indexed import fill_index
from unspin.engines.spark.read import read_documents
from unspin.engines.spark.rows import DOCUMENT_COLUMNS, DOCUMENT_SCHEMA, document_of
from unspin.engines.spark.spooled import ordered_rows, spool_folder
from unspin.engines.spark.stages import StageTables
from unspin.engines.spark.templates import site_templates
from unspin.model import IngestSummary, Reject
from unspin.progress import NoProgress, Progress
from unspin.report.files import write_jsonl
from unspin.report.jsonl import reject_record
from unspin.sites import SITES, write_sites

RECORD_FILES = ("documents.jsonl", "pairs.jsonl", "families.jsonl", "rejects.jsonl", SITES)


@dataclass(frozen=True)
class SparkScan:
    """What one Spark run did: counts for the manifest and the summary, where it stopped."""

    summary: IngestSummary
    candidates: CandidateStats | None = None  # None when it stopped before candidates
    relations: Mapping[str, int] = field(default_factory=dict)  # pairs by relation
    families: int = 0
    stopped_after: str | None = None  # a stage, when the run stopped early
    resumed: tuple[str, ...] = ()  # stage tables read back from an earlier run
    outputs: dict[str, Path] = field(default_factory=dict)

    @property
    def pairs(self) -> int:
        return sum(self.relations.values())


def run(
    spark: SparkSession,
    inputs: Sequence[str],
    out: Path,
    *,
    key: str,
    all_pairs: bool = False,
    to_stage: str | None = None,
    progress: Progress | None = None,
    db: Path | None = None,
) -> SparkScan:
    """Scan ``inputs`` into ``out``; ``key`` names the run (`stages`), ``to_stage`` stops
    after that stage's table is written; ``db``: an index file to fill with the scan
    (`unspin.engines.spark.indexed`)."""
    progress = progress or NoProgress()
    tables = StageTables(spark, out, key)

    progress.start("read", None)
    reading = cache(lambda: read_documents(spark, inputs))
    docs = tables.table("documents", lambda: _with_copies(reading().documents)).persist()
    rejects = tables.table("rejects", lambda: reading().rejects)
    summary = IngestSummary(**tables.value("summary", lambda: asdict(reading().summary)))
    progress.advance()

    def stopped(stage: str, stats: CandidateStats | None = None) -> SparkScan:
        return SparkScan(summary, stats, stopped_after=stage, resumed=tuple(tables.resumed))

    distinct = docs.filter(F.col("id") == F.col("rep"))
    made = tables.value("templates", lambda: _listed(site_templates(distinct)))
    templates = {site: frozenset(keys) for site, keys in made.items()}
    shared = spark.sparkContext.broadcast(templates)
    progress.start("features", None)
    features = tables.table("features", lambda: candidates.features(distinct, shared))
    progress.advance()
    if to_stage == "features":
        return stopped("features")

    progress.start("candidates", None)
    chosen = cache(
        lambda: candidates.candidate_pairs(
            candidates.lexical_candidates(features), all_pairs=all_pairs
        )
    )
    to_align = tables.table("candidates", lambda: chosen().pairs)
    stats = CandidateStats(**tables.value("candidate_stats", lambda: asdict(chosen().stats)))
    progress.advance()
    if to_stage == "candidates":
        return stopped("candidates", stats)

    progress.start("align", stats.total)
    evidence = tables.table("pairs", lambda: _evidence(to_align, docs, distinct, shared))
    evidence = evidence.persist()
    progress.advance(stats.total)
    if to_stage == "pairs":
        return stopped("pairs", stats)

    progress.start("write", len(RECORD_FILES))
    written = _write_records(out, docs, evidence, rejects, shared, progress)
    write_sites(out)  # on the driver, from the two files just written, as the local engine
    progress.advance()
    if db is not None:
        progress.start("index", summary.kept)
        fill_index(db, docs, features, templates, out, progress)
    return SparkScan(
        summary,
        stats,
        relations=written.relations,
        families=written.families,
        resumed=tuple(tables.resumed),
        outputs={name: out / name for name in RECORD_FILES},
    )


def _listed(templates: Mapping[str, frozenset[str]]) -> dict[str, list[str]]:
    return {site: sorted(keys) for site, keys in templates.items()}


def _with_copies(documents: DataFrame) -> DataFrame:
    """Documents with their exact-copy key (``content``) and group representative (``rep``:
    the smallest id of the group, as `unspin.copies.group_copies` takes)."""

    def keyed(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        for batch in batches:
            batch = batch.copy()
            batch["content"] = [content_key(document_of(r)) for r in batch.to_dict("records")]
            yield batch

    schema = f"seq long, {DOCUMENT_SCHEMA}, content string"
    with_key = documents.select("seq", *DOCUMENT_COLUMNS).mapInPandas(keyed, schema)
    reps = with_key.groupBy("content").agg(F.min("id").alias("rep"))
    return with_key.join(reps, "content")


def _evidence(
    to_align: DataFrame, docs: DataFrame, distinct: DataFrame, templates: align.Templates
) -> DataFrame:
    """Every pair's evidence: the aligned candidates, then the exact copies' pairs."""
    found = align.aligned(to_align, distinct, templates).persist()
    copies = align.copies_of(docs)
    spread = align.spread_to_copies(found, copies, docs)
    return found.unionByName(spread).unionByName(align.copy_pairs(copies, docs, templates))


@dataclass(frozen=True)
class _Written:
    relations: Mapping[str, int]
    families: int


def _write_records(
    out: Path,
    docs: DataFrame,
    evidence: DataFrame,
    rejects: DataFrame,
    templates: align.Templates,
    progress: Progress,
) -> _Written:
    """The four JSON Lines files, each in the local engine's order, written atomically."""
    relations: Counter[str] = Counter()

    def counted(records: Iterator[dict[str, Any]]) -> Iterator[dict[str, Any]]:
        for record in records:
            relations[record["relation"]] += 1
            yield record

    rows = reports.document_rows(docs)
    shares = reports.explained_shares(rows, reports.by_document(evidence), templates).persist()
    shares.count()  # computed once here: the joins below read it twice in one job
    evidence = reports.oriented(evidence, shares).persist()
    evidence.count()
    pairs = reports.pair_records(evidence, docs).orderBy("a", "b")
    _write(out / "pairs.jsonl", pairs, counted)
    progress.advance()
    families = reports.families(evidence, docs).persist()
    count = _write(out / "families.jsonl", families.filter(F.col("key").isNotNull()).orderBy("key"))
    progress.advance()
    sides = reports.by_document(evidence)
    documents = reports.document_records(rows, sides, shares, families, templates)
    _write(out / "documents.jsonl", documents.orderBy("seq"))
    progress.advance()
    ordered = ordered_rows(rejects.orderBy("seq"), spool_folder(out, "rejects.jsonl"))
    write_jsonl(out / "rejects.jsonl", (reject_record(_reject(row)) for row in ordered))
    progress.advance()
    families.unpersist()
    evidence.unpersist()
    shares.unpersist()
    return _Written(dict(relations), count)


def _reject(row: Mapping[str, Any]) -> Reject:
    return Reject(row["source"], row["position"], row["reason"], row["record_id"], row["kept"])


def _write(
    path: Path,
    frame: DataFrame,
    through: Callable[[Iterator[dict[str, Any]]], Iterator[dict[str, Any]]] = lambda r: r,
) -> int:
    """``frame``'s ``record`` column, in its order, written to ``path``."""
    rows = ordered_rows(frame.select("record"), spool_folder(path.parent, path.name))
    return write_jsonl(path, through(json.loads(row["record"]) for row in rows))
