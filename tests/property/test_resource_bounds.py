"""Memory that must not grow with the square of, or a large multiple of, a document's size.

Measured with tracemalloc (numpy reports its buffers to it), so the numbers are exact and the
same on every machine; time is measured in benchmarks/pathological.py, not here.
"""

from __future__ import annotations

import tracemalloc

from unspin.index.hashing import minhash_signature

# A 5 MB article has ~860,000 word 5-shingles; 200,000 keeps this test quick.
SHINGLES = 200_000
# The signature itself is 1 KB; the shingles as a uint64 array 1.6 MB. Working memory a few
# times that is fine, hundreds of megabytes are not.
MAX_PEAK_BYTES = 32 * 1024 * 1024


def test_a_minhash_signature_does_not_take_memory_in_proportion_to_permutations() -> None:
    shingles = set(range(1, SHINGLES + 1))
    tracemalloc.start()
    try:
        minhash_signature(shingles)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak <= MAX_PEAK_BYTES
