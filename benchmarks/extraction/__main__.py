"""`python -m benchmarks.extraction run [--scan] [--out report.json]`."""

from __future__ import annotations

import argparse
from pathlib import Path

from benchmarks.extraction.run import DATA, run


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.extraction")
    sub = parser.add_subparsers(dest="command", required=True)
    go = sub.add_parser("run", help="score kept story text and scan the pages")
    go.add_argument("--data", type=Path, default=DATA, help="the benchmark folder")
    go.add_argument(
        "--cache", type=Path, default=None, help="JSON file caching ingest's extracted texts"
    )
    go.add_argument("--sample", type=int, default=20, help="marked lines drawn per kind")
    go.add_argument("--seed", type=int, default=9)
    go.add_argument("--no-scan", action="store_true", help="skip the scan for pairs")
    go.add_argument("--out", type=Path, default=None, help="write the full report as JSON")
    args = parser.parse_args()
    run(
        args.data,
        cache=args.cache,
        sample=args.sample,
        seed=args.seed,
        do_scan=not args.no_scan,
        out=args.out,
    )


if __name__ == "__main__":
    main()
