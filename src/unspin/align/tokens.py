"""Word-by-word alignment of two linked stretches of text, and the substitutions it shows."""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from unspin.lexicon import STOPWORDS, equivalence_masks, equivalent
from unspin.normalize import Tokens

# A difference region between two exact matches is reported as a substitution when each side
# has at most this many words: longer regions are rewriting, not word swapping.
MAX_SUBSTITUTION_TOKENS = 4
# Punctuation inside a region means it spans clauses: rewriting, not a word swap.
_CLAUSE_BREAK = re.compile(r"[.,;:!?()\"“”]")
# Alignment is quadratic in tokens; longer stretches are aligned in windows of this size.
MAX_DP_TOKENS = 400


@dataclass(frozen=True)
class TokenAlignment:
    exact: int  # matched pairs with the same folded word
    equivalent: int  # matched pairs that are synonyms or inflections
    len_a: int
    len_b: int
    substitutions: tuple[tuple[str, str], ...]

    @property
    def similarity(self) -> float:
        total = self.len_a + self.len_b
        return 2 * (self.exact + self.equivalent) / total if total else 0.0

    @property
    def surface_similarity(self) -> float:
        total = self.len_a + self.len_b
        return 2 * self.exact / total if total else 0.0


def _lcs_path(a: list[str], b: list[str]) -> list[tuple[int, int, bool]]:
    """Longest common subsequence under synonym equivalence; exact matches preferred.

    A common prefix and suffix of equal words are matched directly: an exact match is the
    best a pair of words can score, so some optimal alignment always includes them. Copies
    and light edits then cost next to nothing; only the differing middle needs the table.
    """
    head = 0
    while head < min(len(a), len(b)) and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < min(len(a), len(b)) - head and a[-1 - tail] == b[-1 - tail]:
        tail += 1
    middle = _lcs_table_path(a[head : len(a) - tail], b[head : len(b) - tail])
    return (
        [(k, k, True) for k in range(head)]
        + [(i + head, j + head, same) for i, j, same in middle]
        + [(len(a) - tail + k, len(b) - tail + k, True) for k in range(tail)]
    )


def _lcs_table_path(a: list[str], b: list[str]) -> list[tuple[int, int, bool]]:
    n, m = len(a), len(b)
    # Scores are doubled so that an exact match (2) beats a synonym match (1) on ties of length.
    score = [[0] * (m + 1) for _ in range(n + 1)]
    masks_b = [equivalence_masks(word) for word in b]
    for i in range(n - 1, -1, -1):
        row, below = score[i], score[i + 1]
        ai = a[i]
        own, near = equivalence_masks(ai)
        for j in range(m - 1, -1, -1):
            best = below[j] if below[j] >= row[j + 1] else row[j + 1]
            bj = b[j]
            if ai == bj:
                gain = 3 + below[j + 1]
            elif (own & masks_b[j][1] or masks_b[j][0] & near) and equivalent(ai, bj):
                gain = 2 + below[j + 1]
            else:
                gain = 0
            row[j] = gain if gain > best else best
    path: list[tuple[int, int, bool]] = []
    i = j = 0
    while i < n and j < m:
        exact = a[i] == b[j]
        if (exact or equivalent(a[i], b[j])) and score[i][j] == (3 if exact else 2) + score[i + 1][
            j + 1
        ]:
            path.append((i, j, exact))
            i += 1
            j += 1
        elif score[i + 1][j] >= score[i][j + 1]:
            i += 1
        else:
            j += 1
    return path


def align_tokens(ta: Tokens, ia: list[int], tb: Tokens, ib: list[int]) -> TokenAlignment:
    """Align the tokens ``ia`` of ``ta`` with the tokens ``ib`` of ``tb``."""
    exact = equiv = 0
    substitutions: list[tuple[str, str]] = []
    step = MAX_DP_TOKENS
    for lo in range(0, max(len(ia), len(ib)), step):
        wa, wb = ia[lo : lo + step], ib[lo : lo + step]
        path = _lcs_path([ta.norms[i] for i in wa], [tb.norms[j] for j in wb])
        exact += sum(1 for _, _, same in path if same)
        equiv += sum(1 for _, _, same in path if not same)
        substitutions.extend(_substitutions(ta, wa, tb, wb, path))
    return TokenAlignment(exact, equiv, len(ia), len(ib), tuple(dict.fromkeys(substitutions)))


def _substitutions(
    ta: Tokens, ia: list[int], tb: Tokens, ib: list[int], path: list[tuple[int, int, bool]]
) -> list[tuple[str, str]]:
    """Word swaps: the regions between exact matches, short on both sides, inside one clause."""
    synonyms = {i for i, _, same in path if not same}
    anchors = [(-1, -1)] + [(i, j) for i, j, same in path if same] + [(len(ia), len(ib))]
    found: list[tuple[str, str]] = []
    for (i0, j0), (i1, j1) in pairwise(anchors):
        region_a = _strip_stopwords(ta, ia[i0 + 1 : i1])
        region_b = _strip_stopwords(tb, ib[j0 + 1 : j1])
        if not region_a or not region_b:
            continue
        if not any(i in synonyms for i in range(i0 + 1, i1)):
            # At the edge of a passage only one side is anchored: pair words outward from it.
            width = min(len(region_a), len(region_b))
            if i0 < 0 and j0 < 0:
                region_a, region_b = region_a[-width:], region_b[-width:]
            elif i1 == len(ia) and j1 == len(ib):
                region_a, region_b = region_a[:width], region_b[:width]
        if len(region_a) > MAX_SUBSTITUTION_TOKENS or len(region_b) > MAX_SUBSTITUTION_TOKENS:
            continue
        phrase_a = ta.text[ta.starts[region_a[0]] : ta.ends[region_a[-1]]]
        phrase_b = tb.text[tb.starts[region_b[0]] : tb.ends[region_b[-1]]]
        if _CLAUSE_BREAK.search(phrase_a) or _CLAUSE_BREAK.search(phrase_b):
            continue
        found.append((phrase_a, phrase_b))
    return found


def _strip_stopwords(tokens: Tokens, region: list[int]) -> list[int]:
    lo, hi = 0, len(region)
    while lo < hi and tokens.norms[region[lo]] in STOPWORDS:
        lo += 1
    while hi > lo and tokens.norms[region[hi - 1]] in STOPWORDS:
        hi -= 1
    return region[lo:hi]
