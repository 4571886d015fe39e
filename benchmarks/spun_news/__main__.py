"""Command line: ``python -m benchmarks.spun_news run`` (from the repository root).

run      generate the corpus, run every method, score, print the table (default)
score    re-score the predictions of an earlier run
generate write the labelled corpus only
floors   re-measure the CI gate and re-record benchmarks/spun_news/floors.json
predict  run one method on a corpus (used by ``run``, one process per method)
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from benchmarks.spun_news import gate
from benchmarks.spun_news.generate import DEFAULT_SEED, DEFAULT_SIZE, generate
from benchmarks.spun_news.methods import METHODS, predict, predict_in_subprocess
from benchmarks.spun_news.score import Truth, score
from benchmarks.spun_news.table import markdown, render, rows

DEFAULT_OUT = Path("out/spun_news")
DEFAULT_WORKERS = 2


def evaluate(folder: Path, method: str, workers: int) -> dict[str, Any]:
    """Run ``method`` in this process on a generated corpus and score it."""
    return score(Truth.load(folder), predict(method, folder / "corpus.jsonl", workers))


def run(args: argparse.Namespace) -> int:
    out: Path = args.out
    meta = generate(out, args.size, args.seed, dates=not args.no_dates)
    print(f"corpus: {meta['size']} documents in {out} ({json.dumps(meta['roles'])})")
    for method in args.methods:
        print(f"running {method} ...", flush=True)
        corpus, predictions = out / "corpus.jsonl", out / f"predictions-{method}.json"
        predict_in_subprocess(method, corpus, predictions, args.workers)
    return rescore(args)


def rescore(args: argparse.Namespace) -> int:
    """Score the predictions already in ``args.out`` (after a scorer change, no re-run)."""
    out: Path = args.out
    truth = Truth.load(out)
    results = {}
    for method in args.methods:
        found = json.loads((out / f"predictions-{method}.json").read_text(encoding="utf-8"))
        results[method] = score(truth, found)
    (out / "results.json").write_text(json.dumps(results, indent=1), encoding="utf-8")
    (out / "results.md").write_text(markdown(rows(results)) + "\n", encoding="utf-8")
    render(results)
    print(f"details (missed and false pairs by transformation): {out / 'results.json'}")
    return 0


def floors(args: argparse.Namespace) -> int:
    generate(args.out, gate.GATE_SIZE, gate.GATE_SEED)
    measured = gate.gate_metrics(evaluate(args.out, "unspin-lexical", gate.GATE_WORKERS))
    return gate.rerecord(measured, gate.read_floors(), gate.write_floors, args.allow_lower, 32)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.spun_news")
    commands = parser.add_subparsers(dest="command")
    p_run = commands.add_parser("run", help="generate, run all methods, score, print the table")
    p_gen = commands.add_parser("generate", help="write the labelled corpus only")
    for p in (p_run, p_gen):
        p.add_argument("--size", type=int, default=DEFAULT_SIZE, help="documents, sources included")
        p.add_argument("--seed", type=int, default=DEFAULT_SEED)
        p.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder")
        p.add_argument("--no-dates", action="store_true", help="records without dates")
    p_run.add_argument("--workers", type=int, default=DEFAULT_WORKERS)
    p_run.add_argument("--methods", nargs="+", default=list(METHODS), choices=METHODS)
    p_score = commands.add_parser("score", help="re-score the predictions of an earlier run")
    p_score.add_argument("--out", type=Path, default=DEFAULT_OUT, help="the run's folder")
    p_score.add_argument("--methods", nargs="+", default=list(METHODS), choices=METHODS)
    p_floors = commands.add_parser("floors", help="re-record the CI gate's floors")
    p_floors.add_argument("--allow-lower", action="store_true", help="accept lower floors")
    p_floors.add_argument("--out", type=Path, default=Path("out/spun_news_gate"))
    p_pred = commands.add_parser("predict", help="run one method (internal)")
    p_pred.add_argument("method", choices=METHODS)
    p_pred.add_argument("--corpus", type=Path, required=True)
    p_pred.add_argument("--out", type=Path, required=True)
    p_pred.add_argument("--workers", type=int, default=DEFAULT_WORKERS)
    args = parser.parse_args(argv)
    if args.command in (None, "run"):
        if args.command is None:
            args = parser.parse_args(["run", *(argv or sys.argv[1:])])
        return run(args)
    if args.command == "generate":
        meta = generate(args.out, args.size, args.seed, dates=not args.no_dates)
        print(f"{meta['size']} documents written to {args.out}: {json.dumps(meta['roles'])}")
        return 0
    if args.command == "score":
        return rescore(args)
    if args.command == "floors":
        return floors(args)
    found = predict(args.method, args.corpus, args.workers)
    args.out.write_text(json.dumps(found), encoding="utf-8")
    if not found.get("available"):
        print(f"{args.method}: n/a - {found.get('note')}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
