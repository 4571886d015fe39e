"""The JSON contract of DESIGN.md: field names are stable, new fields may be added.

Each record stands on its own: a document carries the text its offsets point into, a
passage the two texts it aligns, so a reader needs no access to the original inputs.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from unspin.model import (
    Document,
    DocumentReport,
    Family,
    PairResult,
    Passage,
    Reject,
    RunResult,
    Trace,
)
from unspin.report.files import write_jsonl

__all__ = [
    "contract",
    "document_record",
    "document_records",
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
) -> dict[str, Any]:
    """``doc`` as a record; ``source`` gives its ``text``, ``family`` the id of its family."""
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
        "boilerplate": [
            {"start": s.start, "end": s.end, "kind": s.kind, "evidence": s.evidence}
            for s in doc.boilerplate
        ],
        "inserted": [
            {
                "start": s.start,
                "end": s.end,
                "source": s.source,
                "off_topic": s.off_topic,
                "score": s.score,
            }
            for s in doc.inserted
        ],
        "text": source.text if source is not None else None,
    }


def family_of(families: Sequence[Family]) -> dict[str, str]:
    """Each member's family id."""
    return {member: family.id for family in families for member in family.members}


def document_records(
    result: RunResult, documents: Mapping[str, Document]
) -> Iterator[dict[str, Any]]:
    families = family_of(result.families)
    for doc in result.documents:
        yield document_record(doc, documents.get(doc.id), families.get(doc.id))


def pair_record(
    pair: PairResult, documents: Mapping[str, Document] | None = None
) -> dict[str, Any]:
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
        "passages": [passage_record(p, text_a, text_b) for p in pair.passages],
    }


def passage_record(p: Passage, text_a: str | None, text_b: str | None) -> dict[str, Any]:
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


def family_record(family: Family) -> dict[str, Any]:
    return {"id": family.id, "members": list(family.members), "original": family.original}


def reject_record(reject: Reject) -> dict[str, Any]:
    return {
        "source": reject.source,
        "position": reject.position,
        "id": reject.record_id,
        "reason": reject.reason,
        "kept": reject.kept,
    }


def contract(result: RunResult, documents: Mapping[str, Document] | None = None) -> dict[str, Any]:
    """What ``unspin compare --json`` prints: the same records as ``scan`` writes."""
    documents = documents or {}
    return {
        "documents": list(document_records(result, documents)),
        "pairs": [pair_record(p, documents) for p in result.pairs],
        "families": [family_record(f) for f in result.families],
    }


def trace_record(trace: Trace, documents: Mapping[str, Document]) -> dict[str, Any]:
    """What ``unspin trace --json`` prints (and ``POST /api/trace`` returns): the article,
    its sources best first, its inserted spans and boilerplate, and its family. In every
    source's passages side ``a`` is the article and side ``b`` the source; ``pair`` is the
    pair as ``scan`` writes it."""
    article = document_record(trace.article, documents.get(trace.article.id))
    text = article["text"]
    sources = []
    for source in trace.sources:
        doc = documents.get(source.id)
        sources.append(
            {
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
                "passages": [
                    passage_record(p, text, doc.text if doc else None) for p in source.passages
                ],
                "pair": pair_record(source.pair),
            }
        )
    return {
        "article": article,
        "sources": sources,
        "inserted": article.pop("inserted"),
        "boilerplate": article.pop("boilerplate"),
        "family": family_record(trace.family) if trace.family is not None else None,
        "candidates": trace.candidates,
        "aligned": trace.aligned,
    }
