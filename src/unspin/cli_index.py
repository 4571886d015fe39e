"""`unspin index add|remove|stats` and `unspin trace`: a persistent index, and one article
traced against it. Thin layers over `unspin.api`, like the other commands."""

from __future__ import annotations

import json
import sys
from dataclasses import asdict
from pathlib import Path

import click
from rich.console import Console

from unspin.console import RichProgress, Stdout, one_line_errors, stdout_may_close
from unspin.report.files import check_writable_file, write_text

db_option = click.option(
    "--db",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The index file (SQLite).",
)
workers_option = click.option(
    "--workers",
    type=click.IntRange(1),
    default=None,
    help="Worker processes that prepare articles (default: all cores).",
)


@click.group()
def index() -> None:
    """A persistent index of articles that `unspin trace` checks an article against."""


@index.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@db_option
@workers_option
@click.option(
    "--rejects",
    "rejects_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Where to write records that could not be used, with their reasons "
    "(default: NAME.rejects.jsonl beside the index).",
)
@one_line_errors
def add(inputs: tuple[Path, ...], db: Path, workers: int | None, rejects_path: Path | None) -> None:
    """Add articles to an index (created if missing). INPUTS are what `unspin scan` reads.

    Incremental: an article already held with the same text and metadata is left alone, one
    with another is replaced. Articles are committed in batches, so an interrupted add keeps
    what it committed; running it again completes it.
    """
    from unspin.api import index_add

    with RichProgress(Console(stderr=True)) as progress:
        run = index_add(
            list(inputs), db, workers=workers, progress=progress, rejects_path=rejects_path
        )
    s, a = run.summary, run.added
    with stdout_may_close():
        click.echo(
            f"read {s.read}  kept {s.kept}  rejected {s.rejected}  warnings {s.warnings}\n"
            f"index {db}: {a.added} added, {a.replaced} replaced, {a.unchanged} unchanged"
            + (f", {a.refreshed} re-marked for new site templates" if a.refreshed else "")
            + f" ({run.seconds:.1f} s)"
        )
        if s.rejected or s.warnings:
            click.echo(f"rejects and warnings: {run.rejects_path}")


@index.command()
@click.argument("ids", nargs=-1, required=True)
@db_option
@workers_option
@one_line_errors
def remove(ids: tuple[str, ...], db: Path, workers: int | None) -> None:
    """Remove articles from an index by id (exit code 1 when some were not there)."""
    from unspin.api import index_remove

    missing = index_remove(list(ids), db, workers=workers)
    removed = len(set(ids)) - len(missing)
    click.echo(f"index {db}: {removed} removed")
    if missing:
        click.echo("unspin: not in the index: " + ", ".join(missing), err=True)
        sys.exit(1)


@index.command()
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print the numbers as one JSON object.")
@one_line_errors
def stats(db: Path, as_json: bool) -> None:
    """How many articles, sites, families and bytes an index holds."""
    from unspin.api import index_stats

    found = index_stats(db)
    with stdout_may_close():
        if as_json:
            click.echo(json.dumps(asdict(found)))
            return
        ratio = found.file_bytes / max(1, found.text_bytes)
        click.echo(
            f"{found.documents} documents, {found.sites} sites, {found.families} families "
            f"and {found.pairs} pairs (of the last `unspin scan --db`)\n"
            f"{found.file_bytes / 1e6:.1f} MB on disk for {found.text_bytes / 1e6:.1f} MB of "
            f"text ({ratio:.1f}x)"
        )


@click.command()
@click.argument("article", type=click.Path(allow_dash=True, path_type=Path))
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print the trace as JSON.")
@click.option(
    "--html",
    "html_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Also write the trace as a self-contained page (the view `unspin serve` shows).",
)
@click.option(
    "--min-words",
    type=click.IntRange(0),
    default=0,
    help="Ignore passages with fewer words than this (on the article's side).",
)
@click.option("--exclude-quotes", is_flag=True, help="Ignore passages that are mostly quotation.")
@click.option(
    "--before",
    metavar="YYYY-MM-DD",
    default=None,
    help="Only sources published before this day (undated sources are left out).",
)
@click.option(
    "--exclude-site", "exclude_sites", multiple=True, metavar="SITE", help="Never this site."
)
@one_line_errors
def trace(
    article: Path,
    db: Path,
    as_json: bool,
    html_path: Path | None,
    min_words: int,
    exclude_quotes: bool,
    before: str | None,
    exclude_sites: tuple[str, ...],
) -> None:
    """Where did ARTICLE come from? Its sources in the index, best first, with the passages,
    the substitutions, its inserted spans and boilerplate. ARTICLE is a file, or - to read
    the text or HTML on standard input."""
    from unspin.api import trace_file
    from unspin.report.jsonl import trace_record
    from unspin.report.terminal import print_trace
    from unspin.trace import TraceOptions, before_day

    day = before_day(before, "--before")
    options = TraceOptions(min_words, exclude_quotes, day, frozenset(exclude_sites))
    if html_path is not None:
        check_writable_file(html_path, "--html")
    traced, warnings = trace_file(article, db, options)
    for warning in warnings:
        click.echo(f"unspin: warning: {warning.source}: {warning.reason}", err=True)
    if html_path is not None:
        from unspin.report.trace_html import render_trace_html

        write_text(html_path, render_trace_html(traced.trace, traced.documents))
        click.echo(f"unspin: trace page: {html_path}", err=True)
    with stdout_may_close():
        if as_json:
            record = trace_record(traced.trace, traced.documents)
            click.echo(json.dumps(record, ensure_ascii=False, indent=2))
        else:
            print_trace(Stdout(), traced.trace, traced.documents)


@click.command()
@db_option
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on; the API has no authentication, so loopback unless told.",
)
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option(
    "--max-body",
    "max_body_mb",
    type=click.FloatRange(0.001),
    default=None,
    metavar="MB",
    help="Largest request body accepted, in megabytes (default 8); larger ones get 413.",
)
@one_line_errors
def serve(db: Path, host: str, port: int, max_body_mb: float | None) -> None:
    """Serve the index: a page to paste or upload an article and see where it came from,
    and the JSON API behind it (`/docs`, `/openapi.json`). Needs the web extra."""
    from unspin.web import create_app

    max_body = int(max_body_mb * 1024 * 1024) if max_body_mb is not None else None
    app = create_app(db, max_body=max_body)
    import uvicorn

    click.echo(f"unspin: serving {db} at http://{host}:{port}/ (Ctrl-C stops)", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")
