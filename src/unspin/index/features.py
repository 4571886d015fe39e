"""Everything the lexical index needs about one document, computed once from it alone.

- LSH band keys of a MinHash over word 5-shingles find verbatim copies (high Jaccard).
- Rare word 3-shingles find partial reuse: a shared paragraph is a small share of either
  article (low Jaccard) but many shingles few other documents have (containment).
- Bigrams over spin-resistant tokens (content words in canonical form, names, numbers) find
  spun copies whose surface shingles were broken by synonym swaps.

Only story sentences count (boilerplate is marked before). Nothing here depends on the rest
of the corpus: whether a shingle is rare is the index's business, at query time.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass

import numpy as np

from unspin.index.hashing import (
    LSH_BANDS,
    band_keys,
    minhash_signature,
    shingle_key,
    shingle_keys,
)
from unspin.languages import CHARACTER_TOKENS, ENGLISH
from unspin.prepare import Prepared

SHINGLE_WORDS = 5
RARE_SHINGLE_WORDS = 3
SPIN_SHINGLE_WORDS = 2
# Outside English a rare shingle needs this many content words of its three: stock phrases of
# function words ("de la", "il a été", "کے مطابق") are rare enough in a few hundred articles
# to pair half a corpus (French: 26 candidates a document, 7 with the rule, every labelled
# pair kept). English keeps every shingle, as tuned on BBC. Re-run `python -m
# benchmarks.multilingual run` (and `benchmarks/run.py bbc` before extending it to English).
RARE_MIN_CONTENT_WORDS = 2
# Chinese and Japanese tokens are characters (`unspin.normalize`), about half a word each, so
# their shingles are this many times longer (content words needed too). On the zh corpus of
# `python -m benchmarks.multilingual run` (315 documents), bigrams of characters made 5,731
# spin candidates (18 a document), 4-grams 254; every labelled pair stayed a candidate.
CHARACTER_SHINGLE_FACTOR = 2

FORMAT = 1
_HEADER = struct.Struct("<BHII")


def _keys(values: set[int]) -> np.ndarray:
    return np.array(sorted(values), dtype=np.uint64)


# Compared by content through `to_bytes` (numpy arrays have no plain equality).
@dataclass(frozen=True, eq=False)
class DocFeatures:
    """A document's lexical features: what the index stores and queries with."""

    id: str
    bands: tuple[int, ...]  # LSH_BANDS keys, or none for a document without story words
    rare: np.ndarray  # sorted uint64 keys of its word 3-shingles
    spin: np.ndarray  # sorted uint64 keys of its spin-resistant bigrams

    def to_bytes(self) -> bytes:
        """A compact, platform-independent encoding (the id is stored beside it)."""
        head = _HEADER.pack(FORMAT, len(self.bands), len(self.rare), len(self.spin))
        body = np.concatenate([np.array(self.bands, dtype=np.uint64), self.rare, self.spin]).astype(
            "<u8"
        )
        return head + body.tobytes()

    @classmethod
    def from_bytes(cls, doc_id: str, data: bytes) -> DocFeatures:
        version, n_bands, n_rare, n_spin = _HEADER.unpack_from(data)
        if version != FORMAT:
            raise ValueError(f"features of {doc_id!r} are format {version}, not {FORMAT}")
        body = np.frombuffer(data, dtype="<u8", offset=_HEADER.size).astype(np.uint64)
        bands = tuple(int(v) for v in body[:n_bands])
        rare = body[n_bands : n_bands + n_rare]
        spin = body[n_bands + n_rare : n_bands + n_rare + n_spin]
        return cls(doc_id, bands, rare, spin)


def doc_features(p: Prepared) -> DocFeatures:
    """The features of one prepared document."""
    norms = _story_norms(p)
    surface = shingle_keys(norms, SHINGLE_WORDS * _factor(p))
    bands = band_keys(minhash_signature(surface)) if surface else ()
    assert not bands or len(bands) == LSH_BANDS
    spin = shingle_keys(_spin_tokens(p), SPIN_SHINGLE_WORDS * _factor(p))
    return DocFeatures(p.id, bands, _keys(rare_shingles(p)), _keys(spin))


def _story_norms(p: Prepared) -> list[str]:
    return [p.tokens.norms[i] for i in p.story_tokens()]


def _factor(p: Prepared) -> int:
    return CHARACTER_SHINGLE_FACTOR if p.tokens.lang in CHARACTER_TOKENS else 1


def rare_shingles(p: Prepared) -> set[int]:
    """Keys of the word 3-shingles that may be rare evidence (English: all of them)."""
    t = p.tokens
    if t.lang == ENGLISH:
        return shingle_keys(_story_norms(p), RARE_SHINGLE_WORDS)
    ids = p.story_tokens()
    words = [t.norms[i] for i in ids]
    content = [t.is_content(i) for i in ids]
    size, needed = RARE_SHINGLE_WORDS * _factor(p), RARE_MIN_CONTENT_WORDS * _factor(p)
    if len(words) < size:
        return {shingle_key(words)} if words else set()
    return {
        shingle_key(words[i : i + size])
        for i in range(len(words) - size + 1)
        if sum(content[i : i + size]) >= needed
    }


def _spin_tokens(p: Prepared) -> list[str]:
    t = p.tokens
    return [t.canons[i] for i in p.story_tokens() if t.is_content(i)]
