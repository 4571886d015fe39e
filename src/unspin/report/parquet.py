"""The JSON Lines records as Parquet: the same records, one column a top-level field.

Nested fields (passages, substitutions, spans) stay nested: Arrow structs and lists. The
column types come from the records themselves, read twice in batches: once to find every
batch's types and merge them (a field that is null in one batch and a string in another is
a string; `pyarrow.unify_schemas`, permissive), once to write, so no file is held whole in
memory. The file appears only once it is complete.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

# Records read and converted at a time: a batch of documents with their texts is tens of MB.
BATCH_RECORDS = 5_000


def jsonl_to_parquet(source: Path, target: Path) -> int:
    """Write ``source``'s records (JSON Lines) to ``target`` (Parquet); how many."""
    schemas = [pa.Table.from_pylist(batch).schema for batch in _batches(source)]
    schema = pa.unify_schemas(schemas, promote_options="permissive") if schemas else pa.schema([])
    handle, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    os.close(handle)
    count = 0
    try:
        with pq.ParquetWriter(tmp, schema) as writer:
            for batch in _batches(source):
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                count += len(batch)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return count


def _batches(source: Path) -> Iterator[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    with source.open(encoding="utf-8") as lines:
        for line in lines:
            batch.append(json.loads(line))
            if len(batch) >= BATCH_RECORDS:
                yield batch
                batch = []
    if batch:
        yield batch
