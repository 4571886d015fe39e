"""Word-level knowledge: stop words, stems, and synonym sets from WordNet 3.0.

English has the stop words, stemmer and WordNet synonyms below; other languages (a
``lang`` argument, `unspin.languages`) have stopwords-iso's list and their Snowball stemmer,
and no synonyms. Every per-word cache is keyed on the language too, and English is the
default, so English answers are the same as before languages were added.

WordNet comes with unspin: ``data/wordnet-3.0.txt.gz`` holds the part of WordNet 3.0 read
here (lemmas, synsets, a few pointers, morphy's exception lists), built from WordNet's own
files by ``scripts/build_lexicon.py`` (format in `unspin.wordnet_table`). Loading it takes
0.3 s, against 1.1 s for reading Debian's dict folder (median of 7 fresh processes on the
2-core development machine, under a load average of 3.5). WordNet is read from the first of:

1. ``UNSPIN_WORDNET``, if set: a WordNet 3.0 dict folder (``index.noun``, ``data.noun``, ...,
   as in Debian's ``wordnet-base``) or a table file written by ``build_lexicon.py``. If it
   is neither, synonyms are off and a one-line notice says why: an override that does not
   work is never silently replaced by another source.
2. The table shipped in the package.
3. The first of `WORDNET_DIRS` holding ``index.noun``, only if the shipped table is missing.

The table and the dict folder it was built from give the same answers for every word
(``tests/test_lexicon_table.py``). With no WordNet at all unspin still runs: canonical forms
fall back to stems and spun passages are found from names, numbers and unchanged words only.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path

import Stemmer

from unspin import languages, wordnet_table
from unspin.wordnet_table import Table, members, pointers, read_dict_folder

WORDNET_ENV = "UNSPIN_WORDNET"
WORDNET_DIRS = ("/usr/share/wordnet", "/usr/local/share/wordnet", "/opt/homebrew/share/wordnet")
SHIPPED_TABLE = wordnet_table.SHIPPED_TABLE

# morphy(7WN): the suffix detachment rules per part of speech.
_DETACH = {
    "n": (
        ("s", ""),
        ("ses", "s"),
        ("xes", "x"),
        ("zes", "z"),
        ("ches", "ch"),
        ("shes", "sh"),
        ("men", "man"),
        ("ies", "y"),
    ),
    "v": (
        ("s", ""),
        ("ies", "y"),
        ("es", "e"),
        ("es", ""),
        ("ed", "e"),
        ("ed", ""),
        ("ing", "e"),
        ("ing", ""),
    ),
    "a": (("er", ""), ("est", ""), ("er", "e"), ("est", "e")),
    "r": (),
}

# Pointer symbols of wndb(5WN) followed one step: hypernym (@), instance hypernym (@i),
# similar-to (&), verb group ($), derivation (+), pertainym (\\). Measured on the seeds' spun
# word pairs, one step finds talk/discussion, possibility/potential, forming/creating,
# details/information; going to siblings (two steps) also made "company" ~ "alliance".
_THESAURUS_POINTERS = frozenset({"@", "@i", "&", "$", "+", "\\"})

# Function words carry no story: they are left out of candidate shingles and weigh little in
# sentence similarity. A short closed-class list, written for news English.
STOPWORDS = frozenset(
    [
        "a",
        "about",
        "above",
        "after",
        "again",
        "against",
        "all",
        "also",
        "am",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "because",
        "been",
        "before",
        "being",
        "below",
        "between",
        "both",
        "but",
        "by",
        "can",
        "could",
        "did",
        "do",
        "does",
        "doing",
        "down",
        "during",
        "each",
        "few",
        "for",
        "from",
        "further",
        "had",
        "has",
        "have",
        "having",
        "he",
        "her",
        "here",
        "hers",
        "herself",
        "him",
        "himself",
        "his",
        "how",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "itself",
        "just",
        "me",
        "more",
        "most",
        "my",
        "myself",
        "no",
        "nor",
        "not",
        "of",
        "off",
        "on",
        "once",
        "only",
        "or",
        "other",
        "our",
        "ours",
        "ourselves",
        "out",
        "over",
        "own",
        "same",
        "she",
        "should",
        "so",
        "some",
        "such",
        "than",
        "that",
        "the",
        "their",
        "theirs",
        "them",
        "themselves",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "through",
        "to",
        "too",
        "under",
        "until",
        "up",
        "very",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "who",
        "whom",
        "why",
        "will",
        "with",
        "would",
        "you",
        "your",
        "yours",
        "yourself",
        "yourselves",
        "said",
        "says",
        "say",
        "told",
        "also",
        "would",
        "may",
        "might",
        "must",
        "shall",
        "upon",
        "via",
        "per",
        "yet",
        "ever",
        "even",
        "still",
        "already",
        "s",
        "t",
        "d",
        "ll",
        "re",
        "ve",
        "m",
        "o",
        "y",
        "us",
        "one",
        "two",
    ]
)

_stemmer = Stemmer.Stemmer("english")


def stem(word: str) -> str:
    return str(_stemmer.stemWord(word))


def stopwords(lang: str = languages.ENGLISH) -> frozenset[str]:
    """The stop words of ``lang``: `STOPWORDS` for English, else `unspin.languages`' list."""
    return STOPWORDS if lang == languages.ENGLISH else languages.stopwords(lang)


