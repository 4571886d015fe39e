"""`scan --engine spark --db FILE`: the scanned corpus kept in an index, for `unspin trace`.

The index gets what `unspin scan --db` of the same corpus gives an empty index: every
article with its features and postings, the site templates, and the scan's pairs, families
and site records. Nothing is prepared again: features come from the scan's features table
(an exact copy takes its group representative's, which are its own, since copies share
text and site), spooled to the driver in input order (`spooled`), which writes the SQLite
file (one writer, as SQLite wants) in batches of `unspin.index.articles.ADD_BATCH`. The pairs and
families are read back from the records just written.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
from pyspark.sql import DataFrame

from unspin.engines.spark.rows import document_of
from unspin.engines.spark.spooled import ordered_rows, spool_folder
from unspin.index.articles import ArticleIndex, family_from_record
from unspin.index.features import DocFeatures
from unspin.model import Document
from unspin.progress import Progress
from unspin.report.jsonl import pair_from_record
from unspin.sites import SITES, read_sites


def check_index(db: Path) -> None:
    """Fail before the scan when ``db`` is an index that cannot be filled (another
    configuration, or articles already in it)."""
    if not db.exists():
        return
    with ArticleIndex(db, create=False) as index:
        index.check_fillable()


def fill_index(
    db: Path,
    docs: DataFrame,
    features: DataFrame,
    templates: Mapping[str, frozenset[str]],
    out: Path,
    progress: Progress,
) -> int:
    """Put the scan written to ``out`` into the index ``db``; returns the articles stored.
    ``docs``: the documents with their group representative (``rep``); ``features``: the
    representatives' features table."""
    held = features.withColumnRenamed("id", "rep")
    rows = ordered_rows(docs.join(held, "rep").orderBy("seq"), spool_folder(out, "index"))
    with ArticleIndex(db) as index:
        stored = index.fill((_with_features(row) for row in rows), templates, progress)
        pairs = [pair_from_record(record) for record in _records(out / "pairs.jsonl")]
        families = [family_from_record(record) for record in _records(out / "families.jsonl")]
        index.record_scan(pairs, families, read_sites(out / SITES))
    return stored


def _with_features(row: dict[str, Any]) -> tuple[Document, DocFeatures]:
    doc = document_of(row)
    bands = tuple(int(key) for key in _unsigned(row["bands"]))
    return doc, DocFeatures(doc.id, bands, _unsigned(row["rare"]), _unsigned(row["spin"]))


def _unsigned(keys: Sequence[int]) -> np.ndarray:
    """Keys as the index holds them (uint64), from the int64 Spark stores (the same bits)."""
    return np.asarray(keys, dtype=np.int64).view(np.uint64)


def _records(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            record: dict[str, Any] = json.loads(line)
            yield record
