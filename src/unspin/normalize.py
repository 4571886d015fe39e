"""Unicode folding, tokens and sentences, all with offsets back into the original text.

The document text is never rewritten: tokens and sentences are found on the original string
and each token carries a folded form (``norm``) and a spin-resistant form (``canon``).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from unspin.lexicon import STOPWORDS, canonical

_FOLD_TABLE = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u00b4": "'",
        "`": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2033": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
        "\u00a0": " ",
        "\u2007": " ",
        "\u202f": " ",
        "\u200b": "",
        "\ufeff": "",
    }
)


def fold(text: str) -> str:
    """NFKC, then one spelling for quotes, dashes and spaces. Idempotent."""
    return unicodedata.normalize("NFKC", text.translate(_FOLD_TABLE)).translate(_FOLD_TABLE)


# Numbers keep their grouping ("1,550"); words keep inner apostrophes ("don't", "China's").
_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W_]+(?:['’´`][^\W_]+)*")

_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "st",
        "sen",
        "rep",
        "gov",
        "gen",
        "lt",
        "col",
        "sgt",
        "capt",
        "prof",
        "jr",
        "sr",
        "inc",
        "ltd",
        "co",
        "corp",
        "vs",
        "no",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "u.s",
        "u.k",
        "u.n",
        "e.g",
        "i.e",
        "etc",
        "al",
        "fig",
    ]
)
# A sentence ends at . ! or ? (with closing quotes or brackets) when a new sentence follows:
# an upper-case letter, digit or opening quote after white space. Content farms glue
# sentences together ("community.'We urge"), so a quote or capital right after the stop
# ends the sentence too. A line break ends a sentence, except inside hard-wrapped prose: a
# line that stops without punctuation and a next line that starts in lower case. Line breaks
# are those of str.splitlines() (a lone "\r", U+2028 and the rest too): the boilerplate
# stage cuts lines the same way, so old Mac text is not one giant sentence here either.
_SENTENCE_END = re.compile(
    r"""[.!?]+['"’”)\]]*(?:[ \t]+(?=['"‘“(]?[A-Z0-9])|(?=['"‘“]?[A-Z][a-z]))"""
    r"""|[ \t]*(?:(?:\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029])[ \t]*)+"""
)


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    tok_lo: int  # index of the first token inside the sentence
    tok_hi: int  # one past the last token


@dataclass(frozen=True)
class Tokens:
    """A document's tokens as parallel tuples, cheap to slice and to share between processes."""

    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]
    norms: tuple[str, ...]
    canons: tuple[str, ...]
    sentences: tuple[Sentence, ...]

    def __len__(self) -> int:
        return len(self.starts)

    def is_content(self, i: int) -> bool:
        return self.norms[i] not in STOPWORDS

    def is_name(self, i: int) -> bool:
        """Capitalised inside a sentence: names survive spinning."""
        first = self.text[self.starts[i]]
        return first.isupper() and not self._sentence_initial(i)

    def is_number(self, i: int) -> bool:
        return self.norms[i][:1].isdigit()

    def _sentence_initial(self, i: int) -> bool:
        prefix = self.text[max(0, self.starts[i] - 3) : self.starts[i]]
        # A line break before the word starts a sentence (a paragraph, a line after a title).
        bare = prefix.rstrip(" \t'\"‘“")
        return i == 0 or not bare or bare[-1] in ".!?\n\r"


def _norm(token: str) -> str:
    return fold(token).lower()


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentence spans over ``text``, trimmed of surrounding white space."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        stop = match.group()
        if stop[0] not in ".!?" and _wrapped(text, match.start(), match.end()):
            continue
        if stop[0] in ".!?":
            word = re.search(r"(\S+)$", text[start : match.start()])
            if word and _is_abbreviation(word.group(1) + stop.rstrip(), text, match.end()):
                continue
        _append_trimmed(spans, text, start, match.end())
        start = match.end()
    _append_trimmed(spans, text, start, len(text))
    return spans


def _wrapped(text: str, before: int, after: int) -> bool:
    last = text[before - 1 : before]
    return bool(last) and last not in ".!?:;\"'”’)" and text[after : after + 1].islower()


def _is_abbreviation(word: str, text: str, after: int) -> bool:
    bare = word.lstrip("(\"'‘“").lower().rstrip(".")
    if bare in _ABBREVIATIONS:
        return True
    # A single initial ("J. Smith") is not a sentence end.
    return len(bare) == 1 and bare.isalpha() and text[after : after + 1].isupper()


def _append_trimmed(spans: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


def tokenize(text: str) -> Tokens:
    starts: list[int] = []
    ends: list[int] = []
    norms: list[str] = []
    for match in _TOKEN.finditer(text):
        starts.append(match.start())
        ends.append(match.end())
        norms.append(_norm(match.group()))
    canons = [canonical(n) for n in norms]
    sentences: list[Sentence] = []
    i = 0
    for s_start, s_end in sentence_spans(text):
        while i < len(starts) and starts[i] < s_start:
            i += 1
        lo = i
        while i < len(starts) and ends[i] <= s_end:
            i += 1
        sentences.append(Sentence(s_start, s_end, lo, i))
    return Tokens(text, tuple(starts), tuple(ends), tuple(norms), tuple(canons), tuple(sentences))
