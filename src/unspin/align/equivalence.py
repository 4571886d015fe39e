"""Which words of one text may stand for which words of another, without testing every pair.

Alignment needs, for two lists of distinct words, every pair that `lexicon.equivalent`
accepts (synonyms, inflections, the same canonical form). Testing each pair was most of a
scan's alignment time: a bit-mask prefilter still passed about 1 in 7 unrelated pairs to the
exact test, and the pairs of two 400-word stories are 160,000 (profiled with pyinstrument
on the speed benchmark's corpus: 15 of 48 s of alignment).

`equivalent(a, b)` holds exactly when one word's own keys meet the other's neighbourhood
keys (`lexicon.equivalence_keys`) through a synset or the canonical form, or through the
first four letters and the inflection rule holds too. So the equivalent pairs are a join of
the two sides' keys (both sorted, merged in compiled code), and only pairs met through their
first letters alone go to `equivalent` itself. Keys are interned as small integers (exact:
no hashing), in a table that lives as long as the process, as the lexicon's caches do.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from numba import njit

from unspin.lexicon import clear_with_lexicon, equivalence_keys, equivalent, stopwords

# The pairs (x, y) of two lists of distinct words that may stand for each other, as
# `equivalent_pairs` gives them (some callers know them already).
Equivalents = Callable[[Sequence[str], Sequence[str]], list[tuple[int, int]]]

# Interned ids of first-four-letters keys start here; synset and canonical-form keys lie
# below. A key met below it decides a pair on its own.
_PREFIX_BASE = 1 << 30


class _KeyTable:
    """Small integers for lexicon keys, the same key always the same id in one process.
    Locked: the web server traces in several threads, and two keys given one id would
    make their words equivalent."""

    def __init__(self) -> None:
        self._ids: dict[str, int] = {}
        self._prefixes: dict[str, int] = {}
        self._lock = threading.Lock()

    def id(self, key: str) -> int:
        table, base = (self._prefixes, _PREFIX_BASE) if key[0] == "^" else (self._ids, 0)
        found = table.get(key)
        if found is None:
            with self._lock:
                found = table.setdefault(key, base + len(table))
        return found


_KEYS = _KeyTable()


@lru_cache(maxsize=200_000)
def _word_keys(norm: str, lang: str) -> tuple[np.ndarray, np.ndarray]:
    own, near = equivalence_keys(norm, lang)
    return (
        np.array(sorted(_KEYS.id(k) for k in own), dtype=np.int32),
        np.array(sorted(_KEYS.id(k) for k in near), dtype=np.int32),
    )


clear_with_lexicon(_word_keys.cache_clear)


def _sorted_keys(words: Sequence[str], lang: str, which: int) -> tuple[np.ndarray, np.ndarray]:
    """Every key of ``words`` (own keys: 0, neighbourhood: 1), sorted, with the position of
    its word."""
    arrays = [_word_keys(word, lang)[which] for word in words]
    if not arrays:
        return np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.int32)
    keys = np.concatenate(arrays)
    owners = np.repeat(np.arange(len(words), dtype=np.int32), [len(a) for a in arrays])
    order = np.argsort(keys, kind="stable")
    return keys[order], owners[order]


@njit(cache=True, nogil=True)
def _meet(
    keys_l: np.ndarray,
    owners_l: np.ndarray,
    keys_r: np.ndarray,
    owners_r: np.ndarray,
    found: np.ndarray,
    transposed: bool,
) -> None:  # pragma: no cover - compiled
    """Mark ``found[x, y]`` (or ``[y, x]``) for each key held by word x on the left and word
    y on the right: 1 through a deciding key, 2 through first letters only."""
    n, m = len(keys_l), len(keys_r)
    i = j = 0
    while i < n and j < m:
        if keys_l[i] < keys_r[j]:
            i += 1
        elif keys_l[i] > keys_r[j]:
            j += 1
        else:
            key = keys_l[i]
            i_end, j_end = i, j
            while i_end < n and keys_l[i_end] == key:
                i_end += 1
            while j_end < m and keys_r[j_end] == key:
                j_end += 1
            mark = 2 if key >= _PREFIX_BASE else 1
            for p in range(i, i_end):
                for q in range(j, j_end):
                    x, y = (owners_r[q], owners_l[p]) if transposed else (owners_l[p], owners_r[q])
                    if found[x, y] != 1:
                        found[x, y] = mark
            i, j = i_end, j_end


@dataclass(frozen=True, eq=False)
class WordKeys:
    """The lexicon keys of a list of distinct words, sorted, with the position of each
    key's word: built once per document and joined with any other's."""

    words: tuple[str, ...]
    lang: str
    kept: np.ndarray  # int64: positions in `words` of the words that are not stop words
    own: tuple[np.ndarray, np.ndarray]  # (keys, positions in `kept`)
    near: tuple[np.ndarray, np.ndarray]


def word_keys(words: Sequence[str], lang: str) -> WordKeys:
    stop = stopwords(lang)  # never equivalent to another word
    kept = [x for x, w in enumerate(words) if w not in stop]
    words_kept = [words[x] for x in kept]
    return WordKeys(
        tuple(words),
        lang,
        np.array(kept, dtype=np.int64),
        _sorted_keys(words_kept, lang, 0),
        _sorted_keys(words_kept, lang, 1),
    )


def equivalence_matrix(left: WordKeys, right: WordKeys) -> np.ndarray:
    """``m[x, y]``: whether word ``x`` of ``left`` and ``y`` of ``right`` may stand for
    each other, as `lexicon.equivalent` in their language says (the same word included)."""
    assert left.lang == right.lang, "keys of one language"
    lang = left.lang
    found = np.zeros((len(left.words), len(right.words)), dtype=np.bool_)
    if len(left.kept) and len(right.kept):
        inner = np.zeros((len(left.kept), len(right.kept)), dtype=np.int8)
        # One word's own keys among the other's neighbourhood, either way round.
        _meet(*left.own, *right.near, inner, False)
        _meet(*right.own, *left.near, inner, True)
        for x, y in np.argwhere(inner == 2).tolist():
            word_l, word_r = left.words[left.kept[x]], right.words[right.kept[y]]
            inner[x, y] = equivalent(word_l, word_r, lang)
        found[np.ix_(left.kept, right.kept)] = inner.astype(np.bool_)
    stop = stopwords(lang)
    for x, word in enumerate(left.words):  # a stop word is equivalent to itself alone
        if word in stop:
            found[x, [y for y, other in enumerate(right.words) if other == word]] = True
    return found


def equivalent_pairs(left: Sequence[str], right: Sequence[str], lang: str) -> list[tuple[int, int]]:
    """Positions ``(x, y)``, sorted, of the pairs of ``left`` and ``right`` that
    `equivalence_matrix` accepts."""
    matrix = equivalence_matrix(word_keys(left, lang), word_keys(right, lang))
    return [(x, y) for x, y in np.argwhere(matrix).tolist()]


def compile_now() -> None:
    """Compile (or load from numba's cache) the key join here, before workers fork."""
    keys = np.zeros(1, dtype=np.int32)
    _meet(keys, keys, keys, keys, np.zeros((1, 1), dtype=np.int8), False)