# French, Italian and Catalan elide articles and pronouns into the next word ("l'accord",
# "dell'anno"): the canonical form drops the elided word, so "l'accord" ~ "accord".
_ELISION = re.compile(r"^(?:[a-z]{1,2}|qu|dell|all|dall|nell|sull)'(?=\w)")
_ELIDING = frozenset({"fr", "it", "ca"})


class WordNet:
    """Lemma → synset lookups over WordNet's index, with morphy lemmatization."""

    def __init__(self, table: Table, source: Path) -> None:
        missing = _THESAURUS_POINTERS - table.pointers
        if missing:
            raise ValueError(
                f"{source} lacks the pointers {' '.join(sorted(missing))}: "
                "rebuild it with scripts/build_lexicon.py"
            )
        self.source = source
        self._senses = table.senses
        self._synsets = table.synsets
        self._exceptions = table.exceptions

    @classmethod
    def from_folder(cls, root: Path) -> WordNet:
        """Read a WordNet 3.0 dict folder (about 1 s)."""
        return cls(read_dict_folder(root), root)

    @classmethod
    def from_table(cls, path: Path) -> WordNet:
        """Read a table written by ``scripts/build_lexicon.py``."""
        return cls(wordnet_table.load(path), path)

    def lemmas(self, word: str) -> tuple[str, ...]:
        """Base forms of ``word`` found in WordNet, most likely first (morphy)."""
        found: list[str] = []
        if word in self._senses:
            found.append(word)
        for pos, rules in _DETACH.items():
            base = self._exceptions[pos].get(word)
            if base and base in self._senses and base not in found:
                found.append(base)
            for suffix, ending in rules:
                if word.endswith(suffix) and len(word) > len(suffix) + 1:
                    base = word[: len(word) - len(suffix)] + ending
                    if base in self._senses and base not in found:
                        found.append(base)
        return tuple(found)

    def synsets(self, word: str) -> frozenset[str]:
        keys: set[str] = set()
        for lemma in self.lemmas(word):
            keys.update(self._senses[lemma].split())
        return frozenset(keys)

    def neighbourhood(self, word: str) -> frozenset[str]:
        """The word's synsets plus their hypernyms, similar adjectives and verb groups."""
        own = self.synsets(word)
        keys = set(own)
        for key in own:
            for symbol, target in pointers(self._synsets.get(key, "")):
                if symbol in _THESAURUS_POINTERS:
                    keys.add(target)
        return frozenset(keys)

    def representative(self, word: str) -> str | None:
        """A stable name for the word's most frequent sense: the smallest lemma of that synset."""
        lemmas = self.lemmas(word)
        if not lemmas:
            return None
        first_sense = self._senses[lemmas[0]].split(" ", 1)[0]
        return min(members(self._synsets[first_sense]))


def find_wordnet(dirs: Iterable[str] | None = None) -> Path | None:
    """A WordNet dict folder: where ``UNSPIN_WORDNET`` points if it is set, else the first of
    ``dirs`` (by default `WORDNET_DIRS`) that holds ``index.noun``."""
    override = os.environ.get(WORDNET_ENV)
    candidates = [override] if override else list(WORDNET_DIRS if dirs is None else dirs)
    for folder in candidates:
        path = Path(folder)
        if (path / "index.noun").is_file():
            return path
    return None


def wordnet_source() -> Path | None:
    """Where `wordnet` reads WordNet from, in the order of the module docstring."""
    override = os.environ.get(WORDNET_ENV)
    if override:
        path = Path(override)
        return path if path.is_file() or (path / "index.noun").is_file() else None
    if SHIPPED_TABLE.is_file():
        return SHIPPED_TABLE
    return find_wordnet()


_notice_shown = False
_SYNONYMS_OFF = "synonyms are off (spun reuse is found less well)"


def _notice(text: str) -> None:
    global _notice_shown
    if not _notice_shown:
        _notice_shown = True
        print(f"unspin: {text}", file=sys.stderr)


