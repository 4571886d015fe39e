"""The local engine: in process for small inputs, a pool of forked workers for a corpus.

Ctrl-C is the parent's to handle: workers ignore SIGINT (the terminal sends it to the whole
process group), and the parent terminates the pool on any exception, KeyboardInterrupt
included, so an interrupted run stops at once and prints no worker tracebacks.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections.abc import Callable, Generator, Iterator, Mapping, Sequence
from contextlib import closing
from dataclasses import dataclass, replace
from multiprocessing.pool import Pool
from pathlib import Path
from typing import TypeVar

import numpy as np

from unspin.align import compile_now
from unspin.candidates import IdPair, candidate_pairs
from unspin.copies import as_copy, content_key, group_copies
from unspin.embed import embed_documents
from unspin.engines.base import EngineResult
from unspin.engines.checkpoint import CHECKPOINT, AlignCheckpoint, pairs_key, run_key
from unspin.engines.prepared import PREPARED_CACHE_DOCUMENTS, PreparedCache
from unspin.fingerprint import fingerprint
from unspin.index import DocFeatures, doc_features
from unspin.lexicon import wordnet
from unspin.model import Document
from unspin.pipeline import (
    Progress,
    compare_prepared,
    corpus_pieces,
    document_reports,
    families_of,
    oriented_by_pieces,
    prepare_document,
    restore_copies,
    site_templates,
)
from unspin.prepare import Prepared
from unspin.relate import PairEvidence

# Below this many documents a worker pool costs more to start than it saves.
POOL_MIN_DOCUMENTS = 64
CHUNK = 16

T = TypeVar("T")
R = TypeVar("R")


@dataclass(frozen=True)
class RunContext:
    """What the stage functions of one run read besides their item: the site templates
    while preparing, the prepared documents by id while aligning. Forked workers receive it
    through the pool initializer (inherited, not pickled)."""

    templates: Mapping[str, frozenset[str]]
    prepared: Mapping[str, Prepared]


def prepare_with(context: RunContext, doc: Document) -> tuple[Prepared, DocFeatures]:
    """Map per document: prepared, and its features for the index."""
    prepared = prepare_document(doc, context.templates)
    return prepared, doc_features(prepared)


def features_with(context: RunContext, doc: Document) -> DocFeatures:
    """Map per document, for an index: only the features travel back."""
    return doc_features(prepare_document(doc, context.templates))


def compare_with(context: RunContext, pair: IdPair) -> PairEvidence | None:
    """Map per pair: align and relate two documents named by id."""
    return compare_prepared(context.prepared[pair[0]], context.prepared[pair[1]])


class _Worker:
    """The context a pool's worker process was started with (set once, in that worker)."""

    context: RunContext | None = None

    @classmethod
    def start(cls, context: RunContext) -> None:
        # Ctrl-C reaches the workers too, but only the parent acts on it.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        cls.context = context

    @classmethod
    def prepare(cls, doc: Document) -> tuple[Prepared, DocFeatures]:
        assert cls.context is not None, "worker used before its pool initializer ran"
        return prepare_with(cls.context, doc)

    @classmethod
    def features(cls, doc: Document) -> DocFeatures:
        assert cls.context is not None, "worker used before its pool initializer ran"
        return features_with(cls.context, doc)

    @classmethod
    def compare(cls, pair: IdPair) -> PairEvidence | None:
        assert cls.context is not None, "worker used before its pool initializer ran"
        return compare_with(cls.context, pair)


