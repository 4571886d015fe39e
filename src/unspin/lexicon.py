"""Word-level knowledge: stop words, stems, and synonym sets from WordNet.

WordNet 3.0 is read from Debian's ``wordnet-base`` package (``/usr/share/wordnet``), the only
packaged source of its data we found; no PyPI package ships it. The reader below parses the
``index.*`` and ``*.exc`` files described in WordNet's ``wndb(5WN)`` and ``morphy(7WN)``
manual pages. Without those files unspin still runs: canonical forms fall back to stems and
spun passages are found from names, numbers and unchanged words only.
"""

from __future__ import annotations

import os
import sys
import zlib
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

import Stemmer

WORDNET_ENV = "UNSPIN_WORDNET"
WORDNET_DIRS = ("/usr/share/wordnet", "/usr/local/share/wordnet", "/opt/homebrew/share/wordnet")
_POS_FILES = {"n": "noun", "v": "verb", "a": "adj", "r": "adv"}

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


class WordNet:
    """Lemma → synset lookups over WordNet's index files, with morphy lemmatization."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._synsets: dict[str, tuple[str, ...]] = {}
        self._members: dict[str, list[str]] = {}
        self._exceptions: dict[str, dict[str, str]] = {}
        self._related: dict[str, tuple[str, ...]] = {}
        for pos, name in _POS_FILES.items():
            self._read_index(root / f"index.{name}", pos)
            self._exceptions[pos] = self._read_exceptions(root / f"{name}.exc")
            self._read_pointers(root / f"data.{name}", pos)

    def _read_index(self, path: Path, pos: str) -> None:
        with path.open(encoding="utf-8", errors="replace") as lines:
            for line in lines:
                if line.startswith(" "):  # licence header
                    continue
                fields = line.split()
                lemma = fields[0]
                n_synsets = int(fields[2])
                keys = tuple(pos + offset for offset in fields[-n_synsets:])
                self._synsets[lemma] = self._synsets.get(lemma, ()) + keys
                for key in keys:
                    self._members.setdefault(key, []).append(lemma)

    def _read_pointers(self, path: Path, pos: str) -> None:
        """Keep each synset's one-step neighbours that a thesaurus would offer as synonyms."""
        if not path.exists():
            return
        with path.open(encoding="utf-8", errors="replace") as lines:
            for line in lines:
                if line.startswith(" "):
                    continue
                fields = line.split("|", 1)[0].split()
                at = 4 + 2 * int(fields[3], 16)
                n_pointers = int(fields[at])
                related = []
                for k in range(n_pointers):
                    symbol, offset, target_pos = fields[at + 1 + 4 * k : at + 4 + 4 * k]
                    if symbol in _THESAURUS_POINTERS:
                        related.append(("a" if target_pos == "s" else target_pos) + offset)
                if related:
                    self._related[pos + fields[0]] = tuple(related)

    @staticmethod
    def _read_exceptions(path: Path) -> dict[str, str]:
        table: dict[str, str] = {}
        if path.exists():
            with path.open(encoding="utf-8", errors="replace") as lines:
                for line in lines:
                    fields = line.split()
                    if len(fields) >= 2:
                        table.setdefault(fields[0], fields[1])
        return table

    def lemmas(self, word: str) -> tuple[str, ...]:
        """Base forms of ``word`` found in WordNet, most likely first (morphy)."""
        found: list[str] = []
        if word in self._synsets:
            found.append(word)
        for pos, rules in _DETACH.items():
            base = self._exceptions[pos].get(word)
            if base and base in self._synsets and base not in found:
                found.append(base)
            for suffix, ending in rules:
                if word.endswith(suffix) and len(word) > len(suffix) + 1:
                    base = word[: len(word) - len(suffix)] + ending
                    if base in self._synsets and base not in found:
                        found.append(base)
        return tuple(found)

    def synsets(self, word: str) -> frozenset[str]:
        keys: set[str] = set()
        for lemma in self.lemmas(word):
            keys.update(self._synsets[lemma])
        return frozenset(keys)

    def neighbourhood(self, word: str) -> frozenset[str]:
        """The word's synsets plus their hypernyms, similar adjectives and verb groups."""
        own = self.synsets(word)
        keys = set(own)
        for key in own:
            keys.update(self._related.get(key, ()))
        return frozenset(keys)

    def representative(self, word: str) -> str | None:
        """A stable name for the word's most frequent sense: the smallest lemma of that synset."""
        lemmas = self.lemmas(word)
        if not lemmas:
            return None
        first_sense = self._synsets[lemmas[0]][0]
        return min(self._members[first_sense])


