"""The `unspin` command: a thin layer over `unspin.api` that turns errors into exit codes.

Files are written before anything is printed, so a reader that closes stdout early
(`unspin compare A B --html r.html | head -3`) loses nothing: the rest of stdout is
dropped quietly. Ctrl-C ends the run with one line and exit code 130.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import click
from rich.console import Console

from unspin import __version__
from unspin import cli_index as index_commands
from unspin.cli_dedup import dedup as dedup_command
from unspin.console import (
    RichProgress,
    Stdout,
    interrupted,
    one_line_errors,
    silence_stdout,
    stdout_may_close,
)
from unspin.errors import InputNotFoundError, UsageError

F = TypeVar("F", bound=Callable[..., Any])

SEEDS = ("000_d1e9f2ba145d541d.txt", "002_5904dd556c9162f6.txt")


class _OneLineErrors(click.Group):
    """Click's usage errors as one line naming the fix, like every other unspin error."""

    def main(self, *args: Any, **kwargs: Any) -> Any:
        kwargs["standalone_mode"] = False
        try:
            return super().main(*args, **kwargs)
        except click.UsageError as err:
            command = err.ctx.command_path if err.ctx is not None else "unspin"
            message = err.format_message().rstrip(".")
            click.echo(
                f"unspin: error: {message}. Fix: see '{command} --help' for the options.",
                err=True,
            )
            sys.exit(err.exit_code)
        except click.ClickException as err:
            click.echo(f"unspin: error: {err.format_message()}", err=True)
            sys.exit(err.exit_code)
        except click.Abort as err:
            if isinstance(err.__cause__, KeyboardInterrupt):
                interrupted()
            click.echo("unspin: aborted", err=True)
            sys.exit(1)
        except KeyboardInterrupt:
            interrupted()
        except BrokenPipeError:  # e.g. `unspin scan --help | head -1`
            silence_stdout()


@click.group(cls=_OneLineErrors, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="unspin")
def main() -> None:
    """Find where a news article really came from: reuse, spin, splices and boilerplate."""


def _examples_dir() -> Path:
    for folder in (Path.cwd() / "examples", Path(__file__).resolve().parents[2] / "examples"):
        if all((folder / seed).is_file() for seed in SEEDS):
            return folder
    raise InputNotFoundError(
        "the demo articles were not found in ./examples; run `unspin demo` from the root of "
        "an unspin checkout, or compare your own files with `unspin compare A B`"
    )


@main.command()
@click.option(
    "--html",
    "html_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("out/demo.html"),
    show_default=True,
    help="Where to write the report.",
)
@one_line_errors
def demo(html_path: Path) -> None:
    """Compare the two seed articles: a wire story and its spun, spliced rewrite."""
    from unspin.api import compare_files
    from unspin.baseline import BASELINE_THRESHOLD, minhash_jaccard
    from unspin.report.files import check_writable_file, write_text
    from unspin.report.html import render_html
    from unspin.report.terminal import print_compare

    folder = _examples_dir()
    check_writable_file(html_path, "--html")
    run = compare_files(folder / SEEDS[0], folder / SEEDS[1])
    a, b = (run.documents[Path(s).stem] for s in SEEDS)
    jaccard = minhash_jaccard(a.text, b.text)
    baseline = (
        f"Verbatim baseline: datasketch MinHash on word 5-shingles estimates Jaccard "
        f"{jaccard:.2f} for this pair, far below the usual near-duplicate threshold of "
        f"{BASELINE_THRESHOLD}: a verbatim tool sees no copy here."
    )
    page = render_html(
        run.result, run.documents, title="unspin demo: the seed articles", notes=[baseline]
    )
    write_text(html_path, page)
    console = Stdout()
    with stdout_may_close():
        print_compare(console, run.result, run.documents)
        console.print(f"\n[bold]{baseline}[/bold]")
        console.print(f"HTML report: {html_path}")


