"""The Spark engine: the local engine's stage functions run by PySpark, with the same results.

Install it with ``pip install "unspin[spark]"`` (PySpark 4 and a Java 17+ runtime). Every
stage is a DataFrame of rows keyed by document id, never by position, and every corpus-wide
step is a group-by whose reduce function is the one the local engine calls
(`unspin.engines.spark.stages`), so the output does not depend on how rows are partitioned.
Importing this package does not import PySpark: :func:`require` fails with the pip line.
"""

from __future__ import annotations

from unspin.engines.spark.session import require, spark_session

__all__ = ["require", "spark_session"]
