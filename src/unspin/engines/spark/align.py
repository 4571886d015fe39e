"""Alignment as DataFrames: candidate pairs aligned, and exact copies given their pairs.

Pairs travel with both documents' rows and are sorted by their first side inside each
partition, so a document is prepared about once per partition (a small cache of prepared
documents) however many of its pairs are there. Exact copies never reach candidates: as in
the local engine (`unspin.pipeline.restore_copies`), each copy is paired with its
representative (aligned once per group) and inherits the representative's other pairs.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterator, Mapping
from typing import TypeAlias

import pandas as pd
from pyspark import Broadcast
from pyspark.sql import DataFrame
from pyspark.sql import functions as F

from unspin.align import compile_now
from unspin.copies import as_copy, for_copy
from unspin.engines.spark.rows import (
    DOCUMENT_COLUMNS,
    document_of,
    evidence_json,
    evidence_of,
)
from unspin.model import Document
from unspin.pipeline import compare_prepared, copy_evidence, prepare_document
from unspin.prepare import Prepared

EVIDENCE_SCHEMA = "a string, b string, evidence string"
# Prepared documents an alignment task keeps (about 130 KiB each with their cached words).
PREPARED_PER_TASK = 256

# The site templates, sent once to each executor.
Templates: TypeAlias = "Broadcast[dict[str, frozenset[str]]]"


class _Prepared:
    """The documents one task has prepared lately, by id."""

    def __init__(self, templates: Templates) -> None:
        self.templates = templates
        self.held: OrderedDict[str, Prepared] = OrderedDict()

    def __call__(self, doc: Document) -> Prepared:
        found = self.held.get(doc.id)
        if found is None:
            found = prepare_document(doc, self.templates.value)
            self.held[doc.id] = found
            if len(self.held) > PREPARED_PER_TASK:
                self.held.popitem(last=False)
        else:
            self.held.move_to_end(doc.id)
        return found


def with_documents(pairs: DataFrame, docs: DataFrame, sides: tuple[str, ...]) -> DataFrame:
    """``pairs`` with the document rows of the ids in columns ``sides``, prefixed by side."""
    for side in sides:
        named = docs.select(*(F.col(c).alias(f"{side}_{c}") for c in DOCUMENT_COLUMNS))
        pairs = pairs.join(named, pairs[side] == named[f"{side}_id"])
    return pairs


def aligned(pairs: DataFrame, docs: DataFrame, templates: Templates) -> DataFrame:
    """The evidence of each of ``pairs`` (a, b) that alignment reports (EVIDENCE_SCHEMA)."""
    rows = with_documents(pairs, docs, ("a", "b"))
    rows = rows.repartition("a").sortWithinPartitions("a", "b")

    def align(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        compile_now()
        prepared = _Prepared(templates)
        for batch in batches:
            found = []
            for row in batch.to_dict("records"):
                a, b = prepared(document_of(row, "a_")), prepared(document_of(row, "b_"))
                item = compare_prepared(a, b)
                if item is not None:
                    found.append((item.result.a, item.result.b, evidence_json(item)))
            yield pd.DataFrame(found, columns=["a", "b", "evidence"], dtype=object)

    return rows.mapInPandas(align, EVIDENCE_SCHEMA)


def copies_of(docs: DataFrame) -> DataFrame:
    """(copy, rep): each exact copy and its representative (the smallest id of its group)."""
    reps = docs.groupBy("content").agg(F.min("id").alias("rep"))
    return (
        docs.select("id", "content")
        .join(reps, "content")
        .filter(F.col("id") != F.col("rep"))
        .select(F.col("id").alias("copy"), "rep")
    )


def spread_to_copies(evidence: DataFrame, copies: DataFrame, docs: DataFrame) -> DataFrame:
    """Each pair of a representative restated for each of its exact copies
    (`unspin.pipeline.spread_to_copies`): the copy meets the representative's partner."""
    spread = []
    for here, there in (("a", "b"), ("b", "a")):
        met = evidence.join(copies, evidence[here] == copies["rep"])
        met = met.select("evidence", F.col(here).alias("here"), "copy", F.col(there).alias("there"))
        spread.append(with_documents(met, docs, ("copy", "there")))

    def restate(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        for batch in batches:
            found = []
            for row in batch.to_dict("records"):
                item = for_copy(
                    evidence_of(row["evidence"]),
                    row["here"],
                    document_of(row, "copy_"),
                    document_of(row, "there_"),
                )
                found.append((item.result.a, item.result.b, evidence_json(item)))
            yield pd.DataFrame(found, columns=["a", "b", "evidence"], dtype=object)

    return spread[0].unionByName(spread[1]).mapInPandas(restate, EVIDENCE_SCHEMA)


def copy_pairs(copies: DataFrame, docs: DataFrame, templates: Templates) -> DataFrame:
    """Each copy paired with its representative, the group aligned once
    (`unspin.pipeline.copy_evidence`)."""
    named = docs.select(*(F.col(c).alias(f"copy_{c}") for c in DOCUMENT_COLUMNS))
    listed = (
        copies.join(named, copies["copy"] == named["copy_id"])
        .groupBy("rep")
        .agg(F.collect_list(F.struct(*named.columns)).alias("copies"))
    )
    rows = with_documents(listed, docs, ("rep",))

    def pairs(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        for batch in batches:
            found: list[tuple[str, str, str]] = []
            for row in batch.to_dict("records"):
                source = prepare_document(document_of(row, "rep_"), templates.value)
                ordered = sorted(row["copies"], key=lambda c: str(c["copy_id"]))
                copies = [as_copy(source, document_of(c, "copy_")) for c in ordered]
                found.extend(
                    (e.result.a, e.result.b, evidence_json(e))
                    for e in copy_evidence(source, copies)
                )
            yield pd.DataFrame(found, columns=["a", "b", "evidence"], dtype=object)

    return rows.mapInPandas(pairs, EVIDENCE_SCHEMA)


def prepared_of(row: Mapping[str, object], templates: Templates) -> Prepared:
    """A document's preparation from its row (``doc_`` columns) and, for an exact copy, its
    representative's (``rep_`` columns, null for a representative): the copy shares it."""
    doc = document_of(row, "doc_")
    if not isinstance(row.get("rep_id"), str) or row["rep_id"] == doc.id:
        return prepare_document(doc, templates.value)
    return as_copy(prepare_document(document_of(row, "rep_"), templates.value), doc)