class LocalEngine:
    """``checkpoint``: a folder where aligned pairs are recorded as they are found, so that a
    stopped run of the same corpus resumes there (`unspin.engines.checkpoint`)."""

    def __init__(
        self,
        workers: int | None = None,
        *,
        semantic: bool = False,
        all_pairs: bool = False,
        checkpoint: Path | None = None,
        cache_documents: int = PREPARED_CACHE_DOCUMENTS,
    ) -> None:
        self.cache_documents = cache_documents
        self.workers = workers if workers is not None else (os.cpu_count() or 1)
        self.semantic = semantic
        self.all_pairs = all_pairs
        self.checkpoint = checkpoint
        if semantic:
            from unspin.semantic import require

            require()  # fail before any input is read, with the pip line

    def _map(
        self,
        in_pool: Callable[[T], R],
        here: Callable[[RunContext, T], R],
        items: Sequence[T],
        context: RunContext,
    ) -> Generator[R, None, None]:
        """One stage function over ``items``, in order: in this process for few items, else
        in a pool of forked workers. Close the generator to stop (and end the pool)."""
        if len(items) < POOL_MIN_DOCUMENTS or self.workers <= 1:
            yield from (here(context, item) for item in items)
            return
        fork = multiprocessing.get_context("fork")
        pool = fork.Pool(self.workers, initializer=_Worker.start, initargs=(context,))
        yield from _closing(pool, pool.imap(in_pool, items, chunksize=CHUNK))

    def features(
        self, documents: Sequence[Document], templates: Mapping[str, frozenset[str]]
    ) -> Generator[DocFeatures, None, None]:
        """Each document's features, in order (for an index: see `unspin.index.articles`).
        Close the generator to stop early."""
        wordnet()  # load once in the parent so forked workers share it
        context = RunContext(templates, {})
        return self._map(_Worker.features, features_with, documents, context)

    def run(self, documents: Sequence[Document], progress: Progress) -> EngineResult:
        wordnet()  # load once in the parent so forked workers share it
        compile_now()  # and the compiled alignment
        groups = group_copies(documents)
        distinct = [documents[i] for i in groups.representatives]
        # Exact copies would make every line of the copied article look like a site template.
        templates = site_templates(distinct)
        # Semantic mode keeps every document: their sentence vectors are not recomputed.
        capacity = None if self.semantic else self.cache_documents
        cache = PreparedCache({d.id: d for d in distinct}, templates, capacity)
        context = RunContext(templates, cache)
        progress.start("prepare", len(distinct))
        features: list[DocFeatures] = []
        with closing(self._map(_Worker.prepare, prepare_with, distinct, context)) as made:
            for one, its_features in made:
                cache.put(one)
                features.append(its_features)
                progress.advance()
        vectors: list[np.ndarray] | None = None
        if self.semantic:
            embedded = embed_documents([cache[d.id] for d in distinct], progress)
            for one in embedded:
                cache.put(one)
            vectors = [p.vectors for p in embedded if p.vectors is not None]
            assert len(vectors) == len(embedded), "every embedded document has its vectors"
        progress.start("candidates", len(distinct))
        pairs, stats = candidate_pairs(
            features, vectors, all_pairs=self.all_pairs, progress=progress
        )
        record = self._open_checkpoint(distinct, pairs)
        done = record.load() if record is not None else {}
        todo = [pair for pair in pairs if pair not in done]
        stats = replace(stats, resumed=len(pairs) - len(todo))
        progress.start("align", len(pairs) + len(groups.copies))
        progress.advance(len(pairs) - len(todo))
        evidence = [found for found in done.values() if found is not None]
        try:
            if record is not None:
                record.start(done)
            with closing(self._map(_Worker.compare, compare_with, todo, context)) as compared:
                for pair, found in zip(todo, compared, strict=True):
                    if record is not None:
                        record.record(pair, found)
                    if found is not None:
                        evidence.append(found)
                    progress.advance()
        finally:
            if record is not None:
                record.close()
        copy_of, copy_pairs = restore_copies(documents, groups, cache, evidence, progress)
        evidence.extend(copy_pairs)
        evidence.sort(key=lambda e: (e.result.a, e.result.b))  # the same in any input order
        by_id = {d.id: d for d in documents}

        def prepared_of(doc_id: str) -> Prepared:
            rep = copy_of.get(doc_id)
            return as_copy(cache[rep], by_id[doc_id]) if rep is not None else cache[doc_id]

        progress.start("relate", len(documents))
        evidence = oriented_by_pieces(evidence, corpus_pieces(evidence, prepared_of))
        reports = document_reports([d.id for d in documents], prepared_of, evidence)
        results = tuple(e.result for e in evidence)
        families = families_of(results, by_id)
        progress.advance(len(documents))
        return EngineResult(reports, results, families, stats)

    def _open_checkpoint(
        self, distinct: Sequence[Document], pairs: Sequence[IdPair]
    ) -> AlignCheckpoint | None:
        if self.checkpoint is None:
            return None
        key = run_key(
            [
                fingerprint(),
                f"semantic={self.semantic} all_pairs={self.all_pairs}",
                *sorted(f"{d.id}\t{content_key(d)}" for d in distinct),
                pairs_key(pairs),
            ]
        )
        return AlignCheckpoint(self.checkpoint / CHECKPOINT, key)


def _closing(pool: Pool, iterator: Iterator[R]) -> Iterator[R]:
    """The pool's results; the pool ends with them, at once if they were not all taken."""
    try:
        yield from iterator
    except BaseException:  # KeyboardInterrupt, or the consumer stopped early (GeneratorExit)
        pool.terminate()
        raise
    else:
        pool.close()
    finally:
        pool.join()
