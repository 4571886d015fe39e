"""The persistent index and `trace`: documents added a second, bytes on disk per byte of
text, and trace latency on three kinds of article.

    python -m benchmarks.trace --size 10000 [--queries 40] [--workers 2]

The collection is the speed benchmark's corpus (`benchmarks.speed.build`: BBC articles,
spun copies, excerpts, compilations, distractors). Queries, each traced against the index
with `unspin.trace` exactly as `unspin trace` does:
- **indexed**: articles the index holds (traced as themselves);
- **spun**: labelled derived documents left out of the index, whose sources it holds (the
  fact-checker's case); we also report whether their labelled source (or an exact copy of
  it: the corpus repeats sources across its parts) is found, and whether it ranks first;
- **unrelated**: PAN 2013 source documents (web pages on other topics), never indexed.
Targets (issue 11): add >= 500 documents/s, the file <= 3x the raw text, trace median
< 0.3 s and p95 < 1 s with a 100k-article index.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from pathlib import Path
from typing import Any

from benchmarks.pan13 import corpus as pan13
from benchmarks.speed.build import build

from unspin.index.articles import ArticleIndex
from unspin.ingest import read_corpus
from unspin.lexicon import wordnet
from unspin.model import Document
from unspin.trace import trace

DEFAULT_OUT = Path("out/trace")


def _collection(out: Path, size: int) -> tuple[list[Document], dict[str, set[str]]]:
    folder = out / f"corpus-{size}"
    if not (folder / "truth.json").is_file():
        print(f"building {size} documents in {folder} ...", flush=True)
        build(folder, size)
    documents, _, _ = read_corpus([folder / "corpus.jsonl"])
    truth = json.loads((folder / "truth.json").read_text(encoding="utf-8"))
    sources: dict[str, set[str]] = {}
    for derived, source in truth["true_pairs"]:
        sources.setdefault(derived, set()).add(source)
    return documents, sources


def _unrelated(count: int, rng: random.Random) -> list[Document]:
    if not pan13.available():
        print("PAN 2013 data not found: no unrelated queries", file=sys.stderr)
        return []
    texts = pan13.load().texts
    names = sorted(name for name in texts if name.startswith("source-"))
    return [Document(f"pan-{name}", texts[name]) for name in rng.sample(names, count)]


def _reused(db: Path, indexed: list[Document]) -> float | None:
    """The add time of an index a previous run built from exactly ``indexed``, if any."""
    timing = db.with_name(db.name.replace("index-", "add-").replace(".db", ".json"))
    if not (db.is_file() and timing.is_file()):
        return None
    with ArticleIndex(db, create=False) as index:
        if len(index) != len(indexed) or any(d.id not in index for d in indexed[::97]):
            return None
    print(f"reusing {db}", flush=True)
    seconds: float = json.loads(timing.read_text())["add_s"]
    return seconds


def _latency(seconds: list[float]) -> dict[str, float]:
    ordered = sorted(seconds)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {"median_s": round(statistics.median(ordered), 4), "p95_s": round(p95, 4)}


def run(args: argparse.Namespace) -> dict[str, Any]:
    rng = random.Random(args.seed)
    documents, sources = _collection(args.out, args.size)
    derived = sorted(d for d in sources if all(s not in sources for s in sources[d]))
    spun_ids = set(rng.sample(derived, min(args.queries, len(derived))))
    indexed = [d for d in documents if d.id not in spun_ids]
    by_id = {d.id: d for d in documents}
    db = args.out / f"index-{args.size}.db"
    wordnet()
    add_seconds = _reused(db, indexed) if args.reuse_index else None
    if add_seconds is None:
        for leftover in args.out.glob(f"index-{args.size}.db*"):
            leftover.unlink()
        started = time.perf_counter()
        with ArticleIndex(db) as index:
            index.add(indexed, workers=args.workers)
        add_seconds = time.perf_counter() - started
        (args.out / f"add-{args.size}.json").write_text(json.dumps({"add_s": add_seconds}))
    queries = {
        "indexed": rng.sample(indexed, args.queries),
        "spun": [by_id[i] for i in sorted(spun_ids)],
        "unrelated": _unrelated(args.queries, rng),
    }
    rows: dict[str, Any] = {}
    with ArticleIndex(db, create=False) as index:
        stats = index.stats()
        trace(index, queries["indexed"][0])  # the first trace loads what the rest share
        for kind, docs in queries.items():
            seconds, found, top = [], 0, 0
            for doc in docs:
                t0 = time.perf_counter()
                traced = trace(index, doc).trace
                seconds.append(time.perf_counter() - t0)
                ids = [s.id for s in traced.sources]
                if kind == "spun":
                    # The corpus repeats its BBC sources across parts, so an exact copy of
                    # the labelled source is as right an answer as the source itself.
                    texts = {by_id[s].text for s in sources[doc.id]}
                    found += any(by_id[i].text in texts for i in ids)
                    top += bool(ids) and by_id[ids[0]].text in texts
            if not seconds:
                continue
            rows[kind] = {"queries": len(docs), **_latency(seconds)}
            if kind == "spun":
                rows[kind] |= {"source_found": found / len(docs), "source_first": top / len(docs)}
    result = {
        "documents": len(indexed),
        "add_s": round(add_seconds, 1),
        "add_docs_per_s": round(len(indexed) / add_seconds, 1),
        "file_bytes": stats.file_bytes,
        "text_bytes": stats.text_bytes,
        "file_to_text": round(stats.file_bytes / max(1, stats.text_bytes), 2),
        "workers": args.workers,
        "traces": rows,
    }
    (args.out / f"results-{args.size}.json").write_text(json.dumps(result, indent=1))
    return result


def markdown(result: dict[str, Any]) -> str:
    lines = [
        f"Index of {result['documents']:,} documents ({result['workers']} workers): add "
        f"{result['add_s']} s ({result['add_docs_per_s']} documents/s); file "
        f"{result['file_bytes'] / 1e6:.0f} MB for {result['text_bytes'] / 1e6:.0f} MB of text "
        f"({result['file_to_text']}x).",
        "",
        "| queries | n | median | p95 | labelled source found / first |",
        "|---|---|---|---|---|",
    ]
    for kind, row in result["traces"].items():
        found = ""
        if "source_found" in row:
            found = f"{row['source_found']:.2f} / {row['source_first']:.2f}"
        lines.append(
            f"| {kind} | {row['queries']} | {row['median_s']:.3f} s | {row['p95_s']:.3f} s "
            f"| {found} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.trace", description=__doc__)
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--queries", type=int, default=40, help="per kind of query")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument(
        "--reuse-index",
        action="store_true",
        help="trace against the index an earlier run built (same --size, --queries, --seed)",
    )
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    print(markdown(run(args)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
