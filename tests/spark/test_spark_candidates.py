"""The Spark candidates count a shared key only where the local index reads it.

A key held by more than MAX_POSTINGS documents (a stock phrase, a template line) says
nothing about a pair and the local index never reads it. At 10,000 documents such keys
exist and the Spark engine counted them (the weight the UDF gives them, NaN, reaches Spark
as null, which ``isnan`` lets through): 582 pairs more passed the pre-alignment filter than
in the local engine, and one more pair was reported. A corpus that small to test the whole
engine has no such key, so this tests the key table itself.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from unspin.engines.spark.candidates import _key_pairs, read_keys
from unspin.index.lexical import MAX_POSTINGS, key_weights

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

POPULAR, SHARED, ALONE = 1, 2, 3


def test_keys_held_once_or_by_too_many_documents_are_not_read(spark: SparkSession) -> None:
    holders = [f"d{n:04d}" for n in range(MAX_POSTINGS + 1)]
    rows = [(doc, POPULAR) for doc in holders]
    rows += [("d0000", SHARED), ("d0001", SHARED), ("d0002", SHARED), ("d0003", ALONE)]
    postings = spark.createDataFrame(rows, "id string, key long")
    read = {row["key"]: row["weight"] for row in read_keys(postings).collect()}
    assert read == {SHARED: float(key_weights(np.array([3]))[0, 0])}


def test_two_documents_sharing_a_popular_key_and_a_rare_one_share_one(
    spark: SparkSession,
) -> None:
    holders = [f"d{n:04d}" for n in range(MAX_POSTINGS + 1)]
    features = [(doc, [POPULAR]) for doc in holders[2:]]
    features += [(holders[0], [POPULAR, SHARED]), (holders[1], [POPULAR, SHARED])]
    frame = spark.createDataFrame(features, "id string, rare array<long>")
    (pair,) = _key_pairs(frame, "rare").collect()
    assert (pair["a"], pair["b"], pair["rare_n"]) == (holders[0], holders[1], 1)
