"""Pairs of documents worth aligning: every document queried against a lexical index.

The index (`unspin.index`) finds verbatim copies (MinHash LSH), partial reuse (rare
3-shingles) and spun copies (spin-resistant bigrams), each candidate with its evidence. In
semantic mode, documents sharing paraphrased sentences (nearest neighbours over sentence
vectors, `unspin.semantic`) are added: paraphrases and translations no lexical index finds.
Generators are generous; alignment decides what is really shared. Pairs are named by id,
smaller id first, in id order, whatever the input order.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from unspin.index import DocFeatures, LexicalIndex
from unspin.index.lexical import MIN_SHARED_RARE, MIN_SHARED_SPIN, Evidence
from unspin.progress import Progress

IdPair = tuple[str, str]

# The cheap filter before alignment: a lexical candidate is aligned when it shares an LSH
# band or at least this many 3-shingles or spin bigrams, counted one each however common
# (what alignment will see; the df weights decide candidates and their ranking).
# Alignment reports a pair only with 30 copied words, or 12 in two linked sentences covering
# 0.12 of a side, which few shared shingles cannot hold. Tuned on BBC (2,225 articles:
# 15,586 candidates, 2,089 kept, outputs byte-identical to the old engine, which aligned
# every candidate) and the spun-news
# corpus (2,000 documents: 8,248 of 17,542 kept, every derived-source pair kept, 62 pairs
# of two copies lost); checked on PAN 2013's training corpus: of its obfuscated pairs 17 of
# 1,000 random and 12 of 1,000 translated ones that `compare` detects are dropped
# (benchmarks/README.md, issue 10). Re-run `python -m benchmarks.speed filter` after
# changing either.
ALIGN_MIN_RARE = 12
ALIGN_MIN_SPIN = 12
# Best sources: each document is aligned with at most this many of its candidates, the
# strongest evidence first, so a family of 200 copies is at most 200 x BEST_SOURCES
# alignments, not 19,900 (`all_pairs` aligns every candidate). Siblings copied from one
# source share as much with each other as with it, and a compilation's part is held by its
# source and by every copy of that source alike, so the limit cannot be small. On the
# speed benchmark's 10,000 documents (`python -m benchmarks.speed`, families repeated over
# two parts) the labelled pairs kept among the 89,219 filtered candidates: 12 -> 9,182 of
# 9,489 (57,876 aligned), 20 -> 9,463 (73,672), 30 -> 9,488 (81,818); on the 2,000-document
# spun-news corpus 12 already kept all 1,896. Re-run `python -m benchmarks.speed filter`
# after changing it.
BEST_SOURCES = 20


@dataclass(frozen=True)
class CandidateStats:
    minhash: int
    rare: int
    spin: int
    total: int  # pairs aligned
    semantic: int = 0  # pairs sharing paraphrased sentences (semantic mode only)
    filtered: int = 0  # lexical candidates the filter dropped before alignment
    beyond_best: int = 0  # candidates kept by the filter but no side's best source
    resumed: int = 0  # pairs an earlier, stopped run had aligned (read from its checkpoint)


def worth_aligning(evidence: Evidence) -> bool:
    """Whether a lexical candidate could become a pair (the cheap filter)."""
    return (
        evidence.bands > 0
        or evidence.rare_shared >= ALIGN_MIN_RARE
        or evidence.spin_shared >= ALIGN_MIN_SPIN
    )


def best_sources(evidence: Mapping[IdPair, Evidence], limit: int) -> set[IdPair]:
    """The pairs in which one side is among the other's ``limit`` strongest candidates."""
    ranked: dict[str, list[tuple[float, str, IdPair]]] = defaultdict(list)
    for pair, found in evidence.items():
        a, b = pair
        ranked[a].append((-found.strength, b, pair))
        ranked[b].append((-found.strength, a, pair))
    chosen: set[IdPair] = set()
    for candidates in ranked.values():
        candidates.sort()
        chosen.update(pair for _, _, pair in candidates[:limit])
    return chosen


def lexical_candidates(
    features: Sequence[DocFeatures], progress: Progress | None = None
) -> dict[IdPair, Evidence]:
    """Every pair the index makes of ``features``' documents, with its evidence."""
    index = LexicalIndex()
    for item in features:
        index.insert(item)
    return index.all_pairs(progress)


def candidate_pairs(
    features: Sequence[DocFeatures],
    vectors: Sequence[np.ndarray] | None = None,
    *,
    all_pairs: bool = False,
    progress: Progress | None = None,
) -> tuple[list[IdPair], CandidateStats]:
    """Id pairs worth aligning, each once, smaller id first, in id order.

    Lexical candidates pass the cheap filter, then each document keeps its best sources
    (``all_pairs``: every candidate, unfiltered). ``vectors`` (semantic mode) holds each document's
    sentence vectors, in ``features``' order; pairs sharing paraphrased sentences are
    added, unfiltered.
    """
    found = lexical_candidates(features, progress)
    if all_pairs:
        lexical, chosen = found, set(found)
    else:
        lexical = {pair: e for pair, e in found.items() if worth_aligning(e)}
        chosen = best_sources(lexical, BEST_SOURCES)
    by_meaning: set[IdPair] = set()
    if vectors is not None and features:
        from unspin.semantic import semantic_candidate_pairs

        ids = [f.id for f in features]
        for i, j in semantic_candidate_pairs(vectors):
            a, b = sorted((ids[i], ids[j]))
            by_meaning.add((a, b))
    ordered = sorted(chosen | by_meaning)
    evidence = found.values()
    stats = CandidateStats(
        minhash=sum(1 for e in evidence if e.bands > 0),
        rare=sum(1 for e in evidence if e.rare >= MIN_SHARED_RARE),
        spin=sum(1 for e in evidence if e.spin >= MIN_SHARED_SPIN),
        total=len(ordered),
        semantic=len(by_meaning),
        filtered=len(found) - len(lexical),
        beyond_best=len(lexical) - len(chosen),
    )
    return ordered, stats
