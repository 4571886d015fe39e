"""Word-by-word alignment of two linked stretches of text, and the substitutions it shows."""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from unspin.align.equivalence import Equivalents
from unspin.align.lcs import weighted_lcs
from unspin.languages import ENGLISH
from unspin.lexicon import stopwords
from unspin.normalize import Tokens

# A substitution swaps one to three words for one to three words (issue 8): a longer
# difference between two exact matches is rewriting, not word swapping. Counted before
# function words are set aside, so "a partner" / "it, well, so be it" is no swap.
MAX_SUBSTITUTION_TOKENS = 3
# Punctuation inside a swapped phrase means it spans clauses: rewriting, not a word swap.
_CLAUSE_BREAK = re.compile(r"[.,;:!?()\"“”]")
# A swap never reaches across a sentence end or a line break on either side: "in January.
# William" / "in the US. New Yorker William" is two edits in two sentences, not one swap.
_SENTENCE_BREAK = re.compile(r"[.!?]['\"’”)\]]*\s|[\n\r\v\f\x85\u2028\u2029]")
# Reporting verbs are stopwords for candidates and sentence links, but a copy that turns
# "stated" into "said" has swapped a word all the same.
_SWAPPABLE_STOPWORDS = frozenset({"said", "says", "say", "told"})
# Alignment is quadratic in tokens; longer stretches are aligned in windows of this size.
MAX_DP_TOKENS = 400


@dataclass(frozen=True)
class TokenAlignment:
    exact: int  # matched pairs with the same folded word
    equivalent: int  # matched pairs that are synonyms or inflections
    len_a: int
    len_b: int
    substitutions: tuple[tuple[str, str], ...]
    # Maximal runs of words copied exactly and in order: (index into ia, index into ib,
    # length), positions in the token lists given to `align_tokens`.
    runs: tuple[tuple[int, int, int], ...] = ()

    @property
    def longest_run(self) -> int:
        return max((length for _, _, length in self.runs), default=0)

    @property
    def similarity(self) -> float:
        total = self.len_a + self.len_b
        return 2 * (self.exact + self.equivalent) / total if total else 0.0

    @property
    def surface_similarity(self) -> float:
        total = self.len_a + self.len_b
        return 2 * self.exact / total if total else 0.0


def _lcs_path(
    a: list[str], b: list[str], lang: str = ENGLISH, equivalents: Equivalents | None = None
) -> list[tuple[int, int, bool]]:
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
    middle = weighted_lcs(a[head : len(a) - tail], b[head : len(b) - tail], lang, equivalents)
    return (
        [(k, k, True) for k in range(head)]
        + [(i + head, j + head, same) for i, j, same in middle]
        + [(len(a) - tail + k, len(b) - tail + k, True) for k in range(tail)]
    )


def align_tokens(
    ta: Tokens,
    ia: list[int],
    tb: Tokens,
    ib: list[int],
    equivalents: Equivalents | None = None,
) -> TokenAlignment:
    """Align the tokens ``ia`` of ``ta`` with the tokens ``ib`` of ``tb``. ``equivalents``:
    the two documents' equivalent words, where the caller knows them (`pair_words`)."""
    lang = ta.lang if ta.lang == tb.lang else ENGLISH
    exact = equiv = 0
    substitutions: list[tuple[str, str]] = []
    runs: list[tuple[int, int, int]] = []
    step = MAX_DP_TOKENS
    for lo in range(0, max(len(ia), len(ib)), step):
        wa, wb = ia[lo : lo + step], ib[lo : lo + step]
        path = _lcs_path([ta.norms[i] for i in wa], [tb.norms[j] for j in wb], lang, equivalents)
        exact += sum(1 for _, _, same in path if same)
        equiv += sum(1 for _, _, same in path if not same)
        substitutions.extend(_substitutions(ta, wa, tb, wb, path))
        runs.extend((i + lo, j + lo, length) for i, j, length in _exact_runs(path))
    return TokenAlignment(
        exact, equiv, len(ia), len(ib), tuple(dict.fromkeys(substitutions)), tuple(runs)
    )


def _exact_runs(path: list[tuple[int, int, bool]]) -> list[tuple[int, int, int]]:
    """Maximal stretches of exact matches that follow each other on both sides."""
    runs: list[tuple[int, int, int]] = []
    for i, j, same in path:
        if not same:
            continue
        if runs:
            i0, j0, length = runs[-1]
            if i == i0 + length and j == j0 + length:
                runs[-1] = (i0, j0, length + 1)
                continue
        runs.append((i, j, 1))
    return runs


