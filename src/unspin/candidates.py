"""Pairs of documents worth aligning, from three lexical indexes.

- MinHash LSH on word 5-shingles finds verbatim copies (high Jaccard).
- An index of rare word 3-shingles finds partial reuse: a shared paragraph is a small share
  of either article (low Jaccard) but many shingles nobody else has (containment).
- An index of rare bigrams over spin-resistant tokens (content words in canonical form, names,
  numbers) finds spun copies whose surface shingles were broken by synonym swaps.
- In semantic mode, documents sharing paraphrased sentences (nearest neighbours over sentence
  vectors, `unspin.semantic`) find paraphrases and translations no lexical index can.
Every generator is generous: alignment decides what is really shared.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise

import numpy as np
import xxhash

from unspin.languages import CHARACTER_TOKENS, ENGLISH
from unspin.prepare import Prepared

SHINGLE_WORDS = 5
NUM_PERM = 128
# 32 bands of 4 rows: pairs with Jaccard ~0.42 or more collide in some band with probability
# 1/2 ((1/32) ** (1/4)); alignment filters the rest. Re-run `benchmarks/run.py bbc` to check
# the byte-identical pairs stay found.
LSH_BANDS, LSH_ROWS = 32, 4
RARE_SHINGLE_WORDS = 3
# A shingle seen in more documents than this is a stock phrase, not evidence of reuse. It also
# bounds the work per shingle (df * (df - 1) / 2 pairs).
RARE_MAX_DF = 20
# Shared rare shingles needed for a candidate: a copied sentence gives 10 or more; a stock
# phrase or a quote both articles took from a third source gives a few.
MIN_SHARED_RARE = 4
# Outside English a rare shingle needs this many content words of its three: stock phrases of
# function words ("de la", "il a été", "کے مطابق") are rare enough in a few hundred articles
# to pair half a corpus (French: 26 candidates a document, 7 with the rule, every labelled
# pair kept). English keeps every shingle, as tuned on BBC. Re-run `python -m
# benchmarks.multilingual run` (and `benchmarks/run.py bbc` before extending it to English).
RARE_MIN_CONTENT_WORDS = 2
MIN_SHARED_SPIN = 4
# Chinese and Japanese tokens are characters (`unspin.normalize`), about half a word each, so
# their shingles are this many times longer (content words needed too). On the zh corpus of
# `python -m benchmarks.multilingual run` (315 documents), bigrams of characters made 5,731
# spin candidates (18 a document), 4-grams 254; every labelled pair stayed a candidate.
CHARACTER_SHINGLE_FACTOR = 2
# Identical documents land in one LSH bucket; past this size a bucket is chained instead of
# paired all-to-all, which keeps a 50,000-copy family linear.
MAX_BUCKET_PAIRS = 64

# Shingles hashed at once: 128 x 4,096 uint64 is 4 MB of working memory per block.
SIGNATURE_BLOCK = 4096

_MERSENNE = np.uint64((1 << 61) - 1)
_rng = np.random.default_rng(20201025)
_PERM_A = _rng.integers(1, 1 << 32, NUM_PERM, dtype=np.uint64)
_PERM_B = _rng.integers(0, 1 << 32, NUM_PERM, dtype=np.uint64)


@dataclass(frozen=True)
class CandidateStats:
    minhash: int
    rare: int
    spin: int
    total: int
    semantic: int = 0  # pairs sharing paraphrased sentences (semantic mode only)


def _hash(parts: Iterable[str]) -> int:
    return xxhash.xxh32_intdigest("\x1f".join(parts).encode("utf-8"))


def word_shingles(words: Sequence[str], size: int) -> set[int]:
    if len(words) < size:
        return {_hash(words)} if words else set()
    return {_hash(words[i : i + size]) for i in range(len(words) - size + 1)}


def minhash_signature(shingles: set[int]) -> np.ndarray:
    signature = np.full(NUM_PERM, np.iinfo(np.uint64).max, dtype=np.uint64)
    values = np.fromiter(shingles, dtype=np.uint64, count=len(shingles))
    # Blocks bound the (permutations x shingles) matrix: a 5 MB article has ~860,000 shingles.
    for start in range(0, len(values), SIGNATURE_BLOCK):
        block = values[start : start + SIGNATURE_BLOCK]
        hashed = (_PERM_A[:, None] * block[None, :] + _PERM_B[:, None]) % _MERSENNE
        np.minimum(signature, hashed.min(axis=1), out=signature)
    return signature


def _story_norms(p: Prepared) -> list[str]:
    return [p.tokens.norms[i] for i in p.story_tokens()]


def _factor(p: Prepared) -> int:
    return CHARACTER_SHINGLE_FACTOR if p.tokens.lang in CHARACTER_TOKENS else 1


def _rare_shingles(p: Prepared) -> set[int]:
    t = p.tokens
    if t.lang == ENGLISH:
        return word_shingles(_story_norms(p), RARE_SHINGLE_WORDS)
    ids = p.story_tokens()
    words = [t.norms[i] for i in ids]
    content = [t.is_content(i) for i in ids]
    size, needed = RARE_SHINGLE_WORDS * _factor(p), RARE_MIN_CONTENT_WORDS * _factor(p)
    if len(words) < size:
        return {_hash(words)} if words else set()
    return {
        _hash(words[i : i + size])
        for i in range(len(words) - size + 1)
        if sum(content[i : i + size]) >= needed
    }


def _spin_tokens(p: Prepared) -> list[str]:
    t = p.tokens
    return [t.canons[i] for i in p.story_tokens() if t.is_content(i)]


def _bucket_pairs(members: list[int]) -> Iterable[tuple[int, int]]:
    if len(members) * (len(members) - 1) // 2 <= MAX_BUCKET_PAIRS:
        for x, first in enumerate(members):
            for second in members[x + 1 :]:
                yield first, second
    else:
        yield from pairwise(members)


def _minhash_pairs(shingle_sets: list[set[int]], ids: list[str]) -> set[tuple[int, int]]:
    signatures = np.stack([minhash_signature(s) for s in shingle_sets]) if shingle_sets else None
    pairs: set[tuple[int, int]] = set()
    if signatures is None:
        return pairs
    for band in range(LSH_BANDS):
        block = signatures[:, band * LSH_ROWS : (band + 1) * LSH_ROWS]
        buckets: dict[bytes, list[int]] = defaultdict(list)
        for doc, row in enumerate(block):
            if shingle_sets[doc]:
                buckets[row.tobytes()].append(doc)
        for members in buckets.values():
            # Chained buckets must not depend on input order: chain them in id order.
            pairs.update(_bucket_pairs(sorted(members, key=ids.__getitem__)))
    return pairs


def _shared_pairs(shingle_sets: list[set[int]], min_shared: int) -> set[tuple[int, int]]:
    """Pairs sharing at least ``min_shared`` shingles that few other documents have."""
    postings: dict[int, list[int]] = defaultdict(list)
    for doc, shingles in enumerate(shingle_sets):
        for shingle in shingles:
            postings[shingle].append(doc)
    shared: Counter[tuple[int, int]] = Counter()
    for docs in postings.values():
        if 2 <= len(docs) <= RARE_MAX_DF:
            for x, first in enumerate(docs):
                for second in docs[x + 1 :]:
                    shared[(first, second)] += 1
    return {pair for pair, count in shared.items() if count >= min_shared}


def candidate_pairs(docs: Sequence[Prepared]) -> tuple[list[tuple[int, int]], CandidateStats]:
    """Index pairs ``(i, j)`` into ``docs`` worth aligning, each once, in a stable order."""
    norms = [_story_norms(p) for p in docs]
    by_minhash = _minhash_pairs(
        [word_shingles(n, SHINGLE_WORDS * _factor(p)) for n, p in zip(norms, docs, strict=True)],
        [p.id for p in docs],
    )
    by_rare = _shared_pairs([_rare_shingles(p) for p in docs], MIN_SHARED_RARE)
    by_spin = _shared_pairs(
        [word_shingles(_spin_tokens(p), 2 * _factor(p)) for p in docs], MIN_SHARED_SPIN
    )
    by_meaning: set[tuple[int, int]] = set()
    vectors = [p.vectors for p in docs]
    if docs and all(v is not None for v in vectors):
        from unspin.semantic import semantic_candidate_pairs

        by_meaning = semantic_candidate_pairs([v for v in vectors if v is not None])
    every = by_minhash | by_rare | by_spin | by_meaning
    ordered = sorted(
        {(i, j) if docs[i].id < docs[j].id else (j, i) for i, j in every if i != j},
        key=lambda pair: (docs[pair[0]].id, docs[pair[1]].id),
    )
    stats = CandidateStats(
        len(by_minhash), len(by_rare), len(by_spin), len(ordered), semantic=len(by_meaning)
    )
    return ordered, stats
