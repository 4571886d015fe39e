"""Reuse families: connected documents, each family with a likely original.

Deterministic: the same pairs in any order give the same families, ids and originals.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence

import xxhash

from unspin.model import Document, Family, PairResult

# Partial reuse (one shared paragraph) would chain unrelated stories into one family, so only
# copies and rewrites join documents into a family.
FAMILY_RELATIONS = frozenset({"duplicate", "rewrite"})
# A rewrite joins two documents into one family only if the copy is at least this much its
# source (the share of the copy's story the pair covers): an article that quotes half of
# another inside a story of its own uses it, it is not a version of it. The spun-news
# benchmark's family truth uses the same 50% (`make bench-spun`).
COPY_MIN_COVERAGE = 0.5
# ... and the source at least this much in the copy: a compilation holds one paragraph of a
# story whose spun copy it then looks like the source of (the copy is 56% that paragraph,
# the compilation 16% that copy), and a digest page holds whole stories; neither is a
# version of the other. A copy that keeps a third of a long wire story is. Spun news (2,000
# documents) without dates: family ARI 0.91 without this bound, 0.96 with it; with dates
# 0.97. Re-run `python -m benchmarks.spun_news run [--no-dates]` after changing it.
SOURCE_MIN_COVERAGE = 0.3


def family_id(members: Sequence[str]) -> str:
    """A stable id from the sorted member ids: it does not depend on input order."""
    return "f" + xxhash.xxh64_hexdigest("\n".join(sorted(members)).encode("utf-8"))[:12]


def joins_family(pair: PairResult) -> bool:
    """Whether the pair makes its two documents versions of one article: a duplicate, or a
    rewrite whose copy is at least COPY_MIN_COVERAGE its source and whose source is at least
    SOURCE_MIN_COVERAGE in the copy. Without a direction, either side may be the copy."""
    if pair.relation not in FAMILY_RELATIONS:
        return False
    if pair.relation == "duplicate":
        return True
    if pair.direction is None:
        copy, source = max(pair.coverage_a, pair.coverage_b), min(pair.coverage_a, pair.coverage_b)
    elif pair.direction == "a->b":
        copy, source = pair.coverage_b, pair.coverage_a
    else:
        copy, source = pair.coverage_a, pair.coverage_b
    return copy >= COPY_MIN_COVERAGE and source >= SOURCE_MIN_COVERAGE


def build_families(
    pairs: Sequence[PairResult], documents: Mapping[str, Document]
) -> tuple[Family, ...]:
    parent: dict[str, str] = {}

    def find(node: str) -> str:
        root = node
        while parent.setdefault(root, root) != root:
            root = parent[root]
        while parent[node] != root:  # path compression keeps huge families linear
            parent[node], node = root, parent[node]
        return root

    edges: dict[str, list[PairResult]] = defaultdict(list)
    for pair in pairs:
        if not joins_family(pair):
            continue
        ra, rb = find(pair.a), find(pair.b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
        edges[pair.a].append(pair)
        edges[pair.b].append(pair)
    groups: dict[str, list[str]] = defaultdict(list)
    for node in parent:
        groups[find(node)].append(node)
    families = [family_from(members, edges, documents) for members in groups.values()]
    return tuple(sorted((f for f in families if f is not None), key=lambda f: f.members[0]))


def family_from(
    members: Sequence[str],
    edges: Mapping[str, Sequence[PairResult]],
    documents: Mapping[str, Document],
) -> Family | None:
    """The family of one connected group (``edges``: each member's joining pairs), or None
    for a document alone."""
    if len(members) < 2:
        return None
    ordered = tuple(sorted(members))
    return Family(family_id(ordered), ordered, likely_original(ordered, edges, documents))


def likely_original(
    members: Sequence[str],
    edges: Mapping[str, Sequence[PairResult]],
    documents: Mapping[str, Document],
) -> str:
    """Earliest date when every member has one; otherwise the member that explains the others.

    A source keeps material its copies drop, and copies add material of their own (splices,
    boilerplate), so across its edges a source covers its partners more than they cover it.
    Direction votes from dates count first; ties go to the smallest id.
    """
    dates = [documents[m].publication_date if m in documents else None for m in members]
    if all(dates):
        earliest = min(d for d in dates if d)
        dated = sorted(m for m, d in zip(members, dates, strict=True) if d == earliest)
        if len(dated) == 1:
            return dated[0]
        members = dated

    def evidence(member: str) -> tuple[int, float]:
        votes = 0
        balance = 0.0
        for pair in edges.get(member, ()):
            mine, theirs = (
                (pair.coverage_a, pair.coverage_b)
                if pair.a == member
                else (pair.coverage_b, pair.coverage_a)
            )
            balance += theirs - mine
            if pair.direction is not None:
                source = pair.a if pair.direction == "a->b" else pair.b
                votes += 1 if source == member else -1
        return votes, balance

    return min(sorted(members), key=lambda m: (-evidence(m)[0], -round(evidence(m)[1], 6)))