@lru_cache(maxsize=1)
def wordnet() -> WordNet | None:
    """The WordNet reader, loaded once per process; ``None`` (with a one-line notice) if absent."""
    source = wordnet_source()
    override = os.environ.get(WORDNET_ENV)
    if source is not None:
        try:
            if source.is_file():
                return WordNet.from_table(source)
            return WordNet.from_folder(source)
        except (OSError, ValueError) as error:
            _notice(
                f"WordNet at {source} could not be read ({error}); {_SYNONYMS_OFF}. Fix: "
                + (f"unset {WORDNET_ENV}." if override else "reinstall unspin.")
            )
            return None
    if override:
        _notice(
            f"{WORDNET_ENV}={override} is neither a WordNet dict folder (with index.noun) nor a "
            f"table from scripts/build_lexicon.py; {_SYNONYMS_OFF}. Fix: unset {WORDNET_ENV} "
            "to use the WordNet table shipped with unspin."
        )
    else:
        _notice(
            f"WordNet not found (the table shipped with unspin is missing and no system WordNet "
            f"is installed); {_SYNONYMS_OFF}. Fix: reinstall unspin, or sudo apt-get install "
            f"wordnet-base, or set {WORDNET_ENV} to a WordNet 3.0 dict folder."
        )
    return None


@lru_cache(maxsize=200_000)
def canonical(norm: str, lang: str = languages.ENGLISH) -> str:
    """A spelling of ``norm`` that survives spinning: synonym class, then stem.

    ``norm`` is a folded, lower-cased token. Numbers lose their grouping separators. English
    uses WordNet and the English stemmer; another language ``lang`` its own stop words and
    Snowball stemmer (the word itself where Snowball has none: Urdu, Chinese).
    """
    if norm[:1].isdigit():
        return norm.replace(",", "")
    if lang != languages.ENGLISH:
        return _foreign_canonical(norm, lang)
    if norm.endswith("'s"):
        norm = norm[:-2]
    if norm in STOPWORDS:
        return norm
    net = wordnet()
    if net is not None:
        rep = net.representative(norm)
        if rep is not None:
            return stem(rep.replace("_", " "))
    return stem(norm)


def _foreign_canonical(norm: str, lang: str) -> str:
    if norm in languages.stopwords(lang):
        return norm
    if lang in _ELIDING:
        norm = _ELISION.sub("", norm)
    return languages.stem(norm, lang)


@lru_cache(maxsize=200_000)
def _synset_keys(norm: str) -> tuple[frozenset[str], frozenset[str]]:
    net = wordnet()
    if net is None:
        return frozenset(), frozenset()
    return net.synsets(norm), net.neighbourhood(norm)


@lru_cache(maxsize=200_000)
def equivalence_keys(
    norm: str, lang: str = languages.ENGLISH
) -> tuple[frozenset[str], frozenset[str]]:
    """A word's own keys and its neighbourhood's: ``equivalent(a, b)`` implies that a key of
    one word's own keys is among the other's neighbourhood keys.

    Both sets hold the word's canonical form and first four letters, and the own set the
    synset keys that `equivalent` intersects (English only: WordNet is English), the
    neighbourhood set those and their neighbours. Meeting through a synset or the canonical
    form decides the pair; meeting through the first four letters alone does not (two words
    may share them and no more), so such a pair still needs `equivalent`. Alignment tests
    only the pairs that meet (`unspin.align.equivalence`).
    """
    shared = {"=" + canonical(norm, lang)}
    if len(norm) >= 4:
        shared.add("^" + norm[:4])
    own, near = _synset_keys(norm) if lang == languages.ENGLISH else (frozenset(), frozenset())
    return frozenset(own | shared), frozenset(near | own | shared)


# Distinct word pairs tested: 268k of 752k calls on 510 BBC business articles.
@lru_cache(maxsize=1 << 18)
def equivalent(a: str, b: str, lang: str = languages.ENGLISH) -> bool:
    """True when two folded tokens could stand for each other in a spun copy."""
    if a == b:
        return True
    stop = stopwords(lang)
    if a in stop or b in stop:
        return False
    if canonical(a, lang) == canonical(b, lang):
        return True
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    # Inflection and derivation noise of spinners ("Russia"/"Russian", "tech"/"techs").
    if len(short) >= 4 and long_.startswith(short) and len(long_) - len(short) <= 3:
        return True
    if lang != languages.ENGLISH:
        return False
    own_a, near_a = _synset_keys(a)
    own_b, near_b = _synset_keys(b)
    return bool(own_a & near_b or own_b & near_a)


# Caches that other modules build from the look-ups above (`unspin.align.equivalence`),
# forgotten with them.
_DERIVED_CACHES: list[Callable[[], None]] = []


def clear_with_lexicon(clear: Callable[[], None]) -> None:
    """Call ``clear`` whenever `clear_caches` runs."""
    _DERIVED_CACHES.append(clear)


def clear_caches() -> None:
    """Forget the loaded WordNet and every cached word lookup (after UNSPIN_WORDNET changes)."""
    for cached in (wordnet, canonical, _synset_keys, equivalence_keys, equivalent):
        cached.cache_clear()
    for clear in _DERIVED_CACHES:
        clear()
