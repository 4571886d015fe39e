"""Trace one article against an index: its sources, best first, and what was changed.

A trace is one query of the lexical index (`LexicalIndex.query`) followed by what a scan
does for that one article: the pre-alignment filter and best sources
(`unspin.candidates`), alignment and relations, its inserted spans and the family it joins.
So the trace of an article the index holds equals what a scan of the index's articles
reports for it (`tests/test_trace.py`). For an article the index does not hold it equals a
scan of the index's articles plus that one, but for one detail: its sources' own queries,
which decide whether the article is among *their* best sources, do not count it in their
document frequencies (a difference only for shingles held by more than `RARE_FULL_DF`
documents).

The inserted spans of an undated article depend on how much of its main source the rest
of the collection explains (`relate.EXPLAINED_MARGIN`); that one share is computed when it
is needed, by aligning the source with its own best sources, as a scan would.

Families: the trace reports the family made of the article and the sources it is paired
with (`families.build_families`), with its likely original. A scan's family can be larger
(sources of sources); `unspin scan` is what computes whole families.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from unspin.candidates import BEST_SOURCES, IdPair, worth_aligning
from unspin.errors import UsageError
from unspin.index.articles import ArticleIndex, record_digest
from unspin.index.cached import ReadCache
from unspin.index.features import DocFeatures, doc_features
from unspin.index.lexical import Candidate, LexicalIndex
from unspin.ingest.dates import DateError, parse_date
from unspin.model import (
    Document,
    Family,
    PairResult,
    Passage,
    Trace,
    TraceDirection,
    TracedSource,
)
from unspin.pipeline import (
    compare_prepared,
    document_reports,
    families_of,
    oriented_by_pieces,
    prepare_document,
)
from unspin.prepare import Prepared
from unspin.relate import PairEvidence, explained_share, pieces_share

# A passage counts as a quotation when at least this share of its characters, on the
# article's side, lies between quotation marks: reporters quote the same speech, and a
# fact-checker asking "who copied whom" wants the reporting, not the shared quote. Half, so
# that a passage running from a quote into the reporter's own words stays.
QUOTED_SHARE = 0.5
# Quotation marks, opening and closing alike; a quote is from one mark to the next on the
# same line (straight quotes cannot say which end they are).
_QUOTE = re.compile(r"[\"“”«»„]")
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class TraceOptions:
    """The filters users know from plagiarism checkers. Boilerplate is always left out."""

    min_words: int = 0  # passages with fewer words (on the article's side) are left out
    exclude_quotations: bool = False  # leave out passages that are mostly quotation
    before: str | None = None  # only sources published before this day, "YYYY-MM-DD"
    exclude_sites: frozenset[str] = frozenset()  # never report sources of these sites

    @property
    def filters_sources(self) -> bool:
        return self.before is not None or bool(self.exclude_sites)


def before_day(value: str | None, name: str = "before") -> str | None:
    """The day of a ``before`` filter as ``YYYY-MM-DD``; ``name`` is how the user gave it."""
    if value is None:
        return None
    try:
        day = parse_date(value)
    except DateError as err:
        raise UsageError(f"{name} {value!r}: {err}. Fix: give a day as YYYY-MM-DD") from err
    assert day is not None
    return day


@dataclass(frozen=True)
class Traced:
    trace: Trace
    documents: dict[str, Document] = field(default_factory=dict)  # the article, its sources


def trace(index: ArticleIndex, doc: Document, options: TraceOptions | None = None) -> Traced:
    """The sources of ``doc`` in ``index``. An article held under the same id with the same
    record is traced as itself (it is never its own source); one held under its id with
    another text is traced as a new article, renamed ``ID~new``."""
    digest = index.digest(doc.id)
    if digest is not None and digest != record_digest(doc):
        doc = Document(**{**doc.__dict__, "id": doc.id + "~new"})
    return _Tracer(index, doc, options or TraceOptions()).run()


class _Explained(Mapping[str, float]):
    """Explained shares, each computed the first time it is asked for."""

    def __init__(self, compute: _Tracer) -> None:
        self._tracer = compute
        self._known: dict[str, float] = {}

    def __getitem__(self, doc_id: str) -> float:
        if doc_id not in self._known:
            self._known[doc_id] = self._tracer.explained(doc_id)
        return self._known[doc_id]

    def __iter__(self) -> Iterator[str]:
        return iter(self._known)

    def __len__(self) -> int:
        return len(self._known)


class _Tracer:
    def __init__(self, index: ArticleIndex, article: Document, options: TraceOptions) -> None:
        self.index = index
        self.options = options
        self.article = article
        self.templates = index.templates()
        # The article's query and the reverse checks read the same keys again and again.
        self.reads = ReadCache(index.store)
        self.lexical = LexicalIndex(self.reads)
        self.held = article.id in index
        self._documents: dict[str, Document] = {article.id: article}
        self._prepared: dict[str, Prepared] = {}
        self._features: dict[str, DocFeatures] = {}
        self._candidates: dict[str, list[Candidate]] = {}
        self._aligned: dict[IdPair, PairEvidence | None] = {}
        self._pieces: dict[str, float] = {}

    def run(self) -> Traced:
        me = self.article.id
        found = self.candidates(me)
        if self.options.filters_sources:
            found = [c for c in found if self._allowed(self.document(c.id))]
        evidence = oriented_by_pieces(self.pairs(me, found), self.pieces)
        report = document_reports([me], self.prepared, evidence, _Explained(self))[0]
        results = [e.result for e in evidence]
        sources = [s for s in (self._source(e.result.seen_from(me)) for e in evidence) if s]
        sources.sort(key=source_rank)
        documents = {d: self.document(d) for d in [me, *(s.id for s in sources)]}
        family, links = self._family(results)
        found_trace = Trace(report, tuple(sources), family, len(found), len(evidence), links)
        return Traced(found_trace, documents)

    def _family(self, results: list[PairResult]) -> tuple[Family | None, tuple[PairResult, ...]]:
        """The family the article joins, and the pairs that join it: its own pairs, and
        the families of the last `scan --db` that its family touches, with their pairs."""
        me = self.article.id
        families = families_of(results, {d: self.document(d) for d in self._documents})
        family = next((f for f in families if me in f.members), None)
        if family is None:
            return None, ()
        stored = self.index.families_with(family.members)
        pairs = {(p.a, p.b): p for p in results}
        if stored:
            members = set(family.members).union(*(f.members for f in stored))
            members = {m for m in members if m == me or m in self.index}  # removed since
            pairs = {(p.a, p.b): p for p in self.index.pairs_among(members)} | pairs
            whole = families_of(
                [pairs[k] for k in sorted(pairs)], {m: self.document(m) for m in members}
            )
            family = next(f for f in whole if me in f.members)
        inside = set(family.members)
        links = tuple(pairs[k] for k in sorted(pairs) if set(k) <= inside)
        return family, links

    # --- what a scan knows about each document, computed for the few a trace needs --------

    def document(self, doc_id: str) -> Document:
        if doc_id not in self._documents:
            found = self.index.document(doc_id)
            assert found is not None, f"{doc_id!r} is in the lexical index but not stored"
            self._documents[doc_id] = found
        return self._documents[doc_id]

    def prepared(self, doc_id: str) -> Prepared:
        if doc_id not in self._prepared:
            self._prepared[doc_id] = prepare_document(self.document(doc_id), self.templates)
        return self._prepared[doc_id]

    def features(self, doc_id: str) -> DocFeatures:
        if doc_id not in self._features:
            stored = self.reads.features(doc_id) if doc_id != self.article.id else None
            self._features[doc_id] = stored or doc_features(self.prepared(doc_id))
        return self._features[doc_id]

    def candidates(self, doc_id: str) -> list[Candidate]:
        """What the index returns for ``doc_id``, the traced article included (strongest
        first), as a scan's index holding both would."""
        if doc_id not in self._candidates:
            found = self.lexical.query(self.features(doc_id))
            me = self.article.id
            if not self.held and doc_id != me:
                mine = {c.id: c for c in self.candidates(me)}
                if doc_id in mine:
                    found.append(Candidate(me, mine[doc_id].evidence))
                    found.sort(key=lambda c: (-c.evidence.strength, c.id))
            self._candidates[doc_id] = found
        return self._candidates[doc_id]

    def pairs(self, doc_id: str, found: list[Candidate]) -> list[PairEvidence]:
        """``doc_id``'s pairs: those of its candidates a scan aligns (`best_sources`: one
        side among the other's BEST_SOURCES strongest past the filter), aligned."""
        eligible = [c for c in found if worth_aligning(c.evidence)]
        chosen = eligible[:BEST_SOURCES] + [
            c for c in eligible[BEST_SOURCES:] if self._ranks_among(c, doc_id)
        ]
        evidence = (self._align(doc_id, c.id) for c in chosen)
        return sorted(
            (e for e in evidence if e is not None), key=lambda e: (e.result.a, e.result.b)
        )

    def _ranks_among(self, other: Candidate, doc_id: str) -> bool:
        """Whether ``doc_id`` is among ``other``'s best sources."""
        mine = (-other.evidence.strength, doc_id)
        theirs = (c for c in self.candidates(other.id) if worth_aligning(c.evidence))
        return sum(1 for c in theirs if (-c.evidence.strength, c.id) < mine) < BEST_SOURCES

    def _align(self, one: str, other: str) -> PairEvidence | None:
        a, b = sorted((one, other))
        if (a, b) not in self._aligned:
            self._aligned[(a, b)] = compare_prepared(self.prepared(a), self.prepared(b))
        return self._aligned[(a, b)]

    def explained(self, doc_id: str) -> float:
        """The share of ``doc_id``'s story that its partners explain (in a scan: all its
        pairs; the traced article's are its own, after the trace's filters)."""
        return explained_share(self.prepared(doc_id), self._own_pairs(doc_id))

    def pieces(self, doc_id: str) -> float:
        """``doc_id``'s pieces share (`relate.pieces_share`), from its pairs as `explained`."""
        if doc_id not in self._pieces:
            self._pieces[doc_id] = pieces_share(self.prepared(doc_id), self._own_pairs(doc_id))
        return self._pieces[doc_id]

    def _own_pairs(self, doc_id: str) -> list[PairEvidence]:
        found = self.candidates(doc_id)
        if doc_id == self.article.id and self.options.filters_sources:
            found = [c for c in found if self._allowed(self.document(c.id))]
        return self.pairs(doc_id, found)

    # --- the article's view ---------------------------------------------------------

    def _allowed(self, source: Document) -> bool:
        if source.site is not None and source.site in self.options.exclude_sites:
            return False
        if self.options.before is not None:
            published = source.publication_date
            return published is not None and published < self.options.before
        return True

    def _source(self, pair: PairResult) -> TracedSource | None:
        """The pair (the article as side ``a``) as a source, after the passage filters."""
        text = self.article.text
        passages = [p for p in pair.passages if self._kept(p, text)]
        if not passages:
            return None
        chars = sum(p.a_end - p.a_start for p in pair.passages)
        kept = sum(p.a_end - p.a_start for p in passages)
        direction: dict[str | None, TraceDirection | None] = {
            "b->a": "source",
            "a->b": "copy",
            None: None,
        }
        canonical = pair if pair.a < pair.b else pair.swapped()
        return TracedSource(
            id=pair.b,
            relation=pair.relation,
            score=pair.score,
            matched=round(pair.coverage_a * kept / max(1, chars), 4),
            source_matched=pair.coverage_b,
            words=sum(len(_WORD.findall(text[p.a_start : p.a_end])) for p in passages),
            direction=direction[pair.direction],
            passages=tuple(passages),
            pair=canonical,
        )

    def _kept(self, passage: Passage, text: str) -> bool:
        words = len(_WORD.findall(text[passage.a_start : passage.a_end]))
        if words < self.options.min_words:
            return False
        return not (
            self.options.exclude_quotations
            and quoted_share(text, passage.a_start, passage.a_end) >= QUOTED_SHARE
        )


def source_rank(source: TracedSource) -> tuple[bool, float, float, str]:
    """Best source first: documents the article may come from before those that copied it
    (by their dates), then by the share of the article matched. On the trace benchmark's
    spun copies (`python -m benchmarks.trace`) a compilation that holds the whole article
    ties with the article's source at 100% matched; ranked by share alone, the labelled
    source (or an exact copy of it) came first for 35% of them."""
    return (source.direction == "copy", -source.matched, -source.score, source.id)


def quoted_share(text: str, start: int, end: int) -> float:
    """The share of ``text[start:end]`` that lies between quotation marks, the marks of
    each line paired in turn from the line's start."""
    inside = 0
    line_start = text.rfind("\n", 0, start) + 1
    while line_start < end:
        line_end = text.find("\n", line_start)
        line_end = len(text) if line_end < 0 else line_end
        marks = [m.start() + line_start for m in _QUOTE.finditer(text, line_start, line_end)]
        for opening, closing in zip(marks[::2], marks[1::2], strict=False):
            inside += max(0, min(end, closing + 1) - max(start, opening))
        line_start = line_end + 1
    return inside / max(1, end - start)
