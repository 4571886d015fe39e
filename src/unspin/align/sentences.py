"""Link the story sentences of two documents that tell the same thing, in any order."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from unspin.languages import ENGLISH
from unspin.lexicon import equivalence_masks, equivalent
from unspin.normalize import Tokens
from unspin.prepare import Prepared

# Thresholds on the content-word Dice similarity of two sentences (synonyms count as
# matches). Tuned on the seeds (every pair a reader makes, no pair a reader rejects) and on
# Clough & Stevenson (heavy revisions found, independent answers not): re-run
# `python benchmarks/run.py seeds clough` after changing any of them.
STRONG_LINK_MIN = 0.5  # a link on its own
ANCHORED_LINK_MIN = 0.4  # a link next to a strong link on both sides (same story order)
MERGE_MIN_CONTAINMENT = 0.65  # a sentence folded into its neighbour's partner
MERGE_MIN_CONTENT = 3  # ... only if it has at least this many content words
SHORT_SENTENCE_CONTENT = 3  # sentences this short need an exact-word overlap of 2 anyway
NAME_WEIGHT = 1.5  # names and numbers survive spinning: they weigh more


@dataclass(frozen=True)
class SentenceWords:
    norms: tuple[str, ...]
    canons: tuple[str, ...]
    weights: tuple[float, ...]
    masks: tuple[tuple[int, int], ...]  # lexicon.equivalence_masks of each word
    lang: str = ENGLISH  # the language the words' stop words and synonyms come from

    @property
    def weight(self) -> float:
        return sum(self.weights)


def sentence_words(prepared: Prepared, sentence_index: int) -> SentenceWords:
    tokens: Tokens = prepared.tokens
    sentence = tokens.sentences[sentence_index]
    norms, canons, weights = [], [], []
    for i in range(sentence.tok_lo, sentence.tok_hi):
        if not tokens.is_content(i):
            continue
        norms.append(tokens.norms[i])
        canons.append(tokens.canons[i])
        weights.append(NAME_WEIGHT if tokens.is_name(i) or tokens.is_number(i) else 1.0)
    masks = tuple(equivalence_masks(norm, tokens.lang) for norm in norms)
    return SentenceWords(tuple(norms), tuple(canons), tuple(weights), masks, tokens.lang)


# Documents whose sentence words are kept between pairs: a document meets ~10 candidates on
# average, so this saves most of the recomputation while bounding memory.
WORDS_CACHE_DOCUMENTS = 4096


@lru_cache(maxsize=WORDS_CACHE_DOCUMENTS)
def story_words(prepared: Prepared) -> tuple[SentenceWords, ...]:
    """The content words of each story sentence of ``prepared``, in story order."""
    return tuple(sentence_words(prepared, s) for s in prepared.story)


def matched_weight(a: SentenceWords, b: SentenceWords) -> tuple[float, int]:
    """Weight of ``a``'s words matched one-to-one in ``b``: same word, same canon, synonym.

    Each word of ``a`` takes the first unmatched word of ``b`` that fits, trying same words
    for all of ``a`` first, then same canonical forms, then synonyms. Returns the matched
    weight and how many matches were exact words.
    """
    taken = [False] * len(b.norms)
    total = 0.0
    exact = 0
    pending = list(range(len(a.norms)))
    for same_word, keys_a, keys_b in ((True, a.norms, b.norms), (False, a.canons, b.canons)):
        positions: dict[str, list[int]] = defaultdict(list)
        for j in range(len(keys_b) - 1, -1, -1):
            if not taken[j]:
                positions[keys_b[j]].append(j)  # reversed, so pop() gives the first
        still: list[int] = []
        for i in pending:
            free = positions.get(keys_a[i])
            if not free:
                still.append(i)
                continue
            hit = free.pop()
            taken[hit] = True
            total += (a.weights[i] + b.weights[hit]) / 2
            exact += same_word
        pending = still
    for i in pending:
        own, near = a.masks[i]
        for j, (own_b, near_b) in enumerate(b.masks):
            if (
                not taken[j]
                and (own & near_b or own_b & near)
                and equivalent(a.norms[i], b.norms[j], a.lang if a.lang == b.lang else ENGLISH)
            ):
                taken[j] = True
                total += (a.weights[i] + b.weights[j]) / 2
                break
    return total, exact


def dice(a: SentenceWords, b: SentenceWords) -> float:
    """Weighted Dice of the content words (names and numbers weigh more)."""
    if not a.norms or not b.norms:
        return 0.0
    matched, exact = matched_weight(a, b)
    if min(len(a.norms), len(b.norms)) <= SHORT_SENTENCE_CONTENT and exact < 2:
        # "He agreed." twice is too common to link on its own, but inside a copied stretch
        # it belongs to the copy: the same words exactly may link next to a strong link.
        return ANCHORED_LINK_MIN if a.norms == b.norms else 0.0
    return 2 * matched / (a.weight + b.weight)


def containment(part: SentenceWords, whole: SentenceWords) -> float:
    """Share of ``part``'s weight matched in ``whole``."""
    if not part.norms:
        return 0.0
    return matched_weight(part, whole)[0] / part.weight


