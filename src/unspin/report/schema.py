"""The JSON contract as types: every record unspin writes (`unspin.report.jsonl`), prints
(`--json`) or serves (`unspin serve`, whose OpenAPI schema is made from these).

They are `TypedDict`s, so the writer is checked against them by mypy and costs nothing at
run time; the web API and the contract tests (`tests/report/test_schema.py`) validate
records against the same types with pydantic. ``typing_extensions.TypedDict`` rather than
``typing``'s: pydantic reads only that one on Python < 3.12.

Field names are stable; new fields may be added (DESIGN.md, "The JSON contract").
"""

from __future__ import annotations

from typing_extensions import TypedDict

from unspin.model import DateSource, Direction, PassageKind, Relation, TraceDirection

__all__ = [
    "ArticleRecord",
    "BoilerplateRecord",
    "DocumentRecord",
    "FamilyLinkRecord",
    "FamilyRecord",
    "InsertedRecord",
    "PairRecord",
    "PassageRecord",
    "RejectRecord",
    "SiteRecord",
    "SiteSignalRecord",
    "TraceRecord",
    "TraceSourceRecord",
]


class BoilerplateRecord(TypedDict):
    start: int
    end: int
    kind: str
    evidence: str


class InsertedRecord(TypedDict):
    start: int
    end: int
    source: str | None
    off_topic: bool
    score: float


class ArticleRecord(TypedDict):
    """A document's metadata and text (the traced article: its marks are beside it)."""

    id: str
    title: str | None
    site: str | None
    date: str | None
    date_source: DateSource | None
    lang: str | None
    url: str | None
    origin: str | None
    family: str | None
    text: str | None


class DocumentRecord(ArticleRecord):
    """A line of ``documents.jsonl``: the document with its boilerplate and inserted spans."""

    boilerplate: list[BoilerplateRecord]
    inserted: list[InsertedRecord]


class PassageRecord(TypedDict):
    a_start: int
    a_end: int
    b_start: int
    b_end: int
    kind: PassageKind
    similarity: float
    substitutions: list[list[str]]  # [a's word, b's word]
    a_text: str | None
    b_text: str | None


class SignalRecord(TypedDict):
    """One signal of a pair's direction and its weight (`unspin.direction`)."""

    signal: str
    weight: float


class PairRecord(TypedDict):
    a: str
    b: str
    relation: Relation
    score: float
    coverage_a: float
    coverage_b: float
    paraphrase_a: float
    paraphrase_b: float
    direction: Direction | None
    # How sure the direction is, 0-1 (null without one), and the signals it was read from
    # with their weights: positive toward "a->b", negative toward "b->a" (unspin.direction).
    confidence: float | None
    direction_evidence: list[SignalRecord]
    passages: list[PassageRecord]


class FamilyRecord(TypedDict):
    id: str
    members: list[str]
    original: str


class SiteSignalRecord(TypedDict):
    """One part of a farm score: the share measured and its weight in the score."""

    signal: str  # reused | spun | boilerplate | spliced
    value: float
    weight: float


class SiteRecord(TypedDict):
    """One line of ``sites.jsonl`` (`unspin.sites`)."""

    site: str
    articles: int
    reused: float
    spun: float
    spliced: float
    boilerplate: float
    median_delay_days: float | None
    farm_score: float
    evidence: list[SiteSignalRecord]


class RejectRecord(TypedDict):
    source: str
    position: str
    id: str | None
    reason: str
    kept: bool


class TraceSourceRecord(TypedDict):
    id: str
    title: str | None
    site: str | None
    date: str | None
    url: str | None
    relation: Relation
    score: float
    matched: float
    source_matched: float
    words: int
    direction: TraceDirection | None
    passages: list[PassageRecord]  # side a: the article, side b: this source
    pair: PairRecord


class FamilyLinkRecord(TypedDict):
    """One pair of a family, without its passages: enough to draw the family."""

    a: str
    b: str
    relation: Relation
    score: float
    direction: Direction | None


class TraceRecord(TypedDict):
    article: ArticleRecord
    sources: list[TraceSourceRecord]
    inserted: list[InsertedRecord]
    boilerplate: list[BoilerplateRecord]
    family: FamilyRecord | None
    family_links: list[FamilyLinkRecord]
    candidates: int
    aligned: int
