"""Starting Spark: the extra's check, the Python the executors run, and Java."""

from __future__ import annotations

import importlib.util
import os
import shutil
import sys
from typing import TYPE_CHECKING

from unspin.errors import MissingExtraError, UsageError

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

# The local master when none is given: every core of this machine.
DEFAULT_MASTER = "local[*]"

# Heap of the driver JVM when the master is local, where the driver is also the executor.
# Spark's default (1g) lost task results from the block manager at 10,000 documents
# (`python -m benchmarks.speed run --sizes 10000 --methods unspin-spark`); 4g ran it. Set
# UNSPIN_SPARK_DRIVER_MEMORY (e.g. "8g") to change it; on a cluster, spark-submit's
# --driver-memory and --executor-memory decide instead, and this is not applied.
LOCAL_DRIVER_MEMORY = "4g"

# Longest plan string Spark builds, in characters (its default is ~2 GB): a plan is printed
# for every adaptive re-plan, and at 50,000 documents one such string exhausted the heap.
# Only explain output and logs are cut; no result depends on it.
PLAN_STRING_MAX = 1 << 20


def require() -> None:
    """Raise MissingExtraError (with the pip line) unless PySpark and pandas are installed."""
    for module in ("pyspark", "pandas", "pyarrow"):
        if importlib.util.find_spec(module) is None:
            raise MissingExtraError("the Spark engine", "spark", module)
    if not (os.environ.get("JAVA_HOME") or shutil.which("java")):
        raise UsageError(
            "the Spark engine needs a Java runtime (17 or later), and none was found: "
            "JAVA_HOME is not set and 'java' is not on PATH. Fix: install one (Debian: "
            "apt-get install default-jre-headless) or set JAVA_HOME."
        )


def spark_session(master: str | None = None, partitions: int | None = None) -> SparkSession:
    """A session on ``master`` (default: local, every core), or the one already running.

    Executors run this very Python (so they import this unspin and its dependencies) unless
    PYSPARK_PYTHON says otherwise, as it must on a cluster whose nodes have their own. With
    ``partitions``, shuffles make that many partitions (results do not depend on it).
    """
    require()
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    from pyspark.sql import SparkSession

    chosen = master or os.environ.get("UNSPIN_SPARK_MASTER", DEFAULT_MASTER)
    builder = (
        SparkSession.builder.appName("unspin")
        .master(chosen)
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")  # unspin reports its own progress
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        # Python workers stay up between tasks, so the lexicon loads once per worker.
        .config("spark.python.worker.reuse", "true")
        # Plans are printed (for the SQL listener) whether or not anyone reads them; an
        # iterative plan's string once filled the driver's heap. Cut at PLAN_STRING_MAX.
        .config("spark.sql.maxPlanStringLength", str(PLAN_STRING_MAX))
    )
    if chosen.startswith("local"):
        memory = os.environ.get("UNSPIN_SPARK_DRIVER_MEMORY", LOCAL_DRIVER_MEMORY)
        builder = builder.config("spark.driver.memory", memory)
    if partitions is not None:
        builder = builder.config("spark.sql.shuffle.partitions", str(partitions))
        builder = builder.config("spark.default.parallelism", str(partitions))
    session = builder.getOrCreate()
    if partitions is not None:
        session.conf.set("spark.sql.shuffle.partitions", str(partitions))
    session.sparkContext.setLogLevel("ERROR")
    return session
