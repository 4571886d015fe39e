"""The Spark engine agrees with the local engine exactly, however the rows are partitioned.

One corpus, made of the spun-news generator's sources and their spun, restructured and
compiled copies, plus exact copies, a renamed duplicate id and bad records, is scanned by
both engines; the four JSON Lines files must be equal byte for byte. The Spark engine runs
with 1, 3 and 7 shuffle partitions, and with its corpus file cut into seven parts. A run
stopped after a stage resumes from its table.
"""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from pathlib import Path
from typing import TYPE_CHECKING

import pyarrow.parquet as pq
import pytest
from benchmarks.spun_news import bbc
from benchmarks.spun_news.generate import generate
from benchmarks.spun_news.thesaurus import available
from click.testing import CliRunner
from tests.spark.settings import conf

from unspin.api import scan
from unspin.cli import main
from unspin.engines.spark.engine import RECORD_FILES
from unspin.engines.spark.scan import scan_with_spark
from unspin.engines.spark.stages import FOLDER
from unspin.errors import UsageError

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

# Enough documents for families of several members, exact copies and compilations.
SIZE = 150


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    if not bbc.TARBALL.is_file() or not available():
        pytest.skip("needs the shared BBC data and WordNet (the spun-news generator)")
    folder = tmp_path_factory.mktemp("corpus")
    generate(folder, SIZE, 21, bbc.TARBALL)
    records = [json.loads(line) for line in (folder / "corpus.jsonl").read_text().splitlines()]
    extra: list[str] = []
    for n, record in enumerate(records[:40:10]):  # exact copies, on the same site and not
        copy = {**record, "id": f"copy-{n}"}
        if n % 2:
            copy.pop("site", None)
        extra.append(json.dumps(copy))
    extra.append(json.dumps({**records[5], "text": records[6]["text"]}))  # an id taken
    extra.append('{"id": "broken", "text": ')  # not JSON
    extra.append(json.dumps({"id": "empty", "text": "   "}))  # no text
    (folder / "extra.jsonl").write_text("\n".join(extra) + "\n", encoding="utf-8")
    return [folder / "corpus.jsonl", folder / "extra.jsonl"]


