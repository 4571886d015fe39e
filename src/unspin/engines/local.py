"""The local engine: in process for small inputs, a pool of forked workers for a corpus.

Ctrl-C is the parent's to handle: workers ignore SIGINT (the terminal sends it to the whole
process group), and the parent terminates the pool on any exception, KeyboardInterrupt
included, so an interrupted run stops at once and prints no worker tracebacks.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections.abc import Callable, Generator, Iterator, Sequence
from contextlib import closing
from multiprocessing.pool import Pool
from typing import TypeVar

from unspin.candidates import candidate_pairs
from unspin.copies import group_copies
from unspin.embed import embed_documents
from unspin.engines.base import EngineResult
from unspin.lexicon import wordnet
from unspin.model import Document
from unspin.pipeline import (
    Progress,
    compare_prepared,
    document_reports,
    families_of,
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

# Set in the parent before forking so workers see the prepared corpus without pickling it.
_SHARED: list[Prepared] = []
_TEMPLATES: dict[str, frozenset[str]] = {}


def _prepare(doc: Document) -> Prepared:
    return prepare_document(doc, _TEMPLATES)


def _compare(pair: tuple[int, int]) -> PairEvidence | None:
    return compare_prepared(_SHARED[pair[0]], _SHARED[pair[1]])


class LocalEngine:
    def __init__(self, workers: int | None = None, *, semantic: bool = False) -> None:
        self.workers = workers if workers is not None else (os.cpu_count() or 1)
        self.semantic = semantic
        if semantic:
            from unspin.semantic import require

            require()  # fail before any input is read, with the pip line

    def _map(
        self, func: Callable[[T], R], items: Sequence[T], use_pool: bool
    ) -> Generator[R, None, None]:
        """``func`` over ``items``, in order; close the generator to stop (and end the pool)."""
        if not use_pool or self.workers <= 1:
            yield from map(func, items)
            return
        context = multiprocessing.get_context("fork")
        pool = context.Pool(self.workers, initializer=_ignore_interrupts)
        yield from _closing(pool, pool.imap(func, items, chunksize=CHUNK))

    def run(self, documents: Sequence[Document], progress: Progress) -> EngineResult:
        global _SHARED, _TEMPLATES
        wordnet()  # load once in the parent so forked workers share it
        groups = group_copies(documents)
        distinct = [documents[i] for i in groups.representatives]
        use_pool = len(distinct) >= POOL_MIN_DOCUMENTS
        # Exact copies would make every line of the copied article look like a site template.
        _TEMPLATES = site_templates(distinct)
        progress.start("prepare", len(distinct))
        prepared: list[Prepared] = []
        with closing(self._map(_prepare, distinct, use_pool)) as prepared_docs:
            for item in prepared_docs:
                prepared.append(item)
                progress.advance()
        if self.semantic:
            prepared = embed_documents(prepared, progress)
        progress.start("candidates", len(prepared))
        pairs, stats = candidate_pairs(prepared)
        progress.advance(len(prepared))
        _SHARED = prepared
        progress.start("align", len(pairs) + len(groups.copies))
        evidence: list[PairEvidence] = []
        pooled = use_pool and len(pairs) >= POOL_MIN_DOCUMENTS
        try:
            with closing(self._map(_compare, pairs, pooled)) as compared:
                for found in compared:
                    if found is not None:
                        evidence.append(found)
                    progress.advance()
        finally:
            _SHARED = []
        copies, copy_pairs = restore_copies(documents, groups, prepared, evidence, progress)
        evidence.extend(copy_pairs)
        every = [*prepared, *copies]
        evidence.sort(key=lambda e: (e.result.a, e.result.b))  # the same in any input order
        progress.start("relate", len(every))
        reports = document_reports(sorted(every, key=_input_order(documents)), evidence)
        results = tuple(e.result for e in evidence)
        families = families_of(results, {d.id: d for d in documents})
        progress.advance(len(every))
        return EngineResult(reports, results, families, stats)


def _input_order(documents: Sequence[Document]) -> Callable[[Prepared], int]:
    position = {doc.id: index for index, doc in enumerate(documents)}
    return lambda p: position[p.id]


def _ignore_interrupts() -> None:
    """Pool initializer: Ctrl-C reaches the workers too, but only the parent acts on it."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


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
