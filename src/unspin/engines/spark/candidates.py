"""Features and candidate pairs as DataFrames: the lexical index's batch join, by group-by.

Each representative document is prepared and its features computed where its row is
(`unspin.index.doc_features`). Candidates are the index's self-join written as group-bys on
its keys: a rare or spin key's holders meet in pairs, each pair counting the key's weight
(`key_weights`: the same document-frequency policy, read from how many documents hold it);
an LSH bucket's members meet as the index makes them meet (`bucket_meetings`). Summed per
pair, the findings pass the index's candidate rule (`pair_evidence`), then the local
engine's filter and best-source limit. Sums are rounded as the local index rounds them, so
the order in which partitions add them up does not show.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
import pandas as pd
from pyspark import Broadcast
from pyspark.sql import DataFrame, Window
from pyspark.sql import functions as F

from unspin.candidates import BEST_SOURCES, CandidateStats, worth_aligning
from unspin.engines.spark.rows import document_of
from unspin.index import doc_features
from unspin.index.lexical import (
    MIN_SHARED_RARE,
    MIN_SHARED_SPIN,
    bucket_meetings,
    key_weights,
    pair_evidence,
)
from unspin.pipeline import prepare_document

FEATURES_SCHEMA = "id string, bands array<long>, rare array<long>, spin array<long>"
CANDIDATES_SCHEMA = (
    "a string, b string, bands long, rare double, spin double, rare_shared long, "
    "spin_shared long, worth boolean, strength double"
)


def _signed(values: np.ndarray | tuple[int, ...]) -> list[int]:
    """uint64 keys as the int64 Spark stores (the same bits)."""
    signed: list[int] = np.asarray(values, dtype=np.uint64).view(np.int64).tolist()
    return signed


def features(docs: DataFrame, shared: Broadcast[dict[str, frozenset[str]]]) -> DataFrame:
    """Each document's features (``docs``: document rows; ``shared``: the site templates),
    one row a document."""

    def made(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        for batch in batches:
            rows = []
            for row in batch.to_dict("records"):
                f = doc_features(prepare_document(document_of(row), shared.value))
                rows.append((f.id, _signed(f.bands), _signed(f.rare), _signed(f.spin)))
            yield pd.DataFrame(rows, columns=["id", "bands", "rare", "spin"])

    return docs.mapInPandas(made, FEATURES_SCHEMA)


def read_keys(postings: DataFrame) -> DataFrame:
    """(key, weight) for the keys of ``postings`` (id, key) that the index reads, with what
    each counts for (`key_weights`). A key it does not read (held once, or by more than
    MAX_POSTINGS documents) comes back from the UDF as NaN, which Arrow hands to Spark as
    null: both are dropped (Spark's isnan is false for null, so isnan alone kept them)."""
    df = postings.groupBy("key").count()

    def weighted(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        for batch in batches:
            weights = key_weights(batch["count"].to_numpy())
            yield pd.DataFrame({"key": batch["key"], "weight": weights[:, 0]})

    weights = df.mapInPandas(weighted, "key long, weight double")
    return weights.filter(F.col("weight").isNotNull() & ~F.isnan("weight"))


def _key_pairs(features: DataFrame, kind: str) -> DataFrame:
    """(a, b, weighted, plain) for every pair of documents sharing a key of ``kind``."""
    postings = features.select("id", F.explode(kind).alias("key"))
    held = postings.join(read_keys(postings), "key")
    left, right = held.alias("l"), held.select("key", F.col("id").alias("other"))
    met = left.join(right, "key").filter(F.col("id") < F.col("other"))
    return met.groupBy(F.col("id").alias("a"), F.col("other").alias("b")).agg(
        F.sum("weight").alias(f"{kind}_w"), F.count(F.lit(1)).alias(f"{kind}_n")
    )


def _band_pairs(features: DataFrame) -> DataFrame:
    """(a, b, bands): how many LSH buckets each pair meets in."""
    keyed = features.select("id", F.posexplode("bands").alias("band", "key"))
    buckets = keyed.groupBy("band", "key").agg(F.sort_array(F.collect_list("id")).alias("ids"))

    def meetings(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        for batch in batches:
            met = [pair for ids in batch["ids"] for pair in bucket_meetings(list(ids))]
            yield pd.DataFrame(met, columns=["a", "b"], dtype=object)

    met = buckets.filter(F.size("ids") > 1).mapInPandas(meetings, "a string, b string")
    return met.groupBy("a", "b").agg(F.count(F.lit(1)).alias("bands"))


def lexical_candidates(features: DataFrame) -> DataFrame:
    """Every pair the lexical index makes of ``features``' documents, with its evidence
    (CANDIDATES_SCHEMA: ``worth`` says whether it passes the pre-alignment filter)."""
    found = (
        _key_pairs(features, "rare")
        .join(_key_pairs(features, "spin"), ["a", "b"], "full")
        .join(_band_pairs(features), ["a", "b"], "full")
    )
    sizes = features.select("id", F.size("rare").alias("nr"), F.size("spin").alias("ns"))
    found = found.join(
        sizes.select(F.col("id").alias("a"), F.col("nr").alias("a_nr"), F.col("ns").alias("a_ns")),
        "a",
    ).join(
        sizes.select(F.col("id").alias("b"), F.col("nr").alias("b_nr"), F.col("ns").alias("b_ns")),
        "b",
    )
    return found.mapInPandas(_evidence_rows, CANDIDATES_SCHEMA)


def _evidence_rows(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
    for batch in batches:
        batch = batch.fillna(0)
        pairs = _columns
        keep, evidence = pair_evidence(
            batch["bands"].to_numpy(dtype=np.int64),
            pairs(batch, "rare_w", "rare_n"),
            pairs(batch, "spin_w", "spin_n"),
            np.minimum(pairs(batch, "a_nr", "a_ns"), pairs(batch, "b_nr", "b_ns")).astype(np.int64),
        )
        kept = batch[keep]
        yield pd.DataFrame(
            {
                "a": kept["a"].to_numpy(),
                "b": kept["b"].to_numpy(),
                "bands": [e.bands for e in evidence],
                "rare": [e.rare for e in evidence],
                "spin": [e.spin for e in evidence],
                "rare_shared": [e.rare_shared for e in evidence],
                "spin_shared": [e.spin_shared for e in evidence],
                "worth": [worth_aligning(e) for e in evidence],
                "strength": [e.strength for e in evidence],
            }
        )


def _columns(batch: pd.DataFrame, *names: str) -> np.ndarray:
    return np.column_stack([batch[name].to_numpy(dtype=np.float64) for name in names])


@dataclass(frozen=True)
class Candidates:
    pairs: DataFrame  # a, b: the pairs to align, a < b
    stats: CandidateStats


def candidate_pairs(found: DataFrame, *, all_pairs: bool = False) -> Candidates:
    """The pairs to align of ``lexical_candidates``' table: those that pass the filter and
    are among a side's BEST_SOURCES strongest (``all_pairs``: every one)."""
    found = found.persist()  # counted below, then read again when the pairs are written
    if all_pairs:
        chosen = found.select("a", "b")
    else:
        lexical = found.filter("worth")
        sides = lexical.select(
            F.col("a").alias("doc"), F.col("b").alias("other"), "a", "b", "strength"
        ).unionByName(
            lexical.select(F.col("b").alias("doc"), F.col("a").alias("other"), "a", "b", "strength")
        )
        # Each document's strongest first, ties by the other's id: `best_sources`' order.
        rank = Window.partitionBy("doc").orderBy(F.desc("strength"), F.asc("other"))
        best = sides.withColumn("rank", F.row_number().over(rank))
        chosen = best.filter(F.col("rank") <= BEST_SOURCES).select("a", "b").distinct()
    counts = found.agg(
        F.count(F.lit(1)).alias("found"),
        F.sum(F.when(F.col("bands") > 0, 1).otherwise(0)).alias("minhash"),
        F.sum(F.when(F.col("rare") >= MIN_SHARED_RARE, 1).otherwise(0)).alias("rare"),
        F.sum(F.when(F.col("spin") >= MIN_SHARED_SPIN, 1).otherwise(0)).alias("spin"),
        F.sum(F.when(F.col("worth"), 1).otherwise(0)).alias("worth"),
    ).first()
    assert counts is not None
    total = chosen.count()
    lexical_count = int(counts["found"]) if all_pairs else int(counts["worth"] or 0)
    stats = CandidateStats(
        minhash=int(counts["minhash"] or 0),
        rare=int(counts["rare"] or 0),
        spin=int(counts["spin"] or 0),
        total=total,
        filtered=int(counts["found"]) - lexical_count,
        beyond_best=lexical_count - total,
    )
    return Candidates(chosen, stats)
