"""Per-document reports and families as group-bys, and the records they become.

A document's report needs its pairs and the share of it, and of each partner, that the
corpus explains (`unspin.relate.find_inserted`): one group-by on document computes the
shares (and the pieces shares that direction may need, `oriented`), a second, with the
partners' shares joined in, the reports. Families are the
connected components of the pairs that join documents into one (`joins_family`), found
with DataFrame joins (`components`); each component is then one group with its members'
dates and its joining pairs, reduced by the local `family_from`.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import pandas as pd
from pyspark.sql import DataFrame
from pyspark.sql import functions as F

from unspin.engines.spark.align import Templates, prepared_of
from unspin.engines.spark.components import connected_components
from unspin.engines.spark.rows import DOCUMENT_COLUMNS, document_of, evidence_json, evidence_of
from unspin.families import family_from, joins_family
from unspin.model import Document, PairResult
from unspin.pipeline import document_report, oriented_by_pieces
from unspin.relate import explained_share, pieces_share
from unspin.report.jsonl import document_record, family_record, pair_record

RECORD_SCHEMA = "key string, record string"
FAMILY_SCHEMA = "node string, family string, key string, record string"


def _record(record: object) -> str:
    # ASCII escapes carry a lone surrogate (JSON input allows them) through the JVM; the
    # writer reads the record back and writes it as the local engine does.
    return json.dumps(record)


def by_document(evidence: DataFrame) -> DataFrame:
    """(doc, partner, evidence): each pair once for each of its sides."""
    return evidence.select(
        F.col("a").alias("doc"), F.col("b").alias("partner"), "evidence"
    ).unionByName(evidence.select(F.col("b").alias("doc"), F.col("a").alias("partner"), "evidence"))


def document_rows(docs: DataFrame) -> DataFrame:
    """Each document's row (``doc_`` columns) with its representative's (``rep_``), for
    `prepared_of`, and its input order ``seq``."""
    named = docs.select("seq", "rep", *(F.col(c).alias(f"doc_{c}") for c in DOCUMENT_COLUMNS))
    reps = docs.select(*(F.col(c).alias(f"rep_{c}") for c in DOCUMENT_COLUMNS))
    return named.join(reps, named["rep"] == reps["rep_id"], "left")


def explained_shares(rows: DataFrame, sides: DataFrame, templates: Templates) -> DataFrame:
    """(doc, share, pieces): for each document with pairs, the share of it that its partners
    explain, and the share they explain beyond the best of them (`relate.pieces_share`)."""
    held = sides.groupBy("doc").agg(F.collect_list("evidence").alias("evidence"))
    joined = rows.join(held, rows["doc_id"] == held["doc"])

    def shares(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        for batch in batches:
            found = []
            for row in batch.to_dict("records"):
                p = prepared_of(row, templates)
                evidence = [evidence_of(e) for e in row["evidence"]]
                found.append((p.id, explained_share(p, evidence), pieces_share(p, evidence)))
            yield pd.DataFrame(found, columns=["doc", "share", "pieces"]).astype(
                {"doc": object, "share": float, "pieces": float}
            )

    return joined.mapInPandas(shares, "doc string, share double, pieces double")


def oriented(evidence: DataFrame, shares: DataFrame) -> DataFrame:
    """``evidence`` with the pieces signal added where a pair needs it, as the local engine
    does (`pipeline.oriented_by_pieces`)."""
    a_pieces = shares.select(F.col("doc").alias("a"), F.col("pieces").alias("a_pieces"))
    b_pieces = shares.select(F.col("doc").alias("b"), F.col("pieces").alias("b_pieces"))
    joined = evidence.join(a_pieces, "a", "left").join(b_pieces, "b", "left")

    def orient(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        for batch in batches:
            rows = batch.to_dict("records")
            pieces: dict[str, float] = {}
            for row in rows:
                pieces[row["a"]] = _share(row["a_pieces"])
                pieces[row["b"]] = _share(row["b_pieces"])
            found = [evidence_of(r["evidence"]) for r in rows]
            items = oriented_by_pieces(found, pieces.__getitem__)
            out = [(item.result.a, item.result.b, evidence_json(item)) for item in items]
            yield pd.DataFrame(out, columns=["a", "b", "evidence"], dtype=object)

    return joined.mapInPandas(orient, "a string, b string, evidence string")


def _share(value: object) -> float:
    return float(value) if isinstance(value, float) and value == value else 0.0  # NaN: none


def document_records(
    rows: DataFrame, sides: DataFrame, shares: DataFrame, families: DataFrame, templates: Templates
) -> DataFrame:
    """(seq, record): each document's record (JSON), to be written in input order."""
    theirs = shares.select(F.col("doc").alias("partner"), F.col("share").alias("theirs"))
    mine = shares.select("doc", F.col("share").alias("mine"))
    found = sides.join(theirs, "partner").join(mine, "doc")
    held = found.groupBy("doc").agg(
        F.collect_list(F.struct("partner", "evidence", "theirs")).alias("pairs"),
        F.first("mine").alias("mine"),
    )
    named = rows.join(families.select(F.col("node").alias("doc_id"), "family"), "doc_id", "left")
    named = named.join(held, named["doc_id"] == held["doc"], "left")

    def reports(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        for batch in batches:
            found = []
            for row in batch.to_dict("records"):
                p = prepared_of(row, templates)
                pairs = row["pairs"] if row["pairs"] is not None else []
                explained = {p.id: float(row["mine"]) if len(pairs) else 0.0}
                explained.update((item["partner"], float(item["theirs"])) for item in pairs)
                evidence = [evidence_of(item["evidence"]) for item in pairs]
                family = row["family"] if isinstance(row["family"], str) else None
                record = document_record(document_report(p, evidence, explained), p.doc, family)
                found.append((int(row["seq"]), _record(record)))
            yield pd.DataFrame(found, columns=["seq", "record"]).astype(
                {"seq": "int64", "record": object}
            )

    return named.mapInPandas(reports, "seq long, record string")


def pair_records(evidence: DataFrame, docs: DataFrame) -> DataFrame:
    """(a, b, record): each pair's record, its passages carrying both texts."""
    texts = docs.select("id", "text")
    rows = evidence.join(
        texts.select(F.col("id").alias("a"), F.col("text").alias("a_text")), "a"
    ).join(texts.select(F.col("id").alias("b"), F.col("text").alias("b_text")), "b")

    def records(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        for batch in batches:
            out = []
            for row in batch.to_dict("records"):
                result = evidence_of(row["evidence"]).result
                sides = {
                    result.a: Document(result.a, row["a_text"]),
                    result.b: Document(result.b, row["b_text"]),
                }
                out.append((result.a, result.b, _record(pair_record(result, sides))))
            yield pd.DataFrame(out, columns=["a", "b", "record"], dtype=object)

    return rows.mapInPandas(records, "a string, b string, record string")


def families(evidence: DataFrame, docs: DataFrame) -> DataFrame:
    """FAMILY_SCHEMA: for every member of a family, its family id; each family's record
    (JSON) on its first member's row, ``key`` its first member (the families' order)."""

    def joining(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        for batch in batches:
            keep = [joins_family(evidence_of(e).result) for e in batch["evidence"]]
            yield batch[keep]

    edges = evidence.mapInPandas(joining, "a string, b string, evidence string").persist()
    nodes = connected_components(edges.select("a", "b"))
    members = nodes.join(docs.select(F.col("id").alias("node"), "date", "date_source"), "node")
    # Named apart from the members' column: two sides of one lineage must not share a name.
    pairs = edges.join(nodes.select(F.col("node").alias("a"), F.col("component").alias("of")), "a")

    grouped = members.groupBy("component").agg(
        F.collect_list(F.struct("node", "date", "date_source")).alias("members")
    )
    linked = pairs.groupBy("of").agg(F.collect_list("evidence").alias("evidence"))
    joined = grouped.join(linked, grouped["component"] == linked["of"])

    def family_rows(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        for batch in batches:
            out: list[tuple[str, str, str | None, str | None]] = []
            for row in batch.to_dict("records"):
                out.extend(_family_rows(row["members"], row["evidence"]))
            yield pd.DataFrame(out, columns=["node", "family", "key", "record"], dtype=object)

    found: DataFrame = joined.mapInPandas(family_rows, FAMILY_SCHEMA)
    return found


def _family_rows(
    members: Iterable[Mapping[str, Any]], joining: Iterable[str]
) -> list[tuple[str, str, str | None, str | None]]:
    """One row a member of one connected group: its family, and the family's record on the
    first member's row (none for a group that makes no family)."""
    documents = {
        m["node"]: document_of({**m, "id": m["node"], "text": ""}, only_dates=True) for m in members
    }
    edges: dict[str, list[PairResult]] = defaultdict(list)
    for text in joining:
        result = evidence_of(text).result
        edges[result.a].append(result)
        edges[result.b].append(result)
    found = family_from(list(documents), edges, documents)
    if found is None:
        return []
    first = found.members[0]
    record = _record(family_record(found))
    return [
        (m, found.id, first if m == first else None, record if m == first else None)
        for m in found.members
    ]
