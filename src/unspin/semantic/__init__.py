"""The ``semantic`` extra: sentence embeddings for paraphrase links and candidate pairs.

Install it with ``pip install "unspin[semantic]"``. Without it unspin runs lexically;
:func:`available` says whether it is there and :func:`require` raises
:class:`unspin.errors.MissingExtraError` with the pip line. Importing this package never
imports the model, faiss or the language identifier: they load on first use.

    from unspin import semantic
    semantic.require()
    encoder = semantic.load_encoder()
    a, b = encoder.encode(sentences_a), encoder.encode(sentences_b)
    semantic.paraphrase_links(a, b, skip_a=lexically_linked_a, skip_b=lexically_linked_b)
"""

from __future__ import annotations

from unspin.semantic._extra import available, require
from unspin.semantic.encoder import DIMENSION, SentenceEncoder, load_encoder
from unspin.semantic.language import detect_language
from unspin.semantic.links import (
    MIN_SHARED_SENTENCES,
    NEIGHBOURS_K,
    PARAPHRASE_MIN,
    XLING_PARAPHRASE_MIN,
    paraphrase_links,
    semantic_candidate_pairs,
    similarity_matrix,
)

__all__ = [
    "DIMENSION",
    "MIN_SHARED_SENTENCES",
    "NEIGHBOURS_K",
    "PARAPHRASE_MIN",
    "XLING_PARAPHRASE_MIN",
    "SentenceEncoder",
    "available",
    "detect_language",
    "load_encoder",
    "paraphrase_links",
    "require",
    "semantic_candidate_pairs",
    "similarity_matrix",
]
