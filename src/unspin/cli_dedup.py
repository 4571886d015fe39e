"""`unspin dedup`: the corpus without its copies. A thin layer over `unspin.dedup`."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import click
from rich.console import Console

from unspin.console import RichProgress, Stdout, one_line_errors, stdout_may_close
from unspin.dedup import DEFAULT_RELATIONS, KEEP_POLICIES, parse_relations


@click.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--out",
    required=True,
    type=click.Path(path_type=Path),
    help="Where the corpus goes, in the input's own format: a file for one input file, a new "
    "folder for a folder or several inputs. removed.jsonl and rejects.jsonl go beside it.",
)
@click.option(
    "--keep",
    type=click.Choice(KEEP_POLICIES),
    default="original",
    show_default=True,
    help="Which version of an article stays: the family's likely original, the earliest "
    "dated one, or the longest.",
)
@click.option(
    "--relations",
    default=",".join(DEFAULT_RELATIONS),
    show_default=True,
    help="Pairs that make two documents versions of one article: duplicate, rewrite or both.",
)
@click.option(
    "--workers",
    type=click.IntRange(1),
    default=None,
    help="Worker processes for the scan (default: all cores).",
)
@click.option(
    "--pairs",
    "pairs_from",
    type=click.Path(path_type=Path),
    default=None,
    help="The --out folder of an `unspin scan` of the same inputs: use its pairs instead of "
    "scanning again (refused if it read other inputs or used another configuration).",
)
@one_line_errors
def dedup(
    inputs: tuple[Path, ...],
    out: Path,
    keep: str,
    relations: str,
    workers: int | None,
    pairs_from: Path | None,
) -> None:
    """Write INPUTS without their copies: one version of each article is kept.

    Records are written as they were read, with every field. Each removed document is listed
    in removed.jsonl with the document kept in its place and the pair that ties them.
    """
    from unspin.dedup import dedup as run_dedup

    chosen = parse_relations(relations)
    with RichProgress(Console(stderr=True)) as progress:
        done = run_dedup(
            list(inputs),
            out,
            keep=keep,  # type: ignore[arg-type]  # click.Choice checked it
            relations=chosen,
            workers=workers,
            progress=progress,
            pairs_from=pairs_from,
        )
    console = Stdout()
    summary = done.summary
    with stdout_may_close():
        by_relation = Counter(r.relation for r in done.removals)
        why = ", ".join(f"{by_relation[r]} {r}" for r in chosen)
        console.print(
            f"read {summary.read} = kept {done.kept} + removed {len(done.removals)} ({why}) "
            f"+ rejected {summary.rejected}"
        )
        console.print(f"done in {done.seconds:.1f} s")
        console.print(f"wrote {done.out}, {done.removed_file}, {done.rejects_file}")
