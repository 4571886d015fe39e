"""Pathological corpora: wall time and peak memory of `unspin.api.scan` on each.

    .venv/bin/python benchmarks/pathological.py                  # every case
    .venv/bin/python benchmarks/pathological.py copies --copies 1000 5000 20000 50000
    .venv/bin/python benchmarks/pathological.py big-article one-line all-boilerplate

Cases:
- big-article: one 5 MB article (the whole BBC corpus, or generated text without it) against
  50 BBC articles, some of which it contains.
- copies: N byte-identical copies of one article (a family of N): does time grow linearly?
- one-line: 5,000 one-line articles (BBC headlines, or generated ones).
- all-boilerplate: articles that are nothing but template lines, beside a small corpus.

Each case runs in its own process, so peak memory (max RSS, including worker processes) is
the case's own. The scans use the local engine with WORKERS workers and no HTML report.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tarfile
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from unspin.api import scan

ROOT = Path(__file__).resolve().parents[1]
BBC_ARCHIVE = ROOT.parent / "shared" / "data" / "bbc-news" / "bbc-fulltext.tar.gz"
SEED = ROOT / "examples" / "000_d1e9f2ba145d541d.txt"
# One worker: the development machine has two cores shared by several people, and one
# worker shows how the work itself grows, without pool start-up and scheduling noise.
WORKERS = 1
BIG_ARTICLE_BYTES = 5 * 1024 * 1024
ONE_LINE_ARTICLES = 5000
DEFAULT_COPIES = (1000, 5000, 20000, 50000)
BOILERPLATE_LINES = [
    "READ MORE: Ten ways to save on fuel this winter",
    "You May Also Like",
    "About the Author: Mortimer Nelson",
    "Leave a Reply",
    "Your email address will not be published. Required fields are marked *",
    "Share this article on Facebook",
    "Photo: Reuters/John Smith",
    "Follow us on Twitter",
    "Trending Now",
    "Related Articles",
]


def bbc_articles() -> list[str]:
    """The BBC corpus's 2,225 articles, or [] when the shared data is not there."""
    if not BBC_ARCHIVE.is_file():
        return []
    texts = []
    with tarfile.open(BBC_ARCHIVE) as archive:
        for member in sorted(archive.getmembers(), key=lambda m: m.name):
            if member.isfile() and member.name.endswith(".txt"):
                handle = archive.extractfile(member)
                if handle is not None:
                    texts.append(handle.read().decode("utf-8", errors="replace"))
    return texts


def generated_articles(count: int, sentences: int = 20) -> list[str]:
    words = SEED.read_text(encoding="utf-8").split()
    rng = random.Random(20201025)
    return [
        "\n\n".join(
            " ".join(rng.choice(words) for _ in range(rng.randint(8, 24))) + "."
            for _ in range(sentences)
        )
        for _ in range(count)
    ]


def write_jsonl(path: Path, texts: list[str], prefix: str) -> Path:
    with path.open("w", encoding="utf-8") as out:
        for n, text in enumerate(texts):
            out.write(json.dumps({"id": f"{prefix}{n:06d}", "text": text}) + "\n")
    return path


def case_big_article(folder: Path, _: int) -> dict[str, object]:
    articles = bbc_articles() or generated_articles(3000)
    big = "\n\n".join(articles)
    while len(big.encode()) < BIG_ARTICLE_BYTES:
        big += "\n\n" + big
    big = big.encode()[:BIG_ARTICLE_BYTES].decode("utf-8", errors="ignore")
    rng = random.Random(7)
    corpus = rng.sample(articles, 50)
    write_jsonl(folder / "corpus.jsonl", corpus, "bbc")
    (folder / "big.txt").write_text(big, encoding="utf-8")
    return {"inputs": [folder / "corpus.jsonl", folder / "big.txt"], "documents": 51}


def case_copies(folder: Path, copies: int) -> dict[str, object]:
    text = SEED.read_text(encoding="utf-8")
    return {"inputs": [write_jsonl(folder / "copies.jsonl", [text] * copies, "c")]}


