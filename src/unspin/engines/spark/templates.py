"""Site templates (`unspin.boilerplate.repeated`) as group-bys: per site and corpus-wide.

The driver receives only the template lines found (a few per site), never the corpus; the
counts and the unrelated-holders walk run where the rows are, with the local rules
(`site_line_min_docs`, `holds_unrelated`) as their reduce functions.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator

import pandas as pd
from pyspark.sql import DataFrame
from pyspark.sql import functions as F

from unspin.boilerplate.repeated import (
    CORPUS_KEY_PREFIX,
    CORPUS_LINE_MIN_DOCS,
    NO_SITE,
    document_line_keys,
    holder_fingerprint,
    holds_unrelated,
    site_line_min_docs,
)


def site_templates(docs: DataFrame) -> dict[str, frozenset[str]]:
    """What `unspin.boilerplate.repeated_lines_by_site` gives for the documents of ``docs``
    (columns ``id``, ``site``, ``text``)."""
    keyed = docs.select("id", "site", "text").mapInPandas(
        _line_keys, "id string, site string, text_hash string, keys array<string>"
    )
    keyed = keyed.persist()
    try:
        corpus = frozenset(CORPUS_KEY_PREFIX + key for key in _in_corpus(docs, keyed))
        result: dict[str, frozenset[str]] = {NO_SITE: corpus} if corpus else {}
        result.update((site, keys | corpus) for site, keys in _per_site(keyed).items())
        return result
    finally:
        keyed.unpersist()


def _line_keys(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
    for batch in batches:
        yield pd.DataFrame(
            {
                "id": batch["id"],
                "site": batch["site"],
                "text_hash": [_text_hash(t) for t in batch["text"]],
                "keys": [sorted(document_line_keys(t)) for t in batch["text"]],
            }
        )


def _text_hash(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def _per_site(keyed: DataFrame) -> dict[str, frozenset[str]]:
    """Each site's own template keys (every site seen gets an entry)."""
    sited = keyed.filter(F.col("site").isNotNull())
    sizes = {r["site"]: int(r["count"]) for r in sited.groupBy("site").count().collect()}
    found: dict[str, set[str]] = {site: set() for site in sizes}
    counts = (
        sited.select("site", F.explode("keys").alias("key"))
        .groupBy("site", "key")
        .count()
        # The smallest threshold any site can have; each site's own is applied below.
        .filter(F.col("count") >= site_line_min_docs(0))
    )
    for row in counts.toLocalIterator():
        if row["count"] >= site_line_min_docs(sizes[row["site"]]):
            found[row["site"]].add(row["key"])
    return {site: frozenset(keys) for site, keys in found.items()}


def _in_corpus(docs: DataFrame, keyed: DataFrame) -> frozenset[str]:
    """`repeated_lines_in_corpus`: keys in CORPUS_LINE_MIN_DOCS distinct texts or more whose
    holders (each text once, under its smallest id) include that many unrelated ones."""
    firsts = keyed.groupBy("text_hash").agg(F.min("id").alias("id"))
    held = keyed.join(firsts, ["text_hash", "id"]).select(
        "id", "text_hash", F.explode("keys").alias("key")
    )
    counted = held.groupBy("key").count().filter(F.col("count") >= CORPUS_LINE_MIN_DOCS)
    candidates = sorted(r["key"] for r in counted.select("key").toLocalIterator())
    if not candidates:
        return frozenset()
    candidate_keys = frozenset(candidates)
    spark = docs.sparkSession
    wanted = spark.createDataFrame([(k,) for k in candidates], "key string")
    holders = held.join(F.broadcast(wanted), "key")
    texts = holders.select("id").distinct().join(docs.select("id", "text"), "id")

    def prints(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        for batch in batches:
            yield pd.DataFrame(
                {
                    "id": batch["id"],
                    "print": [sorted(holder_fingerprint(t, candidate_keys)) for t in batch["text"]],
                }
            )

    fingerprints = texts.mapInPandas(prints, "id string, print array<long>")

    held_by = (
        holders.join(fingerprints, "id")
        .groupBy("key")
        .agg(F.collect_list(F.struct("id", "print")).alias("holders"))
    )

    def templates(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        for batch in batches:
            found = []
            for row in batch.to_dict("records"):
                ordered = sorted(row["holders"], key=lambda h: str(h["id"]))
                if holds_unrelated(frozenset(h["print"]) for h in ordered):
                    found.append(row["key"])
            yield pd.DataFrame({"key": found}, dtype=object)

    found = held_by.mapInPandas(templates, "key string")
    return frozenset(r["key"] for r in found.toLocalIterator())
