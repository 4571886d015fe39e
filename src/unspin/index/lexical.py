"""The lexical index: insert, query and remove documents by their features.

``query(features)`` returns the documents worth aligning with one document, each with the
evidence that made it a candidate. A corpus scan inserts every document, then queries each;
a trace is one query. Evidence is symmetric (``b`` is a candidate of ``a`` exactly when
``a`` is one of ``b``, with the same evidence), so both give the same pairs.

Document frequency is read at query time from what the index holds (``docs/index.md``).
A shingle held by at most ``RARE_FULL_DF`` documents counts in full; a commoner one counts
``RARE_FULL_DF / df``, so that a story syndicated to 500 sites still pairs each copy with the
original (which holds every shingle of the story) while a stock phrase in hundreds of
unrelated articles adds next to nothing. Past ``MAX_POSTINGS`` a shingle is not read at all,
which keeps a query's work bounded whatever the corpus.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import TypeVar

import numpy as np

from unspin.index.features import DocFeatures
from unspin.index.store import KINDS, Kind, MemoryStore, Store
from unspin.progress import Progress

# A shingle seen in at most this many documents (the queried one included) counts in full;
# a commoner one counts RARE_FULL_DF / df. 20 was the hard cut of the old candidate stage,
# tuned on BBC (`benchmarks/run.py bbc`): below it candidates are unchanged.
RARE_FULL_DF = 20
# Postings of a shingle held by more documents than this are not read: it would count 0.02
# of a shared shingle at most. Bounds the work of a query to its shingles x MAX_POSTINGS, and
# of a batch join to MAX_POSTINGS**2 / 2 pairs a key. A story copied more often than this
# still pairs through its LSH bands, its rarer spun shingles and chained buckets.
MAX_POSTINGS = 1000
# Shared (df-weighted) rare shingles needed for a candidate: a copied sentence gives 10 or
# more; a stock phrase or a quote both articles took from a third source gives a few.
MIN_SHARED_RARE = 4
MIN_SHARED_SPIN = 4
# ... or, however common its shingles, a pair whose smaller side has at least this share of
# its keys (and CONTAINED_MIN_SHARED of them) in the other: a short excerpt of a story
# syndicated hundreds of times shares nothing rare, but is contained in its source. Two
# unrelated articles share a few percent of their 3-shingles ("one of the"). On the speed
# benchmark's 10,000 documents (sources repeated across parts) df weighting alone kept every
# labelled pair; the rule keeps them as families grow. Re-run `python -m benchmarks.speed
# filter` and `benchmarks/run.py bbc` after changing either.
CONTAINED_MIN_SHARE = 0.3
CONTAINED_MIN_SHARED = 12
# The batch join sums this many (pair, key) findings at a time: 4M x 24 bytes is ~100 MB.
JOIN_BLOCK = 4_000_000
# ... but it must hold every pair that shares anything, which grows with the square of a
# family's size: at 10,000 speed-benchmark documents (54M findings) the join took 26 s and
# 2.1 GB, querying each document 56 s and 34 MB, for the same pairs. `all_pairs` joins in
# one batch up to this many findings (~400 MB) and queries each document past it.
JOIN_MAX_FINDINGS = 8_000_000
# Identical documents land in one LSH bucket; past this many pairs a bucket is chained in id
# order (each document meets its neighbours) instead of paired all-to-all, which keeps a
# 50,000-copy family linear.
MAX_BUCKET_PAIRS = 64


@dataclass(frozen=True)
class Evidence:
    """Why two documents are candidates: what their features have in common."""

    bands: int = 0  # LSH bands in which they share a bucket
    rare: float = 0.0  # shared rare 3-shingles, weighted by document frequency
    spin: float = 0.0  # shared spin-resistant bigrams, weighted the same way
    # The same keys counted one each: how much text the two share, however common it is
    # (what alignment will see), where `rare` and `spin` say how telling it is.
    rare_shared: int = 0
    spin_shared: int = 0

    @property
    def strength(self) -> float:
        """One number to rank a document's candidates by (best sources first). Bands are
        left out: siblings spun from one source collide in bands as often as with it."""
        return self.rare + self.spin


@dataclass(frozen=True)
class Candidate:
    id: str
    evidence: Evidence


class LexicalIndex:
    """Documents' lexical features over a store (in memory unless one is given)."""

    def __init__(self, store: Store | None = None) -> None:
        self.store: Store = store if store is not None else MemoryStore()

    def __len__(self) -> int:
        return len(self.store)

    def __contains__(self, doc_id: object) -> bool:
        return doc_id in self.store

    def insert(self, features: DocFeatures) -> None:
        """Add a document; one already held under its id is replaced."""
        if features.id in self.store:
            self.store.remove(features.id)
        self.store.add(features)

    def remove(self, doc_id: str) -> bool:
        return self.store.remove(doc_id)

    def ids(self) -> Iterator[str]:
        return self.store.ids()

    def query(self, features: DocFeatures) -> list[Candidate]:
        """The documents held that are worth aligning with ``features``' document, strongest
        evidence first (ties by id); the document itself is never among them."""
        held = features.id in self.store
        bands = self._band_hits(features, held)
        bands.pop(features.id, None)
        rare = self._shared(features.rare, "rare", held)
        spin = self._shared(features.spin, "spin", held)
        banded = self.store.ordinal_of(sorted(bands))
        docs = _union(rare[0], spin[0], banded)
        if held:
            docs = docs[docs != self.store.ordinal_of([features.id])[0]]
        rare_at, spin_at = _spread(*rare, docs), _spread(*spin, docs)
        smaller = np.minimum(self.store.sizes(docs), _sizes(features))
        keep = _candidates(rare_at, spin_at, smaller, np.isin(docs, banded))
        ids = self.store.id_of(docs[keep])
        shares = zip(ids, rare_at[keep].tolist(), spin_at[keep].tolist(), strict=True)
        found = [Candidate(i, _evidence(bands.get(i, 0), r, s)) for i, r, s in shares]
        found.sort(key=lambda c: (-c.evidence.strength, c.id))
        return found

    def all_pairs(self, progress: Progress | None = None) -> dict[tuple[str, str], Evidence]:
        """Every candidate pair among the documents held, smaller id first: one batch join
        while it fits in memory, else every document queried in turn (the same pairs).
        ``progress`` advances once a document."""
        done = progress.advance if progress is not None else lambda n=1: None
        if self.findings() <= JOIN_MAX_FINDINGS:
            joined = self.self_join()
            done(len(self))
            return joined
        found: dict[tuple[str, str], Evidence] = {}
        for doc_id in self.store.ids():
            features = self.store.features(doc_id)
            assert features is not None
            for candidate in self.query(features):
                if doc_id < candidate.id:
                    found[(doc_id, candidate.id)] = candidate.evidence
            done(1)
        return found

    def findings(self) -> int:
        """How many (pair, shared key) findings a batch join would sum."""
        total = 0
        for kind in KINDS:
            _, sizes = _runs(self.store.all_postings(kind)[0])
            sizes = sizes[sizes <= MAX_POSTINGS]
            total += int((sizes * (sizes - 1) // 2).sum())
        return total

    def self_join(self) -> dict[tuple[str, str], Evidence]:
        """Every candidate pair among the documents held, smaller id first: what querying
        each of them gives, computed at once (a batch scan)."""
        rare = _joined(*self.store.all_postings("rare"))
        spin = _joined(*self.store.all_postings("spin"))
        band_codes, bands = self._band_pairs()
        codes = _union(rare[0], spin[0], band_codes)
        rare_at, spin_at = _spread(*rare, codes), _spread(*spin, codes)
        bands_at = _spread(band_codes, bands, codes)[:, 0].astype(np.int64)
        smaller = np.minimum(
            self.store.sizes(codes >> _CODE_BITS), self.store.sizes(codes & _CODE_MASK)
        )
        keep, evidence = pair_evidence(bands_at, rare_at, spin_at, smaller)
        codes = codes[keep]
        firsts = self.store.id_of(codes >> _CODE_BITS)
        seconds = self.store.id_of(codes & _CODE_MASK)
        found: dict[tuple[str, str], Evidence] = {}
        for a, b, e in zip(firsts, seconds, evidence, strict=True):
            found[(a, b) if a < b else (b, a)] = e
        return found

    def _band_hits(self, features: DocFeatures, held: bool) -> dict[str, int]:
        hits: dict[str, int] = defaultdict(int)
        for band, key in enumerate(features.bands):
            members = list(self.store.bucket(band, key))
            if not held:
                bisect.insort(members, features.id)
            for doc_id in _met(members, features.id):
                hits[doc_id] += 1
        return hits

    def _band_pairs(self) -> tuple[np.ndarray, np.ndarray]:
        codes: list[int] = []
        for members in self.store.buckets():
            if len(members) < 2:
                continue
            ordinals = self.store.ordinal_of(members).tolist()
            codes.extend(_code(x, y) for x, y in bucket_meetings(ordinals))
        every = np.array(codes, dtype=np.int64)
        return _summed(every, np.ones((len(every), 1)))

    def _shared(self, keys: np.ndarray, kind: Kind, held: bool) -> tuple[np.ndarray, np.ndarray]:
        """Ordinals sharing ``keys`` (sorted) and, for each, the df-weighted and the plain
        count of the keys it shares (two columns)."""
        nothing = np.zeros(0, dtype=np.int64), np.zeros((0, 2))
        if not len(keys):
            return nothing
        lists = self.store.postings(kind, keys, limit=MAX_POSTINGS)
        lengths = np.array([len(docs) for docs in lists], dtype=np.int64)
        df = lengths + (0 if held else 1)
        read = (df >= 2) & (df <= MAX_POSTINGS)
        if not read.any():
            return nothing
        docs = np.concatenate([docs for docs, r in zip(lists, read.tolist(), strict=True) if r])
        return _summed(docs, _weights(np.repeat(df[read], lengths[read])))


T = TypeVar("T")

# A pair of ordinals as one int64: the smaller in the high bits.
_CODE_BITS = 31
_CODE_MASK = (1 << _CODE_BITS) - 1


def _code(x: int, y: int) -> int:
    return (min(x, y) << _CODE_BITS) | max(x, y)


def _weights(df: np.ndarray) -> np.ndarray:
    """What each shared key counts for, by how many documents hold it, and plainly one."""
    return np.column_stack([np.minimum(1.0, RARE_FULL_DF / df), np.ones(len(df))])


def _sizes(features: DocFeatures) -> np.ndarray:
    return np.array([[len(features.rare), len(features.spin)]], dtype=np.int64)


def _candidates(
    rare: np.ndarray, spin: np.ndarray, smaller: np.ndarray, banded: np.ndarray
) -> np.ndarray:
    """Which rows are candidates: ``rare`` and ``spin`` hold (weighted, plain) counts of
    shared keys, ``smaller`` the key counts (rare, spin) of the pair's smaller side."""
    enough = (rare[:, 0] >= MIN_SHARED_RARE) | (spin[:, 0] >= MIN_SHARED_SPIN)
    for shared, total in ((rare[:, 1], smaller[:, 0]), (spin[:, 1], smaller[:, 1])):
        enough |= (shared >= CONTAINED_MIN_SHARED) & (shared >= CONTAINED_MIN_SHARE * total)
    return np.asarray(enough | banded, dtype=bool)


def _evidence(bands: int, rare: list[float], spin: list[float]) -> Evidence:
    return Evidence(bands, rare[0], spin[0], round(rare[1]), round(spin[1]))


def bucket_meetings(members: Sequence[T]) -> Iterator[tuple[T, T]]:
    """The pairs one LSH bucket makes of its ``members`` (in id order): all of them while
    there are at most MAX_BUCKET_PAIRS, else each member with the next (chained)."""
    if _all_pairs(len(members)):
        return ((x, y) for n, x in enumerate(members) for y in members[n + 1 :])
    return pairwise(members)


def pair_evidence(
    bands: np.ndarray, rare: np.ndarray, spin: np.ndarray, smaller: np.ndarray
) -> tuple[np.ndarray, list[Evidence]]:
    """Which pairs are candidates, and the evidence of those, from their summed findings:
    ``bands`` the buckets each pair shares, ``rare`` and ``spin`` the (df-weighted, plain)
    sums of the keys it shares, ``smaller`` its smaller side's key counts (rare, spin). The
    batch join's rule, for an engine that sums the findings elsewhere (Spark)."""
    rare, spin = np.round(rare, 6), np.round(spin, 6)
    keep = _candidates(rare, spin, smaller, bands > 0)
    found = zip(bands[keep].tolist(), rare[keep].tolist(), spin[keep].tolist(), strict=True)
    return keep, [_evidence(n, r, s) for n, r, s in found]


def key_weights(df: np.ndarray) -> np.ndarray:
    """What one shared key counts for in each pair of its ``df`` holders (weighted, plain);
    NaN where the key is not read (held once, or by more than MAX_POSTINGS documents)."""
    weights = _weights(df.astype(np.float64))
    weights[(df < 2) | (df > MAX_POSTINGS)] = np.nan
    return weights


def _all_pairs(size: int) -> bool:
    return size * (size - 1) // 2 <= MAX_BUCKET_PAIRS


def _met(members: list[str], doc_id: str) -> list[str]:
    """Who ``doc_id`` meets in a bucket of ``members`` (sorted, itself included)."""
    if _all_pairs(len(members)):
        return members
    at = bisect.bisect_left(members, doc_id)  # chained: its neighbours in id order
    return members[max(0, at - 1) : at + 2]


def _spread(where: np.ndarray, values: np.ndarray, at: np.ndarray) -> np.ndarray:
    """Rows of ``values`` (given for the sorted ``where``) read at each of ``at``, zeros
    where absent."""
    out = np.zeros((len(at), values.shape[1]))
    if len(where):
        slot = np.clip(np.searchsorted(where, at), 0, len(where) - 1)
        hit = where[slot] == at
        out[hit] = values[slot[hit]]
    return out


def _joined(keys: np.ndarray, docs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Pair codes of documents sharing keys, and the df-weighted and plain count of the keys
    each pair shares. Pairs are summed block by block (JOIN_BLOCK at a time), so memory
    follows the pairs that share something, not every (key, pair) it took to find them."""
    empty = np.zeros(0, dtype=np.int64), np.zeros((0, 2))
    if not len(keys):
        return empty
    starts, sizes = _runs(keys)
    total = empty
    pending: list[tuple[np.ndarray, np.ndarray]] = []
    held = 0
    for size in np.unique(sizes[(sizes >= 2) & (sizes <= MAX_POSTINGS)]).tolist():
        left, right = np.triu_indices(size, 1)
        weight = _weights(np.array([size]))[0]
        first = starts[sizes == size]
        per_block = max(1, JOIN_BLOCK // len(left))
        for block in range(0, len(first), per_block):
            group = docs[first[block : block + per_block][:, None] + np.arange(size)]
            x, y = group[:, left].reshape(-1), group[:, right].reshape(-1)
            pending.append(((np.minimum(x, y) << _CODE_BITS) | np.maximum(x, y), weight))
            held += len(x)
            if held >= JOIN_BLOCK:
                total = _merged(total, pending)
                pending, held = [], 0
    total = _merged(total, pending)
    return total[0], np.round(total[1], 6)


def _runs(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Where each run of equal keys starts in the sorted ``keys``, and how long it is."""
    if not len(keys):
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    starts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]])
    return starts, np.diff(np.r_[starts, len(keys)])


