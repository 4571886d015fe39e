"""How much story two documents share word for word: what a small copy must show to count.

A pair that shares only a small part of both sides is reuse when that part is the story
copied (issue 9: one wire paragraph in a long page). What two independent reports of one
event share word for word is names and quotes: a team sheet, a speaker's words that both
reporters took down (on the BBC archive, 9 of 30 pairs that 30 copied words alone made were
such, labelled by reading in benchmarks/bbc_pairs). So the small copy's words are counted
without names, numbers and quotations.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from unspin.align import AlignedPassage
from unspin.align.cleanup import token_span
from unspin.prepare import Prepared

# A quotation: double quotes or guillemets around at most a long paragraph, on one line.
# Single quotes are left alone: they are also apostrophes.
_QUOTATION = re.compile(
    r"“[^”\n]{1,2000}”|\"[^\"\n]{1,2000}\"|«[^»\n]{1,2000}»|„[^“”\n]{1,2000}[“”]"
)


# Words copied in a row that count: a pair of words is already wording, where one shared
# word in a reworded sentence is not. Tuned with MIN_COPIED_STORY_WORDS (relate.py).
STORY_RUN_WORDS = 2


@lru_cache(maxsize=4096)
def _quotations(prepared: Prepared) -> tuple[tuple[int, int], ...]:
    return tuple((m.start(), m.end()) for m in _QUOTATION.finditer(prepared.doc.text))


def _story_words(prepared: Prepared, token_ids: Sequence[int]) -> int:
    tokens, quotes = prepared.tokens, _quotations(prepared)
    count = 0
    for k in token_ids:
        if tokens.is_name(k) or tokens.is_number(k):
            continue
        start = tokens.starts[k]
        if any(lo <= start < hi for lo, hi in quotes):
            continue
        count += 1
    return count


def copied_story_words(a: Prepared, b: Prepared, passages: Sequence[AlignedPassage]) -> int:
    """Words copied in runs of STORY_RUN_WORDS or more that are neither names, numbers nor
    inside a quotation, on whichever side has fewer of them."""
    on_a = on_b = 0
    for p in passages:
        ia = token_span(a, p.passage.a_start, p.passage.a_end)
        ib = token_span(b, p.passage.b_start, p.passage.b_end)
        for i, j, length in p.tokens.runs:
            if length >= STORY_RUN_WORDS:
                on_a += _story_words(a, ia[i : i + length])
                on_b += _story_words(b, ib[j : j + length])
    return min(on_a, on_b)
