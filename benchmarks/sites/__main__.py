"""``python -m benchmarks.sites [--size N] [--writers K]``.

The spun-news corpus (``benchmarks.spun_news``) with its original BBC articles spread over
K writer sites (by a hash of the id, so the same split every run) and its derived documents
on the farm sites the generator gives them. ``unspin scan`` writes ``sites.jsonl``; the
farm score should put every farm above every writer. Printed: the AUC of farms over
writers, and each site's scores.
"""

from __future__ import annotations

import argparse
import json
import sys
import zlib
from pathlib import Path

from benchmarks.spun_news.generate import DEFAULT_SEED, FARM_SITES, generate

DEFAULT_OUT = Path("out/sites")


def writer_site(doc_id: str, writers: int) -> str:
    return f"writer{zlib.crc32(doc_id.encode()) % writers}.example"


def auc(positives: list[float], negatives: list[float]) -> float:
    """The chance that a random positive scores above a random negative (ties count half)."""
    if not positives or not negatives:
        return 0.0
    wins = sum((p > n) + 0.5 * (p == n) for p in positives for n in negatives)
    return wins / (len(positives) * len(negatives))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.sites")
    parser.add_argument("--size", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--writers", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--no-dates", action="store_true")
    args = parser.parse_args(argv)
    from unspin.api import scan

    generate(args.out / "corpus", args.size, args.seed, dates=not args.no_dates)
    lines = (args.out / "corpus" / "corpus.jsonl").read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    for record in records:
        if record["site"] not in FARM_SITES:
            record["site"] = writer_site(record["id"], args.writers)
    corpus = args.out / "sites-corpus.jsonl"
    corpus.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    scan([corpus], args.out / "scan", workers=args.workers, html=False)
    found = [json.loads(x) for x in (args.out / "scan" / "sites.jsonl").read_text().splitlines()]
    farms = [s["farm_score"] for s in found if s["site"] in FARM_SITES]
    writers = [s["farm_score"] for s in found if s["site"] not in FARM_SITES]
    print("| site | kind | articles | reused | spun | spliced | boilerplate | delay | farm score |")
    print("|---|---|---|---|---|---|---|---|---|")
    for s in found:
        kind = "farm" if s["site"] in FARM_SITES else "writer"
        print(
            f"| {s['site']} | {kind} | {s['articles']} | {s['reused']:.2f} | {s['spun']:.2f} | "
            f"{s['spliced']:.2f} | {s['boilerplate']:.3f} | {s['median_delay_days']} | "
            f"{s['farm_score']:.3f} |"
        )
    counted = f"{len(farms)} farms, {len(writers)} writers"
    print(f"AUC of farms over writers: {auc(farms, writers):.3f} ({counted})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
