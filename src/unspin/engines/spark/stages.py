"""Stage tables in the output folder, so that a stopped run resumes where it was.

Each stage writes its table as Parquet under ``OUT/stages/NAME`` and is complete once
Spark's ``_SUCCESS`` marker is there. ``OUT/stages/KEY`` names the run the tables belong to
(configuration fingerprint, options and the inputs' content hashes): tables of another
run are removed, never reused. Like passim's stages, a run can also stop after one
(``to_stage``).
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pyspark.sql import DataFrame, SparkSession

STAGES = ("features", "candidates", "pairs")
FOLDER = "stages"
KEY = "KEY"


class StageTables:
    """The stage tables of one run in ``out``; ``key`` names the run."""

    def __init__(self, spark: SparkSession, out: Path, key: str) -> None:
        self.spark = spark
        self.folder = out / FOLDER
        self.resumed: list[str] = []
        marker = self.folder / KEY
        if not marker.exists() or marker.read_text(encoding="utf-8") != key:
            shutil.rmtree(self.folder, ignore_errors=True)  # another run's, or incomplete
            self.folder.mkdir(parents=True)
            marker.write_text(key, encoding="utf-8")

    def table(self, name: str, make: Callable[[], DataFrame]) -> DataFrame:
        """The stage's table: read back when complete, else made and written first."""
        where = self.folder / name
        if not (where / "_SUCCESS").exists():
            shutil.rmtree(where, ignore_errors=True)
            make().write.mode("overwrite").parquet(str(where))
        else:
            self.resumed.append(name)
        return self.spark.read.parquet(str(where))

    def value(self, name: str, make: Callable[[], Any]) -> Any:
        """A small JSON value of the run (templates, counts), kept the same way."""
        where = self.folder / f"{name}.json"
        if where.exists():
            self.resumed.append(name)
            return json.loads(where.read_text(encoding="utf-8"))
        value = make()
        tmp = where.with_suffix(".tmp")
        tmp.write_text(json.dumps(value), encoding="utf-8")
        tmp.replace(where)
        return value


def remove_stages(out: Path) -> None:
    """Every stage table of the run in ``out``: its outputs are written."""
    shutil.rmtree(out / FOLDER, ignore_errors=True)
