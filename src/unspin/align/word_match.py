"""How well two story sentences match, word for word, for every sentence pair at once.

Sentence linking (`unspin.align.sentences`) scores the sentence pairs of two documents that
share content words: each word of one sentence is matched one-to-one with a word of the
other, same word first, then same canonical form, then synonym (`matched`). In Python this
was half of a scan's alignment time (the speed benchmark's corpus, profiled with
pyinstrument: 17 of 48 s), one small loop per sentence pair. Here each document's content
words are integer arrays (`StoryWords`, built once per document), the words two documents
may swap for each other are found once per pair (`unspin.align.equivalence`), and the
scoring loop is compiled (numba). The scores are those of the Python loop: same matching
order, same arithmetic (weights are multiples of 1/2, so every sum is exact).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

import numpy as np
from numba import njit

from unspin.align.equivalence import WordKeys, equivalence_matrix, equivalent_pairs, word_keys
from unspin.languages import ENGLISH
from unspin.prepare import Prepared

# Names and numbers survive spinning: they weigh more. Tuned with the link thresholds of
# `unspin.align.sentences` (re-run `python benchmarks/run.py seeds clough`).
NAME_WEIGHT = 1.5


@dataclass(frozen=True, eq=False)
class StoryWords:
    """The content words of a document's story sentences, in story order, as arrays."""

    lang: str
    words: tuple[str, ...]  # distinct content words (folded), first seen first
    canons: tuple[str, ...]  # distinct canonical forms, first seen first
    word: np.ndarray  # int64, per content word: its index in `words`
    canon: np.ndarray  # int64, per content word: its index in `canons`
    weight: np.ndarray  # float64, per content word
    bounds: np.ndarray  # int64: story sentence s holds content words bounds[s]:bounds[s + 1]

    @cached_property
    def word_ids(self) -> dict[str, int]:
        return {w: i for i, w in enumerate(self.words)}

    @cached_property
    def canon_ids(self) -> dict[str, int]:
        return {c: i for i, c in enumerate(self.canons)}

    def keys(self, lang: str) -> WordKeys:
        """The lexicon keys of `words` in ``lang`` (the document's own, kept)."""
        if lang != self.lang:
            return word_keys(self.words, lang)
        return self._own_keys

    @cached_property
    def _own_keys(self) -> WordKeys:
        return word_keys(self.words, self.lang)

    def __len__(self) -> int:
        return len(self.bounds) - 1

    def count(self, sentence: int) -> int:
        return int(self.bounds[sentence + 1] - self.bounds[sentence])


def build_story_words(prepared: Prepared) -> StoryWords:
    tokens = prepared.tokens
    words: dict[str, int] = {}
    canons: dict[str, int] = {}
    word, canon, weight, bounds = [], [], [], [0]
    for s in prepared.story:
        sentence = tokens.sentences[s]
        for i in range(sentence.tok_lo, sentence.tok_hi):
            if not tokens.is_content(i):
                continue
            word.append(words.setdefault(tokens.norms[i], len(words)))
            canon.append(canons.setdefault(tokens.canons[i], len(canons)))
            weight.append(NAME_WEIGHT if tokens.is_name(i) or tokens.is_number(i) else 1.0)
        bounds.append(len(word))
    return StoryWords(
        lang=tokens.lang,
        words=tuple(words),
        canons=tuple(canons),
        word=np.array(word, dtype=np.int64),
        canon=np.array(canon, dtype=np.int64),
        weight=np.array(weight, dtype=np.float64),
        bounds=np.array(bounds, dtype=np.int64),
    )


def _in_ids_of(ids: dict[str, int], values: tuple[str, ...]) -> np.ndarray:
    """Each of ``values`` as its id in ``ids``, or as a new id past them if it has none."""
    out = np.empty(len(values), dtype=np.int64)
    fresh = len(ids)
    for k, value in enumerate(values):
        found = ids.get(value)
        if found is None:
            found, fresh = fresh, fresh + 1
        out[k] = found
    return out


