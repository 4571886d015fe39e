"""Command line (from the repository root): ``python -m benchmarks.bbc_pairs COMMAND SCAN``.

SCAN is a scan's pairs.jsonl or its output folder, e.g. ``unspin scan /tmp/bbc/bbc -o out``.

score       precision per reported relation on the labelled pairs, recall, PASS/FAIL
unlabelled  the reported pairs that have no label (byte-identical pairs left out), one JSON
            line each with empty ``label`` and ``reason``: read both articles, fill them in
            (README.md has the definitions) and append the lines to labels.jsonl
sample      re-draw the sample from the scan it was drawn from (``sample.py``)
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from benchmarks.bbc_pairs import sample
from benchmarks.bbc_pairs.score import LABELS, details, read_labels, read_pairs, score, table
from benchmarks.datasets import BBC, bbc_duplicate_groups
from rich.console import Console


def _identical() -> list[list[str]]:
    if not (BBC / "derived_exact_duplicate_groups.tsv").is_file():
        print(f"note: {BBC} not found, byte-identical pairs count as unlabelled", file=sys.stderr)
        return []
    return bbc_duplicate_groups()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.bbc_pairs",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("command", choices=("score", "unlabelled", "sample"))
    parser.add_argument("scan", type=Path, help="pairs.jsonl, or the scan's output folder")
    parser.add_argument("--labels", type=Path, default=LABELS)
    args = parser.parse_args(argv)
    if args.command == "sample":
        path = args.scan / "pairs.jsonl" if args.scan.is_dir() else args.scan
        return sample.main([str(path)])
    result = score(read_pairs(args.scan), read_labels(args.labels), _identical())
    if args.command == "unlabelled":
        for a, b, relation in result.unlabelled:
            record = {
                "a": a,
                "b": b,
                "label": None,
                "reason": "",
                "drawn": False,
                "reported_as": relation,
            }
            print(json.dumps(record))
        return 0
    console = Console(width=120)
    console.print(table(result))
    for line in details(result):
        console.print(line, highlight=False)
    console.print("PASS" if result.ok else "FAIL")
    return 0 if result.ok else 1


if __name__ == "__main__":
    sys.exit(main())
