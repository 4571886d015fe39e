"""What the Spark tests share: one local Spark session (``local[2]``) for the whole run.

They carry the ``spark`` marker (``pytest -m 'not spark'`` skips them). Without PySpark or
Java they are skipped, except where ``UNSPIN_REQUIRE_SPARK`` is set (CI), where that fails.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from unspin.errors import UnspinError

if TYPE_CHECKING:
    from pyspark.sql import SparkSession


def pytest_collection_modifyitems(config: Any, items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.spark)


@pytest.fixture(scope="session")
def spark() -> Iterator[SparkSession]:
    from unspin.engines.spark import spark_session

    try:
        session = spark_session("local[2]", partitions=3)
    except UnspinError as missing:
        if os.environ.get("UNSPIN_REQUIRE_SPARK"):
            raise
        pytest.skip(str(missing))
    yield session
    session.stop()
