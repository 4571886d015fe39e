"""The shared data model: small frozen dataclasses that every stage passes along.

Offsets are Python string indices into ``Document.text`` exactly as unspin stores it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, get_args

PassageKind = Literal["verbatim", "spun", "paraphrase"]
Relation = Literal["duplicate", "rewrite", "partial"]
RELATIONS: tuple[Relation, ...] = get_args(Relation)  # in the order reports list them
# "a->b": a is the likely source of b; "b->a": the reverse; None: no evidence either way.
Direction = Literal["a->b", "b->a"]
# Where a document's date came from. "metadata": the record's own `date` field, or a page's
# meta tags, JSON-LD or <time datetime>; "text": a date line at the top of a plain-text
# article (its byline); "crawl": when a web archive captured the page, only an upper bound
# on publication. Direction of reuse trusts metadata and text dates, never crawl dates.
DateSource = Literal["metadata", "text", "crawl"]


@dataclass(frozen=True)
class Document:
    """One article as read from the input."""

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    site: str | None = None
    date: str | None = None  # ISO 8601 day, "YYYY-MM-DD"
    lang: str | None = None
    origin: str | None = None  # where it was read from, e.g. "corpus.jsonl:12"
    date_source: DateSource | None = None  # set whenever `date` is

    @property
    def publication_date(self) -> str | None:
        """The date to order reuse by: ``date`` unless it is only when a crawler saw it."""
        return self.date if self.date_source != "crawl" else None


@dataclass(frozen=True)
class Reject:
    """An input record that could not become a Document, and why.

    With ``kept`` the record did become a Document and this is a warning about it (a date
    that could not be read, an id already taken that it was renamed from): it is written to
    the rejects file so that nothing is changed silently, but it is not counted as rejected.
    """

    source: str  # the input file
    position: str  # line number, row number or member name inside `source`
    reason: str
    record_id: str | None = None
    kept: bool = False


@dataclass(frozen=True)
class Span:
    start: int
    end: int

    def __len__(self) -> int:
        return self.end - self.start


@dataclass(frozen=True)
class BoilerplateSpan:
    start: int
    end: int
    kind: str  # related_link, also_like, author_bio, comment_form, caption, ...
    evidence: str


@dataclass(frozen=True)
class InsertedSpan:
    """A span of a derived document that its main source does not explain."""

    start: int
    end: int
    source: str | None  # another document of the corpus that explains it, if any
    off_topic: bool
    score: float  # topical similarity to the rest of the article, 0..1


@dataclass(frozen=True)
class Passage:
    a_start: int
    a_end: int
    b_start: int
    b_end: int
    kind: PassageKind
    similarity: float
    substitutions: tuple[tuple[str, str], ...] = ()

    def swapped(self) -> Passage:
        """The same passage with its two sides exchanged."""
        return Passage(
            self.b_start,
            self.b_end,
            self.a_start,
            self.a_end,
            self.kind,
            self.similarity,
            tuple((b, a) for a, b in self.substitutions),
        )


_REVERSED: dict[Direction | None, Direction | None] = {"a->b": "b->a", "b->a": "a->b", None: None}


@dataclass(frozen=True)
class PairResult:
    a: str
    b: str
    relation: Relation
    score: float
    coverage_a: float
    coverage_b: float
    direction: Direction | None
    passages: tuple[Passage, ...]
    # Share of each side's story inside `paraphrase` passages only (same facts in other
    # words): reported beside the coverage of copied wording, never added to it.
    paraphrase_a: float = 0.0
    paraphrase_b: float = 0.0
    # How sure `direction` is, in [0, 1] (None when there is no direction), and the signals
    # it was read from with their weights: positive toward "a->b" (a is the source),
    # negative toward "b->a" (see `unspin.direction`).
    confidence: float | None = None
    direction_evidence: tuple[tuple[str, float], ...] = ()

    def seen_from(self, doc_id: str) -> PairResult:
        """The pair with ``doc_id`` as side ``a`` (it must be one of the two)."""
        if doc_id == self.a:
            return self
        assert doc_id == self.b, f"{doc_id!r} is not in the pair"
        return self.swapped()

    def swapped(self) -> PairResult:
        """The same pair with its two sides exchanged."""
        return PairResult(
            a=self.b,
            b=self.a,
            relation=self.relation,
            score=self.score,
            coverage_a=self.coverage_b,
            coverage_b=self.coverage_a,
            direction=_REVERSED[self.direction],
            passages=tuple(p.swapped() for p in self.passages),
            paraphrase_a=self.paraphrase_b,
            paraphrase_b=self.paraphrase_a,
            confidence=self.confidence,
            direction_evidence=tuple((name, -weight) for name, weight in self.direction_evidence),
        )

    @classmethod
    def from_fields(cls, fields: Mapping[str, Any]) -> PairResult:
        """A pair from its fields as ``dataclasses.asdict`` or JSON gives them back (lists
        where the dataclass holds tuples)."""
        values = dict(fields)
        values["passages"] = tuple(
            Passage(**{**p, "substitutions": tuple(tuple(s) for s in p["substitutions"])})
            for p in values["passages"]
        )
        values["direction_evidence"] = tuple(
            (str(name), float(weight)) for name, weight in values.get("direction_evidence", ())
        )
        return cls(**values)


@dataclass(frozen=True)
class DocumentReport:
    id: str
    title: str | None
    site: str | None
    date: str | None
    boilerplate: tuple[BoilerplateSpan, ...] = ()
    inserted: tuple[InsertedSpan, ...] = ()
    lang: str | None = None
    url: str | None = None
    origin: str | None = None
    date_source: DateSource | None = None


@dataclass(frozen=True)
class Family:
    id: str
    members: tuple[str, ...]
    original: str


# Seen from a traced article: "source" when the other document is where it came from,
# "copy" when the other document copied it, None when nothing says.
TraceDirection = Literal["source", "copy"]


@dataclass(frozen=True)
class TracedSource:
    """One document of an index that shares passages with a traced article.

    ``pair`` is the pair as a scan reports it (smaller id as side ``a``); ``passages`` have
    the article as side ``a`` and the source as side ``b``, after the trace's filters.
    """

    id: str
    relation: Relation
    score: float
    matched: float  # share of the article's story in copied wording from this source
    source_matched: float  # the same share of the source's story
    words: int  # words of the article inside the passages
    direction: TraceDirection | None
    passages: tuple[Passage, ...]
    pair: PairResult


@dataclass(frozen=True)
class Trace:
    """Where one article came from, against an index: its sources, best first, its own
    marks (inserted spans, boilerplate) and the family it joins."""

    article: DocumentReport
    sources: tuple[TracedSource, ...]
    family: Family | None
    candidates: int  # documents the index returned for it
    aligned: int  # of which aligned (the pre-alignment filter and best sources)
    family_pairs: tuple[PairResult, ...] = ()  # the pairs that join `family`, by (a, b)


@dataclass(frozen=True)
class IngestSummary:
    """Counts of one read: ``read == kept + rejected``; warnings are about kept records."""

    read: int = 0
    kept: int = 0
    rejected: int = 0
    warnings: int = 0  # kept records with a warning in the rejects file (e.g. a bad date)
    renamed: int = 0  # kept records whose id was taken and that got a derived id


@dataclass(frozen=True)
class RunResult:
    """Everything one run produced, ready for the report stage."""

    documents: tuple[DocumentReport, ...]
    pairs: tuple[PairResult, ...]
    families: tuple[Family, ...]
    rejects: tuple[Reject, ...] = ()
    summary: IngestSummary = field(default_factory=IngestSummary)
