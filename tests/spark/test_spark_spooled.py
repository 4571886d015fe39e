"""Rows reach the driver in the frame's order through Parquet files, which then go."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from unspin.engines.spark.spooled import _read_back, ordered_rows

if TYPE_CHECKING:
    from pyspark.sql import SparkSession


def test_rows_come_back_in_sort_order_across_partitions(
    spark: SparkSession, tmp_path: Path
) -> None:
    # Written shuffled over five partitions; sorted descending so the order is not the
    # input's nor the natural one.
    keys = [(k * 7919) % 1000 for k in range(1000)]
    frame = spark.createDataFrame([(k, f"r{k}") for k in keys], "k long, record string")
    ordered = frame.repartition(5).orderBy(frame.k.desc())
    folder = tmp_path / "spool"

    rows = list(ordered_rows(ordered, folder))

    assert [row["k"] for row in rows] == sorted(keys, reverse=True)
    assert rows[0] == {"k": 999, "record": "r999"}  # only the frame's columns
    assert len(list(folder.parent.iterdir())) == 0  # the spool is gone once read


def test_an_empty_frame_gives_no_rows(spark: SparkSession, tmp_path: Path) -> None:
    frame = spark.createDataFrame([], "k long")
    assert list(ordered_rows(frame.orderBy("k"), tmp_path / "spool")) == []


def test_rows_out_of_order_fail_loudly(tmp_path: Path) -> None:
    # As if a writer had reordered rows: the numbering is checked, not trusted.
    table = pa.table({"_spooled_order": [1, 5, 3], "k": [1, 2, 3]})
    pq.write_table(table, tmp_path / "part-00000-x.parquet")
    with pytest.raises(RuntimeError, match=r"out of order \(3 after 5\)"):
        list(_read_back(tmp_path))


def test_part_files_are_read_in_partition_order(tmp_path: Path) -> None:
    # part-10 sorts before part-9 as text; by partition number it comes after.
    pq.write_table(pa.table({"_spooled_order": [20], "k": [2]}), tmp_path / "part-10-a.parquet")
    pq.write_table(pa.table({"_spooled_order": [9], "k": [1]}), tmp_path / "part-9-a.parquet")
    assert [row["k"] for row in _read_back(tmp_path)] == [1, 2]
