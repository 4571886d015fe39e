"""Align two documents: passages with character spans on both sides, kinds and substitutions.

Sentences are linked first (in any order: passages may be reordered between the articles),
linked sentences next to each other on both sides become one passage, and each passage is
aligned word by word to classify it and list its substitutions.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from unspin.align import equivalence, lcs, word_match
from unspin.align.cleanup import (
    drop_far_filler,
    merge_touching,
    merged_alignment,
    swapped,
    token_span,
)
from unspin.align.runs import unlinked_runs
from unspin.align.sentences import Link, link_sentences, pair_words
from unspin.align.tokens import TokenAlignment, align_tokens
from unspin.model import Passage, PassageKind
from unspin.prepare import Prepared

__all__ = ["AlignedPassage", "align_pair", "compile_now", "passage_kind"]

# A passage whose words are this similar without synonyms is a verbatim copy. Typos, dropped
# words and a changed quote style keep a copied sentence above it; one swapped content word in
# a 12-word sentence brings it to ~0.92. Re-run `python benchmarks/run.py seeds` after changes.
VERBATIM_MIN = 0.9
# With synonyms counted, a spun passage keeps at least this much of its source's words.
SPUN_MIN = 0.5
# Words copied exactly and in order that are copying whatever surrounds them (issue 8: on
# the BBC archive 68 lexical `paraphrase` passages held such a run). A passage that is not
# otherwise copied wording is split so that the run is shown as `verbatim` and the words
# around it keep a kind of their own. At 12 words Clough & Stevenson's light revision
# g1pB_taskd (a 9-word run inside a reworded sentence) was lost, light recall 18/19; at 8
# it is 19/19 and the labelled BBC pairs score the same (precision 1.00/1.00/0.94). Re-run
# `python benchmarks/run.py seeds clough bbc-precision` and `make bench-spun` after
# changing it.
VERBATIM_RUN_MIN = 8
# An edited copy also shows as stretches of words kept in order: a passage that keeps
# SPUN_MIN of its words, at least COPIED_RUN_SHARE of its longer side in exact runs of
# COPIED_RUN_WORDS or more, is copied wording with words added or dropped (Clough &
# Stevenson's light revisions, e.g. g1pB_taskd: a 9-word run in a 12-word sentence). A
# team sheet or a list of names shares words in runs of two or three. Re-run
# `python benchmarks/run.py clough bbc-precision` after changing either.
COPIED_RUN_WORDS = 4
COPIED_RUN_SHARE = 0.5
# A passage runs on over this many unlinked sentences when both sides have as many between
# two linked groups: a short sentence spun past recognition ("I stillness believe in him.")
# would otherwise split one copied stretch in two. Set on the spun-news benchmark, where
# 60% spin had a granularity of 1.45 (`make bench-spun`).
MAX_RUN_GAP = 1
# Semantic mode: a sentence linked by meaning alone, with no link next to it on both sides,
# must be at least this close. Two articles on one subject have many sentence pairs above
# PARAPHRASE_MIN (on 510 BBC business articles, isolated links at 0.70 made 68 spurious
# `partial` pairs, "Germany's economy grew 1.6% ... after shrinking in 2003" / "The economy
# contracted in 2003"); reuse comes in runs. Re-run `make bench-spun` (semantic column).
LONE_MEANING_LINK_MIN = 0.9


@dataclass(frozen=True)
class AlignedPassage:
    passage: Passage
    a_sentences: tuple[int, ...]  # positions in a.story
    b_sentences: tuple[int, ...]
    tokens: TokenAlignment
    # Semantic mode: the cosine of the two sides' sentence vectors, when it vouches for the
    # meaning (PARAPHRASE_MIN or more); None otherwise and in lexical mode.
    cosine: float | None = None

    @property
    def similarity(self) -> float:
        """How much of the passage is shared, from its words or, for a paraphrase, meaning."""
        return self.passage.similarity

    @property
    def aligned_words(self) -> float:
        """Words matched one to one, or for a paraphrase the words its meaning vouches for."""
        matched = float(self.tokens.exact + self.tokens.equivalent)
        if self.passage.kind == "paraphrase" and self.cosine is not None:
            return max(matched, self.cosine * min(self.tokens.len_a, self.tokens.len_b))
        return matched


def passage_kind(alignment: TokenAlignment) -> PassageKind:
    """`verbatim`: copied nearly word for word; `spun`: copied with words swapped, added or
    dropped, most of them kept; `paraphrase`: the same content in mostly other words."""
    if alignment.surface_similarity >= VERBATIM_MIN:
        return "verbatim"
    if alignment.similarity >= SPUN_MIN and (
        alignment.substitutions
        or alignment.equivalent
        or _in_copied_runs(alignment) >= COPIED_RUN_SHARE
    ):
        return "spun"
    return "paraphrase"


def _in_copied_runs(alignment: TokenAlignment) -> float:
    """Share of the longer side's words inside exact runs of COPIED_RUN_WORDS or more: both
    sides mostly copied, not one copied sentence wrapped in words of the other's own."""
    kept = sum(length for _, _, length in alignment.runs if length >= COPIED_RUN_WORDS)
    return kept / max(1, alignment.len_a, alignment.len_b)


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


