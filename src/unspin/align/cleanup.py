"""The passages of a pair as a reader wants them: one passage per copied stretch, no filler.

Sentence linking finds every sentence pair with enough words in common, so in two long
pages on one subject it also links stray sentences that merely share the topic, far from
any copying (issue 9: on PAN 2013 most detections beside a real case were such links, at
similarity 0.17-0.41). And one copied stretch can come back in pieces where a sentence was
split or joined on one side. Both are cleaned here, after alignment.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Callable, Sequence
from itertools import pairwise
from typing import Protocol, TypeVar

from unspin.align.sentences import pair_words
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
# ... and, whatever lies between them, copied passages with exactly the same words between
# them on both sides, up to this many characters: PAN 2013's verbatim cases came back
# split where the source's lines ("Login", "Mar 27 2007", "By: Dennis Garrels") were
# boilerplate and the copy had run them into its text. Re-run `python -m benchmarks.pan13
# run` and `make bench-spun` after changing it.
SAME_GAP_CHARS = 400
# ... or with at least this share of the words between them on each side copied in exact
# runs, aligned again with GAP_CONTEXT_TOKENS words of each passage around the gap (a copy
# that ran a source's list lines into one sentence, PAN 2013). Same benchmarks.
GAP_COPIED_SHARE = 0.9
GAP_CONTEXT_TOKENS = 150
# ... or, where only one side has story words between them, with at least this share of
# those words held by the other side's passages beyond what they match (a sentence
# reworded past linking and run into its neighbours: PAN 2013 random obfuscation). Same
# benchmarks.
GAP_REWORDED_SHARE = 0.7


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

    @property
    def tokens(self) -> TokenAlignment: ...


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


def swapped(p: Piece, q: Piece) -> bool:
    """``q`` follows ``p`` in ``a`` but comes before it in ``b``."""
    return q.passage.b_end <= p.passage.b_start


def touching(a: Prepared, b: Prepared, p: Piece, q: Piece) -> bool:
    """``q`` follows ``p`` on ``a``, both verbatim or spun, with no repeated template line
    between them and the same little between them on both sides: one sentence split in two
    on one side, a sentence reworded past linking inside a copy, or pieces of one passage.
    A sentence added on one side only (a splice) keeps the two apart. Inside one paragraph
    on both sides ``q`` may come first in ``b``: a copy that reorders sentences (PAN 2013 random
    obfuscation) is one passage; paragraphs moved about stay passages of their own."""
    if p.passage.kind == "paraphrase" or q.passage.kind == "paraphrase":
        return False
    if not (p.a_sentences and q.a_sentences and p.b_sentences and q.b_sentences):
        return False
    first_b, second_b = (q, p) if swapped(p, q) else (p, q)
    gap_a = q.passage.a_start - p.passage.a_end
    gap_b = second_b.passage.b_start - first_b.passage.b_end
    if gap_a < 0 or gap_b < 0:
        return False
    if not swapped(p, q) and max(gap_a, gap_b) <= SAME_GAP_CHARS and _copied_between(a, b, p, q):
        return True
    if max(gap_a, gap_b) > MERGE_GAP_CHARS:
        return False
    if abs(gap_a - gap_b) > MERGE_GAP_SKEW_CHARS:
        return False
    if swapped(p, q) and (
        _PARAGRAPH_BREAK.search(a.doc.text, p.passage.a_end, q.passage.a_start)
        or _PARAGRAPH_BREAK.search(b.doc.text, first_b.passage.b_end, second_b.passage.b_start)
    ):
        return False
    # Chrome by form between them (a dateline, a contact line) is the source's own page
    # furniture, which the copy took, reworded, with the stretch around it (PAN 2013). Not
    # a line the collection repeats: that is the site's template, on every page.
    return not _repeats_a_line(a, p.passage.a_end, q.passage.a_start) and not _repeats_a_line(
        b, first_b.passage.b_end, second_b.passage.b_start
    )


def _copied_between(a: Prepared, b: Prepared, p: Piece, q: Piece) -> bool:
    """What lies between ``p`` and ``q`` (in order on both sides) was copied too: the same
    words on both sides, or words copied in exact runs, or words the other side's passages
    hold beyond what they match (`_gap_copied`, `_gap_reworded`). Never a line the
    collection repeats as template: a site's footer broken into lines differently on two
    pages is the site's, not a copy's (on the multilingual benchmark's Hindi pages,
    merging across its lines made 17 false pairs of an app footer). A date line or byline
    of the source's that the copy ran into its text is not repeated and may lie between."""
    gaps = ((a, p.passage.a_end, q.passage.a_start), (b, p.passage.b_end, q.passage.b_start))
    if any(_repeats_a_line(prepared, start, end) for prepared, start, end in gaps):
        return False
    between_a, between_b = (token_span(prepared, start, end) for prepared, start, end in gaps)
    if [a.tokens.norms[i] for i in between_a] == [b.tokens.norms[j] for j in between_b]:
        return True  # a byline or date line that one side runs into its text, or no word
    return _gap_copied(a, b, p, q, between_a, between_b) or _gap_reworded(
        a, b, p, q, between_a, between_b
    )


