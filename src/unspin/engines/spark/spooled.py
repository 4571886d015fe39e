"""Ordered rows from Spark to the driver through files, not through task results.

`DataFrame.toLocalIterator` ships each partition to the driver as a task result; results
over a few megabytes wait in the block manager until the driver fetches them, and under
memory pressure they are dropped: at 50,000 documents (`python -m benchmarks.speed run
--sizes 50000 --methods unspin-spark`) writing pairs.jsonl failed after 95 minutes with
"TaskResultLost (result lost from block manager)". Here the executors write the rows as
Parquet instead (a write spills and retries like any stage), each row numbered in the
frame's order, and the driver streams the part files back a batch at a time. The numbers
are checked as they come, so a writer that reordered rows fails loudly instead of writing
records out of order.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
from pyspark.sql import DataFrame
from pyspark.sql import functions as F

from unspin.engines.spark.stages import FOLDER

# Rows read back at a time: a pair record carries its passages' texts, so a batch of this
# many stays within tens of megabytes on the driver.
READ_BATCH = 1024

_ORDER = "_spooled_order"
_PART = re.compile(r"part-(\d+)")


def ordered_rows(frame: DataFrame, folder: Path) -> Iterator[dict[str, Any]]:
    """``frame``'s rows as dicts, in its order (that of its ``orderBy``), spooled through
    Parquet files under ``folder``, which is replaced first and removed once read."""
    shutil.rmtree(folder, ignore_errors=True)
    # monotonically_increasing_id numbers rows by (partition, position) over the sorted
    # frame: increasing in the frame's order whatever the writer does with the files.
    numbered = frame.select(F.monotonically_increasing_id().alias(_ORDER), *frame.columns)
    numbered.write.parquet(str(folder))
    try:
        yield from _read_back(folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def spool_folder(out: Path, name: str) -> Path:
    """Where the rows of output ``name`` of the run in ``out`` wait on their way to the
    driver: among its stage tables, so that they go with them."""
    return out / FOLDER / "spool" / name


def _read_back(folder: Path) -> Iterator[dict[str, Any]]:
    last = -1
    for part in sorted(folder.glob("part-*"), key=_partition):
        for batch in pq.ParquetFile(part).iter_batches(batch_size=READ_BATCH):
            for row in batch.to_pylist():
                order = row.pop(_ORDER)
                if order <= last:
                    raise RuntimeError(
                        f"Spark wrote the rows under {folder} out of order ({order} after "
                        f"{last}); this is a bug in unspin's Spark engine: please report it."
                    )
                last = order
                yield row


def _partition(part: Path) -> int:
    """The partition a part file holds (``part-00012-…``: 12), as Spark names them."""
    found = _PART.match(part.name)
    return int(found.group(1)) if found else -1
