"""Draw the labelled sample of benchmarks/bbc_pairs from a scan's pairs.jsonl (issue 8).

    python -m benchmarks.bbc_pairs.sample /tmp/bbc_before/pairs.jsonl

Prints one JSON line per drawn pair (a, b, reported_as, drawn). The procedure, so that the
same input gives the same sample: drop the byte-identical pairs
(``benchmarks.datasets.bbc_duplicate_groups``); group the rest by reported relation; sort
each group by (a, b); draw ``STRATA[relation]`` pairs from it with
``random.Random(f"{SEED}/{relation}").sample`` (all of a group if it is smaller); then add
the ``NAMED`` pairs with ``drawn: false`` when the draw missed them.
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # run as a script: make `benchmarks` importable
    sys.path.insert(0, str(ROOT))

from benchmarks.datasets import bbc_duplicate_groups  # noqa: E402

SEED = 20261201
STRATA = {"duplicate": 25, "rewrite": 35, "partial": 40}
# Independent reports of one event named in issue 8, labelled whether drawn or not.
NAMED = (("sport/033", "sport/054"), ("politics/217", "politics/309"))


def draw(pairs: list[dict[str, object]], identical: set[frozenset[str]]) -> list[dict[str, object]]:
    by_relation: dict[str, list[tuple[str, str]]] = {r: [] for r in STRATA}
    reported: dict[frozenset[str], str] = {}
    for pair in pairs:
        a, b, relation = str(pair["a"]), str(pair["b"]), str(pair["relation"])
        if frozenset((a, b)) in identical:
            continue
        by_relation[relation].append((a, b))
        reported[frozenset((a, b))] = relation
    sample = []
    for relation, size in STRATA.items():
        group = sorted(by_relation[relation])
        chosen = random.Random(f"{SEED}/{relation}").sample(group, min(size, len(group)))
        sample += [{"a": a, "b": b, "reported_as": relation, "drawn": True} for a, b in chosen]
    drawn = {frozenset((str(s["a"]), str(s["b"]))) for s in sample}
    for a, b in NAMED:
        if frozenset((a, b)) not in drawn:
            was = reported.get(frozenset((a, b)))
            sample.append({"a": a, "b": b, "reported_as": was, "drawn": False})
    return sample


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    with Path(args[0]).open(encoding="utf-8") as f:
        pairs = [json.loads(line) for line in f if line.strip()]
    identical = {frozenset(g) for g in bbc_duplicate_groups()}
    for record in draw(pairs, identical):
        print(json.dumps(record))
    return 0


if __name__ == "__main__":
    sys.exit(main())