def _repeats_a_line(prepared: Prepared, start: int, end: int) -> bool:
    return any(
        span.kind == "repeated_line" and span.start < end and span.end > start
        for span in prepared.boilerplate
    )


def _gap_copied(
    a: Prepared, b: Prepared, p: Piece, q: Piece, gap_a: list[int], gap_b: list[int]
) -> bool:
    """The words between ``p`` and ``q`` (``gap_a``, ``gap_b``) were copied too, on both
    sides: aligned again from the end of ``p`` to the start of ``q`` (GAP_CONTEXT_TOKENS
    either side), at least GAP_COPIED_SHARE of the gap's words on each side fall in runs of
    exact matches. A copy that ran a source's short lines into one sentence links the long
    sentence with only some of the lines; the lines left over lie between two passages on
    the source's side and inside one on the copy's. A splice is words on one side only:
    unmatched."""
    ia = _around(token_span(a, p.passage.a_start, p.passage.a_end), gap_a, a, q.passage.a_end)
    ib = _around(token_span(b, p.passage.b_start, p.passage.b_end), gap_b, b, q.passage.b_end)
    if not ia or not ib:
        return False
    alignment = align_tokens(a.tokens, ia, b.tokens, ib, pair_words(a, b).equivalents)
    copied_a = {ia[i + k] for i, _, n in alignment.runs for k in range(n)}
    copied_b = {ib[j + k] for _, j, n in alignment.runs for k in range(n)}
    return all(
        not gap or sum(t in copied for t in gap) >= GAP_COPIED_SHARE * len(gap)
        for gap, copied in ((gap_a, copied_a), (gap_b, copied_b))
    )


def _gap_reworded(
    a: Prepared, b: Prepared, p: Piece, q: Piece, gap_a: list[int], gap_b: list[int]
) -> bool:
    """The story words between ``p`` and ``q`` on one side (the other has none between)
    are words the other side's passages hold beyond what this side's passages match: a
    sentence reworded past linking and run into its neighbours (PAN 2013's random
    obfuscation). A splice's words are not in the other side at all."""
    whole_a = token_span(a, p.passage.a_start, q.passage.a_end)
    whole_b = token_span(b, p.passage.b_start, q.passage.b_end)
    sides = ((a, gap_a, whole_a, b, gap_b, whole_b), (b, gap_b, whole_b, a, gap_a, whole_a))
    for here, gap_here, whole_here, there, gap_there, whole_there in sides:
        gap = _content_canons(here, gap_here)
        if not gap or _content_canons(there, gap_there):
            continue
        own = _content_canons(here, whole_here) - gap
        left_over = _content_canons(there, whole_there) - own
        if sum((gap & left_over).values()) >= GAP_REWORDED_SHARE * sum(gap.values()):
            return True
    return False


