"""``python -m benchmarks.boilerplate run [--templates held-out|tuning|both] [--sites] [--show N]``

Generates the wrapped corpus with each template set and scores unspin's boilerplate marks
two ways: as a scan marks them (patterns, plus the lines repeated across the corpus, and
across each site with ``--sites``), and page by page with no corpus at all (what the rules
of form alone find, as ``unspin compare`` of two pages sees them).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from benchmarks.boilerplate.generate import DEFAULT_SEED, Doc, generate
from benchmarks.boilerplate.score import Tally, score
from benchmarks.boilerplate.templates import KINDS, SETS

from unspin.boilerplate import mark_boilerplate
from unspin.boilerplate.repeated import NO_SITE
from unspin.model import BoilerplateSpan, Document
from unspin.pipeline import site_templates

FLOORS = Path(__file__).with_name("floors.json")


def documents(docs: list[Doc], with_sites: bool) -> list[Document]:
    def site(doc: Doc) -> str | None:
        if not with_sites:
            return None
        return doc.id.split("/")[0] + (".example" if doc.role == "farm" else ".co.uk")

    return [Document(d.id, d.text, site=site(d)) for d in docs]


def mark(docs: list[Document], corpus: bool) -> dict[str, tuple[BoilerplateSpan, ...]]:
    templates = site_templates(docs) if corpus else {}
    return {
        d.id: mark_boilerplate(d.text, templates.get(d.site or NO_SITE, frozenset())) for d in docs
    }


def evaluate(set_name: str, *, seed: int, with_sites: bool) -> dict[str, Tally]:
    docs = generate(SETS[set_name], seed=seed)
    inputs = documents(docs, with_sites)
    return {
        "scan": score(docs, mark(inputs, corpus=True)),
        "page alone": score(docs, mark(inputs, corpus=False)),
    }


def metrics(tally: Tally) -> dict[str, float]:
    out = {"precision": tally.precision(), "recall": tally.recall()}
    for kind in KINDS:
        if tally.gold[kind]:
            out[f"recall {kind}"] = tally.recall(kind)
    for kind in sorted(tally.marked):
        out[f"precision as {kind}"] = tally.precision(kind)
    return out


def below_floor(results: dict[str, dict[str, Tally]]) -> list[str]:
    """Every metric under its floor in floors.json, as "held-out, scan: recall 0.85 < 0.90"."""
    floors = json.loads(FLOORS.read_text(encoding="utf-8"))
    failing = []
    for column, wanted in floors.items():
        if column.startswith("_"):
            continue
        name, mode = column.split(", ")
        measured = metrics(results[name][mode])
        for metric, floor in wanted.items():
            value = measured.get(metric, 0.0)
            if value < floor:
                failing.append(f"{column}: {metric} {value:.3f} < {floor:.3f}")
    return failing


def print_table(results: dict[str, dict[str, Tally]]) -> None:
    columns = [(s, mode) for s, modes in results.items() for mode in modes]
    rows: list[str] = []
    for s, mode in columns:
        for key in metrics(results[s][mode]):
            if key not in rows:
                rows.append(key)
    print("| | " + " | ".join(f"{s}, {mode}" for s, mode in columns) + " |")
    print("|---" * (len(columns) + 1) + "|")
    for key in rows:
        cells = []
        for s, mode in columns:
            value = metrics(results[s][mode]).get(key)
            cells.append("" if value is None else f"{value:.3f}")
        print(f"| {key} | " + " | ".join(cells) + " |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.boilerplate")
    parser.add_argument("command", choices=["run"])
    parser.add_argument("--templates", choices=[*SETS, "both"], default="both")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--sites", action="store_true", help="give each farm its site")
    parser.add_argument("--show", type=int, default=0, help="print N missed and N wrong lines")
    parser.add_argument("--out", type=Path, help="write the metrics as JSON")
    args = parser.parse_args(argv)
    names = list(SETS) if args.templates == "both" else [args.templates]
    started = time.perf_counter()
    results = {n: evaluate(n, seed=args.seed, with_sites=args.sites) for n in names}
    print_table(results)
    print(f"\n{time.perf_counter() - started:.1f} s", file=sys.stderr)
    for name, modes in results.items():
        for mode, tally in modes.items():
            for title, lines in (("missed", tally.missed_lines), ("wrong", tally.wrong_lines)):
                for doc, kind, text in lines[: args.show]:
                    print(f"{name}, {mode}, {title}: {doc} [{kind}] {text!r}")
    if args.out:
        payload = {n: {m: metrics(t) for m, t in modes.items()} for n, modes in results.items()}
        args.out.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
