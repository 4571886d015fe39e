"""`unspin scan --engine spark`: the library call behind it, manifest included."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from unspin.api import check_rejected_share
from unspin.engines.checkpoint import run_key
from unspin.engines.spark.engine import RECORD_FILES, SparkScan, run
from unspin.engines.spark.indexed import check_index
from unspin.engines.spark.remote import describe_remote
from unspin.engines.spark.session import spark_session
from unspin.engines.spark.stages import FOLDER, STAGES, remove_stages
from unspin.errors import UsageError
from unspin.fingerprint import fingerprint
from unspin.ingest.paths import is_url
from unspin.progress import NoProgress, Progress
from unspin.report.files import OutputFolder, write_json
from unspin.report.manifest import (
    MANIFEST,
    TimedProgress,
    build_manifest,
    describe_input,
    record_counts,
    utc_now,
)
from unspin.report.parquet import jsonl_to_parquet

InputPath = str | os.PathLike[str]
# What the records can be written as: JSON Lines (as the local engine), or Parquet.
FORMATS = ("jsonl", "parquet")


@dataclass(frozen=True)
class SparkRun:
    scan: SparkScan
    seconds: float
    manifest: Path | None  # None when the run stopped after a stage

    def check_rejections(self) -> None:
        """Raise :class:`MostlyRejectedError` when over half of what was read was rejected."""
        check_rejected_share(self.scan.summary, self.scan.outputs.get("rejects.jsonl"))


def scan_with_spark(
    inputs: Sequence[InputPath],
    out_dir: InputPath,
    *,
    master: str | None = None,
    partitions: int | None = None,
    all_pairs: bool = False,
    to_stage: str | None = None,
    output_format: str = "jsonl",
    progress: Progress | None = None,
    command: Sequence[str] | None = None,
    db: InputPath | None = None,
) -> SparkRun:
    """Scan a corpus with Spark into ``out_dir``: the local engine's JSON Lines records
    (no report.html: the Spark engine is for corpora too large for one page) and
    manifest.json. Stage tables stay under ``out_dir/stages`` until every record is
    written, so a stopped run resumes; ``to_stage`` stops after one of STAGES. With ``db``
    the scan also fills that index file (new, empty, or one a stopped run was filling), as
    `scan --db` does."""
    if not inputs:
        raise UsageError("scan needs at least one input file or folder")
    if output_format not in FORMATS:
        raise UsageError(f"unknown format '{output_format}': choose one of {', '.join(FORMATS)}")
    if to_stage is not None and to_stage not in STAGES:
        raise UsageError(f"unknown stage '{to_stage}': choose one of {', '.join(STAGES)}")
    if db is not None:  # a wrong index fails before anything is read
        check_index(Path(db))
    started = utc_now()
    timed = TimedProgress(progress or NoProgress())
    out = Path(out_dir)
    names = [_named(name, output_format) for name in RECORD_FILES]
    folder = OutputFolder(out, [*RECORD_FILES, *names, MANIFEST])
    spark = spark_session(master, partitions)
    described = [
        describe_remote(spark, i) if is_url(i) else describe_input(Path(i)) for i in inputs
    ]
    # The format is left out of the run's key: stage tables do not depend on it.
    options = {"engine": "spark", "all_pairs": all_pairs, "semantic": False}
    key = run_key([fingerprint(), repr(sorted(options.items())), *map(repr, described)])
    try:
        scan = run(
            spark,
            [os.fspath(i) for i in inputs],
            out,
            key=key,
            all_pairs=all_pairs,
            to_stage=to_stage,
            progress=timed,
            db=None if db is None else Path(db),
        )
    except BaseException:
        if not (out / FOLDER).exists():  # keep what a stopped run can resume from
            folder.discard()
        raise
    folder.keep()
    if scan.stopped_after is not None:
        return SparkRun(scan, timed.seconds()["total"], None)
    outputs = dict(scan.outputs)
    if output_format == "parquet":
        timed.start("parquet", len(outputs))
        for name, path in scan.outputs.items():
            jsonl_to_parquet(path, out / _named(name, output_format))
            path.unlink()
            outputs[name] = out / _named(name, output_format)
            timed.advance()
    aligned = scan.candidates.total if scan.candidates else 0
    stats = asdict(scan.candidates) if scan.candidates else None
    manifest = build_manifest(
        counted=record_counts(scan.summary, scan.relations, scan.families, aligned, stats),
        inputs=described,
        options={
            **options,
            "master": spark.sparkContext.master,
            "partitions": int(spark.conf.get("spark.sql.shuffle.partitions") or 0),
            "html": False,
            "format": output_format,
            "db": None if db is None else os.fspath(db),
        },
        command=command,
        started=started,
        seconds=timed.seconds(),
        outputs=names,
    )
    written = write_json(out / MANIFEST, manifest)
    remove_stages(out)  # every output is written
    return SparkRun(replace(scan, outputs=outputs), manifest["seconds"]["total"], written)


def _named(name: str, output_format: str) -> str:
    """A record file's name in ``output_format`` (``pairs.jsonl`` -> ``pairs.parquet``)."""
    return name if output_format == "jsonl" else name.removesuffix(".jsonl") + ".parquet"
