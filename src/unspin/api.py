"""The library API: what the CLI calls, usable on its own.

>>> from unspin.api import compare_files
>>> run = compare_files("examples/000_d1e9f2ba145d541d.txt", "examples/002_5904dd556c9162f6.txt")
>>> run.result.pairs[0].relation
'rewrite'
"""

from __future__ import annotations

import os
import time
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from unspin.embed import embed_documents
from unspin.engines import get_engine
from unspin.errors import UsageError
from unspin.ingest import read_corpus, read_document
from unspin.lexicon import wordnet
from unspin.model import Document, IngestSummary, Reject, RunResult
from unspin.pipeline import (
    NoProgress,
    Progress,
    compare_prepared,
    document_reports,
    families_of,
    prepare_document,
    site_templates,
)
from unspin.report.jsonl import (
    document_record,
    family_record,
    pair_record,
    reject_record,
    write_jsonl,
)
from unspin.semantic import require as require_semantic

InputPath = str | os.PathLike[str]


@dataclass(frozen=True)
class Run:
    result: RunResult
    documents: dict[str, Document]
    seconds: float = 0.0
    outputs: dict[str, Path] = field(default_factory=dict)
    candidates: int = 0


def compare_documents(a: Document, b: Document, *, semantic: bool = False) -> RunResult:
    """Align two documents directly (no candidate stage) and relate them.

    ``semantic`` also links sentences by meaning (paraphrases, translations); it needs the
    ``semantic`` extra and raises :class:`unspin.errors.MissingExtraError` without it.
    """
    if a.id == b.id:
        b = replace(b, id=b.id + "~2")
    templates = site_templates([a, b])
    pa, pb = prepare_document(a, templates), prepare_document(b, templates)
    if semantic:
        pa, pb = embed_documents([pa, pb], NoProgress())
    found = compare_prepared(pa, pb)
    evidence = [found] if found else []
    pairs = tuple(e.result for e in evidence)
    return RunResult(
        documents=document_reports([pa, pb], evidence),
        pairs=pairs,
        families=families_of(pairs, {a.id: a, b.id: b}),
        summary=IngestSummary(read=2, kept=2, rejected=0),
    )


def compare_files(path_a: InputPath, path_b: InputPath, *, semantic: bool = False) -> Run:
    started = time.perf_counter()
    if semantic:
        require_semantic()
    a, b = read_document(path_a), read_document(path_b)
    result = compare_documents(a, b, semantic=semantic)
    # compare_documents renames the second document when both have the same id.
    by_id = {
        report.id: replace(doc, id=report.id, lang=report.lang)
        for report, doc in zip(result.documents, (a, b), strict=True)
    }
    return Run(result, by_id, time.perf_counter() - started)


def scan(
    inputs: Sequence[InputPath],
    out_dir: InputPath,
    *,
    engine: str = "local",
    workers: int | None = None,
    progress: Progress | None = None,
    html: bool = True,
    semantic: bool = False,
) -> Run:
    """Scan a corpus and write documents, pairs, families and rejects as JSON Lines."""
    if not inputs:
        raise UsageError("scan needs at least one input file or folder")
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise UsageError(f"--out {out} is a file; pass a folder (it is created if missing)")
    _writable_folder(out)  # before any work, not after it
    started = time.perf_counter()
    progress = progress or NoProgress()
    selected = get_engine(engine, workers, semantic=semantic)
    progress.start("read", None)
    documents, rejects, summary = read_corpus(inputs)
    wordnet()
    ran = selected.run(documents, progress)
    result = RunResult(ran.documents, ran.pairs, ran.families, tuple(rejects), summary)
    by_id = {d.id: d for d in documents}
    out.mkdir(parents=True, exist_ok=True)
    outputs = write_outputs(out, result, rejects)
    if html:
        from unspin.report.html import render_html

        page = out / "report.html"
        page.write_text(
            render_html(result, by_id, title=f"unspin scan of {len(documents)} documents"),
            encoding="utf-8",
        )
        outputs["report.html"] = page
    return Run(result, by_id, time.perf_counter() - started, outputs, ran.candidates.total)


def _writable_folder(out: Path) -> None:
    """Fail now, not after the work, if ``out`` cannot be created or written into.

    Nothing is created here: a run that fails leaves no empty folder behind.
    """
    existing = out
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    if not existing.is_dir():
        raise UsageError(
            f"cannot create the --out folder {out}: {existing} is a file. "
            "Fix: pass a folder you can write to."
        )
    if not os.access(existing, os.W_OK | os.X_OK):
        raise UsageError(
            f"cannot write the --out folder {out}: {existing} is not writable. "
            "Fix: pass a folder you can write to."
        )


def write_outputs(out: Path, result: RunResult, rejects: Sequence[Reject]) -> dict[str, Path]:
    files = {
        "documents.jsonl": (document_record(d) for d in result.documents),
        "pairs.jsonl": (pair_record(p) for p in result.pairs),
        "families.jsonl": (family_record(f) for f in result.families),
        "rejects.jsonl": (reject_record(r) for r in rejects),
    }
    written: dict[str, Path] = {}
    for name, records in files.items():
        write_jsonl(out / name, records)
        written[name] = out / name
    return written
