"""``python -m benchmarks.dedup run [--size N] [--keep original earliest longest]``.

Generates the spun-news corpus (as ``benchmarks.spun_news``), runs ``unspin.dedup.dedup``
on it once per ``--keep`` policy and scores what was removed against the labels:

- a labelled copy is a derived document whose main source supplies at least half of its
  story (the family truth of the spun-news benchmark): it should be removed, in favour of a
  document of its own family;
- a source (the original BBC article) should be kept; so should a distractor, and a derived
  document that is no version of one article (a compilation of several, an excerpt in a
  page of its own): removing those loses a story.

Printed: copies removed by transformation, sources kept, wrongly removed documents, and the
share of removals whose kept document is of the right family; also the one number a
curator reads first: how many true families end with exactly one member.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from benchmarks.spun_news.generate import DEFAULT_SEED, generate
from benchmarks.spun_news.labels import TRANSFORMATIONS, read_labels, read_texts

from unspin.dedup import KEEP_POLICIES, dedup

DEFAULT_OUT = Path("out/dedup")
DEFAULT_SIZE = 2000


def true_families(folder: Path) -> tuple[dict[str, str], dict[str, str]]:
    """Each document's family root (itself when alone) and each document's kind: its
    transformation for a labelled copy, else "source", "distractor" or "not a copy"."""
    labels = read_labels(folder / "labels.jsonl")
    texts = read_texts(folder / "corpus.jsonl")
    parent = {doc_id: doc_id for doc_id in labels}

    def root(x: str) -> str:
        while parent[x] != x:
            x = parent[x]
        return x

    kinds: dict[str, str] = {}
    for doc_id, label in labels.items():
        source = label.family_source(len(texts[doc_id]))
        if source is not None:
            parent[root(doc_id)] = root(source)
            kinds[doc_id] = str(label.transformation)
        else:
            kinds[doc_id] = label.role if label.role != "derived" else "not a copy"
    return {doc_id: root(doc_id) for doc_id in labels}, kinds


def score(folder: Path, removed: dict[str, str]) -> dict[str, Any]:
    family, kinds = true_families(folder)
    by_kind: dict[str, Counter[str]] = defaultdict(Counter)
    for doc_id, kind in kinds.items():
        by_kind[kind]["total"] += 1
        by_kind[kind]["removed"] += doc_id in removed
    right_family = sum(family[d] == family[k] for d, k in removed.items())
    left: Counter[str] = Counter(family[d] for d in family if d not in removed)
    sizes: Counter[str] = Counter(family.values())
    multi = [f for f, n in sizes.items() if n > 1]
    return {
        "by_kind": {k: dict(v) for k, v in sorted(by_kind.items())},
        "removed": len(removed),
        "right_family": right_family,
        "families": len(multi),
        "families_left_with_one": sum(left[f] == 1 for f in multi),
    }


def table(results: dict[str, dict[str, Any]]) -> str:
    kinds = [*TRANSFORMATIONS, "source", "distractor", "not a copy"]
    present = [k for k in kinds if any(k in r["by_kind"] for r in results.values())]
    head = ["keep", *present, "right family", "families with one left", "seconds"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for keep, r in results.items():
        cells = [keep]
        for kind in present:
            counts = r["by_kind"].get(kind, {"removed": 0, "total": 0})
            cells.append(f"{counts['removed']}/{counts['total']}")
        cells.append(f"{r['right_family']}/{r['removed']}")
        cells.append(f"{r['families_left_with_one']}/{r['families']}")
        cells.append(f"{r['seconds']:.1f}")
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    out: Path = args.out
    meta = generate(out / "corpus", args.size, args.seed, dates=not args.no_dates)
    print(f"corpus: {meta['size']} documents ({json.dumps(meta['roles'])})", flush=True)
    results: dict[str, dict[str, Any]] = {}
    for keep in args.keep:
        started = time.monotonic()
        done = dedup(
            [out / "corpus" / "corpus.jsonl"],
            out / keep / "corpus.jsonl",
            keep=keep,
            workers=args.workers,
        )
        removed = {r.id: r.kept for r in done.removals}
        results[keep] = {**score(out / "corpus", removed), "seconds": time.monotonic() - started}
        print(f"keep {keep}: removed {len(removed)} of {done.summary.read}", flush=True)
    (out / "results.json").write_text(json.dumps(results, indent=1), encoding="utf-8")
    print("removed / total by kind (copies should go; sources, distractors and non-copies stay)")
    print(table(results))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.dedup")
    sub = parser.add_subparsers(dest="command")
    p_run = sub.add_parser("run", help="generate, dedup with each policy, score")
    p_run.add_argument("--size", type=int, default=DEFAULT_SIZE)
    p_run.add_argument("--seed", type=int, default=DEFAULT_SEED)
    p_run.add_argument("--out", type=Path, default=DEFAULT_OUT)
    p_run.add_argument("--workers", type=int, default=2)
    p_run.add_argument("--no-dates", action="store_true", help="records without dates")
    p_run.add_argument("--keep", nargs="+", default=list(KEEP_POLICIES), choices=KEEP_POLICIES)
    args = parser.parse_args(argv if argv is not None else sys.argv[1:] or ["run"])
    if args.command in (None, "run"):
        return run(args)
    parser.print_help()
    return 2


if __name__ == "__main__":
    sys.exit(main())
