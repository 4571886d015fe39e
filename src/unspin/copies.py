"""Exact copies: documents with the same text on the same site collapse to one.

Content farms republish the same article thousands of times. Aligning every copy with every
other is quadratic and tells nothing new, so the pipeline works on one representative per
group of exact copies (the smallest id, whatever the input order) and links each other copy
to it with a single alignment computed once per group.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import xxhash

from unspin.model import Document


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
