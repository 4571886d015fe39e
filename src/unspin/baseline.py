"""What a verbatim near-duplicate tool sees: datasketch MinHash on word 5-shingles.

Shown beside unspin's result in the demo, and used as the baseline in benchmarks.
"""

from __future__ import annotations

import re

from datasketch import MinHash

BASELINE_SHINGLE_WORDS = 5
BASELINE_NUM_PERM = 128
BASELINE_THRESHOLD = 0.5  # the usual LSH threshold for near-duplicate removal

_WORD = re.compile(r"\w+")


def shingles(text: str, size: int = BASELINE_SHINGLE_WORDS) -> set[str]:
    words = _WORD.findall(text.lower())
    return {" ".join(words[i : i + size]) for i in range(max(1, len(words) - size + 1))}


def minhash(text: str, size: int = BASELINE_SHINGLE_WORDS) -> MinHash:
    sketch = MinHash(num_perm=BASELINE_NUM_PERM, seed=1)
    for shingle in shingles(text, size):
        sketch.update(shingle.encode("utf-8"))
    return sketch


def minhash_jaccard(text_a: str, text_b: str, size: int = BASELINE_SHINGLE_WORDS) -> float:
    """datasketch's MinHash estimate of the Jaccard similarity of the two shingle sets."""
    return float(minhash(text_a, size).jaccard(minhash(text_b, size)))
