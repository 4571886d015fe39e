"""The library API: what the CLI calls, usable on its own.

>>> from unspin.api import compare_files
>>> run = compare_files("examples/000_d1e9f2ba145d541d.txt", "examples/002_5904dd556c9162f6.txt")
>>> run.result.pairs[0].relation
'rewrite'
"""

from __future__ import annotations

import os
import time
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

from unspin.embed import embed_documents
from unspin.engines import get_engine
from unspin.engines.checkpoint import CHECKPOINT
from unspin.errors import MostlyRejectedError, UsageError
from unspin.index.articles import AddSummary, ArticleIndex, IndexStats
from unspin.ingest import document_from_record, read_corpus, read_document_with_warnings
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
from unspin.report.files import (
    OutputFolder,
    check_writable_file,
    write_json,
    write_jsonl,
    write_text,
)
from unspin.report.jsonl import document_records, family_record, pair_record, reject_record
from unspin.report.manifest import (
    MANIFEST,
    TimedProgress,
    build_manifest,
    counts,
    describe_input,
    utc_now,
)
from unspin.semantic import require as require_semantic
from unspin.sites import SITES, read_sites, write_sites
from unspin.trace import Traced, TraceOptions, trace

InputPath = str | os.PathLike[str]


@dataclass(frozen=True)
class Run:
    result: RunResult
    documents: dict[str, Document]
    seconds: float = 0.0
    outputs: dict[str, Path] = field(default_factory=dict)
    candidates: int = 0

    def check_rejections(self) -> None:
        """Raise :class:`MostlyRejectedError` when over half of what was read was rejected."""
        check_rejected_share(self.result.summary, self.outputs.get("rejects.jsonl"))


def check_rejected_share(summary: IngestSummary, rejects: Path | None) -> None:
    """Raise :class:`MostlyRejectedError` when over MAX_REJECTED_SHARE of what was read was
    rejected (``rejects``: where the rejects were written)."""
    s = summary
    if s.read and s.rejected > s.read * MAX_REJECTED_SHARE:
        raise MostlyRejectedError(s.read, s.rejected, str(rejects or "the rejects"))


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
        documents=document_reports([pa.id, pb.id], {pa.id: pa, pb.id: pb}.__getitem__, evidence),
        pairs=pairs,
        families=families_of(pairs, {a.id: a, b.id: b}),
        summary=IngestSummary(read=2, kept=2, rejected=0),
    )


def compare_files(path_a: InputPath, path_b: InputPath, *, semantic: bool = False) -> Run:
    started = time.perf_counter()
    if semantic:
        require_semantic()
    (a, warnings_a), (b, warnings_b) = (
        read_document_with_warnings(path_a),
        read_document_with_warnings(path_b),
    )
    result = compare_documents(a, b, semantic=semantic)
    warnings = (*warnings_a, *warnings_b)
    # compare_documents renames the second document when both have the same id.
    by_id = {
        report.id: replace(doc, id=report.id, lang=report.lang)
        for report, doc in zip(result.documents, (a, b), strict=True)
    }
    result = replace(
        result, rejects=warnings, summary=replace(result.summary, warnings=len(warnings))
    )
    return Run(result, by_id, time.perf_counter() - started)


SCAN_RECORDS = ("documents.jsonl", "pairs.jsonl", "families.jsonl", "rejects.jsonl")
REPORT = "report.html"
# More rejected than this share of what was read fails the run (after writing its outputs).
MAX_REJECTED_SHARE = 0.5


def scan(
    inputs: Sequence[InputPath],
    out_dir: InputPath,
    *,
    engine: str = "local",
    workers: int | None = None,
    progress: Progress | None = None,
    html: bool = True,
    semantic: bool = False,
    all_pairs: bool = False,
    command: Sequence[str] | None = None,
    db: InputPath | None = None,
) -> Run:
    """Scan a corpus into ``out_dir``: JSON Lines records, report.html and manifest.json.

    The folder is created and proven writable before any input is read. Every file is
    written atomically, the manifest last (``command`` is recorded in it, e.g. ``sys.argv``);
    a report.html left there by an earlier scan is removed when ``html`` is off, so the
    folder never mixes two runs. A run that fails before writing leaves no folder behind.
    With ``db`` the articles are also added to that index file (created if missing), with
    the scan's pairs and families, so that articles can be traced against them.
    """
    if not inputs:
        raise UsageError("scan needs at least one input file or folder")
    if engine == "spark":
        raise UsageError(
            "the Spark engine reads and writes through Spark: call "
            "unspin.engines.spark.scan.scan_with_spark (what `unspin scan --engine spark` does)"
        )
    started_at = utc_now()
    if db is not None and Path(db).exists():  # a wrong index fails before anything is read
        ArticleIndex(db, create=False).close()
    timed = TimedProgress(progress or NoProgress())
    selected = get_engine(
        engine, workers, semantic=semantic, all_pairs=all_pairs, checkpoint=Path(out_dir)
    )
    folder = OutputFolder(Path(out_dir), [*SCAN_RECORDS, SITES, REPORT, MANIFEST])
    try:
        documents, rejects, summary = read_corpus(inputs, progress=timed)
        wordnet()
        ran = selected.run(documents, timed)
    except BaseException:
        folder.discard()
        raise
    folder.keep()
    result = RunResult(ran.documents, ran.pairs, ran.families, tuple(rejects), summary)
    by_id = {d.id: d for d in documents}
    timed.start("write", len(SCAN_RECORDS) + 1 + html + 1)
    outputs = write_outputs(folder.path, result, by_id)
    outputs[SITES] = write_sites(folder.path)
    timed.advance(len(outputs))
    if html:
        from unspin.report.html import render_html, scan_title

        sites = read_sites(outputs[SITES])
        page = render_html(result, by_id, title=scan_title(len(documents)), sites=sites)
        outputs[REPORT] = write_text(folder.path / REPORT, page)
        timed.advance()
    else:
        from unspin.report.html import is_scan_report

        folder.remove_stale(REPORT, is_scan_report)
    if db is not None:
        with ArticleIndex(db) as index:
            index.add(documents, workers=workers, progress=timed)
            index.record_scan(result.pairs, result.families, read_sites(outputs[SITES]))
    described = [describe_input(Path(i)) for i in inputs]  # hashing is part of the run's time
    manifest = build_manifest(
        counted=counts(result, ran.candidates.total, asdict(ran.candidates)),
        inputs=described,
        options={
            "engine": engine,
            "workers": selected.workers,
            "semantic": semantic,
            "all_pairs": all_pairs,
            "html": html,
            "db": os.fspath(db) if db is not None else None,
        },
        command=command,
        started=started_at,
        seconds=timed.seconds(),
        outputs=list(outputs),
    )
    outputs[MANIFEST] = write_json(folder.path / MANIFEST, manifest)
    (folder.path / CHECKPOINT).unlink(missing_ok=True)  # every output is written
    timed.advance()
    seconds = manifest["seconds"]["total"]
    return Run(result, by_id, seconds, outputs, ran.candidates.total)