class PairWords:
    """Two documents' story words in one id space, and which of their words are equivalent.

    Word and canon ids are ``a``'s; a word of ``b`` that ``a`` lacks gets an id past
    ``a``'s. ``equiv[x, y]``: ``a``'s word ``x`` and ``b``'s word ``y`` may stand for each
    other (`lexicon.equivalent` in the pair's language: the shared one, else English).
    """

    def __init__(self, a: StoryWords, b: StoryWords) -> None:
        self.a, self.b = a, b
        self.b_word = _in_ids_of(a.word_ids, b.words)[b.word]
        self.b_canon = _in_ids_of(a.canon_ids, b.canons)[b.canon]
        self.canon_space = len(a.canons) + len(b.canons)
        self.lang = a.lang if a.lang == b.lang else ENGLISH
        self.equiv = equivalence_matrix(a.keys(self.lang), b.keys(self.lang))

    def equivalents(self, left: Sequence[str], right: Sequence[str]) -> list[tuple[int, int]]:
        """`equivalence.equivalent_pairs` of words of ``a`` and of ``b`` (each given once),
        read from `equiv` when they are all story content words."""
        ids_l = [self.a.word_ids.get(w) for w in left]
        ids_r = [self.b.word_ids.get(w) for w in right]
        if None in ids_l or None in ids_r:
            return equivalent_pairs(left, right, self.lang)
        inner = self.equiv[np.ix_(ids_l, ids_r)]  # type: ignore[arg-type]
        return [(x, y) for x, y in np.argwhere(inner).tolist()]

    def scores(self, short: int, minimum: float) -> dict[tuple[int, int], float]:
        """Dice of every sentence pair sharing two canonical words (one, for a sentence of
        at most ``short`` distinct ones) that reaches ``minimum``."""
        a, b = self.a, self.b
        ii, jj, values = _scores(
            a.word, a.canon, a.weight, a.bounds, self.b_word, self.b_canon, b.word,
            b.weight, b.bounds, self.equiv, self.canon_space, short, minimum,
        )  # fmt: skip
        return dict(zip(zip(ii.tolist(), jj.tolist(), strict=True), values.tolist(), strict=True))

    def containment(self, sentence: int, within: int, *, of_b: bool = False) -> float:
        """The share of story sentence ``sentence``'s weight (of ``a``, or of ``b`` with
        ``of_b``) matched in sentence ``within`` of the other document."""
        a, b = self.a, self.b
        if of_b:
            x_side = (self.b_word, self.b_canon, b.word, b.weight, b.bounds)
            y_side = (a.word, a.canon, a.word, a.weight, a.bounds)
            equiv = self._equiv_of_b
        else:
            x_side = (a.word, a.canon, a.word, a.weight, a.bounds)
            y_side = (self.b_word, self.b_canon, b.word, b.weight, b.bounds)
            equiv = self.equiv
        lo, hi = int(x_side[4][sentence]), int(x_side[4][sentence + 1])
        if lo == hi:
            return 0.0
        y_lo, y_hi = int(y_side[4][within]), int(y_side[4][within + 1])
        matched, _ = _matched(*x_side[:4], lo, hi, *y_side[:4], y_lo, y_hi, equiv)
        return float(matched / _total(x_side[3], lo, hi))

    @cached_property
    def _equiv_of_b(self) -> np.ndarray:
        return np.ascontiguousarray(self.equiv.T)


@njit(cache=True, nogil=True)
def _total(weight: np.ndarray, lo: int, hi: int) -> float:  # pragma: no cover - compiled
    total = 0.0
    for k in range(lo, hi):
        total += weight[k]
    return total


@njit(cache=True, nogil=True)
def _matched(
    x_word: np.ndarray,
    x_canon: np.ndarray,
    x_local: np.ndarray,
    x_weight: np.ndarray,
    x_lo: int,
    x_hi: int,
    y_word: np.ndarray,
    y_canon: np.ndarray,
    y_local: np.ndarray,
    y_weight: np.ndarray,
    y_lo: int,
    y_hi: int,
    equiv: np.ndarray,
) -> tuple[float, int]:  # pragma: no cover - compiled
    """Weight of sentence x's words matched one-to-one in sentence y, and how many of the
    matches are the same word. Each word of x takes the first free word of y that fits:
    same word for every word of x first, then same canonical form, then synonym."""
    taken = np.zeros(y_hi - y_lo, dtype=np.bool_)
    pending = np.arange(x_lo, x_hi)
    waiting = x_hi - x_lo
    total = 0.0
    exact = 0
    for rule in range(3):
        still = 0
        for p in range(waiting):
            i = pending[p]
            hit = -1
            for j in range(y_lo, y_hi):
                if taken[j - y_lo]:
                    continue
                if rule == 0:
                    fits = x_word[i] == y_word[j]
                elif rule == 1:
                    fits = x_canon[i] == y_canon[j]
                else:
                    fits = equiv[x_local[i], y_local[j]]
                if fits:
                    hit = j
                    break
            if hit < 0:
                pending[still] = i
                still += 1
                continue
            taken[hit - y_lo] = True
            total += (x_weight[i] + y_weight[hit]) / 2
            if rule == 0:
                exact += 1
        waiting = still
    return total, exact


