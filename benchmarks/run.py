"""unspin's benchmarks on real data in ../shared/data (read in place, never copied).

    python benchmarks/run.py            # all three
    python benchmarks/run.py seeds clough bbc
    python benchmarks/run.py bbc-precision   # issue 8: hand-labelled BBC pairs

Prints one table per benchmark and a final check against the targets of issue #2.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from rich.console import Console
from rich.table import Table

from unspin.api import compare_files, scan
from unspin.baseline import minhash_jaccard
from unspin.model import PairResult

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script: make `benchmarks` importable
    sys.path.insert(0, str(ROOT))

from benchmarks.bbc_pairs import score as bbc_pairs  # noqa: E402
from benchmarks.datasets import (  # noqa: E402
    DATA,
    HEAVY_LEXICAL_FLOOR,
    bbc_duplicate_groups,
    clough_answers,
    clough_corpus,
    cut_answers_in_source,
    unpack_bbc,
)

console = Console(width=120)


def peak_memory_mb() -> float:
    """Peak resident memory of this process and its finished children, in MiB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


def bench_seeds() -> bool:
    a = ROOT / "examples" / "000_d1e9f2ba145d541d.txt"
    b = ROOT / "examples" / "002_5904dd556c9162f6.txt"
    started = time.perf_counter()
    run = compare_files(a, b)
    seconds = time.perf_counter() - started
    jaccard = minhash_jaccard(a.read_text(encoding="utf-8"), b.read_text(encoding="utf-8"))
    table = Table(title="seeds: 000 vs 002")
    for column in (
        "relation",
        "score",
        "coverage A",
        "coverage B",
        "passages",
        "kinds",
        "inserted in 002",
        "MinHash-5 Jaccard",
        "seconds",
    ):
        table.add_column(column)
    pair = run.result.pairs[0] if run.result.pairs else None
    inserted = next(d for d in run.result.documents if d.id.startswith("002")).inserted
    kinds = Counter(p.kind for p in pair.passages) if pair else Counter()
    table.add_row(
        pair.relation if pair else "none",
        f"{pair.score:.2f}" if pair else "-",
        f"{pair.coverage_a:.0%}" if pair else "-",
        f"{pair.coverage_b:.0%}" if pair else "-",
        str(len(pair.passages)) if pair else "0",
        ", ".join(f"{v} {k}" for k, v in kinds.items()),
        str(len(inserted)),
        f"{jaccard:.2f}",
        f"{seconds:.2f}",
    )
    console.print(table)
    return pair is not None and pair.relation == "rewrite"


def bench_clough() -> bool:
    answers = clough_answers()
    in_source = cut_answers_in_source()
    with tempfile.TemporaryDirectory() as out:
        started = time.perf_counter()
        run = scan([clough_corpus()], out, html=False)
        seconds = time.perf_counter() - started
    found: dict[frozenset[str], PairResult] = {frozenset((p.a, p.b)): p for p in run.result.pairs}
    confusion: dict[str, Counter[str]] = {c: Counter() for c in ("cut", "light", "heavy", "non")}
    cut_in_source_found = 0
    for answer in answers:
        pair = found.get(frozenset((answer.id, answer.source)))
        confusion[answer.category][pair.relation if pair else "none"] += 1
        cut_in_source_found += answer.id in in_source and pair is not None
    table = Table(title=f"Clough & Stevenson: answer → its source ({seconds:.1f} s)")
    columns = ("duplicate", "rewrite", "partial", "none")
    table.add_column("label")
    for column in (*columns, "found"):
        table.add_column(column, justify="right")
    rates = {}
    for category, counts in confusion.items():
        total = sum(counts.values())
        rates[category] = (total - counts["none"]) / total
        table.add_row(category, *(str(counts[c]) for c in columns), f"{rates[category]:.2f}")
    console.print(table)
    cut_in_source = cut_in_source_found / len(in_source)
    ok = (
        min(cut_in_source, rates["light"]) >= 0.95
        and rates["heavy"] >= HEAVY_LEXICAL_FLOOR
        and rates["non"] <= 0.10
    )
    console.print(
        f"recall cut {rates['cut']:.2f} (all 19), cut whose text is in its source "
        f"{cut_in_source_found}/{len(in_source)} = {cut_in_source:.2f}, light "
        f"{rates['light']:.2f} (target ≥ 0.95), heavy {rates['heavy']:.2f} "
        f"(≥ {HEAVY_LEXICAL_FLOOR}, lexical); false "
        f"positives on non {rates['non']:.2f} (≤ 0.10): {'PASS' if ok else 'FAIL'}"
    )
    return ok


def bench_bbc() -> bool:
    groups = bbc_duplicate_groups()
    with tempfile.TemporaryDirectory() as tmp:
        folder = unpack_bbc(Path(tmp))
        started = time.perf_counter()
        run = scan([folder], Path(tmp) / "out", html=False)
        seconds = time.perf_counter() - started
    found = {frozenset((p.a, p.b)): p for p in run.result.pairs}
    exact = [found.get(frozenset(g)) for g in groups]
    as_duplicate = sum(1 for p in exact if p is not None and p.relation == "duplicate")
    exact_keys = {frozenset(g) for g in groups}
    others = Counter(p.relation for key, p in found.items() if key not in exact_keys)
    table = Table(title="BBC News: 2,225 articles")
    for column in (
        "byte-identical pairs",
        "found as duplicate",
        "other pairs found",
        "families",
        "wall s",
        "peak MiB",
    ):
        table.add_column(column, justify="right")
    table.add_row(
        str(len(groups)),
        str(as_duplicate),
        ", ".join(f"{v} {k}" for k, v in sorted(others.items())) or "0",
        str(len(run.result.families)),
        f"{seconds:.1f}",
        f"{peak_memory_mb():.0f}",
    )
    console.print(table)
    return as_duplicate == len(groups)


def bench_bbc_precision() -> bool:
    """Issue 8: precision per reported relation on the hand-labelled pairs of bbc_pairs."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = unpack_bbc(Path(tmp))
        started = time.perf_counter()
        run = scan([folder], Path(tmp) / "out", html=False)
        seconds = time.perf_counter() - started
    result = bbc_pairs.score(
        bbc_pairs.relations(run.result.pairs),
        bbc_pairs.read_labels(),
        bbc_duplicate_groups(),
    )
    title = f"BBC News: pair precision on hand-labelled pairs ({seconds:.1f} s)"
    console.print(bbc_pairs.table(result, title))
    for line in bbc_pairs.details(result):
        console.print(line, highlight=False)
    return result.ok


BENCHMARKS: dict[str, Callable[[], bool]] = {
    "seeds": bench_seeds,
    "clough": bench_clough,
    "bbc": bench_bbc,
    "bbc-precision": bench_bbc_precision,
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("names", nargs="*", choices=[*BENCHMARKS, []], default=[])
    names = parser.parse_args(argv).names or list(BENCHMARKS)
    if not DATA.is_dir():
        console.print(f"benchmark data not found at {DATA}: clone unspin next to shared/")
        return 2
    results = {name: BENCHMARKS[name]() for name in names}
    console.print("  ".join(f"{n}: {'PASS' if ok else 'FAIL'}" for n, ok in results.items()))
    return 0 if all(results.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
