"""A trace is what a scan says about one article: the same pairs (relations, scores,
passages), the same inserted spans and boilerplate, against the same collection."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from benchmarks.spun_news.generate import generate

from unspin.api import scan
from unspin.engines import get_engine
from unspin.index.articles import ArticleIndex
from unspin.ingest import read_corpus
from unspin.model import Document, PairResult
from unspin.pipeline import NoProgress
from unspin.trace import source_rank, trace

SIZE = 90


def _pairs_of(doc_id: str, pairs: tuple[PairResult, ...]) -> set[PairResult]:
    return {p for p in pairs if doc_id in (p.a, p.b)}


def _corpus(tmp_path: Path, bbc_data: Path, seed: int, dated: bool) -> list[Document]:
    generate(tmp_path, SIZE, seed, bbc_data)
    documents, _, _ = read_corpus([tmp_path / "corpus.jsonl"])
    if not dated:  # without dates, which side is the copy comes from the rest of the corpus
        documents = [replace(d, date=None, date_source=None) for d in documents]
    return documents


@pytest.mark.parametrize("dated", [True, False], ids=["dated", "undated"])
def test_tracing_each_indexed_article_gives_what_the_scan_reports(
    bbc_data: Path, tmp_path: Path, dated: bool
) -> None:
    documents = _corpus(tmp_path, bbc_data, 21, dated)
    scanned = get_engine("local", workers=2).run(documents, NoProgress())
    reports = {r.id: r for r in scanned.documents}
    with ArticleIndex(tmp_path / "index.db") as index:
        index.add(documents, workers=2)
        compared = with_sources = 0
        for doc in documents:
            traced = trace(index, doc).trace
            assert {s.pair for s in traced.sources} == _pairs_of(doc.id, scanned.pairs), doc.id
            assert traced.article.inserted == reports[doc.id].inserted, doc.id
            assert traced.article.boilerplate == reports[doc.id].boilerplate, doc.id
            family = next((f for f in scanned.families if doc.id in f.members), None)
            if traced.family is not None:
                assert family is not None and set(traced.family.members) <= set(family.members)
            compared += 1
            with_sources += bool(traced.sources)
    assert compared == len(documents)
    assert with_sources >= len(documents) // 3  # the corpus is mostly reuse


def test_tracing_an_article_outside_the_index_gives_what_a_scan_with_it_reports(
    bbc_data: Path, tmp_path: Path
) -> None:
    documents = _corpus(tmp_path, bbc_data, 22, dated=True)
    scanned = get_engine("local", workers=2).run(documents, NoProgress())
    # The articles with the most pairs: a spun copy or a compilation, and a source.
    busiest = sorted(documents, key=lambda d: -len(_pairs_of(d.id, scanned.pairs)))[:3]
    reports = {r.id: r for r in scanned.documents}
    for outside in busiest:
        rest = [d for d in documents if d.id != outside.id]
        with ArticleIndex(tmp_path / f"{len(rest)}-{outside.id}.db".replace("/", "_")) as index:
            index.add(rest, workers=2)
            traced = trace(index, outside).trace
        assert {s.pair for s in traced.sources} == _pairs_of(outside.id, scanned.pairs)
        assert traced.article.inserted == reports[outside.id].inserted
        assert traced.sources, outside.id
        # Sources it may come from first, then those that copied it (by dates).
        directions = [s.direction == "copy" for s in traced.sources]
        assert directions == sorted(directions)
        assert traced.sources == tuple(sorted(traced.sources, key=source_rank))


def test_after_scan_with_db_a_trace_reports_the_scans_whole_family(
    bbc_data: Path, tmp_path: Path
) -> None:
    generate(tmp_path / "in", SIZE, 23, bbc_data)
    db = tmp_path / "scanned.db"
    run = scan([tmp_path / "in" / "corpus.jsonl"], tmp_path / "out", workers=2, html=False, db=db)
    families = {m: f for f in run.result.families for m in f.members}
    assert any(len(f.members) > 2 for f in run.result.families)  # sources of sources
    with ArticleIndex(db, create=False) as index:
        assert index.stats().families == len(run.result.families)
        assert index.stats().pairs == len(run.result.pairs)
        for doc in run.documents.values():
            traced = trace(index, doc).trace
            assert traced.family == families.get(doc.id), doc.id
