"""An article spinner: content words swapped for thesaurus entries, with a spinner's noise.

Like commercial spinners it does not disambiguate: any sense's lemma may come out
("company" -> "troupe"), multi-word lemmas go in whole, a hypernym is sometimes used, and
inflection is re-applied by rule, so "technologies" can become "techs"-like oddities
("engineeringes"), and function words get shuffled ("have continues").
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

from benchmarks.spun_news.thesaurus import Thesaurus

# Share of replacements drawn from a hypernym instead of a synonym. Spinner output read on
# the seed article (002) has about one broader word ("pact", "union") per ten swaps.
HYPERNYM_SHARE = 0.1
# Chance per sentence of one function-word slip ("has" -> "have", "the" dropped); the seed
# spun article has roughly one such slip every five sentences.
FUNCTION_NOISE_PER_SENTENCE = 0.2
MIN_CONTENT_LETTERS = 3

# Closed-class words and reporting verbs: spinners leave them alone (they have no synonyms
# worth offering), which keeps the story's skeleton readable.
FUNCTION_WORDS = frozenset(
    """a an the and or but if of in on at to for from by with without about into over under
    after before between through during than then as so that this these those there here
    is are was were be been being am has have had do does did will would shall should can
    could may might must not no nor he she it they we you i him her them us me his hers its
    their our your my who whom whose which what when where why how all any each every some
    such more most much many few other own same also just only very too up down out off
    again once said says mr mrs ms""".split()  # noqa: SIM905 (a word list reads better so)
)
_FUNCTION_SWAPS = {
    "has": "have",
    "have": "has",
    "is": "are",
    "are": "is",
    "was": "were",
    "were": "was",
    "a": "the",
    "the": "a",
}
_WORD = re.compile(r"[A-Za-z]+")


@dataclass(frozen=True)
class Spun:
    text: str
    content_words: int
    replaced: int


def content_positions(text: str) -> list[re.Match[str]]:
    """Lower-case words of three letters or more that are not function words."""
    return [
        m
        for m in _WORD.finditer(text)
        if m.group().islower()
        and len(m.group()) >= MIN_CONTENT_LETTERS
        and m.group() not in FUNCTION_WORDS
    ]


def _plural(word: str) -> str:
    if word.endswith("y") and word[-2:-1] not in tuple("aeiou"):
        return word[:-1] + "ies"
    if word.endswith(("s", "x", "ch", "sh")):
        return word + "es"
    return word + "s"


def _inflect(lemma: str, pos: str, removed: str) -> str:
    """Re-apply the removed inflection to a (possibly multi-word) replacement, by rule."""
    words = lemma.replace("_", " ").split()
    head = 0 if pos == "v" else len(words) - 1
    word = words[head]
    if pos == "n" and removed:
        word = _plural(word)
    elif pos == "v" and removed in ("ed", "irregular"):
        word = word + ("d" if word.endswith("e") else "ed")
    elif pos == "v" and removed == "ing":
        word = (word[:-1] if word.endswith("e") else word) + "ing"
    elif pos == "v" and removed:
        word = _plural(word)
    elif pos == "a" and removed in ("er", "est"):
        return ("more " if removed == "er" else "most ") + " ".join(words)
    words[head] = word
    return " ".join(words)


def replacement(word: str, thesaurus: Thesaurus, rng: random.Random) -> str | None:
    found = thesaurus.lemma(word)
    if found is None:
        return None
    lemma, pos, removed = found
    pools = [thesaurus.synonyms(lemma, pos), thesaurus.broader(lemma, pos)]
    if rng.random() < HYPERNYM_SHARE:
        pools.reverse()
    for pool in pools:
        choices = [c for c in pool if c.isascii() and c.replace("_", "").replace("-", "").isalpha()]
        if choices:
            return _inflect(rng.choice(choices), pos, removed)
    return None


def spin_sentences(
    sentences: list[str], rate: float, thesaurus: Thesaurus, rng: random.Random
) -> tuple[list[str], int, int]:
    """Replace ``rate`` of all content words (as near as the thesaurus allows) across
    ``sentences``; return the spun sentences, the content words and the words replaced."""
    slots = [(i, m) for i, s in enumerate(sentences) for m in content_positions(s)]
    options = [(i, m, r) for i, m in slots if (r := replacement(m.group(), thesaurus, rng))]
    wanted = min(len(options), round(rate * len(slots)))
    chosen = rng.sample(options, wanted)
    edits: dict[int, list[tuple[int, int, str]]] = {}
    for i, m, r in chosen:
        edits.setdefault(i, []).append((m.start(), m.end(), r))
    out = []
    for i, sentence in enumerate(sentences):
        for start, end, new in sorted(edits.get(i, []), reverse=True):
            sentence = sentence[:start] + new + sentence[end:]
        if rng.random() < FUNCTION_NOISE_PER_SENTENCE:
            sentence = function_slip(sentence, rng)
        out.append(sentence)
    return out, len(slots), wanted


def function_slip(sentence: str, rng: random.Random) -> str:
    """One function-word error of the kind spinners make: a swapped auxiliary or article."""
    hits = [m for m in _WORD.finditer(sentence) if m.group() in _FUNCTION_SWAPS]
    if not hits:
        return sentence
    m = rng.choice(hits)
    return sentence[: m.start()] + _FUNCTION_SWAPS[m.group()] + sentence[m.end() :]