def case_one_line(folder: Path, _: int) -> dict[str, object]:
    articles = bbc_articles()
    if articles:
        lines = [a.strip().splitlines()[0] for a in articles]
        lines = (lines * (ONE_LINE_ARTICLES // len(lines) + 1))[:ONE_LINE_ARTICLES]
        # Headlines repeat when the corpus is cycled; number them so each article differs.
        lines = [f"{line} ({n // len(articles)})" for n, line in enumerate(lines)]
    else:
        lines = [t.split("\n\n")[0] for t in generated_articles(ONE_LINE_ARTICLES, 1)]
    return {"inputs": [write_jsonl(folder / "lines.jsonl", lines, "line")]}


def case_all_boilerplate(folder: Path, _: int) -> dict[str, object]:
    rng = random.Random(3)
    template = [
        "\n".join(rng.choice(BOILERPLATE_LINES) for _ in range(rng.randint(20, 2000)))
        for _ in range(100)
    ]
    stories = (bbc_articles() or generated_articles(100))[:100]
    path = write_jsonl(folder / "template.jsonl", template, "tpl")
    return {"inputs": [path, write_jsonl(folder / "stories.jsonl", stories, "story")]}


CASES: dict[str, Callable[[Path, int], dict[str, object]]] = {
    "big-article": case_big_article,
    "copies": case_copies,
    "one-line": case_one_line,
    "all-boilerplate": case_all_boilerplate,
}


def run_case(name: str, size: int) -> dict[str, object]:
    """Build the case's inputs, scan them, and measure (in this process)."""
    with tempfile.TemporaryDirectory(prefix="unspin-patho-") as tmp:
        folder = Path(tmp)
        built = CASES[name](folder, size)
        inputs = built["inputs"]
        assert isinstance(inputs, list)
        started = time.perf_counter()
        run = scan(inputs, folder / "out", workers=WORKERS, html=False)
        seconds = time.perf_counter() - started
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    result = run.result
    return {
        "case": name,
        "size": size,
        "seconds": round(seconds, 2),
        "peak_mb": round(max(own, children) / 1024),
        "documents": result.summary.kept,
        "rejected": result.summary.rejected,
        "candidates": run.candidates,
        "pairs": len(result.pairs),
        "families": len(result.families),
        "largest_family": max((len(f.members) for f in result.families), default=0),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("cases", nargs="*", help=f"any of {', '.join(CASES)} (default: all)")
    parser.add_argument("--copies", type=int, nargs="+", default=list(DEFAULT_COPIES))
    parser.add_argument("--timeout", type=int, default=3600, help="seconds per case")
    parser.add_argument("--child", nargs=2, metavar=("CASE", "SIZE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run_case(args.child[0], int(args.child[1]))))
        return 0
    unknown = set(args.cases) - set(CASES)
    if unknown:
        parser.error(f"unknown cases {sorted(unknown)}: choose from {', '.join(CASES)}")
    runs = [
        (name, size)
        for name in args.cases or list(CASES)
        for size in (args.copies if name == "copies" else [0])
    ]
    print(
        "| case | size | seconds | s per 1k docs | peak MB | docs | candidates | pairs | "
        "families | largest family |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    for name, size in runs:
        command = [sys.executable, __file__, "--child", name, str(size)]
        try:
            done = subprocess.run(
                command, capture_output=True, text=True, timeout=args.timeout, check=False
            )
        except subprocess.TimeoutExpired:
            print(f"| {name} | {size or ''} | > {args.timeout} (stopped) | | | | | | | |")
            continue
        if done.returncode != 0:
            print(f"| {name} | {size or ''} | failed: {done.stderr.strip().splitlines()[-1]} |")
            continue
        r = json.loads(done.stdout.strip().splitlines()[-1])
        per_k = 1000 * float(r["seconds"]) / max(1, int(r["documents"]))
        print(
            f"| {name} | {size or ''} | {r['seconds']} | {per_k:.2f} | {r['peak_mb']} | "
            f"{r['documents']} | {r['candidates']} | {r['pairs']} | {r['families']} | "
            f"{r['largest_family']} |",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