def write_outputs(
    out: Path, result: RunResult, documents: Mapping[str, Document]
) -> dict[str, Path]:
    """The JSON Lines records of a run, each file written atomically."""
    files = {
        "documents.jsonl": document_records(result, documents),
        "pairs.jsonl": (pair_record(p, documents) for p in result.pairs),
        "families.jsonl": (family_record(f) for f in result.families),
        "rejects.jsonl": (reject_record(r) for r in result.rejects),
    }
    written: dict[str, Path] = {}
    for name, records in files.items():
        write_jsonl(out / name, records)
        written[name] = out / name
    return written


@dataclass(frozen=True)
class IndexAdd:
    """What one `index add` did: the index's changes, what was read, where rejects went."""

    added: AddSummary
    summary: IngestSummary
    rejects: tuple[Reject, ...]
    rejects_path: Path
    seconds: float


def rejects_file_for(db: InputPath) -> Path:
    """Where `index add` writes its rejects by default: beside the index, ``NAME.rejects.jsonl``."""
    path = Path(db)
    return path.with_name(path.stem + ".rejects.jsonl")


def index_add(
    inputs: Sequence[InputPath],
    db: InputPath,
    *,
    workers: int | None = None,
    progress: Progress | None = None,
    rejects_path: InputPath | None = None,
) -> IndexAdd:
    """Add (or replace) the articles of ``inputs`` in the index file ``db`` (created if
    missing); unchanged articles are left alone. Rejects and warnings are written, atomically,
    to ``rejects_path`` (default: `rejects_file_for`)."""
    if not inputs:
        raise UsageError("index add needs at least one input file or folder")
    started = time.perf_counter()
    where = Path(rejects_path) if rejects_path is not None else rejects_file_for(db)
    check_writable_file(where, "--rejects")
    timed = TimedProgress(progress or NoProgress())
    if Path(db).exists():  # a wrong file fails before anything is read
        ArticleIndex(db, create=False).close()
    documents, rejects, summary = read_corpus(inputs, progress=timed)
    with ArticleIndex(db) as index:  # created only once there is something to add
        added = index.add(documents, workers=workers, progress=timed)
    write_jsonl(where, (reject_record(r) for r in rejects))
    return IndexAdd(added, summary, tuple(rejects), where, time.perf_counter() - started)


def index_remove(ids: Sequence[str], db: InputPath, *, workers: int | None = None) -> list[str]:
    """Remove articles by id; returns the ids the index did not hold."""
    with ArticleIndex(db, create=False) as index:
        return index.remove(ids, workers=workers)


def index_stats(db: InputPath) -> IndexStats:
    with ArticleIndex(db, create=False) as index:
        return index.stats()


def trace_document(doc: Document, db: InputPath, options: TraceOptions | None = None) -> Traced:
    """The sources of one article in the index ``db`` (`unspin.trace`)."""
    wordnet()
    with ArticleIndex(db, create=False) as index:
        return trace(index, doc, options)


def trace_file(
    path: InputPath, db: InputPath, options: TraceOptions | None = None
) -> tuple[Traced, list[Reject]]:
    """`trace_document` of the one article in ``path``; with ``"-"``, the text (or HTML
    page) on standard input. Also returns the warnings about the article."""
    if os.fspath(path) == "-":
        import sys

        data = sys.stdin.read()
        field_name = "html" if data.lstrip()[:1] == "<" else "text"
        doc, warnings = document_from_record({field_name: data}, "stdin")
    else:
        doc, warnings = read_document_with_warnings(path)
    return trace_document(doc, db, options), warnings
