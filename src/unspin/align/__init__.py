"""Align two documents: passages with character spans on both sides, kinds and substitutions.

Sentences are linked first (in any order: passages may be reordered between the articles),
linked sentences next to each other on both sides become one passage, and each passage is
aligned word by word to classify it and list its substitutions.
"""

from __future__ import annotations

from dataclasses import dataclass

from unspin.align.sentences import Link, link_sentences
from unspin.align.tokens import TokenAlignment, align_tokens
from unspin.model import Passage, PassageKind
from unspin.prepare import Prepared

__all__ = ["AlignedPassage", "align_pair", "passage_kind"]

# A passage whose words are this similar without synonyms is a verbatim copy. Typos, dropped
# words and a changed quote style keep a copied sentence above it; one swapped content word in
# a 12-word sentence brings it to ~0.92. Re-run `python benchmarks/run.py seeds` after changes.
VERBATIM_MIN = 0.9
# With synonyms counted, a spun passage keeps at least this much of its source's words.
SPUN_MIN = 0.5


@dataclass(frozen=True)
class AlignedPassage:
    passage: Passage
    a_sentences: tuple[int, ...]  # positions in a.story
    b_sentences: tuple[int, ...]
    tokens: TokenAlignment


def passage_kind(alignment: TokenAlignment) -> PassageKind:
    if alignment.surface_similarity >= VERBATIM_MIN:
        return "verbatim"
    if alignment.substitutions and alignment.similarity >= SPUN_MIN:
        return "spun"
    return "paraphrase"


def _groups(links: list[Link]) -> list[tuple[list[int], list[int]]]:
    """Connected components of the link graph (a sentence merged with two on the other side)."""
    parent: dict[tuple[str, int], tuple[str, int]] = {}

    def find(node: tuple[str, int]) -> tuple[str, int]:
        while parent.setdefault(node, node) != node:
            node = parent[node]
        return node

    for i, j in links:
        ra, rb = find(("a", i)), find(("b", j))
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    members: dict[tuple[str, int], tuple[set[int], set[int]]] = {}
    for i, j in links:
        side_a, side_b = members.setdefault(find(("a", i)), (set(), set()))
        side_a.add(i)
        side_b.add(j)
    return sorted((sorted(sa), sorted(sb)) for sa, sb in members.values())


def _adjacent(p: Prepared, left: int, right: int) -> bool:
    """Story positions next to each other in the text too: no boilerplate in between."""
    return right == left + 1 and p.story[right] == p.story[left] + 1


def _runs(
    a: Prepared, b: Prepared, groups: list[tuple[list[int], list[int]]]
) -> list[tuple[list[int], list[int]]]:
    """Join groups that follow each other directly on both sides into one passage."""
    runs: list[tuple[list[int], list[int]]] = []
    for sa, sb in sorted(groups, key=lambda g: (g[0][0], g[1][0])):
        if runs:
            prev_a, prev_b = runs[-1]
            if _adjacent(a, prev_a[-1], sa[0]) and _adjacent(b, prev_b[-1], sb[0]):
                prev_a.extend(sa)
                prev_b.extend(sb)
                continue
        runs.append((list(sa), list(sb)))
    return runs


def _tokens_of(prepared: Prepared, positions: list[int]) -> list[int]:
    out: list[int] = []
    for position in positions:
        sentence = prepared.tokens.sentences[prepared.story[position]]
        out.extend(range(sentence.tok_lo, sentence.tok_hi))
    return out


def align_pair(a: Prepared, b: Prepared) -> list[AlignedPassage]:
    """The passages ``a`` and ``b`` share, ordered by their position in ``a``."""
    passages: list[AlignedPassage] = []
    for sa, sb in _runs(a, b, _groups(link_sentences(a, b))):
        alignment = align_tokens(a.tokens, _tokens_of(a, sa), b.tokens, _tokens_of(b, sb))
        first_a = a.tokens.sentences[a.story[sa[0]]]
        last_a = a.tokens.sentences[a.story[sa[-1]]]
        first_b = b.tokens.sentences[b.story[sb[0]]]
        last_b = b.tokens.sentences[b.story[sb[-1]]]
        kind = passage_kind(alignment)
        passage = Passage(
            a_start=first_a.start,
            a_end=last_a.end,
            b_start=first_b.start,
            b_end=last_b.end,
            kind=kind,
            similarity=round(alignment.similarity, 4),
            # A paraphrase's differing regions are rewording, not swaps; a verbatim passage
            # with a word or two swapped (light spin, typos) shows them like a spun one.
            substitutions=alignment.substitutions if kind != "paraphrase" else (),
        )
        passages.append(AlignedPassage(passage, tuple(sa), tuple(sb), alignment))
    return passages
