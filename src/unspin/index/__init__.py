"""The engine's index: per-document features and a lexical index over a store.

>>> from unspin.model import Document
>>> from unspin.prepare import prepare
>>> story = "The harbour authority approved a new ferry terminal on Monday after years of debate."
>>> index = LexicalIndex()
>>> index.insert(doc_features(prepare(Document("wire", story))))
>>> [c.id for c in index.query(doc_features(prepare(Document("copy", story))))]
['wire']
"""

from unspin.index.features import DocFeatures, doc_features
from unspin.index.lexical import Candidate, Evidence, LexicalIndex
from unspin.index.store import MemoryStore, Store

__all__ = [
    "Candidate",
    "DocFeatures",
    "Evidence",
    "LexicalIndex",
    "MemoryStore",
    "Store",
    "doc_features",
]
