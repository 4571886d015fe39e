"""Results in the terminal, with rich."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import replace

from rich.console import Console
from rich.table import Table

from unspin.model import (
    RELATIONS,
    Document,
    DocumentReport,
    IngestSummary,
    PairResult,
    RunResult,
    Trace,
)

KIND_STYLE = {"verbatim": "green", "spun": "yellow", "paraphrase": "cyan"}
EXCERPT = 90


def excerpt(text: str, start: int, end: int, width: int = EXCERPT) -> str:
    piece = " ".join(text[start:end].split())
    return piece if len(piece) <= width else piece[: width - 1] + "…"


def _label(doc: Document) -> str:
    parts = [f"[bold]{doc.id}[/bold]"]
    if doc.title:
        parts.append(f"“{doc.title}”")
    parts.append(doc.date or "no date")
    if doc.site:
        parts.append(doc.site)
    return "  ".join(parts)


def _signals(pair: PairResult) -> str:
    """The signals behind a pair's direction, strongest first, those against it marked."""
    toward = 1 if pair.direction == "a->b" else -1
    ranked = sorted(pair.direction_evidence, key=lambda item: -abs(item[1]))
    return ", ".join(name if weight * toward > 0 else f"not {name}" for name, weight in ranked)


def print_pair(console: Console, pair: PairResult, docs: Mapping[str, Document]) -> None:
    a, b = docs[pair.a], docs[pair.b]
    direction = {"a->b": f"{a.id} → {b.id}", "b->a": f"{b.id} → {a.id}"}.get(
        pair.direction or "", "unknown (no evidence either way)"
    )
    if pair.confidence is not None:
        direction += f" (confidence {pair.confidence:.2f}: {_signals(pair)})"
    # Copied wording only; the share merely reworded is shown apart, never added to it.
    reworded = (
        f" (reworded A {pair.paraphrase_a:.0%}  B {pair.paraphrase_b:.0%})"
        if pair.paraphrase_a or pair.paraphrase_b
        else ""
    )
    console.print(
        f"[bold]{pair.relation}[/bold]  score {pair.score:.2f}  "
        f"copied A {pair.coverage_a:.0%}  B {pair.coverage_b:.0%}{reworded}  "
        f"direction: {direction}"
    )
    table = Table(show_lines=True, expand=True)
    for column in ("#", "kind", "sim", "A", "B", "substitutions"):
        table.add_column(column, overflow="fold")
    for n, p in enumerate(pair.passages, 1):
        style = KIND_STYLE.get(p.kind, "")
        subs = ", ".join(f"{x} → {y}" for x, y in p.substitutions)
        table.add_row(
            str(n),
            f"[{style}]{p.kind}[/{style}]",
            f"{p.similarity:.2f}",
            excerpt(a.text, p.a_start, p.a_end),
            excerpt(b.text, p.b_start, p.b_end),
            subs,
        )
    console.print(table)


def print_marks(console: Console, report: DocumentReport, doc: Document) -> None:
    if report.inserted:
        console.print(f"[bold]Inserted in {doc.id}[/bold] (not explained by its main source):")
        for span in report.inserted:
            where = f"from {span.source}" if span.source else "unattributed"
            topic = "off-topic" if span.off_topic else "on-topic"
            console.print(
                f"  [red]✚[/red] {where}, {topic} ({span.score:.2f}): "
                f"{excerpt(doc.text, span.start, span.end)}"
            )
    if report.boilerplate:
        console.print(f"[bold]Boilerplate in {doc.id}[/bold]:")
        for mark in report.boilerplate:
            console.print(
                f"  [dim]{mark.kind:<14} {excerpt(doc.text, mark.start, mark.end, 70)}[/dim]"
            )


def print_compare(console: Console, result: RunResult, docs: Mapping[str, Document]) -> None:
    ids = [d.id for d in result.documents]
    console.print(f"A  {_label(docs[ids[0]])}")
    console.print(f"B  {_label(docs[ids[1]])}")
    if not result.pairs:
        console.print("[bold]No reuse found[/bold]: the two documents share no aligned passage.")
    for pair in result.pairs:
        print_pair(console, pair, docs)
    for report in result.documents:
        print_marks(console, report, docs[report.id])


TOP = 3


def print_read_counts(console: Console, s: IngestSummary) -> None:
    # renamed: kept under a derived id (theirs was taken); warnings: about kept records.
    console.print(
        f"read {s.read}  kept {s.kept}  rejected {s.rejected}  renamed {s.renamed}  "
        f"warnings {s.warnings}"
    )


def print_found_counts(
    console: Console, candidates: int, relations: Mapping[str, int], families: int
) -> None:
    """Pairs aligned and found, by relation, and families."""
    found = ", ".join(f"{relations.get(r, 0)} {r}" for r in RELATIONS)
    pairs = sum(relations.values())
    console.print(f"{candidates} candidate pairs aligned → {pairs} pairs ({found})")
    console.print(f"{families} families")


def print_scan_summary(
    console: Console, result: RunResult, seconds: float, candidates: int
) -> None:
    """Counts, then the largest families and the strongest pairs, each with what to look at."""
    print_read_counts(console, result.summary)
    relations: Counter[str] = Counter(p.relation for p in result.pairs)
    print_found_counts(console, candidates, relations, len(result.families))
    largest = sorted(result.families, key=lambda f: (-len(f.members), f.id))[:TOP]
    for family in largest:
        console.print(
            f"  family {family.id}: {len(family.members)} members, original {family.original}",
            markup=False,
        )
    if result.pairs:
        console.print("strongest pairs:")
    for pair in sorted(result.pairs, key=lambda p: (-p.score, p.a, p.b))[:TOP]:
        console.print(
            f"  {pair.a} ↔ {pair.b}: {pair.relation}, score {pair.score:.2f}", markup=False
        )
    console.print(f"done in {seconds:.1f} s")


def print_trace(console: Console, trace: Trace, docs: Mapping[str, Document]) -> None:
    """The sources of a traced article, best first; the best one passage by passage; the
    article's inserted spans, boilerplate and family."""
    article = docs[trace.article.id]
    console.print(f"Article  {_label(article)}")
    if not trace.sources:
        console.print(
            f"[bold]No source found[/bold] in the index ({trace.candidates} candidates, "
            f"{trace.aligned} aligned): no passage of this article is shared."
        )
    else:
        table = Table(title=f"{len(trace.sources)} sources", expand=True)
        for column in ("#", "source", "relation", "matched", "words", "direction", "date"):
            table.add_column(column, overflow="fold")
        arrows = {"source": "its source", "copy": "copied it", None: "unknown"}
        for n, source in enumerate(trace.sources, 1):
            doc = docs.get(source.id)
            table.add_row(
                str(n),
                source.id + (f"  “{doc.title}”" if doc and doc.title else ""),
                source.relation,
                f"{source.matched:.0%}",
                str(source.words),
                arrows[source.direction],
                (doc.date if doc else None) or "-",
            )
        console.print(table)
        best = trace.sources[0]
        console.print(f"Best source: [bold]{best.id}[/bold] (A: the article, B: the source)")
        # The pair seen from the article, with the trace's share and filtered passages.
        seen = best.pair.seen_from(article.id)
        shown = replace(seen, coverage_a=best.matched, passages=best.passages)
        print_pair(console, shown, docs)
    print_marks(console, trace.article, article)
    if trace.family is not None:
        family = trace.family
        console.print(
            f"Family {family.id}: {len(family.members)} members, likely original {family.original}",
            markup=False,
        )
