"""Command line: ``python -m benchmarks.speed run`` (from the repository root).

run      build corpora of the given sizes, run each method in its own process, print the table
filter   what the pre-alignment filter and best sources save and lose on one corpus
predict  run one method on a corpus (used by ``run``)

Each method runs in a fresh interpreter, one after another, so wall time and peak memory
are its own. Read the ratios between methods of one run: the machine may be shared.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.speed.build import build, true_pairs
from benchmarks.speed.memory import TreePeak
from benchmarks.spun_news.methods import BASELINES, peak_memory_mib, run_minhash

METHODS = ("unspin-lexical", "unspin-spark", *BASELINES)
# Measured only when asked (`--methods ... unspin-spark`): it needs the spark extra and Java.
DEFAULT_METHODS = ("unspin-lexical", *BASELINES)
DEFAULT_SIZES = (2000, 10000)
DEFAULT_OUT = Path("out/speed")


def run_unspin(corpus: Path, workers: int, all_pairs: bool = False) -> dict[str, Any]:
    """``unspin scan`` end to end (read, prepare, candidates, align, relate, write)."""
    from unspin.api import scan

    with tempfile.TemporaryDirectory() as out:
        # all_pairs only when asked, so that an older unspin (PYTHONPATH) can be measured too.
        extra = {"all_pairs": True} if all_pairs else {}
        run = scan([corpus], Path(out), workers=workers, html=False, **extra)
        manifest = json.loads((Path(out) / "manifest.json").read_text(encoding="utf-8"))
    return {
        "pairs": [[p.a, p.b] for p in run.result.pairs],
        "stages": manifest["seconds"],
        "candidates": manifest["counts"].get("candidates"),
    }


def run_spark(corpus: Path, workers: int) -> dict[str, Any]:
    """``unspin scan --engine spark`` on ``local[workers]``, end to end.

    Into a folder beside the corpus, removed once read: a run that fails leaves its stage
    tables there, and the next run of the same corpus resumes from them (its wall time is
    then the rest of the work only, and ``resumed`` names the stages read back)."""
    from unspin.engines.spark.scan import scan_with_spark

    out = corpus.parent / "spark-run"
    run = scan_with_spark([corpus], out, master=f"local[{workers}]")
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    with (out / "pairs.jsonl").open(encoding="utf-8") as lines:
        pairs = [[r["a"], r["b"]] for r in map(json.loads, lines)]
    shutil.rmtree(out)
    return {
        "pairs": pairs,
        "stages": manifest["seconds"],
        "candidates": manifest["counts"].get("candidates"),
        "resumed": list(run.scan.resumed),
    }


def predict(method: str, corpus: Path, out: Path, workers: int, all_pairs: bool) -> None:
    started = time.perf_counter()
    tree = TreePeak().start()  # the JVM and its Python workers are not this process's children
    if method == "unspin-lexical":
        found = run_unspin(corpus, workers, all_pairs)
    elif method == "unspin-spark":
        found = run_spark(corpus, workers)
    else:
        size, threshold = BASELINES[method]
        found = run_minhash(corpus, size, threshold)
        found["pairs"] = [pair[:2] for pair in found["pairs"]]
    wall = time.perf_counter() - started
    # peak: the largest single process (as before); tree: all of them at once, summed (shared
    # pages of forked workers count once for each, so this over-counts the local pool a bit).
    found.update(wall_s=wall, peak_mib=peak_memory_mib(), tree_mib=tree.stop())
    out.write_text(json.dumps(found), encoding="utf-8")


def _in_subprocess(method: str, corpus: Path, out: Path, workers: int, all_pairs: bool) -> None:
    command = [sys.executable, "-m", "benchmarks.speed", "predict", method, "--corpus"]
    command += [str(corpus), "--out", str(out), "--workers", str(workers)]
    command += ["--all-pairs"] if all_pairs else []
    subprocess.run(command, cwd=Path(__file__).resolve().parents[2], check=True)


def _row(
    size: int, method: str, found: dict[str, Any], truth: set[frozenset[str]]
) -> dict[str, Any]:
    reported = {frozenset(pair) for pair in found["pairs"]}
    return {
        "documents": size,
        "method": method,
        "wall_s": round(found["wall_s"], 1),
        "docs_per_s": round(size / found["wall_s"], 1),
        "peak_mib": round(found["peak_mib"]),
        "tree_mib": round(found.get("tree_mib", 0)),
        "pairs": len(reported),
        "pair_recall": round(len(reported & truth) / len(truth), 3) if truth else None,
        "stages": found.get("stages"),
        "candidates": found.get("candidates"),
    }


def _corpus(out: Path, size: int) -> Path:
    folder = out / f"corpus-{size}"
    if not (folder / "truth.json").is_file():
        print(f"building {size} documents in {folder} ...", flush=True)
        build(folder, size)
    return folder / "corpus.jsonl"


def run(args: argparse.Namespace) -> int:
    rows = []
    for size in args.sizes:
        corpus = _corpus(args.out, size)
        truth = true_pairs(corpus.parent)
        for method in args.methods:
            print(f"{size} documents: {method} ...", flush=True)
            predictions = corpus.parent / f"predictions-{method}.json"
            _in_subprocess(method, corpus, predictions, args.workers, False)
            found = json.loads(predictions.read_text(encoding="utf-8"))
            rows.append(_row(size, method, found, truth))
            print(json.dumps(rows[-1]), flush=True)
    (args.out / "results.json").write_text(json.dumps(rows, indent=1), encoding="utf-8")
    print(markdown(rows))
    return 0


def markdown(rows: list[dict[str, Any]]) -> str:
    lines = [
        "| documents | method | wall s | documents/s | peak MiB | all processes MiB | pairs |"
        " pair recall | unspin stages (s) |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        stages = r["stages"] or {}
        shown = ", ".join(f"{k} {v:.1f}" for k, v in stages.items() if k != "total")
        lines.append(
            f"| {r['documents']} | {r['method']} | {r['wall_s']} | {r['docs_per_s']} | "
            f"{r['peak_mib']} | {r.get('tree_mib', '')} | {r['pairs']} | {r['pair_recall']} | "
            f"{shown} |"
        )
    return "\n".join(lines)


def filter_report(args: argparse.Namespace) -> int:
    """Aligned candidates per reported pair, and what best sources + the filter lose."""
    corpus = _corpus(args.out, args.size)
    truth = true_pairs(corpus.parent)
    found = {}
    for all_pairs in (False, True):
        out = corpus.parent / f"filter-{'all' if all_pairs else 'best'}.json"
        _in_subprocess("unspin-lexical", corpus, out, args.workers, all_pairs)
        found[all_pairs] = json.loads(out.read_text(encoding="utf-8"))
    best, every = ({frozenset(p) for p in found[k]["pairs"]} for k in (False, True))
    report = {
        "documents": args.size,
        "aligned": {
            "best": found[False]["candidates"]["total"],
            "all": found[True]["candidates"]["total"],
        },
        "pairs": {"best": len(best), "all": len(every)},
        "aligned_per_pair": round(found[False]["candidates"]["total"] / max(1, len(best)), 2),
        "labelled_pairs_found": {"best": len(best & truth), "all": len(every & truth)},
        "pairs_lost": len(every - best),
        "labelled_pairs_lost": sorted(sorted(p) for p in (every - best) & truth),
        "wall_s": {
            "best": round(found[False]["wall_s"], 1),
            "all": round(found[True]["wall_s"], 1),
        },
    }
    print(json.dumps(report, indent=1))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.speed")
    commands = parser.add_subparsers(dest="command")
    p_run = commands.add_parser("run", help="the side-by-side table at several sizes")
    p_run.add_argument("--sizes", type=int, nargs="+", default=list(DEFAULT_SIZES))
    p_run.add_argument("--methods", nargs="+", default=list(DEFAULT_METHODS), choices=METHODS)
    p_filter = commands.add_parser("filter", help="what the pre-alignment filter saves")
    p_filter.add_argument("--size", type=int, default=2000)
    for p in (p_run, p_filter):
        p.add_argument("--workers", type=int, default=2)
        p.add_argument("--out", type=Path, default=DEFAULT_OUT)
    p_predict = commands.add_parser("predict", help="one method on one corpus")
    p_predict.add_argument("method", choices=METHODS)
    p_predict.add_argument("--corpus", type=Path, required=True)
    p_predict.add_argument("--out", type=Path, required=True)
    p_predict.add_argument("--workers", type=int, default=2)
    p_predict.add_argument("--all-pairs", action="store_true")
    args = parser.parse_args(argv)
    if args.command == "predict":
        predict(args.method, args.corpus, args.out, args.workers, args.all_pairs)
        return 0
    if args.command == "filter":
        return filter_report(args)
    if args.command in (None, "run"):
        return run(args if args.command else parser.parse_args(["run", *(argv or [])]))
    return 2


if __name__ == "__main__":
    sys.exit(main())
