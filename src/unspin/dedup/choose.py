"""Which documents a deduplicated corpus leaves out, and which document each one gives way to.

Two documents are versions of one article when a pair of the chosen relations joins them
into one family (`families.joins_family`). Versions form groups, and each group keeps one
document, the most preferred under the ``keep`` policy; the others are removed, each tied
to the kept one by the shortest chain of versions (a spun copy of a spun copy names the
copy it goes through). A digest page that holds many stories is no version of any of them
(each is a small share of it), so it neither removes them nor is removed, and it does not
chain them into one group. Deterministic: the same pairs in any order give the same
removals.
"""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal, get_args

from unspin.errors import UsageError
from unspin.families import joins_family, likely_original
from unspin.model import Document, PairResult, Relation

Keep = Literal["original", "earliest", "longest"]
KEEP_POLICIES: tuple[Keep, ...] = get_args(Keep)
# What a copy is: the same article, or a rewrite of it. A partial pair shares a passage,
# and removing either side would lose a story, so it is never a reason to remove.
DEFAULT_RELATIONS: tuple[Relation, ...] = ("duplicate", "rewrite")


@dataclass(frozen=True)
class Removal:
    """One document left out of the corpus: the document kept in its place, and the pair
    that ties it to that document (``via``: the removed document it reaches it through, when
    it is not paired with the kept one directly)."""

    id: str
    kept: str
    relation: Relation
    score: float
    via: str | None = None


def parse_relations(text: str) -> tuple[Relation, ...]:
    """``"duplicate,rewrite"`` as relations; a UsageError names any that is not one."""
    named = [part.strip() for part in text.split(",") if part.strip()]
    if "partial" in named:
        raise UsageError(
            "--relations partial: a partial pair shares a passage, and removing either side "
            "would lose a story. Fix: --relations duplicate, or duplicate,rewrite"
        )
    unknown = [name for name in named if name not in DEFAULT_RELATIONS]
    if unknown or not named:
        raise UsageError(
            f"--relations takes a comma-separated list of {', '.join(DEFAULT_RELATIONS)}; "
            f"got {text!r}. Fix: e.g. --relations duplicate,rewrite"
        )
    return tuple(r for r in DEFAULT_RELATIONS if r in named)


def choose_removals(
    documents: Mapping[str, Document],
    pairs: Iterable[PairResult],
    *,
    keep: Keep = "original",
    relations: Sequence[Relation] = DEFAULT_RELATIONS,
) -> list[Removal]:
    """The documents to leave out, sorted by id."""
    if keep not in KEEP_POLICIES:
        raise UsageError(f"--keep takes one of {', '.join(KEEP_POLICIES)}; got {keep!r}")
    if "partial" in relations:
        parse_relations(",".join(relations))  # raises the error that says why not
    chosen = frozenset(relations)
    edges: dict[str, list[PairResult]] = defaultdict(list)
    for pair in pairs:
        if pair.a in documents and pair.b in documents and _versions(pair, chosen):
            edges[pair.a].append(pair)
            edges[pair.b].append(pair.swapped())
    removals: list[Removal] = []
    for group in _groups(edges):
        kept = _preferred(group, edges, documents, keep)
        removals.extend(_tied_to(kept, edges))
    return sorted(removals, key=lambda r: r.id)


def _versions(pair: PairResult, relations: frozenset[str]) -> bool:
    """Whether the two sides are versions of one article, as families join them."""
    return pair.relation in relations and joins_family(pair)


def _groups(edges: Mapping[str, Sequence[PairResult]]) -> list[list[str]]:
    """Connected groups of versions, each sorted."""
    seen: set[str] = set()
    groups: list[list[str]] = []
    for start in sorted(edges):
        if start in seen:
            continue
        seen.add(start)
        group, queue = [start], deque([start])
        while queue:
            node = queue.popleft()
            for pair in edges[node]:
                if pair.b not in seen:
                    seen.add(pair.b)
                    group.append(pair.b)
                    queue.append(pair.b)
        if len(group) > 1:
            groups.append(sorted(group))
    return groups


def _preferred(
    members: list[str],
    edges: Mapping[str, Sequence[PairResult]],
    documents: Mapping[str, Document],
    keep: Keep,
) -> str:
    original = likely_original(members, edges, documents)  # a group holds its edges' ends
    if keep == "original":
        return original

    def rank(member: str) -> tuple[str | int, bool, str]:
        """Earliest (undated last) or longest first; ties go to the likely original."""
        doc = documents[member]
        first: str | int = (
            doc.publication_date or "9999-99-99" if keep == "earliest" else -len(doc.text)
        )
        return first, member != original, member

    return min(members, key=rank)


def _tied_to(kept: str, edges: Mapping[str, Sequence[PairResult]]) -> list[Removal]:
    """Every other member of ``kept``'s group, breadth first from it, so that each is tied
    to the kept document by the shortest chain, through its strongest link."""
    found: dict[str, Removal] = {}
    queue = deque([kept])
    while queue:
        holder = queue.popleft()
        for pair in sorted(edges[holder], key=lambda p: (-p.score, p.b)):
            if pair.b == kept or pair.b in found:
                continue
            via = None if holder == kept else holder
            found[pair.b] = Removal(pair.b, kept, pair.relation, pair.score, via)
            queue.append(pair.b)
    return list(found.values())