def find_wordnet(dirs: Iterable[str] = WORDNET_DIRS) -> Path | None:
    candidates = [os.environ[WORDNET_ENV]] if os.environ.get(WORDNET_ENV) else list(dirs)
    for folder in candidates:
        path = Path(folder)
        if (path / "index.noun").is_file():
            return path
    return None


_notice_shown = False


@lru_cache(maxsize=1)
def wordnet() -> WordNet | None:
    """The WordNet reader, loaded once per process; ``None`` (with a one-line notice) if absent."""
    global _notice_shown
    root = find_wordnet()
    if root is None:
        if not _notice_shown:
            _notice_shown = True
            print(
                "unspin: WordNet not found; synonyms are off (spun reuse is found less well). "
                "Fix: sudo apt-get install wordnet-base, or set UNSPIN_WORDNET to a WordNet "
                "3.0 dict folder.",
                file=sys.stderr,
            )
        return None
    return WordNet(root)


@lru_cache(maxsize=200_000)
def canonical(norm: str) -> str:
    """A spelling of ``norm`` that survives spinning: synonym class, then stem.

    ``norm`` is a folded, lower-cased token. Numbers lose their grouping separators.
    """
    if norm[:1].isdigit():
        return norm.replace(",", "")
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


@lru_cache(maxsize=200_000)
def _synset_keys(norm: str) -> tuple[frozenset[str], frozenset[str]]:
    net = wordnet()
    if net is None:
        return frozenset(), frozenset()
    return net.synsets(norm), net.neighbourhood(norm)


# Width of the bit masks behind `equivalence_masks`. A neighbourhood holds up to a few hundred
# keys, so at 4,096 bits about 1 in 7 unrelated word pairs still passes the mask test; that cut
# the calls to `equivalent` on 510 BBC business articles from 8.5M to ~1M (measured with
# `python benchmarks/run.py bbc`). Wider masks filter more but cost more per AND.
_MASK_BITS = 4096


def _bits(keys: Iterable[str]) -> int:
    mask = 0
    for key in keys:
        mask |= 1 << (zlib.crc32(key.encode()) % _MASK_BITS)
    return mask


@lru_cache(maxsize=200_000)
def equivalence_masks(norm: str) -> tuple[int, int]:
    """Bit masks of a word's own keys and of its neighbourhood: a fast necessary test.

    ``equivalent(a, b)`` implies ``own_a & near_b or own_b & near_a``: both masks hold the
    word's canonical form and first four letters, and the synset keys that `equivalent`
    intersects. The reverse does not hold, so a passing pair still needs `equivalent`.
    """
    shared = {"=" + canonical(norm)}
    if len(norm) >= 4:
        shared.add("^" + norm[:4])
    own, near = _synset_keys(norm)
    return _bits(own | shared), _bits(near | own | shared)


# Distinct word pairs tested: 268k of 752k calls on 510 BBC business articles.
@lru_cache(maxsize=1 << 18)
def equivalent(a: str, b: str) -> bool:
    """True when two folded tokens could stand for each other in a spun copy."""
    if a == b:
        return True
    if a in STOPWORDS or b in STOPWORDS:
        return False
    if canonical(a) == canonical(b):
        return True
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    # Inflection and derivation noise of spinners ("Russia"/"Russian", "tech"/"techs").
    if len(short) >= 4 and long_.startswith(short) and len(long_) - len(short) <= 3:
        return True
    own_a, near_a = _synset_keys(a)
    own_b, near_b = _synset_keys(b)
    return bool(own_a & near_b or own_b & near_a)


def clear_caches() -> None:
    """Forget the loaded WordNet and every cached word lookup (after UNSPIN_WORDNET changes)."""
    for cached in (wordnet, canonical, _synset_keys, equivalence_masks, equivalent):
        cached.cache_clear()