def _substitutions(
    ta: Tokens, ia: list[int], tb: Tokens, ib: list[int], path: list[tuple[int, int, bool]]
) -> list[tuple[str, str]]:
    """Word swaps: one to three words for one to three, with both sides aligned around them.

    The regions between exact matches are the candidates. A region between two exact
    matches of one sentence is a swap whatever its words (an editor's "UK" for "Britain").
    Where a sentence starts or ends next to the region on both sides, that boundary is its
    anchor on that side, and words are paired outward from the exact match ("alliance." /
    "union until now."), but a name is not swapped for a description ("Novelist" / "Orange
    Prize winner"). A region with a sentence break in it, or a break that falls on different
    sides of it ("in January. William" / "in the US. New Yorker William"), is two edits, not
    one swap. Synonym matches inside a region are reported as they were matched ("talk" /
    "discussion", not "discussion related"), each with the names that run on from it
    ("Russia" / "Russian Federation").
    """
    synonym_at = {i: j for i, j, same in path if not same}
    anchors = [(-1, -1)] + [(i, j) for i, j, same in path if same] + [(len(ia), len(ib))]
    found: list[tuple[str, str]] = []
    for (i0, j0), (i1, j1) in pairwise(anchors):
        if not 0 < i1 - i0 - 1 <= MAX_SUBSTITUTION_TOKENS:
            continue
        if not 0 < j1 - j0 - 1 <= MAX_SUBSTITUTION_TOKENS:
            continue
        breaks_a, breaks_b = _breaks(ta, ia, i0, i1), _breaks(tb, ib, j0, j1)
        if breaks_a != breaks_b or breaks_a == "inside":
            continue
        matched = [(i, synonym_at[i]) for i in range(i0 + 1, i1) if i in synonym_at]
        if matched:
            regions = _synonym_regions(ta, ia, tb, ib, matched, (i0, i1), (j0, j1))
        else:
            region_a = _strip_stopwords(ta, ia[i0 + 1 : i1])
            region_b = _strip_stopwords(tb, ib[j0 + 1 : j1])
            starts = breaks_a == "before" or (i0 < 0 and j0 < 0)
            ends = breaks_a == "after" or (i1 == len(ia) and j1 == len(ib))
            if starts or ends:
                if _has_name(ta, region_a) != _has_name(tb, region_b):
                    continue
                width = min(len(region_a), len(region_b))
                if starts:
                    region_a, region_b = region_a[-width:], region_b[-width:]
                else:
                    region_a, region_b = region_a[:width], region_b[:width]
            regions = [(region_a, region_b)]
        for region_a, region_b in regions:
            if not region_a or not region_b:
                continue
            phrase_a = ta.text[ta.starts[region_a[0]] : ta.ends[region_a[-1]]]
            phrase_b = tb.text[tb.starts[region_b[0]] : tb.ends[region_b[-1]]]
            if _CLAUSE_BREAK.search(phrase_a) or _CLAUSE_BREAK.search(phrase_b):
                continue
            found.append((phrase_a, phrase_b))
    return found


def _breaks(tokens: Tokens, ids: list[int], left: int, right: int) -> str | None:
    """Where a sentence end or line break falls around the region between two anchors:
    "before" it, "after" it, "inside" it (or on both sides), or None."""
    first, last = ids[left + 1], ids[right - 1]
    before_start = tokens.ends[ids[left]] if left >= 0 else tokens.starts[first]
    after_end = tokens.starts[ids[right]] if right < len(ids) else tokens.ends[last]
    before = bool(_SENTENCE_BREAK.search(tokens.text, before_start, tokens.starts[first]))
    after = bool(_SENTENCE_BREAK.search(tokens.text, tokens.ends[last], after_end))
    inside = bool(_SENTENCE_BREAK.search(tokens.text, tokens.starts[first], tokens.ends[last]))
    if inside or (before and after):
        return "inside"
    return "before" if before else "after" if after else None


def _has_name(tokens: Tokens, region: list[int]) -> bool:
    return any(tokens.is_name(i) for i in region)


def _synonym_regions(
    ta: Tokens,
    ia: list[int],
    tb: Tokens,
    ib: list[int],
    matched: list[tuple[int, int]],
    span_a: tuple[int, int],
    span_b: tuple[int, int],
) -> list[tuple[list[int], list[int]]]:
    """Each run of synonym matches inside a region, widened by the names next to it."""
    groups: list[list[tuple[int, int]]] = []
    for i, j in matched:
        if groups and groups[-1][-1] == (i - 1, j - 1):
            groups[-1].append((i, j))
        else:
            groups.append([(i, j)])
    regions: list[tuple[list[int], list[int]]] = []
    for group in groups:
        (lo_a, lo_b), (hi_a, hi_b) = group[0], group[-1]
        lo_a, hi_a = _widen_by_names(ta, ia, lo_a, hi_a, span_a, {i for i, _ in matched})
        lo_b, hi_b = _widen_by_names(tb, ib, lo_b, hi_b, span_b, {j for _, j in matched})
        regions.append((ia[lo_a : hi_a + 1], ib[lo_b : hi_b + 1]))
    return regions


def _widen_by_names(
    tokens: Tokens, ids: list[int], lo: int, hi: int, span: tuple[int, int], taken: set[int]
) -> tuple[int, int]:
    """Extend [lo, hi] over unmatched capitalised words inside the region (exclusive span)."""
    while lo - 1 > span[0] and lo - 1 not in taken and tokens.is_name(ids[lo - 1]):
        lo -= 1
    while hi + 1 < span[1] and hi + 1 not in taken and tokens.is_name(ids[hi + 1]):
        hi += 1
    return lo, hi


def _strip_stopwords(tokens: Tokens, region: list[int]) -> list[int]:
    def ignored(i: int) -> bool:
        norm = tokens.norms[i]
        return norm in stopwords(tokens.lang) and norm not in _SWAPPABLE_STOPWORDS

    lo, hi = 0, len(region)
    while lo < hi and ignored(region[lo]):
        lo += 1
    while hi > lo and ignored(region[hi - 1]):
        hi -= 1
    return region[lo:hi]
