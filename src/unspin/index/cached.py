"""A read-only view of a store that remembers every answer it fetched.

A trace queries the index for the article and then, for the scan's reverse check, for many
of its candidates; in a large family those candidates share most of their keys, their
buckets and their postings, which a SQLite store would read again for each. Inside one
snapshot (`ArticleIndex.snapshot`) the store cannot change, so remembering is exact.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import numpy as np

from unspin.index.features import DocFeatures
from unspin.index.store import Kind, Store


class ReadCache:
    """`Store`'s reading half over ``inner``, each answer fetched once."""

    def __init__(self, inner: Store) -> None:
        self.inner = inner
        self._postings: dict[tuple[Kind, int, int | None], np.ndarray] = {}
        self._buckets: dict[tuple[int, int], Sequence[str]] = {}
        self._ids: dict[int, str] = {}
        self._ordinals: dict[str, int] = {}
        # Sizes by ordinal, -1 where not fetched yet: a query asks for thousands at once.
        self._sizes = np.full((0, 2), -1, dtype=np.int64)
        self._features: dict[str, DocFeatures | None] = {}
        self._held: dict[object, bool] = {}

    def add(self, features: DocFeatures) -> None:
        raise TypeError("a ReadCache is read-only")

    def remove(self, doc_id: str) -> bool:
        raise TypeError("a ReadCache is read-only")

    def __contains__(self, doc_id: object) -> bool:
        if doc_id not in self._held:
            self._held[doc_id] = doc_id in self.inner
        return self._held[doc_id]

    def __len__(self) -> int:
        return len(self.inner)

    def ids(self) -> Iterator[str]:
        return self.inner.ids()

    def features(self, doc_id: str) -> DocFeatures | None:
        if doc_id not in self._features:
            self._features[doc_id] = self.inner.features(doc_id)
        return self._features[doc_id]

    def bucket(self, band: int, key: int) -> Sequence[str]:
        if (band, key) not in self._buckets:
            self._buckets[(band, key)] = self.inner.bucket(band, key)
        return self._buckets[(band, key)]

    def postings(self, kind: Kind, keys: np.ndarray, limit: int | None = None) -> list[np.ndarray]:
        wanted = [(kind, int(k), limit) for k in keys.tolist()]
        missing = sorted({w for w in wanted if w not in self._postings})
        if missing:
            asked = np.array([k for _, k, _ in missing], dtype=np.uint64)
            fetched = self.inner.postings(kind, asked, limit)
            self._postings.update(zip(missing, fetched, strict=True))
        return [self._postings[w] for w in wanted]

    def id_of(self, ordinals: np.ndarray) -> list[str]:
        wanted = ordinals.tolist()
        missing = sorted({o for o in wanted if o not in self._ids})
        if missing:
            names = self.inner.id_of(np.array(missing, dtype=np.int64))
            self._ids.update(zip(missing, names, strict=True))
            self._ordinals.update(zip(names, missing, strict=True))
        return [self._ids[o] for o in wanted]

    def ordinal_of(self, ids: Sequence[str]) -> np.ndarray:
        missing = sorted({i for i in ids if i not in self._ordinals})
        if missing:
            found = self.inner.ordinal_of(missing).tolist()
            self._ordinals.update(zip(missing, found, strict=True))
            self._ids.update(zip(found, missing, strict=True))
        return np.array([self._ordinals[i] for i in ids], dtype=np.int64)

    def sizes(self, ordinals: np.ndarray) -> np.ndarray:
        ordinals = np.asarray(ordinals, dtype=np.int64)
        if not len(ordinals):
            return np.zeros((0, 2), dtype=np.int64)
        top = int(ordinals.max()) + 1
        if top > len(self._sizes):
            grown = np.full((max(top, 2 * len(self._sizes)), 2), -1, dtype=np.int64)
            grown[: len(self._sizes)] = self._sizes
            self._sizes = grown
        missing = np.unique(ordinals[self._sizes[ordinals, 0] < 0])
        if len(missing):
            self._sizes[missing] = self.inner.sizes(missing)
        found: np.ndarray = self._sizes[ordinals]
        return found

    def all_postings(self, kind: Kind) -> tuple[np.ndarray, np.ndarray]:
        return self.inner.all_postings(kind)

    def buckets(self) -> Iterator[Sequence[str]]:
        return self.inner.buckets()
