"""Where an index keeps its documents' features and postings.

A store knows nothing of evidence or thresholds: it files each document's keys and answers
which documents hold a key. `MemoryStore` serves a scan; `unspin.index.sqlite.SqliteStore`
keeps the same on disk for an index that grows between runs.

Documents get an ordinal (an int, never reused) so that postings are arrays of ints; every
answer that leaves the index names documents by id.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Iterator, Sequence
from typing import Literal, Protocol

import numpy as np

from unspin.index.features import DocFeatures

Kind = Literal["rare", "spin"]
KINDS: tuple[Kind, ...] = ("rare", "spin")


class Store(Protocol):
    def add(self, features: DocFeatures) -> None:
        """File a document that the store does not hold yet."""

    def remove(self, doc_id: str) -> bool:
        """Forget a document; False when it was not there."""

    def __contains__(self, doc_id: object) -> bool: ...

    def __len__(self) -> int: ...

    def ids(self) -> Iterator[str]:
        """Every document held, in id order."""

    def features(self, doc_id: str) -> DocFeatures | None: ...

    def bucket(self, band: int, key: int) -> Sequence[str]:
        """Ids of the documents in one LSH bucket, sorted."""

    def postings(self, kind: Kind, keys: np.ndarray, limit: int | None = None) -> list[np.ndarray]:
        """For each key, the ordinals of the documents that hold it, ascending; with
        ``limit``, a list longer than that is cut at ``limit + 1`` (enough to tell it is)."""

    def id_of(self, ordinals: np.ndarray) -> list[str]: ...

    def ordinal_of(self, ids: Sequence[str]) -> np.ndarray: ...

    def sizes(self, ordinals: np.ndarray) -> np.ndarray:
        """For each ordinal, how many rare and spin keys its document has (two columns)."""

    def all_postings(self, kind: Kind) -> tuple[np.ndarray, np.ndarray]:
        """Every (key, ordinal) of one kind, sorted by key then ordinal (a batch join)."""

    def buckets(self) -> Iterator[Sequence[str]]:
        """The members of every LSH bucket, each sorted by id."""


class MemoryStore:
    """Postings as sorted numpy arrays: 16 bytes a posting, the store of one scan.

    Added documents wait in a buffer and are merged into the sorted arrays at the next
    lookup (a scan inserts everything, then queries), so inserting is cheap in any order.
    A removed document's postings stay until the next merge but are never answered.
    """

    def __init__(self) -> None:
        self._ordinal: dict[str, int] = {}
        self._ids: list[str | None] = []
        self._features: dict[str, DocFeatures] = {}
        self._buckets: dict[tuple[int, int], list[str]] = defaultdict(list)
        self._sorted = {kind: _Postings() for kind in KINDS}
        self._sizes: list[tuple[int, int]] = []
        self._size_array = np.zeros((0, 2), dtype=np.int64)

    def add(self, features: DocFeatures) -> None:
        if features.id in self._ordinal:
            raise ValueError(f"document {features.id!r} is already in the index")
        ordinal = len(self._ids)
        self._ordinal[features.id] = ordinal
        self._ids.append(features.id)
        self._sizes.append((len(features.rare), len(features.spin)))
        self._features[features.id] = features
        for band, key in enumerate(features.bands):
            bisect.insort(self._buckets[(band, key)], features.id)
        for kind in KINDS:
            self._sorted[kind].add(keys_of(features, kind), ordinal)

    def remove(self, doc_id: str) -> bool:
        features = self._features.pop(doc_id, None)
        if features is None:
            return False
        ordinal = self._ordinal.pop(doc_id)
        self._ids[ordinal] = None
        for band, key in enumerate(features.bands):
            members = self._buckets[(band, key)]
            members.remove(doc_id)
            if not members:
                del self._buckets[(band, key)]
        for kind in KINDS:
            self._sorted[kind].forget(ordinal)
        return True

    def __contains__(self, doc_id: object) -> bool:
        return doc_id in self._ordinal

    def __len__(self) -> int:
        return len(self._ordinal)

    def ids(self) -> Iterator[str]:
        return iter(sorted(self._ordinal))

    def features(self, doc_id: str) -> DocFeatures | None:
        return self._features.get(doc_id)

    def bucket(self, band: int, key: int) -> Sequence[str]:
        return self._buckets.get((band, key), ())

    def postings(self, kind: Kind, keys: np.ndarray, limit: int | None = None) -> list[np.ndarray]:
        found = self._sorted[kind].lookup(keys)
        return found if limit is None else [docs[: limit + 1] for docs in found]

    def id_of(self, ordinals: np.ndarray) -> list[str]:
        names = [self._ids[o] for o in ordinals.tolist()]
        assert all(name is not None for name in names), "a posting outlived its document"
        return [name for name in names if name is not None]

    def ordinal_of(self, ids: Sequence[str]) -> np.ndarray:
        return np.array([self._ordinal[i] for i in ids], dtype=np.int64)

    def sizes(self, ordinals: np.ndarray) -> np.ndarray:
        if len(self._size_array) != len(self._sizes):
            self._size_array = np.array(self._sizes, dtype=np.int64).reshape(-1, 2)
        found: np.ndarray = self._size_array[ordinals]
        return found

    def all_postings(self, kind: Kind) -> tuple[np.ndarray, np.ndarray]:
        return self._sorted[kind].everything()

    def buckets(self) -> Iterator[Sequence[str]]:
        return iter(self._buckets.values())


class _Postings:
    """(key, ordinal) pairs sorted by key, with a buffer of additions and tombstones."""

    def __init__(self) -> None:
        self._keys = np.zeros(0, dtype=np.uint64)
        self._docs = np.zeros(0, dtype=np.int64)
        self._pending: list[tuple[np.ndarray, int]] = []
        self._removed: set[int] = set()

    def add(self, keys: np.ndarray, ordinal: int) -> None:
        if len(keys):
            self._pending.append((keys, ordinal))

    def forget(self, ordinal: int) -> None:
        self._removed.add(ordinal)

    def lookup(self, keys: np.ndarray) -> list[np.ndarray]:
        self._merge()
        lo = np.searchsorted(self._keys, keys, side="left")
        hi = np.searchsorted(self._keys, keys, side="right")
        return [self._docs[a:b] for a, b in zip(lo.tolist(), hi.tolist(), strict=True)]

    def everything(self) -> tuple[np.ndarray, np.ndarray]:
        self._merge()
        return self._keys, self._docs

    def _merge(self) -> None:
        if not self._pending and not self._removed:
            return
        keys = [self._keys, *(k for k, _ in self._pending)]
        docs = [self._docs, *(np.full(len(k), o, dtype=np.int64) for k, o in self._pending)]
        all_keys, all_docs = np.concatenate(keys), np.concatenate(docs)
        if self._removed:
            alive = ~np.isin(all_docs, np.fromiter(self._removed, dtype=np.int64))
            all_keys, all_docs = all_keys[alive], all_docs[alive]
        # Stable by key, then by ordinal: a key's documents come in the order they were added.
        order = np.lexsort((all_docs, all_keys))
        self._keys, self._docs = all_keys[order], all_docs[order]
        self._pending, self._removed = [], set()


def keys_of(features: DocFeatures, kind: Kind) -> np.ndarray:
    """The keys of one kind that a document's features hold."""
    return features.rare if kind == "rare" else features.spin