def _merged(
    total: tuple[np.ndarray, np.ndarray], pending: list[tuple[np.ndarray, np.ndarray]]
) -> tuple[np.ndarray, np.ndarray]:
    """``total`` with the pair codes of ``pending`` (each with one weight row) added in."""
    if not pending:
        return total
    codes = np.concatenate([total[0], *(c for c, _ in pending)])
    weights = np.concatenate(
        [total[1], *(np.broadcast_to(w, (len(c), len(w))) for c, w in pending)]
    )
    return _summed(codes, weights, rounded=False)


def _summed(
    items: np.ndarray, weights: np.ndarray, rounded: bool = True
) -> tuple[np.ndarray, np.ndarray]:
    """Distinct ``items``, sorted, with the sum of their weights (rounded, so that sums
    taken in another order compare equal)."""
    if not len(items):
        return items.astype(np.int64), np.zeros((0, weights.shape[1]))
    order = np.argsort(items, kind="stable")
    items, weights = items[order], weights[order]
    starts, _ = _runs(items)
    sums = np.add.reduceat(weights, starts)
    return items[starts], np.round(sums, 6) if rounded else sums


def _union(*arrays: np.ndarray) -> np.ndarray:
    every = np.sort(np.concatenate(arrays).astype(np.int64))
    return every[np.r_[True, every[1:] != every[:-1]]] if len(every) else every
