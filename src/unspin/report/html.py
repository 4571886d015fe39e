"""A self-contained HTML report: the texts of each pair side by side, reuse highlighted.

The highlighting is built by cutting a text at every span boundary into segments; each
segment carries every mark (passage, substitution, boilerplate, insertion) that covers it,
so overlapping spans never need nesting. The template escapes all document text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import pairwise
from pathlib import Path
from typing import Any, Literal

import jinja2

from unspin import __version__
from unspin.model import Document, DocumentReport, PairResult, RunResult
from unspin.normalize import tokenize
from unspin.report.embed import asset, script_json
from unspin.report.jsonl import family_link_record, family_record

MAX_PAIRS = 200
# Pairs shown at a time in a report; the rest are a click away (search, sort, pages).
PAGE_PAIRS = 25
_SCAN_TITLE = "unspin scan of "
EXCERPT_CHARS = 160
_TEMPLATES = Path(__file__).parent / "templates"
_DIRECTIONS = {"a->b": "A → B (A is the likely source)", "b->a": "B → A (B is the likely source)"}


@dataclass(frozen=True)
class Mark:
    """A span of one text to highlight: CSS classes, an optional passage label, a tooltip."""

    start: int
    end: int
    cls: str
    label: str | None = None
    title: str | None = None


@dataclass(frozen=True)
class Segment:
    """A maximal run of text covered by the same marks."""

    start: int
    end: int
    text: str
    marks: tuple[Mark, ...] = ()

    @property
    def classes(self) -> str:
        return " ".join(dict.fromkeys(c for m in self.marks for c in m.cls.split()))

    @property
    def labels(self) -> str:
        """Labels of all passages covering this segment, space separated."""
        return " ".join(dict.fromkeys(m.label for m in self.marks if m.label))

    @property
    def starts(self) -> str:
        """Labels of the passages that begin at this segment."""
        return ",".join(
            dict.fromkeys(m.label for m in self.marks if m.label and m.start == self.start)
        )

    @property
    def title(self) -> str:
        return "\n".join(dict.fromkeys(m.title for m in self.marks if m.title))


def segments(text: str, marks: Iterable[Mark]) -> list[Segment]:
    """Cut ``text`` at every mark boundary; concatenating the segments gives ``text`` back.

    Marks are clipped to the text and empty ones dropped; each segment lists the marks
    covering it in their input order.
    """
    n = len(text)
    clipped = (replace(m, start=max(0, m.start), end=min(n, m.end)) for m in marks)
    kept = [m for m in clipped if m.start < m.end]
    cuts = sorted({0, n, *(m.start for m in kept), *(m.end for m in kept)})
    order = sorted(range(len(kept)), key=lambda i: kept[i].start)
    active: list[int] = []
    nxt = 0
    out: list[Segment] = []
    for lo, hi in pairwise(cuts):
        active = [i for i in active if kept[i].end > lo]
        while nxt < len(order) and kept[order[nxt]].start <= lo:
            active.append(order[nxt])
            nxt += 1
        out.append(Segment(lo, hi, text[lo:hi], tuple(kept[i] for i in sorted(active))))
    return out


TokenBounds = tuple[frozenset[int], frozenset[int]]


def token_bounds(text: str, start: int, end: int) -> TokenBounds:
    """Where the tokens of ``text[start:end]`` start and end, as unspin's tokenizer cuts it."""
    tokens = tokenize(text[start:end])
    return (
        frozenset(start + s for s in tokens.starts),
        frozenset(start + e for e in tokens.ends),
    )


def find_word(
    text: str, word: str, start: int, end: int, bounds: TokenBounds | None = None
) -> list[tuple[int, int]]:
    """Occurrences of ``word`` in ``text[start:end]`` that are whole tokens: case-sensitive,
    else not.

    A match must start where a token starts and end where one ends, so "10" is not found
    in "$10.9bn" (one number token, "10.9") nor "Russia" in "Russian"; a substitution of
    several words ("Russian Federation") spans several whole tokens.
    """
    if not word.strip() or start >= end:
        return []
    starts, ends = bounds if bounds is not None else token_bounds(text, start, end)
    for flags in (0, re.IGNORECASE):
        found = [
            m.span()
            for m in re.compile(re.escape(word), flags).finditer(text, start, end)
            if m.start() in starts and m.end() in ends
        ]
        if found:
            return found
    return []


def document_marks(report: DocumentReport | None) -> list[Mark]:
    """Boilerplate and inserted spans of one document."""
    if report is None:
        return []
    marks = [Mark(b.start, b.end, "bp", None, f"boilerplate: {b.kind}") for b in report.boilerplate]
    for s in report.inserted:
        topic = "off-topic" if s.off_topic else "on-topic"
        source = s.source or "unattributed"
        tip = f"inserted; source: {source}; {topic} (topic similarity {s.score:.2f})"
        marks.append(Mark(s.start, s.end, "ins", None, tip))
    return marks


def passage_marks(pair: PairResult, side: Literal["a", "b"], text: str) -> list[Mark]:
    """One mark per passage (labelled 1, 2, …) and one per substituted word inside it."""
    marks: list[Mark] = []
    for num, p in enumerate(pair.passages, 1):
        start, end = (p.a_start, p.a_end) if side == "a" else (p.b_start, p.b_end)
        tip = f"#{num} {p.kind}, similarity {p.similarity:.2f}"
        marks.append(Mark(start, end, f"p k-{p.kind}", str(num), tip))
        lo, hi = max(0, start), min(len(text), end)
        bounds = token_bounds(text, lo, hi) if p.substitutions else None
        for a_word, b_word in p.substitutions:
            word = a_word if side == "a" else b_word
            for s, e in find_word(text, word, lo, hi, bounds):
                marks.append(Mark(s, e, "sub", None, f"{a_word} → {b_word}"))
    return marks


