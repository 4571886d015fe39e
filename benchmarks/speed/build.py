"""Corpora of any size built like the spun-news benchmark, with their labelled pairs.

One spun-news corpus holds at most ~5,000 documents (the BBC archive has 2,225 articles), so
a larger one is several of them, each from its own seed, ids prefixed by part (``p003-``).
Every part draws on the same BBC articles, so sources repeat across parts as exact copies
and derived documents of one article meet across parts: syndication, as in real news.
Labelled pairs are each part's (derived document, source) pairs.
"""

from __future__ import annotations

import json
import math
import tempfile
from pathlib import Path
from typing import Any

from benchmarks.spun_news.generate import generate
from benchmarks.spun_news.labels import read_jsonl, read_labels

PART_SIZE = 5000
FORMATS = ("jsonl", "txt")


def build(out: Path, size: int, seed: int = 1, formats: tuple[str, ...] = ("jsonl",)) -> Path:
    """Write ``corpus.jsonl`` (and a ``txt/`` folder) and ``truth.json`` into ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    parts = max(1, math.ceil(size / PART_SIZE))
    records: list[dict[str, Any]] = []
    true_pairs: list[list[str]] = []
    for part in range(parts):
        wanted = min(PART_SIZE, size - part * PART_SIZE)
        prefix = f"p{part:03d}-" if parts > 1 else ""
        with tempfile.TemporaryDirectory() as scratch:
            folder = Path(scratch)
            generate(folder, max(40, wanted), seed + part)
            for record in read_jsonl(folder / "corpus.jsonl"):
                records.append({**record, "id": prefix + str(record["id"])})
            for doc_id, label in read_labels(folder / "labels.jsonl").items():
                true_pairs.extend([prefix + doc_id, prefix + s] for s in label.sources)
    with (out / "corpus.jsonl").open("w", encoding="utf-8") as corpus:
        for record in records:
            corpus.write(json.dumps(record, ensure_ascii=False) + "\n")
    if "txt" in formats:
        folder = out / "txt"
        folder.mkdir(exist_ok=True)
        for record in records:
            (folder / f"{record['id']}.txt").write_text(str(record["text"]), encoding="utf-8")
    truth = {"documents": len(records), "true_pairs": sorted(true_pairs)}
    (out / "truth.json").write_text(json.dumps(truth), encoding="utf-8")
    return out / "corpus.jsonl"


def true_pairs(folder: Path) -> set[frozenset[str]]:
    truth = json.loads((folder / "truth.json").read_text(encoding="utf-8"))
    return {frozenset(pair) for pair in truth["true_pairs"]}