@njit(cache=True, nogil=True)
def _scores(
    a_word: np.ndarray,
    a_canon: np.ndarray,
    a_weight: np.ndarray,
    a_bounds: np.ndarray,
    b_word: np.ndarray,
    b_canon: np.ndarray,
    b_local: np.ndarray,
    b_weight: np.ndarray,
    b_bounds: np.ndarray,
    equiv: np.ndarray,
    canon_space: int,
    short: int,
    minimum: float,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:  # pragma: no cover - compiled
    n_a, n_b = len(a_bounds) - 1, len(b_bounds) - 1
    # The sentences of b holding each canonical form, each sentence once, in order.
    stamp = np.full(canon_space, -1, dtype=np.int64)
    starts = np.zeros(canon_space + 1, dtype=np.int64)
    for j in range(n_b):
        for k in range(b_bounds[j], b_bounds[j + 1]):
            c = b_canon[k]
            if stamp[c] != j:
                stamp[c] = j
                starts[c + 1] += 1
    starts = np.cumsum(starts)
    postings = np.empty(starts[-1], dtype=np.int64)
    filled = starts[:-1].copy()
    stamp[:] = -1
    for j in range(n_b):
        for k in range(b_bounds[j], b_bounds[j + 1]):
            c = b_canon[k]
            if stamp[c] != j:
                stamp[c] = j
                postings[filled[c]] = j
                filled[c] += 1
    b_total = np.zeros(n_b)
    for j in range(n_b):
        b_total[j] = _total(b_weight, b_bounds[j], b_bounds[j + 1])
    out_i, out_j, out_score = [], [], []
    shared = np.zeros(n_b, dtype=np.int64)
    touched = np.empty(n_b, dtype=np.int64)
    stamp[:] = -1
    for i in range(n_a):
        lo, hi = a_bounds[i], a_bounds[i + 1]
        distinct = 0
        n_touched = 0
        for k in range(lo, hi):
            c = a_canon[k]
            if stamp[c] == i:
                continue
            stamp[c] = i
            distinct += 1
            for p in range(starts[c], starts[c + 1]):
                j = postings[p]
                if shared[j] == 0:
                    touched[n_touched] = j
                    n_touched += 1
                shared[j] += 1
        a_total = _total(a_weight, lo, hi)
        for t in range(n_touched):
            j = touched[t]
            count = shared[j]
            shared[j] = 0
            if count < 2 and not (count == 1 and distinct <= short):
                continue
            b_lo, b_hi = b_bounds[j], b_bounds[j + 1]
            matched, exact = _matched(
                a_word, a_canon, a_word, a_weight, lo, hi,
                b_word, b_canon, b_local, b_weight, b_lo, b_hi, equiv,
            )  # fmt: skip
            if min(hi - lo, b_hi - b_lo) <= short and exact < 2:
                # "He agreed." twice is too common to link on its own, but inside a copied
                # stretch it belongs to the copy: the same words exactly may link next to a
                # strong link.
                same = hi - lo == b_hi - b_lo
                for k in range(hi - lo):
                    if a_word[lo + k] != b_word[b_lo + k]:
                        same = False
                        break
                score = minimum if same else 0.0
            else:
                score = 2 * matched / (a_total + b_total[j])
            if score >= minimum:
                out_i.append(i)
                out_j.append(j)
                out_score.append(score)
    return np.array(out_i, dtype=np.int64), np.array(out_j, dtype=np.int64), np.array(out_score)


def compile_now() -> None:
    """Compile (or load from numba's cache) the sentence scoring here, before workers fork,
    with the argument types of real calls."""
    ids = np.zeros(1, dtype=np.int64)
    weight = np.ones(1, dtype=np.float64)
    bounds = np.array([0, 1], dtype=np.int64)
    equiv = np.ones((1, 1), dtype=np.bool_)
    _scores(ids, ids, weight, bounds, ids, ids, ids, weight, bounds, equiv, 2, 3, 0.4)
    _matched(ids, ids, ids, weight, 0, 1, ids, ids, ids, weight, 0, 1, equiv)
    _total(weight, 0, 1)
