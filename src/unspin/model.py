"""The shared data model: small frozen dataclasses that every stage passes along.

Offsets are Python string indices into ``Document.text`` exactly as unspin stores it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

PassageKind = Literal["verbatim", "spun", "paraphrase"]
Relation = Literal["duplicate", "rewrite", "partial"]
# "a->b": a is the likely source of b; "b->a": the reverse; None: no evidence either way.
Direction = Literal["a->b", "b->a"]


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


@dataclass(frozen=True)
class Reject:
    """An input record that could not become a Document, and why."""

    source: str  # the input file
    position: str  # line number, row number or member name inside `source`
    reason: str
    record_id: str | None = None


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


@dataclass(frozen=True)
class DocumentReport:
    id: str
    title: str | None
    site: str | None
    date: str | None
    boilerplate: tuple[BoilerplateSpan, ...] = ()
    inserted: tuple[InsertedSpan, ...] = ()
    lang: str | None = None


@dataclass(frozen=True)
class Family:
    id: str
    members: tuple[str, ...]
    original: str


@dataclass(frozen=True)
class IngestSummary:
    read: int = 0
    kept: int = 0
    rejected: int = 0


@dataclass(frozen=True)
class RunResult:
    """Everything one run produced, ready for the report stage."""

    documents: tuple[DocumentReport, ...]
    pairs: tuple[PairResult, ...]
    families: tuple[Family, ...]
    rejects: tuple[Reject, ...] = ()
    summary: IngestSummary = field(default_factory=IngestSummary)