def _adjacent(p: Prepared, left: int, right: int, gap: int = 0) -> bool:
    """Story positions ``gap`` sentences apart, with no boilerplate in between."""
    step = gap + 1
    return right == left + step and p.story[right] == p.story[left] + step


def _gap(
    a: Prepared,
    b: Prepared,
    prev: tuple[list[int], list[int]],
    sa: list[int],
    sb: list[int],
    linked: tuple[set[int], set[int]],
) -> int | None:
    """Unlinked sentences between a run and the next group, the same number on both sides.

    A headline is rewritten on its own, so a run never reaches across a gap from it.
    """
    if a.is_title(prev[0][-1]) or b.is_title(prev[1][-1]):
        return 0 if _adjacent(a, prev[0][-1], sa[0]) and _adjacent(b, prev[1][-1], sb[0]) else None
    for gap in range(MAX_RUN_GAP + 1):
        if _adjacent(a, prev[0][-1], sa[0], gap) and _adjacent(b, prev[1][-1], sb[0], gap):
            skipped_a = range(prev[0][-1] + 1, sa[0])
            skipped_b = range(prev[1][-1] + 1, sb[0])
            if linked[0].isdisjoint(skipped_a) and linked[1].isdisjoint(skipped_b):
                return gap
    return None


def _runs(
    a: Prepared, b: Prepared, groups: list[tuple[list[int], list[int]]]
) -> list[tuple[list[int], list[int]]]:
    """Join groups that follow each other directly on both sides into one passage.

    In semantic mode a reworded group (see `_reworded`) is not joined with word-for-word
    ones, so that a paraphrase inside a copied stretch is reported as one.
    """
    runs: list[tuple[list[int], list[int]]] = []
    linked = ({i for g in groups for i in g[0]}, {j for g in groups for j in g[1]})
    last_reworded = False
    for sa, sb in sorted(groups, key=lambda g: (g[0][0], g[1][0])):
        reworded = _reworded(a, b, sa, sb)
        if runs and reworded == last_reworded:
            prev_a, prev_b = runs[-1]
            gap = _gap(a, b, runs[-1], sa, sb, linked)
            if gap is not None:
                # A sentence spun past recognition between two linked ones, on both sides.
                prev_a.extend([*range(prev_a[-1] + 1, sa[0]), *sa])
                prev_b.extend([*range(prev_b[-1] + 1, sb[0]), *sb])
                continue
        runs.append((list(sa), list(sb)))
        last_reworded = reworded
    return runs


def _reworded(
    a: Prepared,
    b: Prepared,
    sa: list[int],
    sb: list[int],
    alignment: TokenAlignment | None = None,
) -> bool:
    """Semantic mode: the group keeps its meaning but not its wording or its sentences.

    Spinners swap words inside sentences. Sentences merged or split, or fewer than SPUN_MIN
    of the words kept in order, while the vectors agree (PARAPHRASE_MIN), is rewording.
    Always False in lexical mode, which has no vectors to vouch for the meaning.
    ``alignment``: the words of ``sa`` and ``sb`` already aligned, if the caller has them.
    """
    if _vouching_cosine(a, b, sa, sb) is None:
        return False
    if len(sa) != len(sb):
        return True
    if alignment is None:
        alignment = align_tokens(
            a.tokens, _tokens_of(a, sa), b.tokens, _tokens_of(b, sb), pair_words(a, b).equivalents
        )
    return alignment.surface_similarity < VERBATIM_MIN and alignment.similarity < SPUN_MIN


