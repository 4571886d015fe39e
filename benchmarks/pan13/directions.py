"""``python -m benchmarks.pan13.directions [--per-class N]``: which side unspin names as the
source, on PAN 2013's labelled pairs (the source document is known for each).

PAN's suspicious documents are essays with source passages pasted in, undated: direction
has only the texts to go on. Printed per class: pairs found, and of those the share whose
direction names the source (right), the suspicious document (reversed) or neither (none),
with how often each signal pointed which way.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict

from benchmarks.pan13 import corpus

# The classes with reuse in them; the no-plagiarism pairs have no direction to get right.
CLASSES = tuple(k for k in corpus.CLASSES if k != "01-no-plagiarism")


def measure(per_class: int | None, seed: int) -> dict[str, dict[str, Counter[str]]]:
    from unspin.api import compare_documents
    from unspin.model import Document

    loaded = corpus.load()
    verdicts: dict[str, Counter[str]] = defaultdict(Counter)
    signals: dict[str, Counter[str]] = defaultdict(Counter)
    for pair in corpus.sample(loaded, per_class, seed, CLASSES):
        found = compare_documents(
            Document("susp", loaded.texts[pair.susp]), Document("src", loaded.texts[pair.src])
        ).pairs
        if not found:
            verdicts[pair.klass]["missed"] += 1
            continue
        result = found[0]
        named = {"a->b": result.a, "b->a": result.b}.get(result.direction or "")
        verdict = "none" if named is None else ("right" if named == "src" else "reversed")
        verdicts[pair.klass][verdict] += 1
        for name, weight in result.direction_evidence:
            toward_source = weight if result.a == "src" else -weight
            signals[pair.klass][f"{name} {'right' if toward_source > 0 else 'reversed'}"] += 1
    return {k: {"verdicts": verdicts[k], "signals": signals[k]} for k in CLASSES}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.pan13.directions")
    parser.add_argument("--per-class", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    if not corpus.available():
        print(f"PAN 2013 is not at {corpus.TARBALL}", file=sys.stderr)
        return 1
    measured = measure(args.per_class, args.seed)
    print("| class | found | right | reversed | none | signals (right / reversed) |")
    print("|---|---|---|---|---|---|")
    for klass, found in measured.items():
        v = found["verdicts"]
        total = v["right"] + v["reversed"] + v["none"]
        names = sorted({s.rsplit(" ", 1)[0] for s in found["signals"]})
        counted = ", ".join(
            f"{n} {found['signals'][n + ' right']}/{found['signals'][n + ' reversed']}"
            for n in names
        )
        share = {k: f"{v[k] / total:.2f}" if total else "-" for k in ("right", "reversed", "none")}
        print(
            f"| {klass} | {total} | {share['right']} | {share['reversed']} | {share['none']} "
            f"| {counted} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