@pytest.fixture(scope="module")
def local(corpus: list[Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("local")
    scan(corpus, out, workers=2, html=False)
    return out


def records(out: Path) -> dict[str, str]:
    return {name: (out / name).read_text(encoding="utf-8") for name in RECORD_FILES}


def test_the_local_corpus_exercises_what_the_engines_must_agree_on(local: Path) -> None:
    pairs = [json.loads(line) for line in (local / "pairs.jsonl").read_text().splitlines()]
    families = (local / "families.jsonl").read_text().splitlines()
    rejects = [json.loads(line) for line in (local / "rejects.jsonl").read_text().splitlines()]
    relations = {p["relation"] for p in pairs}
    assert relations == {"duplicate", "rewrite", "partial"}
    assert any(p["b"].startswith("copy-") or p["a"].startswith("copy-") for p in pairs)
    assert len(families) >= 10
    assert {r["kept"] for r in rejects} == {True, False}  # a warning and rejects


@pytest.mark.parametrize("partitions", [1, 3, 7])
def test_spark_writes_the_local_engines_records_byte_for_byte(
    corpus: list[Path], local: Path, tmp_path: Path, partitions: int
) -> None:
    run = scan_with_spark(corpus, tmp_path, partitions=partitions)
    assert records(tmp_path) == records(local)
    manifest = json.loads((tmp_path / "manifest.json").read_text())
    theirs = json.loads((local / "manifest.json").read_text())
    assert manifest["configuration"] == theirs["configuration"]
    assert manifest["counts"] == theirs["counts"]
    assert run.scan.resumed == ()
    assert not (tmp_path / FOLDER).exists()  # stage tables go once the records are written


def test_a_corpus_file_read_in_many_parts_gives_the_same_records(
    spark: SparkSession, corpus: list[Path], local: Path, tmp_path: Path
) -> None:
    size = corpus[0].stat().st_size
    with conf(spark, "spark.sql.files.maxPartitionBytes", str(size // 7)):
        scan_with_spark(corpus, tmp_path, partitions=3)
    assert records(tmp_path) == records(local)


def test_inputs_given_as_urls_give_the_same_records(
    corpus: list[Path], local: Path, tmp_path: Path
) -> None:
    run = scan_with_spark([path.as_uri() for path in corpus], tmp_path, partitions=2)

    # Only the inputs' names differ: "file:///tmp/..." where the local run has "/tmp/...".
    assert {k: v.replace("file://", "") for k, v in records(tmp_path).items()} == records(local)
    manifest = json.loads((tmp_path / "manifest.json").read_text())
    assert [i["kind"] for i in manifest["inputs"]] == ["remote file", "remote file"]
    assert manifest["inputs"][0]["bytes"] == corpus[0].stat().st_size
    assert run.scan.summary.read > SIZE


def index_tables(db: Path) -> dict[str, list[tuple[object, ...]]]:
    with closing(sqlite3.connect(db)) as connection:
        names = [
            row[0]
            for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        ]
        return {
            name: sorted(connection.execute(f"SELECT * FROM {name}").fetchall(), key=repr)
            for name in names
        }


def test_a_scan_with_an_index_fills_it_as_the_local_scan_does(
    corpus: list[Path], tmp_path: Path
) -> None:
    local_db, spark_db = tmp_path / "local.db", tmp_path / "spark.db"
    scan(corpus, tmp_path / "local", workers=2, html=False, db=local_db)

    scan_with_spark(corpus, tmp_path / "spark", partitions=3, db=spark_db)

    held = index_tables(spark_db)
    assert held == index_tables(local_db)
    assert len(held["articles"]) > SIZE and held["postings"] and held["families"]
    with pytest.raises(UsageError, match="already holds"):  # before anything is read
        scan_with_spark(corpus, tmp_path / "again", partitions=2, db=spark_db)
    assert not (tmp_path / "again").exists()


def test_a_run_stopped_after_a_stage_resumes_from_its_table_in_any_format(
    corpus: list[Path], local: Path, tmp_path: Path
) -> None:
    stopped = scan_with_spark(corpus, tmp_path, partitions=2, to_stage="candidates")
    assert stopped.scan.stopped_after == "candidates"
    assert stopped.manifest is None
    assert (tmp_path / FOLDER / "candidates" / "_SUCCESS").exists()
    assert not (tmp_path / "pairs.jsonl").exists()
    # Resumed, and written as Parquet this time: the stages do not depend on the format.
    resumed = scan_with_spark(corpus, tmp_path, partitions=2, output_format="parquet")
    assert {"documents", "features", "candidates"} <= set(resumed.scan.resumed)
    for name in RECORD_FILES:
        table = pq.read_table(tmp_path / name.replace(".jsonl", ".parquet"))
        expected = [json.loads(line) for line in (local / name).read_text().splitlines()]
        assert table.to_pylist() == expected
        assert not (tmp_path / name).exists()


def test_stage_tables_of_another_run_are_not_reused(corpus: list[Path], tmp_path: Path) -> None:
    scan_with_spark(corpus[:1], tmp_path, partitions=2, to_stage="features")
    again = scan_with_spark(corpus, tmp_path, partitions=2, to_stage="features")
    assert again.scan.resumed == ()  # other inputs: another run


def test_the_cli_runs_the_spark_engine(corpus: list[Path], local: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main,
        [
            "scan",
            *map(str, corpus),
            "--out",
            str(tmp_path),
            "--engine",
            "spark",
            "--partitions",
            "2",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "candidate pairs aligned" in result.output
    assert records(tmp_path) == records(local)


def test_spark_options_need_the_spark_engine(corpus: list[Path], tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["scan", str(corpus[0]), "--out", str(tmp_path), "--to-stage", "pairs"]
    )
    assert result.exit_code != 0
    assert "--engine spark" in result.output