def excerpt(text: str, start: int, end: int, limit: int = EXCERPT_CHARS) -> str:
    """``text[start:end]`` on one line, cut to ``limit`` characters."""
    flat = " ".join(text[max(0, start) : max(0, end)].split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


@dataclass(frozen=True)
class PassageRow:
    num: int
    kind: str
    similarity: str
    a_excerpt: str
    b_excerpt: str
    substitutions: str


@dataclass(frozen=True)
class PairView:
    num: int
    a: str
    b: str
    relation: str
    score: str
    coverage_a: str
    coverage_b: str
    direction: str | None
    a_segments: list[Segment] | None  # None: the text is not available
    b_segments: list[Segment] | None
    rows: list[PassageRow]


def _label(doc_id: str, title: str | None) -> str:
    return f"{doc_id} — {title}" if title else doc_id


def _pair_view(
    num: int,
    pair: PairResult,
    documents: Mapping[str, Document],
    reports: Mapping[str, DocumentReport],
    names: Mapping[str, str],
) -> PairView:
    def side(doc_id: str, which: Literal["a", "b"]) -> list[Segment] | None:
        doc = documents.get(doc_id)
        if doc is None:
            return None
        marks = document_marks(reports.get(doc_id)) + passage_marks(pair, which, doc.text)
        return segments(doc.text, marks)

    text_a = documents[pair.a].text if pair.a in documents else ""
    text_b = documents[pair.b].text if pair.b in documents else ""
    rows = [
        PassageRow(
            num=i,
            kind=p.kind,
            similarity=f"{p.similarity:.2f}",
            a_excerpt=excerpt(text_a, p.a_start, p.a_end),
            b_excerpt=excerpt(text_b, p.b_start, p.b_end),
            substitutions=", ".join(f"{x} → {y}" for x, y in p.substitutions),
        )
        for i, p in enumerate(pair.passages, 1)
    ]
    return PairView(
        num=num,
        a=names.get(pair.a, pair.a),
        b=names.get(pair.b, pair.b),
        relation=pair.relation,
        score=f"{pair.score:.2f}",
        coverage_a=f"{pair.coverage_a:.0%}",
        coverage_b=f"{pair.coverage_b:.0%}",
        direction=_DIRECTIONS.get(pair.direction) if pair.direction else None,
        a_segments=side(pair.a, "a"),
        b_segments=side(pair.b, "b"),
        rows=rows,
    )


def scan_title(n_documents: int) -> str:
    return f"{_SCAN_TITLE}{n_documents} documents"


def is_scan_report(path: Path) -> bool:
    """Whether ``path`` is the report.html of an unspin scan (its title says so)."""
    try:
        with path.open(encoding="utf-8", errors="replace") as page:
            head = page.read(4096)
    except OSError:
        return False
    return head.startswith("<!DOCTYPE html>") and f"<title>{_SCAN_TITLE}" in head


# The chart shows the sites with the highest farm scores; the table lists every site.
SITES_IN_CHART = 30
# One colour for each part of the farm score (`unspin.sites`).
SITE_COLOURS = {
    "reused": "#d9534f",
    "spun": "#f0ad4e",
    "boilerplate": "#9b8bd6",
    "spliced": "#5bc0de",
}


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(_TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render_html(
    result: RunResult,
    documents: Mapping[str, Document],
    *,
    title: str = "unspin report",
    notes: Sequence[str] = (),
    max_pairs: int = MAX_PAIRS,
    sites: Sequence[Mapping[str, Any]] = (),
) -> str:
    """The whole report as one HTML page: inline CSS and JS, no external assets; with
    ``sites`` (the records of ``sites.jsonl``), a section on them with a chart."""
    reports = {d.id: d for d in result.documents}
    sites = list(sites)
    titles = {i: d.title for i, d in documents.items()}
    titles.update({i: r.title or titles.get(i) for i, r in reports.items()})
    names = {i: _label(i, t) for i, t in titles.items()}
    shown = result.pairs[: max(0, max_pairs)]
    pairs = [_pair_view(n, p, documents, reports, names) for n, p in enumerate(shown, 1)]
    return (
        _environment()
        .get_template("report.html")
        .render(
            title=title,
            generator=f"unspin {__version__}",
            notes=list(notes),
            n_documents=len(result.documents) or len(documents),
            n_pairs=len(result.pairs),
            n_families=len(result.families),
            summary=result.summary,
            pairs=pairs,
            omitted=len(result.pairs) - len(shown),
            families=result.families,
            rejects=result.rejects,
            names=names,
            page_size=PAGE_PAIRS,
            sites=sites,
            sites_shown=sites[:SITES_IN_CHART],
            site_colours=list(SITE_COLOURS.items()),
            site_colour=SITE_COLOURS,
            graph_js=asset("graph.js"),
            data_json=script_json(_graph_data(result, titles)),
        )
    )


def _graph_data(result: RunResult, titles: Mapping[str, str | None]) -> dict[str, object]:
    """What the report's family graphs are drawn from: every family and every pair."""
    members = {m for f in result.families for m in f.members}
    return {
        "families": [family_record(f) for f in result.families],
        "links": [family_link_record(p) for p in result.pairs if p.a in members],
        "titles": {m: {"title": titles.get(m)} for m in sorted(members)},
    }
