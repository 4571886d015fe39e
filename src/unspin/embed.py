"""The semantic stage (``--semantic``): sentence vectors and a language for each document.

Runs between prepare and candidates when the ``semantic`` extra is installed. Every story
sentence gets a vector from the extra's multilingual encoder; a document without a ``lang``
gets one from the extra's language identifier. Later stages use the vectors for candidate
pairs and for linking sentences that say the same thing in other words or another language.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import numpy as np

from unspin.prepare import Prepared
from unspin.progress import Progress

# Sentences encoded per call, so progress moves on a large corpus. The encoder batches
# internally; this only sets how often progress is reported.
EMBED_BATCH = 512


def story_sentences(p: Prepared) -> list[str]:
    sentences = p.tokens.sentences
    return [p.doc.text[sentences[s].start : sentences[s].end] for s in p.story]


def embed_documents(prepared: Sequence[Prepared], progress: Progress) -> list[Prepared]:
    """``prepared`` with story-sentence vectors and languages filled in.

    Raises :class:`unspin.errors.MissingExtraError` when the extra is not installed.
    """
    from unspin import semantic

    semantic.require()
    encoder = semantic.load_encoder()
    texts = [story_sentences(p) for p in prepared]
    flat = [sentence for sentences in texts for sentence in sentences]
    progress.start("embed", len(flat))
    blocks = []
    for start in range(0, len(flat), EMBED_BATCH):
        batch = flat[start : start + EMBED_BATCH]
        blocks.append(encoder.encode(batch))
        progress.advance(len(batch))
    vectors = (
        np.concatenate(blocks) if blocks else np.zeros((0, encoder.dimension), dtype=np.float32)
    )
    out: list[Prepared] = []
    row = 0
    for p, sentences in zip(prepared, texts, strict=True):
        doc = p.doc
        if doc.lang is None:
            doc = replace(doc, lang=semantic.detect_language(doc.text))
        out.append(replace(p, doc=doc, vectors=vectors[row : row + len(sentences)]))
        row += len(sentences)
    return out
