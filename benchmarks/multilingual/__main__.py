"""Command line: ``python -m benchmarks.multilingual run`` (from the repository root).

run   build each language's corpus, scan it, score, print the table and write
      ``out/multilingual/results-<label>.json``
score score the scans already in ``--out`` again (after a scorer change)
bbc   candidate pairs per document on the BBC archive (English), for comparison

Targets of issue 9: per language, recall ≥ 0.90 on exact copies and light edits, precision
≥ 0.95, candidate pairs per document in the range of English on BBC.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

from benchmarks.multilingual.generate import DEFAULT_SEED, LANGUAGES, TRANSFORMS, build, write

DEFAULT_OUT = Path("out/multilingual")
RECALL_TARGET = 0.90  # on exact and edit
PRECISION_TARGET = 0.95
# Two base articles sharing this many word 5-grams (Han: character 10-grams) that occur in at
# most NATURAL_MAX_DF base articles overlap naturally (the data README warns of them: two
# reports of one event, an agency story in several papers); a pair resting on them is neither
# right nor wrong and is left out of precision, as the BBC benchmark does (benchmarks/
# spun_news: >= 3 shared 5-grams in <= 4 articles). A pair of articles that share only
# widespread text (a site's promo footer, stock phrases) is "stock": wrong, counted apart.
NATURAL_SHARED_GRAMS = 3
NATURAL_MAX_DF = 4
_GRAM_WORD = re.compile(r"[\u3400-\u9fff]|\w+")


def _grams(text: str) -> set[tuple[str, ...]]:
    words = [w.lower() for w in _GRAM_WORD.findall(text)]
    n = 10 if re.search(r"[\u3400-\u9fff]", text) else 5
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


def scan_language(lang: str, out: Path, seed: int, workers: int) -> None:
    from unspin.api import scan

    folder = out / lang
    path = write(build(lang, seed), folder)
    scan([path], folder / "scan", html=False, workers=workers)


def score_language(lang: str, out: Path, seed: int) -> dict[str, Any]:
    """Score the scan in ``out/<lang>/scan`` against the truth of the seeded corpus."""
    corpus = build(lang, seed)
    folder = out / lang / "scan"
    derived = corpus["derived"]
    base_texts = {a.id: a.text for a in corpus["base"]}  # type: ignore[attr-defined]
    bases = {i: {i} for i in base_texts}
    for d in derived:  # type: ignore[attr-defined]
        bases[d.id] = {d.source} | ({d.host} if d.host else set())
    grams = {i: _grams(t) for i, t in base_texts.items()}
    df: Counter[tuple[str, ...]] = Counter(g for gs in grams.values() for g in gs)
    rare = {i: {g for g in gs if df[g] <= NATURAL_MAX_DF} for i, gs in grams.items()}
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    with (folder / "pairs.jsonl").open(encoding="utf-8") as lines:
        reported = {frozenset((p["a"], p["b"])) for p in map(json.loads, lines)}
    truth = {frozenset((d.source, d.id)): d.transform for d in derived}  # type: ignore[attr-defined]
    allowed = set(truth) | {
        frozenset((d.host, d.id))
        for d in derived  # type: ignore[attr-defined]
        if d.host
    }

    def shared(pair: frozenset[str], index: dict[str, set[tuple[str, ...]]]) -> bool:
        x, y = sorted(pair)
        return any(
            u == v or len(index[u] & index[v]) >= NATURAL_SHARED_GRAMS
            for u in bases[x]
            for v in bases[y]
        )

    right = wrong = naturals = stock = 0
    for pair in reported:
        if pair in allowed:
            right += 1
        elif shared(pair, rare):
            naturals += 1
        elif shared(pair, grams):
            stock += 1
        else:
            wrong += 1
    recall = {}
    for transform in TRANSFORMS:
        pairs = [p for p, t in truth.items() if t == transform]
        recall[transform] = [sum(p in reported for p in pairs), len(pairs)]
    documents = len(bases)
    candidates = manifest["counts"]["candidate_pairs"]
    return {
        "lang": lang,
        "documents": documents,
        "recall": recall,
        "reported": len(reported),
        "right": right,
        "wrong": wrong,
        "natural": naturals,
        "stock": stock,
        "precision": right / max(1, right + wrong + stock),
        "candidates": candidates,
        "candidates_per_doc": candidates / max(1, documents),
        "seconds": manifest["seconds"]["total"],
    }


def _share(found: list[int]) -> str:
    return f"{found[0] / max(1, found[1]):.2f} ({found[0]}/{found[1]})"


def table(results: list[dict[str, Any]]) -> str:
    head = (
        "| lang | docs | exact | cut | reorder | edit | precision | false / stock / natural pairs "
        "| candidates / doc | s | PASS |"
    )
    lines = [head, "|" + "---|" * 11]
    for r in results:
        rec = r["recall"]
        ok = (
            all(rec[t][0] >= RECALL_TARGET * rec[t][1] for t in ("exact", "edit"))
            and r["precision"] >= PRECISION_TARGET
        )
        lines.append(
            f"| {r['lang']} | {r['documents']} | "
            + " | ".join(_share(rec[t]) for t in TRANSFORMS)
            + f" | {r['precision']:.2f} | {r['wrong']} / {r.get('stock', 0)} / {r['natural']} "
            f"| {r['candidates_per_doc']:.2f} | {r['seconds']} | {'yes' if ok else 'no'} |"
        )
    return "\n".join(lines)


def bbc_candidates() -> dict[str, Any]:
    """Candidate pairs per document on the BBC archive: prepare and candidates only."""
    from benchmarks.datasets import unpack_bbc

    from unspin.candidates import candidate_pairs
    from unspin.ingest import read_corpus
    from unspin.pipeline import prepare_document, site_templates

    with tempfile.TemporaryDirectory() as tmp:
        folder = unpack_bbc(Path(tmp))
        documents, _, _ = read_corpus([folder])
        templates = site_templates(documents)
        prepared = [prepare_document(d, templates) for d in documents]
        pairs, stats = candidate_pairs(prepared)
    return {"documents": len(documents), "candidates": len(pairs), "stats": stats.__dict__}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.multilingual")
    parser.add_argument("command", nargs="?", default="run", choices=("run", "score", "bbc"))
    parser.add_argument("--langs", nargs="+", default=list(LANGUAGES), choices=LANGUAGES)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--label", default="after", help="name of the results file")
    args = parser.parse_args(argv)
    if args.command == "bbc":
        found = bbc_candidates()
        per = found["candidates"] / max(1, found["documents"])
        print(json.dumps(found), f"candidates per document: {per:.2f}")
        return 0
    results = []
    for lang in args.langs:
        print(f"{lang} ...", file=sys.stderr, flush=True)
        if args.command == "run":
            scan_language(lang, args.out, args.seed, args.workers)
        results.append(score_language(lang, args.out, args.seed))
        print(json.dumps(results[-1]), file=sys.stderr, flush=True)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / f"results-{args.label}.json").write_text(json.dumps(results, indent=1))
    print(table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
