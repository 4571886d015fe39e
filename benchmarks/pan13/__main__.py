"""Command line: ``python -m benchmarks.pan13 run`` (from the repository root).

run     score the methods on the corpus (all 5,185 pairs, or --per-class N drawn with --seed)
floors  re-measure the CI gate sample and re-record benchmarks/pan13/floors.json
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path
from typing import Any

from benchmarks.pan13 import corpus, gate, measures
from benchmarks.pan13.methods import DEFAULT_METHODS, METHODS, run_method, semantic_available
from benchmarks.spun_news.gate import rerecord

ROWS = (*corpus.CLASSES, "all")


def evaluate(
    pairs: list[corpus.Pair], loaded: corpus.Corpus, method: str, workers: int, quiet: bool = False
) -> dict[str, Any]:
    """Every measure of ``method`` per class and over all ``pairs``, with timings."""
    start = time.perf_counter()
    done = [0]

    def progress(n: int) -> None:
        done[0] += n
        if not quiet and (done[0] % 100 == 0 or done[0] == len(pairs)):
            print(f"  {method}: {done[0]}/{len(pairs)} pairs", file=sys.stderr, flush=True)

    found, seconds = run_method(method, loaded, pairs, workers, progress)
    wall = time.perf_counter() - start
    result: dict[str, Any] = {"available": True, "wall_s": wall, "workers": workers}
    for row in ROWS:
        chosen = [p for p in pairs if row in ("all", p.klass)]
        result[row] = measures.score(chosen, found).as_dict()
    for name, i in (("seconds_per_pair", 0), ("cpu_seconds_per_pair", 1)):
        times = sorted(t[i] for t in seconds.values())
        result[name] = {
            "mean": statistics.fmean(times) if times else 0.0,
            "median": statistics.median(times) if times else 0.0,
            "p95": times[int(0.95 * (len(times) - 1))] if times else 0.0,
            "max": times[-1] if times else 0.0,
        }
    result["missed"] = {
        row: [p.key for p in pairs if p.klass == row and p.cases and not found.get(p.key)][:20]
        for row in corpus.CLASSES
    }
    result["false"] = [p.key for p in pairs if not p.cases and found.get(p.key)][:20]
    return result


def table_rows(results: dict[str, dict[str, Any]]) -> list[list[str]]:
    head = ["class", "method", "P", "R", "gran", "PlagDet", "pair P", "pair R", "no det"]
    out = [head]
    for row in ROWS:
        for method, r in results.items():
            if not r.get("available"):
                out.append([corpus.SHORT.get(row, row), method] + ["n/a"] * 7)
                continue
            s = r[row]
            no_det = f"{s['no_detection_share']:.3f}" if s["pairs"] > s["pairs_with_cases"] else ""
            out.append(
                [
                    corpus.SHORT.get(row, row),
                    method,
                    f"{s['precision']:.2f}",
                    f"{s['recall']:.2f}",
                    f"{s['granularity']:.2f}",
                    f"{s['plagdet']:.3f}",
                    f"{s['pair_precision']:.2f}",
                    f"{s['pair_recall']:.2f}" if s["pairs_with_cases"] else "",
                    no_det,
                ]
            )
    return out


def markdown(rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(rows[0]) + " |", "|" + "---|" * len(rows[0])]
    return "\n".join(lines + ["| " + " | ".join(r) + " |" for r in rows[1:]])


def render(results: dict[str, dict[str, Any]], title: str) -> None:
    from rich.console import Console
    from rich.table import Table

    rows = table_rows(results)
    table = Table(title=title)
    for name in rows[0]:
        table.add_column(name, justify="left" if name in ("class", "method") else "right")
    for i, cells in enumerate(rows[1:]):
        table.add_row(*cells, end_section=(i + 1) % len(results) == 0)
    console = Console(width=max(Console().width, 110))
    console.print(table)
    for method, r in results.items():
        if r.get("available"):
            t, c = r["seconds_per_pair"], r["cpu_seconds_per_pair"]
            console.print(
                f"{method}: {r['all']['pairs']} pairs in {r['wall_s']:.1f} s wall "
                f"({r['workers']} workers); per pair mean {t['mean']:.3f} s, median "
                f"{t['median']:.3f} s, p95 {t['p95']:.3f} s, max {t['max']:.2f} s; "
                f"CPU per pair mean {c['mean']:.3f} s, max {c['max']:.2f} s"
            )


def engine_info() -> dict[str, Any]:
    """Which unspin was measured: its path, and the git commit when it lies in a work tree
    (``dirty``: uncommitted edits under its folder)."""
    import subprocess

    import unspin

    where = Path(unspin.__file__).resolve().parent
    info: dict[str, Any] = {"path": str(where), "version": getattr(unspin, "__version__", None)}
    try:
        git = ["git", "-C", str(where)]
        head = subprocess.run([*git, "rev-parse", "HEAD"], capture_output=True, text=True)
        if head.returncode == 0:
            info["commit"] = head.stdout.strip()
            status = [*git, "status", "--porcelain", "--", "."]
            info["dirty"] = bool(subprocess.run(status, capture_output=True, text=True).stdout)
    except OSError:
        pass
    return info


def run(args: argparse.Namespace) -> int:
    if not corpus.available():
        print(f"error: PAN 2013 data not found at {corpus.TARBALL}", file=sys.stderr)
        return 2
    loaded = corpus.load()
    pairs = corpus.sample(loaded, args.per_class, args.seed)
    results: dict[str, dict[str, Any]] = {}
    for method in args.methods:
        if method == "unspin-semantic" and not semantic_available():
            print("unspin-semantic: the semantic extra is not installed, skipped", file=sys.stderr)
            results[method] = {"available": False}
            continue
        results[method] = evaluate(pairs, loaded, method, args.workers)
    sampled = "all pairs" if args.per_class is None else f"{args.per_class} per class"
    title = f"PAN 2013 text alignment training, {len(pairs)} pairs ({sampled}, seed {args.seed})"
    render(results, title)
    if args.json:
        payload = {
            "per_class": args.per_class,
            "seed": args.seed,
            "pairs": len(pairs),
            "engine": engine_info(),
            "results": results,
            "markdown": markdown(table_rows(results)),
        }
        args.json.write_text(json.dumps(payload, indent=1) + "\n", encoding="utf-8")
    return 0


def floors(args: argparse.Namespace) -> int:
    loaded = corpus.load()
    measured = gate.gate_metrics(
        evaluate(gate.gate_pairs(loaded), loaded, gate.GATE_METHOD, gate.GATE_WORKERS)
    )
    return rerecord(measured, gate.read_floors(), gate.write_floors, args.allow_lower, 40)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.pan13")
    commands = parser.add_subparsers(dest="command")
    p_run = commands.add_parser("run", help="score the methods and print the table")
    p_run.add_argument("--per-class", type=int, default=None, help="pairs drawn per class")
    p_run.add_argument("--seed", type=int, default=gate.GATE_SEED)
    p_run.add_argument("--methods", nargs="+", choices=METHODS, default=list(DEFAULT_METHODS))
    p_run.add_argument("--workers", type=int, default=2)
    p_run.add_argument("--json", type=Path, default=None, help="write every number here")
    p_floors = commands.add_parser("floors", help="re-record benchmarks/pan13/floors.json")
    p_floors.add_argument("--allow-lower", action="store_true")
    args = parser.parse_args(argv)
    if args.command == "floors":
        return floors(args)
    if args.command in (None, "run"):
        if args.command is None:
            args = p_run.parse_args([])
        return run(args)
    parser.print_help()
    return 2


if __name__ == "__main__":
    raise SystemExit(main())