def meaning_links(a: Prepared, b: Prepared, links: list[Link]) -> list[Link]:
    """Links between sentences that say the same thing (semantic mode), beside ``links``."""
    if a.vectors is None or b.vectors is None:
        return []
    from unspin.semantic import PARAPHRASE_MIN, XLING_PARAPHRASE_MIN, paraphrase_links

    crosses = _crosses_languages(a, b)
    found = paraphrase_links(
        a.vectors,
        b.vectors,
        skip_a=frozenset(i for i, _ in links),
        skip_b=frozenset(j for _, j in links),
        min_similarity=XLING_PARAPHRASE_MIN if crosses else PARAPHRASE_MIN,
    )
    every = set(links) | {(i, j) for i, j, _ in found}
    return [
        (i, j)
        for i, j, cosine in found
        if cosine >= LONE_MEANING_LINK_MIN or (i - 1, j - 1) in every or (i + 1, j + 1) in every
    ]


def _vouching_cosine(a: Prepared, b: Prepared, sa: list[int], sb: list[int]) -> float | None:
    """The sides' cosine if it says they mean the same (semantic mode), else None.

    A weaker cosine must not lift a passage the words do not support: on BBC business it
    turned 60 loose topical links (same subject, different sentences) into `partial` pairs.
    Across languages the bar is the one translations are linked by (XLING_PARAPHRASE_MIN).
    """
    cosine = _cosine(a, b, sa, sb)
    if cosine is None:
        return None
    from unspin.semantic import PARAPHRASE_MIN, XLING_PARAPHRASE_MIN

    bar = XLING_PARAPHRASE_MIN if _crosses_languages(a, b) else PARAPHRASE_MIN
    return cosine if cosine >= bar else None


def _crosses_languages(a: Prepared, b: Prepared) -> bool:
    languages = {a.doc.lang, b.doc.lang}
    return None not in languages and len(languages) == 2


def _cosine(a: Prepared, b: Prepared, sa: list[int], sb: list[int]) -> float | None:
    """Cosine of the two sides' mean sentence vectors (semantic mode), else None."""
    if a.vectors is None or b.vectors is None or not sa or not sb:
        return None
    left, right = a.vectors[sa].mean(axis=0), b.vectors[sb].mean(axis=0)
    norms = float(np.linalg.norm(left) * np.linalg.norm(right))
    return float(left @ right) / norms if norms else 0.0


def _tokens_of(prepared: Prepared, positions: list[int]) -> list[int]:
    out: list[int] = []
    for position in positions:
        sentence = prepared.tokens.sentences[prepared.story[position]]
        out.extend(range(sentence.tok_lo, sentence.tok_hi))
    return out


def align_pair(a: Prepared, b: Prepared) -> list[AlignedPassage]:
    """The passages ``a`` and ``b`` share, ordered by their position in ``a``.

    In semantic mode (both documents have sentence vectors) sentences left unlinked by their
    words are linked by their meaning: paraphrases, and translations across languages.
    """
    links = link_sentences(a, b)
    links = sorted({*links, *meaning_links(a, b, links)})
    passages: list[AlignedPassage] = []
    for sa, sb in _runs(a, b, _groups(links)):
        ia, ib = _tokens_of(a, sa), _tokens_of(b, sb)
        alignment = align_tokens(a.tokens, ia, b.tokens, ib, pair_words(a, b).equivalents)
        cosine = _vouching_cosine(a, b, sa, sb)
        kind = "paraphrase" if _reworded(a, b, sa, sb, alignment) else passage_kind(alignment)
        if kind == "paraphrase" and alignment.longest_run >= VERBATIM_RUN_MIN:
            passages.extend(_split_at_runs(a, b, ia, ib, alignment))
            continue
        first_a = a.tokens.sentences[a.story[sa[0]]]
        last_a = a.tokens.sentences[a.story[sa[-1]]]
        first_b = b.tokens.sentences[b.story[sb[0]]]
        last_b = b.tokens.sentences[b.story[sb[-1]]]
        similarity = alignment.similarity
        if kind == "paraphrase" and cosine is not None:
            similarity = max(similarity, cosine)
        passage = Passage(
            a_start=first_a.start,
            a_end=last_a.end,
            b_start=first_b.start,
            b_end=last_b.end,
            kind=kind,
            similarity=round(similarity, 4),
            # A paraphrase's differing regions are rewording, not swaps; a verbatim passage
            # with a word or two swapped (light spin, typos) shows them like a spun one.
            substitutions=alignment.substitutions if kind != "paraphrase" else (),
        )
        passages.append(AlignedPassage(passage, tuple(sa), tuple(sb), alignment, cosine))
    taken_a = [i for p in passages for i in token_span(a, p.passage.a_start, p.passage.a_end)]
    taken_b = [j for p in passages for j in token_span(b, p.passage.b_start, p.passage.b_end)]
    for wa, wb in unlinked_runs(a, b, taken_a, taken_b):
        passages.append(_passage_of_tokens(a, b, wa, wb))
    kept = drop_far_filler(passages)
    return merge_touching(a, b, kept, lambda p, q: _merged(a, b, p, q))


