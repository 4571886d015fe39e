"""Link the story sentences of two documents that tell the same thing, in any order."""

from __future__ import annotations

from functools import lru_cache

from unspin.align.word_match import PairWords, StoryWords, build_story_words
from unspin.prepare import Prepared

# Thresholds on the content-word Dice similarity of two sentences (synonyms count as
# matches; names and numbers weigh `word_match.NAME_WEIGHT`). Tuned on the seeds (every pair
# a reader makes, no pair a reader rejects) and on Clough & Stevenson (heavy revisions found,
# independent answers not): re-run `python benchmarks/run.py seeds clough` after changing
# any of them.
STRONG_LINK_MIN = 0.5  # a link on its own
ANCHORED_LINK_MIN = 0.4  # a link next to a strong link on both sides (same story order)
MERGE_MIN_CONTAINMENT = 0.65  # a sentence folded into its neighbour's partner
MERGE_MIN_CONTENT = 3  # ... only if it has at least this many content words
# Sentences this short need an exact-word overlap of 2 anyway; repeated word for word, they
# score ANCHORED_LINK_MIN ("He agreed." twice links only next to a strong link).
SHORT_SENTENCE_CONTENT = 3

# Documents whose story words are kept between pairs: a document meets ~10 candidates on
# average, so this saves most of the recomputation while bounding memory.
WORDS_CACHE_DOCUMENTS = 4096


@lru_cache(maxsize=WORDS_CACHE_DOCUMENTS)
def story_words(prepared: Prepared) -> StoryWords:
    """The content words of the story sentences of ``prepared``, in story order."""
    return build_story_words(prepared)


@lru_cache(maxsize=2)
def pair_words(a: Prepared, b: Prepared) -> PairWords:
    """The story words of ``a`` and ``b`` side by side: built once for the pair's linking
    and word alignments (a pair is aligned start to end before the next one starts)."""
    return PairWords(story_words(a), story_words(b))


Link = tuple[int, int]  # (position in a.story, position in b.story)


def link_sentences(a: Prepared, b: Prepared) -> list[Link]:
    """Sentence links between the story sentences of ``a`` and ``b``, sorted."""
    words = pair_words(a, b)
    scores = words.scores(SHORT_SENTENCE_CONTENT, ANCHORED_LINK_MIN)
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
    links |= _merges(linked_a, words, of_b=False)
    links |= {(i, j) for j, i in _merges(linked_b, words, of_b=True)}
    return sorted(links)


def _merges(linked: dict[int, int], words: PairWords, *, of_b: bool) -> set[Link]:
    """Unlinked sentences folded into the partner of a linked neighbour (one side merged
    two): sentences of ``a``, or of ``b`` with ``of_b``."""
    here = words.b if of_b else words.a
    merges: set[Link] = set()
    for i in range(len(here)):
        if i in linked or here.count(i) < MERGE_MIN_CONTENT:
            continue
        for neighbour in (i - 1, i + 1):
            j = linked.get(neighbour)
            if j is not None and words.containment(i, j, of_b=of_b) >= MERGE_MIN_CONTAINMENT:
                merges.add((i, j))
                break
    return merges
