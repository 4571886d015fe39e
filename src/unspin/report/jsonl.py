"""The JSON contract of DESIGN.md: field names are stable, new fields may be added.

Each record stands on its own: a document carries the text its offsets point into, a
passage the two texts it aligns, so a reader needs no access to the original inputs.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from unspin.model import (
    BoilerplateSpan,
    Document,
    DocumentReport,
    Family,
    InsertedSpan,
    PairResult,
    Passage,
    Reject,
    RunResult,
    Trace,
    TracedSource,
)
from unspin.report.files import write_jsonl
from unspin.report.schema import (
    ArticleRecord,
    BoilerplateRecord,
    DocumentRecord,
    FamilyLinkRecord,
    FamilyRecord,
    InsertedRecord,
    PairRecord,
    PassageRecord,
    RejectRecord,
    TraceRecord,
    TraceSourceRecord,
)

__all__ = [
    "article_record",
    "contract",
    "document_record",
    "document_records",
    "family_link_record",
    "family_of",
    "family_record",
    "pair_record",
    "passage_record",
    "reject_record",
    "trace_record",
    "write_jsonl",
]


def document_record(
    doc: DocumentReport, source: Document | None = None, family: str | None = None
) -> DocumentRecord:
    """``doc`` as a record; ``source`` gives its ``text``, ``family`` the id of its family."""
    article = article_record(doc, source, family)
    return {
        **article,
        "boilerplate": [boilerplate_record(s) for s in doc.boilerplate],
        "inserted": [inserted_record(s) for s in doc.inserted],
    }


def article_record(
    doc: DocumentReport | Document, source: Document | None = None, family: str | None = None
) -> ArticleRecord:
    """``doc``'s metadata and text, without its marks."""
    return {
        "id": doc.id,
        "title": doc.title,
        "site": doc.site,
        "date": doc.date,
        "date_source": doc.date_source,
        "lang": doc.lang,
        "url": doc.url,
        "origin": doc.origin,
        "family": family,
        "text": source.text if source is not None else None,
    }


def boilerplate_record(span: BoilerplateSpan) -> BoilerplateRecord:
    return {"start": span.start, "end": span.end, "kind": span.kind, "evidence": span.evidence}


def inserted_record(span: InsertedSpan) -> InsertedRecord:
    return {
        "start": span.start,
        "end": span.end,
        "source": span.source,
        "off_topic": span.off_topic,
        "score": span.score,
    }


def family_of(families: Sequence[Family]) -> dict[str, str]:
    """Each member's family id."""
    return {member: family.id for family in families for member in family.members}


def document_records(
    result: RunResult, documents: Mapping[str, Document]
) -> Iterator[DocumentRecord]:
    families = family_of(result.families)
    for doc in result.documents:
        yield document_record(doc, documents.get(doc.id), families.get(doc.id))


def pair_record(pair: PairResult, documents: Mapping[str, Document] | None = None) -> PairRecord:
    """``pair`` as a record; with ``documents``, each passage carries its two texts."""
    text_a = _text(documents, pair.a)
    text_b = _text(documents, pair.b)
    return {
        "a": pair.a,
        "b": pair.b,
        "relation": pair.relation,
        "score": pair.score,
        "coverage_a": pair.coverage_a,
        "coverage_b": pair.coverage_b,
        "paraphrase_a": pair.paraphrase_a,
        "paraphrase_b": pair.paraphrase_b,
        "direction": pair.direction,
        "confidence": pair.confidence,
        "direction_evidence": [
            {"signal": name, "weight": weight} for name, weight in pair.direction_evidence
        ],
        "passages": [passage_record(p, text_a, text_b) for p in pair.passages],
    }


def pair_from_record(record: Mapping[str, Any]) -> PairResult:
    """The pair a `pair_record` was written from (a line of ``pairs.jsonl``)."""
    fields = dict(record)
    fields["passages"] = [
        {k: v for k, v in p.items() if k not in ("a_text", "b_text")} for p in record["passages"]
    ]
    fields["direction_evidence"] = [
        (e["signal"], e["weight"]) for e in record.get("direction_evidence", ())
    ]
    return PairResult.from_fields(fields)


def passage_record(p: Passage, text_a: str | None, text_b: str | None) -> PassageRecord:
    """One passage, with the texts of its two sides when they are known."""
    return {
        "a_start": p.a_start,
        "a_end": p.a_end,
        "b_start": p.b_start,
        "b_end": p.b_end,
        "kind": p.kind,
        "similarity": p.similarity,
        "substitutions": [list(s) for s in p.substitutions],
        "a_text": text_a[p.a_start : p.a_end] if text_a is not None else None,
        "b_text": text_b[p.b_start : p.b_end] if text_b is not None else None,
    }


def _text(documents: Mapping[str, Document] | None, doc_id: str) -> str | None:
    doc = documents.get(doc_id) if documents is not None else None
    return doc.text if doc is not None else None


def family_record(family: Family) -> FamilyRecord:
    return {"id": family.id, "members": list(family.members), "original": family.original}


def reject_record(reject: Reject) -> RejectRecord:
    return {
        "source": reject.source,
        "position": reject.position,
        "id": reject.record_id,
        "reason": reject.reason,
        "kept": reject.kept,
    }


def contract(
    result: RunResult, documents: Mapping[str, Document] | None = None
) -> dict[str, list[DocumentRecord] | list[PairRecord] | list[FamilyRecord]]:
    """What ``unspin compare --json`` prints: the same records as ``scan`` writes."""
    documents = documents or {}
    return {
        "documents": list(document_records(result, documents)),
        "pairs": [pair_record(p, documents) for p in result.pairs],
        "families": [family_record(f) for f in result.families],
    }


def trace_record(trace: Trace, documents: Mapping[str, Document]) -> TraceRecord:
    """What ``unspin trace --json`` prints (and ``POST /api/trace`` returns): the article,
    its sources best first, its inserted spans and boilerplate, and its family with the
    pairs that join it. In every source's passages side ``a`` is the article and side ``b``
    the source; ``pair`` is the pair as ``scan`` writes it."""
    family = trace.family.id if trace.family is not None else None
    article = article_record(trace.article, documents.get(trace.article.id), family)
    return {
        "article": article,
        "sources": [_source_record(s, article["text"], documents) for s in trace.sources],
        "inserted": [inserted_record(s) for s in trace.article.inserted],
        "boilerplate": [boilerplate_record(s) for s in trace.article.boilerplate],
        "family": family_record(trace.family) if trace.family is not None else None,
        "family_links": [family_link_record(p) for p in trace.family_pairs],
        "candidates": trace.candidates,
        "aligned": trace.aligned,
    }


def family_link_record(pair: PairResult) -> FamilyLinkRecord:
    return {
        "a": pair.a,
        "b": pair.b,
        "relation": pair.relation,
        "score": pair.score,
        "direction": pair.direction,
    }


def _source_record(
    source: TracedSource, text: str | None, documents: Mapping[str, Document]
) -> TraceSourceRecord:
    doc = documents.get(source.id)
    return {
        "id": source.id,
        "title": doc.title if doc else None,
        "site": doc.site if doc else None,
        "date": doc.date if doc else None,
        "url": doc.url if doc else None,
        "relation": source.relation,
        "score": source.score,
        "matched": source.matched,
        "source_matched": source.source_matched,
        "words": source.words,
        "direction": source.direction,
        "passages": [passage_record(p, text, doc.text if doc else None) for p in source.passages],
        "pair": pair_record(source.pair),
    }
