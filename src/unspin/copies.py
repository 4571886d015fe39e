"""Exact copies: documents with the same text on the same site collapse to one.

Content farms republish the same article thousands of times. Aligning every copy with every
other is quadratic and tells nothing new, so the pipeline works on one representative per
group of exact copies (the smallest id, whatever the input order) and links each other copy
to it with a single alignment computed once per group.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace

import xxhash

from unspin.direction import for_documents
from unspin.model import Document
from unspin.prepare import Prepared
from unspin.relate import PairEvidence


def content_key(doc: Document) -> str:
    """Equal for documents whose text and site are the same (the site decides boilerplate)."""
    digest = xxhash.xxh3_128()
    digest.update((doc.site or "").encode("utf-8", "surrogatepass"))
    digest.update(b"\0")
    digest.update(doc.text.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


@dataclass(frozen=True)
class CopyGroups:
    """Positions in the input sequence: one representative per distinct content."""

    representatives: tuple[int, ...]  # in input order
    copies: dict[int, tuple[int, ...]]  # representative → its other copies, by id

    @property
    def copy_count(self) -> int:
        return sum(len(others) for others in self.copies.values())


def group_copies(documents: Sequence[Document]) -> CopyGroups:
    groups: dict[str, list[int]] = defaultdict(list)
    for index, doc in enumerate(documents):
        groups[content_key(doc)].append(index)
    representative_of: dict[int, tuple[int, ...]] = {}
    for members in groups.values():
        ordered = sorted(members, key=lambda i: documents[i].id)
        representative_of[ordered[0]] = tuple(ordered[1:])
    representatives = tuple(sorted(representative_of))
    copies = {rep: others for rep, others in representative_of.items() if others}
    return CopyGroups(representatives, copies)


def mirrored(item: PairEvidence) -> PairEvidence:
    """The same pair with its sides swapped."""
    return PairEvidence(item.result.swapped(), item.b_covered, item.a_covered)


def for_copy(item: PairEvidence, original: str, copy: Document, partner: Document) -> PairEvidence:
    """``item``, a pair of ``original`` and ``partner``, restated for an exact copy of it.

    The copy has the same text, so passages, coverage, relation and the texts' direction
    signals carry over; its own date and site give the rest (`direction.for_documents`), and
    the sides follow the ids' order as everywhere.
    """
    oriented = item if item.result.a == original else mirrored(item)
    result = for_documents(replace(oriented.result, a=copy.id), copy, partner)
    renamed = PairEvidence(result, oriented.a_covered, oriented.b_covered)
    return renamed if copy.id < partner.id else mirrored(renamed)


def as_copy(representative: Prepared, copy: Document) -> Prepared:
    """An exact copy's preparation: its representative's, with its own document (and the
    representative's language when it declares none)."""
    doc = copy if copy.lang is not None else replace(copy, lang=representative.doc.lang)
    return replace(representative, doc=doc)
