"""Prepared documents by id, with a bound on how many are kept in memory.

A `Prepared` (tokens, sentences, boilerplate) is ~75 KiB a document, so a scan that kept
every one would need 15 GB at 200,000 documents. The cache keeps at most `capacity` (the
most recently used); any other is prepared again from its document when a stage asks for
it. Preparing is deterministic, so the answers are the same whatever the capacity (a test
runs a scan with a capacity of a few documents). Each forked worker starts with a copy of
the parent's cache and goes on on its own.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterator, Mapping

from unspin.model import Document
from unspin.pipeline import prepare_document
from unspin.prepare import Prepared

# About 750 MB of Prepared documents at ~75 KiB each (measured on the speed benchmark's
# corpus): corpora up to this size are never prepared twice. Re-run `python -m
# benchmarks.speed run` (peak memory and seconds) after changing it.
PREPARED_CACHE_DOCUMENTS = 10_000


class PreparedCache(Mapping[str, Prepared]):
    """``documents`` by id, prepared with ``templates`` on demand; ``capacity`` None keeps
    every one (semantic mode: sentence vectors are not recomputed)."""

    def __init__(
        self,
        documents: Mapping[str, Document],
        templates: Mapping[str, frozenset[str]],
        capacity: int | None = PREPARED_CACHE_DOCUMENTS,
    ) -> None:
        self.documents = documents
        self.templates = templates
        self.capacity = capacity
        self.prepared_again = 0  # documents prepared a second time (evicted, then asked for)
        self._kept: OrderedDict[str, Prepared] = OrderedDict()

    def put(self, prepared: Prepared) -> None:
        self._kept[prepared.id] = prepared
        self._kept.move_to_end(prepared.id)
        if self.capacity is not None:
            while len(self._kept) > self.capacity:
                self._kept.popitem(last=False)

    def __getitem__(self, doc_id: str) -> Prepared:
        kept = self._kept.get(doc_id)
        if kept is not None:
            self._kept.move_to_end(doc_id)
            return kept
        doc = self.documents[doc_id]  # KeyError for an id that is not a document
        if self.capacity is None:
            raise KeyError(f"{doc_id!r} was never prepared")
        prepared = prepare_document(doc, self.templates)
        self.prepared_again += 1
        self.put(prepared)
        return prepared

    def __iter__(self) -> Iterator[str]:
        return iter(self.documents)

    def __len__(self) -> int:
        return len(self.documents)