semantic_option = click.option(
    "--semantic",
    is_flag=True,
    help="Also link sentences by meaning: paraphrases and translations. Needs the semantic "
    'extra: pip install "unspin[semantic]".',
)


def _lexical_notice() -> str:
    from unspin.semantic import available

    if available():
        return "mode: lexical (add --semantic to find paraphrases and translations too)"
    return (
        'mode: lexical; for paraphrases and translations: pip install "unspin[semantic]", '
        "then add --semantic"
    )


@main.command()
@click.argument("a", type=click.Path(path_type=Path))
@click.argument("b", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the JSON contract instead.")
@click.option(
    "--html",
    "html_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also write a side-by-side HTML report here.",
)
@semantic_option
@one_line_errors
def compare(a: Path, b: Path, as_json: bool, html_path: Path | None, semantic: bool) -> None:
    """Compare two documents: passages, substitutions, insertions, boilerplate."""
    from unspin.api import compare_files
    from unspin.report.files import check_writable_file, write_text
    from unspin.report.jsonl import contract
    from unspin.report.terminal import print_compare

    if html_path is not None:
        check_writable_file(html_path, "--html")
    run = compare_files(a, b, semantic=semantic)
    for warning in run.result.rejects:  # kept records: a date that could not be read, ...
        where = (
            warning.source if warning.position == "file" else f"{warning.source}:{warning.position}"
        )
        click.echo(f"unspin: warning: {where}: {warning.reason}", err=True)
    if html_path is not None:
        from unspin.report.html import render_html

        write_text(html_path, render_html(run.result, run.documents))
    with stdout_may_close():
        if as_json:
            click.echo(
                json.dumps(contract(run.result, run.documents), ensure_ascii=False, indent=2)
            )
        else:
            print_compare(Stdout(), run.result, run.documents)


class _ScanCommand(click.Command):
    """`scan --help` ends with every input format unspin reads."""

    def format_epilog(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        from unspin.ingest import SUPPORTED_EXTENSIONS

        formatter.write_paragraph()
        formatter.write_text(
            "INPUTS are files or folders (read recursively) of: "
            + ", ".join(SUPPORTED_EXTENSIONS)
            + ". With --engine spark, also URLs of the file systems Spark is configured for "
            "(hdfs://, s3a://, file:/). Records that cannot be used go to rejects.jsonl with "
            "their reason."
        )
        super().format_epilog(ctx, formatter)


@main.command(cls=_ScanCommand)
# Strings, not Paths: with --engine spark an input may be a URL ("hdfs://nn/corpus"), whose
# "//" a Path would fold.
@click.argument("inputs", nargs=-1, required=True, type=click.Path())
@click.option(
    "--out",
    "out_dir",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder for documents/pairs/families/rejects.jsonl, report.html and manifest.json "
    "(created if missing).",
)
@click.option(
    "--engine",
    type=click.Choice(["local", "spark"]),
    default="local",
    show_default=True,
    help="Where the work runs: local processes, or Apache Spark (the spark extra; the same "
    "records, no report.html).",
)
@click.option(
    "--spark-master",
    default=None,
    metavar="URL",
    help="Spark master for --engine spark (default: local[*], every core here).",
)
@click.option(
    "--partitions",
    type=click.IntRange(1),
    default=None,
    help="Shuffle partitions for --engine spark (results do not depend on it).",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["jsonl", "parquet"]),
    default="jsonl",
    show_default=True,
    help="--engine spark: write the records as JSON Lines or as Parquet (the same records).",
)
@click.option(
    "--to-stage",
    type=click.Choice(["features", "candidates", "pairs"]),
    default=None,
    help="--engine spark: stop once this stage's table is written under OUT/stages "
    "(a re-run resumes from the tables there).",
)
@click.option(
    "--workers",
    type=click.IntRange(1),
    default=None,
    help="Worker processes for the local engine (default: all cores).",
)
@click.option("--no-html", is_flag=True, help="Skip report.html (large corpora).")
@click.option(
    "--all-pairs",
    is_flag=True,
    help="Align every candidate the index finds, not only each document's best sources "
    "past the pre-alignment filter (slower; finds the odd heavily reworded pair more).",
)
@click.option(
    "--db",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Also add the articles, their pairs and families to this index file, for `unspin trace`.",
)
@semantic_option
@one_line_errors
def scan(
    inputs: tuple[str, ...],
    out_dir: Path,
    engine: str,
    workers: int | None,
    no_html: bool,
    all_pairs: bool,
    db: Path | None,
    semantic: bool,
    spark_master: str | None,
    partitions: int | None,
    to_stage: str | None,
    output_format: str,
) -> None:
    """Scan a corpus: find reuse families, pairs, substitutions and splices."""
    from unspin.api import scan as run_scan
    from unspin.report.terminal import print_scan_summary

    err = Console(stderr=True)
    if engine == "spark":
        spark = _SparkOptions(spark_master, partitions, to_stage, output_format)
        _spark_scan(inputs, out_dir, all_pairs, semantic, db, spark)
        return
    if spark_master or partitions or to_stage or output_format != "jsonl":
        raise UsageError(
            "--spark-master, --partitions, --to-stage and --format are options of --engine "
            "spark. Fix: add --engine spark, or leave them out."
        )
    with RichProgress(err) as progress:
        run = run_scan(
            list(inputs),
            out_dir,
            engine=engine,
            workers=workers,
            progress=progress,
            html=not no_html,
            semantic=semantic,
            all_pairs=all_pairs,
            command=sys.argv,
            db=db,
        )
    console = Stdout()
    with stdout_may_close():
        print_scan_summary(console, run.result, run.seconds, run.candidates)
        if not semantic:
            console.print(_lexical_notice())
        summary = run.result.summary
        if summary.rejected or summary.warnings:
            console.print(
                f"{summary.rejected} rejected records, {summary.warnings} warnings: "
                f"see {run.outputs['rejects.jsonl']}"
            )
        console.print("wrote " + ", ".join(str(p) for p in run.outputs.values()))
    run.check_rejections()


@dataclass(frozen=True)
class _SparkOptions:
    master: str | None
    partitions: int | None
    to_stage: str | None
    output_format: str


def _spark_scan(
    inputs: tuple[str, ...],
    out_dir: Path,
    all_pairs: bool,
    semantic: bool,
    db: Path | None,
    options: _SparkOptions,
) -> None:
    from unspin.engines.spark.scan import scan_with_spark
    from unspin.report.terminal import print_found_counts, print_read_counts

    if semantic:
        raise UsageError(
            "the Spark engine is lexical: --semantic needs --engine local. Fix: leave it out, "
            "or use --engine local."
        )
    with RichProgress(Console(stderr=True)) as progress:
        run = scan_with_spark(
            list(inputs),
            out_dir,
            master=options.master,
            partitions=options.partitions,
            all_pairs=all_pairs,
            to_stage=options.to_stage,
            output_format=options.output_format,
            progress=progress,
            command=sys.argv,
            db=db,
        )
    scan = run.scan
    console = Stdout()
    with stdout_may_close():
        print_read_counts(console, scan.summary)
        if scan.resumed:
            click.echo(
                f"resumed from the stage tables of an earlier run: {', '.join(scan.resumed)}"
            )
        if scan.stopped_after is not None:
            click.echo(
                f"stopped after stage {scan.stopped_after}: its table is in {out_dir / 'stages'}"
            )
            return
        assert scan.candidates is not None
        print_found_counts(console, scan.candidates.total, scan.relations, scan.families)
        click.echo(f"done in {run.seconds:.1f} s")
        click.echo("wrote " + ", ".join(str(p) for p in [*scan.outputs.values(), run.manifest]))
        if db is not None:
            click.echo(f"the articles, pairs and families are in the index {db}")
    run.check_rejections()


main.add_command(index_commands.index)
main.add_command(index_commands.trace)
main.add_command(index_commands.serve)
main.add_command(dedup_command)

if __name__ == "__main__":
    main()
