"""Fixed hash functions behind every feature, so that features computed anywhere agree.

An index written today, a Spark executor and a trace next year must hash a shingle to the
same number, so nothing here depends on a random generator's stream, on the process or on
the platform:

- A shingle (a run of normalised words) is hashed with xxHash3-64, seed 0, over the UTF-8 of
  its words joined by U+001F (unit separator): 64-bit keys for postings.
- MinHash uses ``NUM_PERM`` universal hash functions ``h_i(x) = (a_i * x + b_i) mod p`` with
  ``p = 2**61 - 1`` (a Mersenne prime, as in Broder's and datasketch's MinHash) over the low 32
  bits of the shingle key, so ``a_i * x`` fits 64 bits. ``a_i`` (odd, in ``[1, 2**32)``) and
  ``b_i`` (in ``[0, 2**32)``) are the high 32 bits of consecutive outputs of SplitMix64
  (Steele, Lea and Flood 2014) started from ``MINHASH_SEED``: documented, reproducible in any
  language in a few lines.
- An LSH band key is xxHash3-64, seed ``band``, over the band's ``LSH_ROWS`` signature values
  as little-endian uint64.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import xxhash

NUM_PERM = 128
# 32 bands of 4 rows: pairs with Jaccard ~0.42 or more collide in some band with probability
# 1/2 ((1/32) ** (1/4)); alignment filters the rest. Re-run `benchmarks/run.py bbc` to check
# the byte-identical pairs stay found.
LSH_BANDS, LSH_ROWS = 32, 4
MINHASH_SEED = 20201025
SEPARATOR = "\x1f"
# Shingles hashed at once: 128 x 4,096 uint64 is 4 MB of working memory per block.
SIGNATURE_BLOCK = 4096

_MASK64 = (1 << 64) - 1
_MERSENNE = np.uint64((1 << 61) - 1)


def splitmix64(state: int, count: int) -> list[int]:
    """``count`` consecutive SplitMix64 outputs after ``state`` (the reference algorithm)."""
    out = []
    for _ in range(count):
        state = (state + 0x9E3779B97F4A7C15) & _MASK64
        z = state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & _MASK64
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _MASK64
        out.append(z ^ (z >> 31))
    return out


def _permutations() -> tuple[np.ndarray, np.ndarray]:
    stream = splitmix64(MINHASH_SEED, 2 * NUM_PERM)
    a = [(value >> 32) | 1 for value in stream[0::2]]
    b = [value >> 32 for value in stream[1::2]]
    return np.array(a, dtype=np.uint64), np.array(b, dtype=np.uint64)


PERM_A, PERM_B = _permutations()


def shingle_key(words: Sequence[str]) -> int:
    """The 64-bit key of one shingle."""
    return xxhash.xxh3_64_intdigest(SEPARATOR.join(words).encode("utf-8", "surrogatepass"))


def shingle_keys(words: Sequence[str], size: int) -> set[int]:
    """Keys of every run of ``size`` words; a text shorter than that is one shingle."""
    if len(words) < size:
        return {shingle_key(words)} if words else set()
    return {shingle_key(words[i : i + size]) for i in range(len(words) - size + 1)}


def minhash_signature(keys: set[int]) -> np.ndarray:
    """``NUM_PERM`` minimum hash values of ``keys`` (all ones for an empty set)."""
    signature = np.full(NUM_PERM, np.iinfo(np.uint64).max, dtype=np.uint64)
    values = np.fromiter((key & 0xFFFFFFFF for key in keys), dtype=np.uint64, count=len(keys))
    # Blocks bound the (permutations x shingles) matrix: a 5 MB article has ~860,000 shingles.
    for start in range(0, len(values), SIGNATURE_BLOCK):
        block = values[start : start + SIGNATURE_BLOCK]
        hashed = (PERM_A[:, None] * block[None, :] + PERM_B[:, None]) % _MERSENNE
        np.minimum(signature, hashed.min(axis=1), out=signature)
    return signature


def band_keys(signature: np.ndarray) -> tuple[int, ...]:
    """One 64-bit key per LSH band of ``signature``."""
    raw = signature.astype("<u8")
    return tuple(
        xxhash.xxh3_64_intdigest(raw[band * LSH_ROWS : (band + 1) * LSH_ROWS].tobytes(), band)
        for band in range(LSH_BANDS)
    )
