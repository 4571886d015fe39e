"""Refactors of the engine must not change answers: the same corpus through the sequential
path and a pool of two workers gives identical pairs (relations, scores, passages),
families and per-document reports; aligning every candidate finds the same true pairs."""

from __future__ import annotations

import json
from pathlib import Path

from benchmarks.spun_news.generate import generate

from unspin.engines import get_engine
from unspin.engines.local import POOL_MIN_DOCUMENTS, LocalEngine
from unspin.ingest import read_corpus
from unspin.pipeline import NoProgress

# Enough documents (and candidate pairs) that both stages run in the pool.
SIZE = 120


def test_one_process_and_a_pool_of_two_give_identical_results(
    bbc_data: Path, tmp_path: Path
) -> None:
    generate(tmp_path, SIZE, 11, bbc_data)
    documents, _, _ = read_corpus([tmp_path / "corpus.jsonl"])
    assert len(documents) >= POOL_MIN_DOCUMENTS
    alone = get_engine("local", workers=1).run(documents, NoProgress())
    pooled = get_engine("local", workers=2).run(documents, NoProgress())
    assert alone.candidates.total >= POOL_MIN_DOCUMENTS  # alignment ran in the pool too
    assert pooled.pairs == alone.pairs
    assert pooled.families == alone.families
    assert pooled.documents == alone.documents
    assert pooled.candidates == alone.candidates


def test_best_sources_keep_every_labelled_pair_that_all_pairs_find(
    bbc_data: Path, tmp_path: Path
) -> None:
    generate(tmp_path, SIZE, 12, bbc_data)
    documents, _, _ = read_corpus([tmp_path / "corpus.jsonl"])
    labels = [json.loads(line) for line in (tmp_path / "labels.jsonl").read_text().splitlines()]
    true = {
        frozenset((label["id"], segment["source"]))
        for label in labels
        for segment in label["segments"]
    }
    every = get_engine("local", workers=2, all_pairs=True).run(documents, NoProgress())
    best = get_engine("local", workers=2).run(documents, NoProgress())
    assert best.candidates.total < every.candidates.total  # the filter did drop some
    found_every = {frozenset((p.a, p.b)) for p in every.pairs} & true
    found_best = {frozenset((p.a, p.b)) for p in best.pairs} & true
    assert found_best == found_every
    # Pairs both runs report are the same records: only which pairs are aligned differs.
    by_pair = {(p.a, p.b): p for p in every.pairs}
    assert all(by_pair[(p.a, p.b)] == p for p in best.pairs)


def test_a_cache_of_a_few_prepared_documents_gives_identical_results(
    bbc_data: Path, tmp_path: Path
) -> None:
    # Memory stays bounded on any corpus: documents past the cache are prepared again when
    # alignment or the per-document reports need them, with the same answers.
    generate(tmp_path, SIZE, 13, bbc_data)
    documents, _, _ = read_corpus([tmp_path / "corpus.jsonl"])
    roomy = LocalEngine(workers=2).run(documents, NoProgress())
    tight = LocalEngine(workers=2, cache_documents=3).run(documents, NoProgress())
    assert tight.pairs == roomy.pairs
    assert tight.families == roomy.families
    assert tight.documents == roomy.documents