Link = tuple[int, int]  # (position in a.story, position in b.story)


def link_sentences(a: Prepared, b: Prepared) -> list[Link]:
    """Sentence links between the story sentences of ``a`` and ``b``, sorted."""
    words_a, words_b = story_words(a), story_words(b)
    scores = _scores(words_a, words_b)
    linked_a: dict[int, int] = {}
    linked_b: dict[int, int] = {}
    ranked = sorted(scores.items(), key=lambda item: (-item[1], item[0]))
    for (i, j), score in ranked:
        if score >= STRONG_LINK_MIN and i not in linked_a and j not in linked_b:
            linked_a[i], linked_b[j] = j, i
    changed = True
    while changed:
        changed = False
        for (i, j), score in ranked:
            if score < ANCHORED_LINK_MIN or i in linked_a or j in linked_b:
                continue
            if linked_a.get(i - 1) == j - 1 or linked_a.get(i + 1) == j + 1:
                linked_a[i], linked_b[j] = j, i
                changed = True
    links = set(linked_a.items())
    links |= _merges(linked_a, words_a, words_b)
    links |= {(i, j) for j, i in _merges(linked_b, words_b, words_a)}
    return sorted(links)


def _scores(
    words_a: Sequence[SentenceWords], words_b: Sequence[SentenceWords]
) -> dict[Link, float]:
    """Dice for the sentence pairs that share at least two canonical words (or one, if short)."""
    index: dict[str, set[int]] = defaultdict(set)
    for j, words in enumerate(words_b):
        for canon in words.canons:
            index[canon].add(j)
    scores: dict[Link, float] = {}
    for i, words in enumerate(words_a):
        shared: dict[int, int] = defaultdict(int)
        for canon in set(words.canons):
            for j in index.get(canon, ()):
                shared[j] += 1
        for j, count in shared.items():
            if count >= 2 or (count == 1 and len(set(words.canons)) <= SHORT_SENTENCE_CONTENT):
                score = dice(words, words_b[j])
                if score >= ANCHORED_LINK_MIN:
                    scores[(i, j)] = score
    return scores


def _merges(
    linked: dict[int, int],
    words_here: Sequence[SentenceWords],
    words_there: Sequence[SentenceWords],
) -> set[Link]:
    """Unlinked sentences folded into the partner of a linked neighbour (one side merged two)."""
    merges: set[Link] = set()
    for i, words in enumerate(words_here):
        if i in linked or len(words.norms) < MERGE_MIN_CONTENT:
            continue
        for neighbour in (i - 1, i + 1):
            j = linked.get(neighbour)
            if j is not None and containment(words, words_there[j]) >= MERGE_MIN_CONTAINMENT:
                merges.add((i, j))
                break
    return merges
