"""The scan summary in the terminal: the counts, then what to look at first."""

from __future__ import annotations

import io

from rich.console import Console

from unspin.model import Family, IngestSummary, PairResult, Relation, RunResult
from unspin.report.terminal import print_scan_summary


def summary_of(result: RunResult) -> list[str]:
    out = io.StringIO()
    print_scan_summary(Console(file=out, width=200), result, 1.5, 9)
    return out.getvalue().splitlines()


def pair(a: str, b: str, score: float, relation: Relation = "rewrite") -> PairResult:
    return PairResult(a, b, relation, score, 0.5, 0.5, None, ())


def test_the_summary_names_the_three_largest_families_and_strongest_pairs() -> None:
    families = (
        Family("f-small", ("a", "b"), "a"),
        Family("f-big", ("c", "d", "e", "f", "g"), "g"),
        Family("f-mid", ("h", "i", "j"), "j"),
        Family("f-four", ("k", "l", "m", "n"), "k"),
    )
    pairs = (
        pair("a", "b", 0.40, "partial"),
        pair("c", "d", 0.99, "duplicate"),
        pair("h", "i", 0.75),
        pair("k", "l", 0.81),
    )
    summary = IngestSummary(read=20, kept=18, rejected=2, warnings=3, renamed=1)
    lines = summary_of(RunResult((), pairs, families, (), summary))
    assert lines[0] == "read 20  kept 18  rejected 2  renamed 1  warnings 3"
    assert [line for line in lines if line.startswith("  family")] == [
        "  family f-big: 5 members, original g",
        "  family f-four: 4 members, original k",
        "  family f-mid: 3 members, original j",
    ]
    strongest = lines.index("strongest pairs:")
    assert lines[strongest + 1 : strongest + 4] == [
        "  c ↔ d: duplicate, score 0.99",
        "  k ↔ l: rewrite, score 0.81",
        "  h ↔ i: rewrite, score 0.75",
    ]
    assert lines[-1] == "done in 1.5 s"


def test_a_quiet_run_says_no_more_than_it_has() -> None:
    lines = summary_of(RunResult((), (), (), (), IngestSummary(read=2, kept=2)))
    assert lines[0] == "read 2  kept 2  rejected 0  renamed 0  warnings 0"
    assert not any("strongest" in line for line in lines)
    assert "0 families" in lines