def _content_canons(prepared: Prepared, token_ids: list[int]) -> Counter[str]:
    tokens = prepared.tokens
    return Counter(tokens.canons[i] for i in token_ids if tokens.is_content(i))


def _around(before: list[int], gap: list[int], prepared: Prepared, end: int) -> list[int]:
    """Tokens from GAP_CONTEXT_TOKENS before the gap to as many after it, within the two
    passages."""
    last = bisect.bisect_right(prepared.tokens.ends, end)
    first_after = (gap[-1] + 1) if gap else (before[-1] + 1 if before else 0)
    after = list(range(first_after, min(last, first_after + GAP_CONTEXT_TOKENS)))
    return before[-GAP_CONTEXT_TOKENS:] + gap + after


# A blank line: where one paragraph ends and the next begins.
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")


def token_span(prepared: Prepared, start: int, end: int) -> list[int]:
    """Indices of the tokens of ``prepared`` that lie inside characters [start, end)."""
    tokens = prepared.tokens
    lo = bisect.bisect_left(tokens.starts, start)
    hi = bisect.bisect_right(tokens.ends, end)
    return list(range(lo, hi))


def merged_alignment(a: Prepared, b: Prepared, first: Piece, last: Piece) -> TokenAlignment:
    """The words from the start of ``first`` to the end of ``last``, aligned again; for
    pieces in swapped order, their own alignments added up over the span they cover."""
    start_a, end_a = first.passage.a_start, last.passage.a_end
    start_b = min(first.passage.b_start, last.passage.b_start)
    end_b = max(first.passage.b_end, last.passage.b_end)
    ia, ib = token_span(a, start_a, end_a), token_span(b, start_b, end_b)
    if not swapped(first, last):
        return align_tokens(a.tokens, ia, b.tokens, ib, pair_words(a, b).equivalents)
    runs: list[tuple[int, int, int]] = []
    for piece in (first, last):
        shift_a = token_span(a, piece.passage.a_start, piece.passage.a_end)[:1]
        shift_b = token_span(b, piece.passage.b_start, piece.passage.b_end)[:1]
        da = shift_a[0] - ia[0] if shift_a and ia else 0
        db = shift_b[0] - ib[0] if shift_b and ib else 0
        runs.extend((i + da, j + db, n) for i, j, n in piece.tokens.runs)
    return TokenAlignment(
        first.tokens.exact + last.tokens.exact,
        first.tokens.equivalent + last.tokens.equivalent,
        len(ia),
        len(ib),
        tuple(dict.fromkeys((*first.tokens.substitutions, *last.tokens.substitutions))),
        tuple(sorted(runs)),
    )


def merge_touching(
    a: Prepared, b: Prepared, passages: Sequence[P], merge: Callable[[P, P], P]
) -> list[P]:
    """Touching copied passages joined by ``merge``, until none are left: only passages
    next to each other in the order of both documents, so that `compare A B` mirrors
    `compare B A`."""
    current = list(passages)
    while True:
        merged = _merge_once(a, b, current, merge)
        if len(merged) == len(current):
            return merged
        current = merged


def _merge_once(
    a: Prepared, b: Prepared, passages: Sequence[P], merge: Callable[[P, P], P]
) -> list[P]:
    by_a = sorted(passages, key=lambda x: (x.passage.a_start, x.passage.b_start))
    by_b = sorted(passages, key=lambda x: (x.passage.b_start, x.passage.a_start))
    next_in_b = {id(x): y for x, y in pairwise(by_b)}
    out: list[P] = []
    last: P | None = None  # the last original passage folded into out[-1]
    for p in by_a:
        neighbours = last is not None and (
            next_in_b.get(id(last)) is p or next_in_b.get(id(p)) is last
        )
        if out and last is not None and neighbours and touching(a, b, last, p):
            out[-1] = merge(out[-1], p)
        else:
            out.append(p)
        last = p
    return out
