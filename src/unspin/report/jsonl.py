"""The JSON contract of DESIGN.md: field names are stable, new fields may be added."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from unspin.model import DocumentReport, Family, PairResult, Reject, RunResult


def document_record(doc: DocumentReport) -> dict[str, Any]:
    return {
        "id": doc.id,
        "title": doc.title,
        "site": doc.site,
        "date": doc.date,
        "lang": doc.lang,
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
    }


def pair_record(pair: PairResult) -> dict[str, Any]:
    return {
        "a": pair.a,
        "b": pair.b,
        "relation": pair.relation,
        "score": pair.score,
        "coverage_a": pair.coverage_a,
        "coverage_b": pair.coverage_b,
        "direction": pair.direction,
        "passages": [
            {
                "a_start": p.a_start,
                "a_end": p.a_end,
                "b_start": p.b_start,
                "b_end": p.b_end,
                "kind": p.kind,
                "similarity": p.similarity,
                "substitutions": [list(s) for s in p.substitutions],
            }
            for p in pair.passages
        ],
    }


def family_record(family: Family) -> dict[str, Any]:
    return {"id": family.id, "members": list(family.members), "original": family.original}


def reject_record(reject: Reject) -> dict[str, Any]:
    return {
        "source": reject.source,
        "position": reject.position,
        "id": reject.record_id,
        "reason": reject.reason,
    }


def contract(result: RunResult) -> dict[str, Any]:
    return {
        "documents": [document_record(d) for d in result.documents],
        "pairs": [pair_record(p) for p in result.pairs],
        "families": [family_record(f) for f in result.families],
    }


def write_jsonl(path: Path, records: Iterable[dict[str, Any]]) -> int:
    count = 0
    tmp = path.with_suffix(path.suffix + ".part")
    with tmp.open("w", encoding="utf-8") as out:
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            count += 1
    tmp.replace(path)  # a reader never sees a half-written file
    return count