def _merged(a: Prepared, b: Prepared, p: AlignedPassage, q: AlignedPassage) -> AlignedPassage:
    """Two touching copied passages as one, its words aligned again from end to end."""
    alignment = merged_alignment(a, b, p, q)
    kind = passage_kind(alignment)
    if kind == "paraphrase" or (kind == "verbatim" and swapped(p, q)):
        kind = "spun"  # both halves were copied wording, so the whole is, if reordered
    cosine = p.cosine if p.cosine is not None else q.cosine
    passage = Passage(
        a_start=p.passage.a_start,
        a_end=q.passage.a_end,
        b_start=min(p.passage.b_start, q.passage.b_start),
        b_end=max(p.passage.b_end, q.passage.b_end),
        kind=kind,
        similarity=round(alignment.similarity, 4),
        substitutions=alignment.substitutions,
    )
    a_sentences = tuple(sorted({*p.a_sentences, *q.a_sentences}))
    b_sentences = tuple(sorted({*p.b_sentences, *q.b_sentences}))
    return AlignedPassage(passage, a_sentences, b_sentences, alignment, cosine)


def _split_at_runs(
    a: Prepared, b: Prepared, ia: list[int], ib: list[int], alignment: TokenAlignment
) -> list[AlignedPassage]:
    """A reworded passage cut at its long exact runs: each run a `verbatim` passage, and
    each stretch between runs (both sides non-empty) a passage of its own kind."""
    runs = [run for run in alignment.runs if run[2] >= VERBATIM_RUN_MIN]
    pieces: list[tuple[list[int], list[int]]] = []
    at_a = at_b = 0
    for i, j, length in runs:
        pieces.append((ia[at_a:i], ib[at_b:j]))
        pieces.append((ia[i : i + length], ib[j : j + length]))
        at_a, at_b = i + length, j + length
    pieces.append((ia[at_a:], ib[at_b:]))
    return [_passage_of_tokens(a, b, wa, wb) for wa, wb in pieces if wa and wb]


def _passage_of_tokens(a: Prepared, b: Prepared, wa: list[int], wb: list[int]) -> AlignedPassage:
    """A passage from the tokens ``wa`` of ``a`` to the tokens ``wb`` of ``b``."""
    piece = align_tokens(a.tokens, wa, b.tokens, wb, pair_words(a, b).equivalents)
    kind = passage_kind(piece)
    passage = Passage(
        a_start=a.tokens.starts[wa[0]],
        a_end=a.tokens.ends[wa[-1]],
        b_start=b.tokens.starts[wb[0]],
        b_end=b.tokens.ends[wb[-1]],
        kind=kind,
        similarity=round(piece.similarity, 4),
        substitutions=piece.substitutions if kind != "paraphrase" else (),
    )
    return AlignedPassage(passage, _positions(a, wa), _positions(b, wb), piece)


def _positions(prepared: Prepared, token_ids: list[int]) -> tuple[int, ...]:
    """The story positions whose sentences hold any of ``token_ids`` (sorted)."""
    lo, hi = token_ids[0], token_ids[-1]
    found = []
    for position, s in enumerate(prepared.story):
        sentence = prepared.tokens.sentences[s]
        if sentence.tok_lo <= hi and sentence.tok_hi > lo:
            found.append(position)
    return tuple(found)


def compile_now() -> None:
    """Compile (or load from numba's cache) every compiled loop of alignment here: before
    workers fork, so that they share them, and before a server's first request."""
    lcs.compile_now()
    equivalence.compile_now()
    word_match.compile_now()
