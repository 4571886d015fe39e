"""The `unspin` command: a thin layer over `unspin.api` that turns errors into exit codes."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from unspin import __version__
from unspin.errors import InputNotFoundError, UnspinError, UsageError

F = TypeVar("F", bound=Callable[..., Any])

SEEDS = ("000_d1e9f2ba145d541d.txt", "002_5904dd556c9162f6.txt")


class RichProgress:
    """Progress bars on stderr, one per stage; silent when stderr is not a terminal."""

    def __init__(self, console: Console) -> None:
        self.bars = Progress(
            TextColumn("{task.description:<10}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=console,
            transient=False,
            disable=not console.is_terminal,
        )
        self.task: Any = None

    def __enter__(self) -> RichProgress:
        self.bars.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.bars.stop()

    def start(self, stage: str, total: int | None) -> None:
        if self.task is not None:
            self.bars.update(
                self.task,
                completed=self.bars.tasks[-1].total or 1,
                total=self.bars.tasks[-1].total or 1,
            )
        self.task = self.bars.add_task(stage, total=total)

    def advance(self, n: int = 1) -> None:
        self.bars.advance(self.task, n)


def _errors(func: F) -> F:
    """Turn library errors into one line on stderr and the error's exit code."""

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except UnspinError as err:
            click.echo(f"unspin: error: {err}", err=True)
            sys.exit(err.exit_code)

    wrapper.__name__ = func.__name__
    wrapper.__doc__ = func.__doc__
    return wrapper  # type: ignore[return-value]


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
        except click.Abort:
            click.echo("unspin: aborted", err=True)
            sys.exit(1)


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
@_errors
def demo(html_path: Path) -> None:
    """Compare the two seed articles: a wire story and its spun, spliced rewrite."""
    from unspin.api import compare_files
    from unspin.baseline import BASELINE_THRESHOLD, minhash_jaccard
    from unspin.report.html import render_html
    from unspin.report.terminal import print_compare

    folder = _examples_dir()
    run = compare_files(folder / SEEDS[0], folder / SEEDS[1])
    a, b = (run.documents[Path(s).stem] for s in SEEDS)
    jaccard = minhash_jaccard(a.text, b.text)
    console = Console()
    print_compare(console, run.result, run.documents)
    baseline = (
        f"Verbatim baseline: datasketch MinHash on word 5-shingles estimates Jaccard "
        f"{jaccard:.2f} for this pair, far below the usual near-duplicate threshold of "
        f"{BASELINE_THRESHOLD}: a verbatim tool sees no copy here."
    )
    console.print(f"\n[bold]{baseline}[/bold]")
    html_path.parent.mkdir(parents=True, exist_ok=True)
    html_path.write_text(
        render_html(
            run.result, run.documents, title="unspin demo: the seed articles", notes=[baseline]
        ),
        encoding="utf-8",
    )
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
@_errors
def compare(a: Path, b: Path, as_json: bool, html_path: Path | None, semantic: bool) -> None:
    """Compare two documents: passages, substitutions, insertions, boilerplate."""
    from unspin.api import compare_files
    from unspin.report.jsonl import contract
    from unspin.report.terminal import print_compare

    run = compare_files(a, b, semantic=semantic)
    if as_json:
        click.echo(json.dumps(contract(run.result), ensure_ascii=False, indent=2))
    else:
        print_compare(Console(), run.result, run.documents)
    if html_path is not None:
        from unspin.report.html import render_html

        page = render_html(run.result, run.documents)
        try:
            html_path.parent.mkdir(parents=True, exist_ok=True)
            html_path.write_text(page, encoding="utf-8")
        except OSError as err:
            raise UsageError(
                f"cannot write --html {html_path}: {err.strerror or err}. "
                "Fix: pass a path in a folder you can write to."
            ) from err


@main.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--out",
    "out_dir",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder for documents/pairs/families/rejects.jsonl and report.html.",
)
@click.option("--engine", type=click.Choice(["local", "spark"]), default="local", show_default=True)
@click.option(
    "--workers",
    type=click.IntRange(1),
    default=None,
    help="Worker processes for the local engine (default: all cores).",
)
@click.option("--no-html", is_flag=True, help="Skip report.html (large corpora).")
@semantic_option
@_errors
def scan(
    inputs: tuple[Path, ...],
    out_dir: Path,
    engine: str,
    workers: int | None,
    no_html: bool,
    semantic: bool,
) -> None:
    """Scan a corpus: files, folders, JSON Lines, Parquet."""
    from unspin.api import scan as run_scan
    from unspin.report.terminal import print_scan_summary

    err = Console(stderr=True)
    with RichProgress(err) as progress:
        run = run_scan(
            list(inputs),
            out_dir,
            engine=engine,
            workers=workers,
            progress=progress,
            html=not no_html,
            semantic=semantic,
        )
    console = Console()
    print_scan_summary(console, run.result, run.seconds, run.candidates)
    if not semantic:
        console.print(_lexical_notice())
    if run.result.rejects:
        console.print(
            f"{len(run.result.rejects)} rejected records: see {run.outputs['rejects.jsonl']}"
        )
    console.print("wrote " + ", ".join(str(p) for p in run.outputs.values()))


if __name__ == "__main__":
    main()
