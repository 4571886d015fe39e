"""The passages of a pair as a reader wants them: one passage per copied stretch, no filler.

Sentence linking finds every sentence pair with enough words in common, so in two long
pages on one subject it also links stray sentences that merely share the topic, far from
any copying (issue 9: on PAN 2013 most detections beside a real case were such links, at
similarity 0.17-0.41). And one copied stretch can come back in pieces where a sentence was
split or joined on one side. Both are cleaned here, after alignment.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence
from itertools import pairwise
from typing import Protocol, TypeVar

from unspin.align.tokens import TokenAlignment, align_tokens
from unspin.model import Passage, PassageKind
from unspin.prepare import Prepared

# A lexical `paraphrase` passage is kept only this close (in story sentences, on both
# sides) to a passage of copied wording: a reworded sentence inside a copied stretch is
# part of the story of the reuse, a lone topical link pages away is not. Two sentences
# keep the seeds' reworded Crimea sentence (between two spun passages) and drop the PAN
# filler. Re-run `python -m benchmarks.pan13 run` and `python benchmarks/run.py seeds`.
FILLER_NEAR_SENTENCES = 2
# Copied passages this close on both sides (characters between them) merge into one,
# when the two gaps differ by at most MERGE_GAP_SKEW_CHARS: PAN 2013 cases came back in
# two to five pieces where a sentence of the copy was split differently or not linked
# (granularity, issue 9). A spliced sentence sits on one side only, so the skew keeps it
# out. Re-run `python -m benchmarks.pan13 run` and `make bench-spun` (inserted F1).
MERGE_GAP_CHARS = 160
MERGE_GAP_SKEW_CHARS = 40


def is_copied(kind: PassageKind, cosine: float | None) -> bool:
    """Copied wording: verbatim or spun, or (semantic mode) a paraphrase vectors vouch for."""
    return kind != "paraphrase" or cosine is not None


class Piece(Protocol):
    """What cleanup needs of an aligned passage; `unspin.align` builds the real ones."""

    @property
    def passage(self) -> Passage: ...

    @property
    def a_sentences(self) -> tuple[int, ...]: ...

    @property
    def b_sentences(self) -> tuple[int, ...]: ...

    @property
    def cosine(self) -> float | None: ...


P = TypeVar("P", bound=Piece)


def drop_far_filler(passages: Sequence[P]) -> list[P]:
    """Lexical paraphrase passages far from every copied passage are left out."""
    copied = [p for p in passages if is_copied(p.passage.kind, p.cosine)]

    def near(p: P) -> bool:
        return any(
            _distance(p.a_sentences, q.a_sentences) <= FILLER_NEAR_SENTENCES
            and _distance(p.b_sentences, q.b_sentences) <= FILLER_NEAR_SENTENCES
            for q in copied
        )

    return [p for p in passages if is_copied(p.passage.kind, p.cosine) or near(p)]


def _distance(left: Sequence[int], right: Sequence[int]) -> int:
    """Story sentences between two passages' sentence positions (0: they touch or overlap)."""
    if not left or not right:
        return 1 << 30
    if left[-1] < right[0]:
        return right[0] - left[-1] - 1
    if right[-1] < left[0]:
        return left[0] - right[-1] - 1
    return 0


def touching(a: Prepared, b: Prepared, p: Piece, q: Piece) -> bool:
    """``q`` follows ``p`` on both sides, both verbatim or spun, with only story between
    them, and the same little between them on both sides: one sentence split in two on one
    side, a sentence reworded past linking inside a copy, or pieces of one passage. A
    sentence added on one side only (a splice) keeps the two apart."""
    if p.passage.kind == "paraphrase" or q.passage.kind == "paraphrase":
        return False
    gap_a = q.passage.a_start - p.passage.a_end
    gap_b = q.passage.b_start - p.passage.b_end
    if gap_a < 0 or gap_b < 0 or max(gap_a, gap_b) > MERGE_GAP_CHARS:
        return False
    if abs(gap_a - gap_b) > MERGE_GAP_SKEW_CHARS:
        return False
    if not (p.a_sentences and q.a_sentences and p.b_sentences and q.b_sentences):
        return False
    return _only_story_between(a, p.a_sentences[-1], q.a_sentences[0]) and _only_story_between(
        b, p.b_sentences[-1], q.b_sentences[0]
    )


def _only_story_between(prepared: Prepared, left: int, right: int) -> bool:
    """No boilerplate sentence between story positions ``left`` and ``right``."""
    if right <= left:
        return True
    return prepared.story[right] - prepared.story[left] == right - left


def token_span(prepared: Prepared, start: int, end: int) -> list[int]:
    """Indices of the tokens of ``prepared`` that lie inside characters [start, end)."""
    tokens = prepared.tokens
    lo = bisect.bisect_left(tokens.starts, start)
    hi = bisect.bisect_right(tokens.ends, end)
    return list(range(lo, hi))


def merged_alignment(a: Prepared, b: Prepared, first: Piece, last: Piece) -> TokenAlignment:
    """The words from the start of ``first`` to the end of ``last``, aligned again."""
    ia = token_span(a, first.passage.a_start, last.passage.a_end)
    ib = token_span(b, first.passage.b_start, last.passage.b_end)
    return align_tokens(a.tokens, ia, b.tokens, ib)


def merge_touching(
    a: Prepared, b: Prepared, passages: Sequence[P], merge: Callable[[P, P], P]
) -> list[P]:
    """Runs of touching copied passages joined by ``merge``: only passages that follow each
    other in the order of both documents, so that `compare A B` mirrors `compare B A`."""
    by_a = sorted(passages, key=lambda x: (x.passage.a_start, x.passage.b_start))
    by_b = sorted(passages, key=lambda x: (x.passage.b_start, x.passage.a_start))
    next_in_b = {id(x): y for x, y in pairwise(by_b)}
    out: list[P] = []
    last: P | None = None  # the last original passage folded into out[-1]
    for p in by_a:
        if out and last is not None and next_in_b.get(id(last)) is p and touching(a, b, last, p):
            out[-1] = merge(out[-1], p)
        else:
            out.append(p)
        last = p
    return out
