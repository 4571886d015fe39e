"""The one results table: rows are transformations and measures, columns are methods."""

from __future__ import annotations

from typing import Any

from benchmarks.spun_news.labels import TRANSFORMATIONS

NA = "n/a"


def _pair(result: dict[str, Any], row: str) -> str:
    s = result["pairs"][row]
    return f"{s['precision']:.2f} / {s['recall']:.2f} / {s['f1']:.2f}"


def _plagdet(result: dict[str, Any], row: str) -> str:
    if "plagdet" not in result:
        return NA
    s = result["plagdet"][row]
    return (
        f"{s['plagdet']:.2f} (P {s['precision']:.2f} R {s['recall']:.2f} g {s['granularity']:.2f})"
    )


def _spans(result: dict[str, Any], key: str) -> str:
    if key not in result:
        return NA
    s = result[key]
    return f"{s['precision']:.2f} / {s['recall']:.2f} / {s['f1']:.2f}"


def _direction(result: dict[str, Any], row: str) -> str:
    if "direction" not in result:
        return NA
    s = result["direction"][row]
    return f"{s['accuracy']:.2f} ({s['right']} / {s['reversed']} / {s['none']})"


def _original(result: dict[str, Any]) -> str:
    if "originals" not in result:
        return NA
    s = result["originals"]
    return f"{s['accuracy']:.2f} of {s['families']}"


def rows(results: dict[str, dict[str, Any]]) -> list[list[str]]:
    """Header row first; a method that could not run shows n/a in every cell."""
    methods = list(results)
    table = [["transformation / measure", *methods]]

    def add(label: str, cell: Any) -> None:
        cells = [cell(results[m]) if results[m].get("available") else NA for m in methods]
        table.append([label, *cells])

    for name in (*TRANSFORMATIONS, "all"):
        add(f"{name}: pair P / R / F1", lambda r, n=name: _pair(r, n))
        add(f"{name}: PlagDet", lambda r, n=name: _plagdet(r, n))
    for name in (*TRANSFORMATIONS, "all"):
        add(f"{name}: direction right / reversed / none", lambda r, n=name: _direction(r, n))
    add("families: ARI", lambda r: f"{r['family_ari']:.3f}")
    add("families: original is the labelled source", lambda r: _original(r))
    add("wrapped: boilerplate chars P / R / F1", lambda r: _spans(r, "boilerplate"))
    add("compilation: inserted chars P / R / F1", lambda r: _spans(r, "inserted"))
    add("wall time (s)", lambda r: f"{r['wall_s']:.1f}")
    add("peak memory (MiB)", lambda r: f"{r['peak_mib']:.0f}")
    return table


def markdown(table: list[list[str]]) -> str:
    lines = ["| " + " | ".join(table[0]) + " |", "|" + "---|" * len(table[0])]
    lines += ["| " + " | ".join(row) + " |" for row in table[1:]]
    return "\n".join(lines)


def render(results: dict[str, dict[str, Any]]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = rows(results)
    out = Table(title="spun_news: pair P / R / F1 by transformation; PlagDet (P, R, granularity)")
    for header in table[0]:
        out.add_column(header)
    for row in table[1:]:
        out.add_row(*row)
    Console(width=200).print(out)
    for method, result in results.items():
        if not result.get("available"):
            print(f"{method}: n/a - {result.get('note', '')}")
