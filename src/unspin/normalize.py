"""Unicode folding, tokens and sentences, all with offsets back into the original text.

The document text is never rewritten: tokens and sentences are found on the original string
and each token carries a folded form (``norm``) and a spin-resistant form (``canon``).

News comes in every script. Sentences also end at the full stops of other scripts (Urdu
"۔", Arabic "؟", Devanagari "।" "॥", CJK "。！？"), and at "." before a letter of a caseless
script (Arabic and Hindi news write "." as a full stop, often with no space after it).
Chinese and Japanese are written without spaces: each Han or kana character is a token, so
word shingles become character shingles. Combining marks (Devanagari vowel signs, Arabic
vowels) stay inside their word. English text, and any text in Latin letters detected as
English, is cut exactly as before: the new rules only see characters that English text does
not have (``tests/test_normalize.py`` checks this against a frozen copy of the old code).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from unspin import languages
from unspin.lexicon import canonical, stopwords

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

# Han (with 々 and 〇) and kana: scripts written without spaces, one token per character.
_UNSPACED = "\u3005\u3007\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# Blocks of combining marks shared by Latin, Greek and Cyrillic text. English keeps today's
# tokens on decomposed (NFD) text; other languages keep these marks inside words too.
_GENERIC_MARKS = (
    (0x0300, 0x036F),
    (0x1AB0, 0x1AFF),
    (0x1DC0, 0x1DFF),
    (0x20D0, 0x20FF),
    (0xFE20, 0xFE2F),
)


def _char_class(chars: list[int]) -> str:
    ranges: list[str] = []
    start = prev = -2
    for code in [*chars, -2]:
        if code == prev + 1:
            prev = code
            continue
        if start >= 0:
            ranges.append(
                re.escape(chr(start)) + ("-" + re.escape(chr(prev)) if prev > start else "")
            )
        start = prev = code
    return "".join(ranges)


def _generic(code: int) -> bool:
    return any(lo <= code <= hi for lo, hi in _GENERIC_MARKS)


_MARK_CODES = [c for c in range(0x20000) if unicodedata.category(chr(c)) in ("Mn", "Mc", "Me")]
_MARKS = _char_class(_MARK_CODES)
# Text holding any of these is tokenized by `_TOKEN_INTL` whatever its language.
_NEEDS_INTL = re.compile(
    "[" + _UNSPACED + _char_class([c for c in _MARK_CODES if not _generic(c)]) + "]"
)
_WORD_CHAR = rf"(?:(?![{_UNSPACED}])[^\W_]|[{_MARKS}])"
_TOKEN_INTL = re.compile(rf"\d+(?:[.,]\d+)*|[{_UNSPACED}]|{_WORD_CHAR}+(?:['’´`]{_WORD_CHAR}+)*")

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
# Abbreviations of other languages' news before a ".": titles, "z.B.", "EE.UU.", Russian
# "г." (year), "млн" (million), "т.е.". Kept short: "no" and "al" end Spanish sentences.
_ABBREVIATIONS_INTL = frozenset(
    [
        "dr",
        "prof",
        "sr",
        "sra",
        "srta",
        "dra",
        "nr",
        "bzw",
        "vgl",
        "usw",
        "z.b",
        "u.a",
        "d.h",
        "mme",
        "mlle",
        "ee.uu",
        "st",
        "ca",
        "etc",
        "г",
        "гг",
        "ул",
        "им",
        "млн",
        "млрд",
        "тыс",
        "руб",
        "т.е",
        "т.д",
        "т.п",
        "др",
        "проф",
        "डॉ",
    ]
)
# A sentence ends at . ! or ? (with closing quotes or brackets) when a new sentence follows:
# an upper-case letter, digit or opening quote after white space. Content farms glue
# sentences together ("community.'We urge"), so a quote or capital right after the stop
# ends the sentence too. A line break ends a sentence, except inside hard-wrapped prose: a
# line that stops without punctuation and a next line that starts in lower case. Line breaks
# are those of str.splitlines() (a lone "\r", U+2028 and the rest too): the boilerplate
# stage cuts lines the same way, so old Mac text is not one giant sentence here either.
# Full stops of other scripts: Urdu "۔", Arabic "؟", Devanagari "।" "॥", CJK "。！？" and the
# half-width "｡". They end a sentence whatever follows (these scripts have no case to look
# at), with any "!" "?" "." beside them and the closing quotes and brackets after them.
_HARD_STOPS = "\u06d4\u061f\u0964\u0965\u3002\uff01\uff1f\uff61"
_CLOSERS = "'\"’”)\\]」』）】》〉»›"
# Letters of scripts without case: Arabic, Hebrew, Syriac, Thaana, the Indic scripts, Thai,
# Lao, Tibetan, Myanmar, Georgian, Ethiopic, Khmer, kana, Han, Hangul. Before one of them "."
# ends a sentence, with or without a space; English text has none of them.
_CASELESS = (
    "\u0590-\u05ff\u0600-\u06ff\u0700-\u07bf\u0800-\u08ff\u0900-\u0dff\u0e00-\u0fff"
    "\u1000-\u109f\u10d0-\u10ff\u1100-\u11ff\u1200-\u139f\u1780-\u17ff\u3040-\u30ff"
    "\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\ufb1d-\ufdff\ufe70-\ufefc"
)
_LINE_BREAKS = r"""|[ \t]*(?:(?:\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029])[ \t]*)+"""
_OTHER_STOPS = (
    rf"""|[.!?]*[{_HARD_STOPS}][.!?{_HARD_STOPS}]*[{_CLOSERS}]*"""
    rf"""|(?<=[{_CASELESS}])[.!?]+['"’”)\]]*(?=['"‘“(«]?[{_CASELESS}])"""
    rf"""|[.!?]+['"’”)\]]*[ \t]+(?=['"‘“(«]?[{_CASELESS}])"""
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
    + _LINE_BREAKS
    + _OTHER_STOPS
)
# Other languages: any upper-case letter starts a sentence ("Путин", "Über", "À"), and the
# quotes of French, German and Russian news open one.
_UPPER = _char_class([c for c in range(0x10000) if chr(c).isupper()])
_LOWER = _char_class([c for c in range(0x10000) if chr(c).islower()])
_SENTENCE_END_INTL = re.compile(
    rf"""[.!?]+['"’”)\]»]*(?:[ \t]+(?=['"‘“(«„‹]?[{_UPPER}\d])"""
    rf"""|(?=['"‘“«„]?[{_UPPER}][{_LOWER}]))""" + _LINE_BREAKS + _OTHER_STOPS
)
_STOP_CHARS = ".!?" + _HARD_STOPS


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
    lang: str = languages.ENGLISH  # the language stop words and stems were chosen for

    def __len__(self) -> int:
        return len(self.starts)

    def is_content(self, i: int) -> bool:
        return self.norms[i] not in stopwords(self.lang)

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
        return i == 0 or not bare or bare[-1] in _STOP_CHARS or bare[-1] in "\n\r"


# Distinct tokens whose folded form is remembered: news repeats its words, and folding
# (NFKC and two translations) was a quarter of tokenising (pyinstrument, speed corpus).
NORM_CACHE_TOKENS = 200_000


@lru_cache(maxsize=NORM_CACHE_TOKENS)
def _norm(token: str) -> str:
    return fold(token).lower()


def sentence_spans(text: str, lang: str = languages.ENGLISH) -> list[tuple[int, int]]:
    """Sentence spans over ``text``, trimmed of surrounding white space."""
    english = lang == languages.ENGLISH
    pattern = _SENTENCE_END if english else _SENTENCE_END_INTL
    spans: list[tuple[int, int]] = []
    start = 0
    for match in pattern.finditer(text):
        stop = match.group()
        punctuated = stop[0] in _STOP_CHARS
        if not punctuated and _wrapped(text, match.start(), match.end()):
            continue
        if stop[0] in ".!?":
            word = re.search(r"(\S+)$", text[start : match.start()])
            if word and _is_abbreviation(word.group(1) + stop.rstrip(), text, match.end(), english):
                continue
        _append_trimmed(spans, text, start, match.end())
        start = match.end()
    _append_trimmed(spans, text, start, len(text))
    return spans


def _wrapped(text: str, before: int, after: int) -> bool:
    last = text[before - 1 : before]
    return bool(last) and last not in ".!?:;\"'”’)" and text[after : after + 1].islower()


def _is_abbreviation(word: str, text: str, after: int, english: bool = True) -> bool:
    bare = word.lstrip("(\"'‘“«„").lower().rstrip(".")
    if bare in (_ABBREVIATIONS if english else _ABBREVIATIONS_INTL):
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


def tokenize(text: str, lang: str | None = None) -> Tokens:
    """Tokens and sentences of ``text`` in the language ``lang`` (a language tag such as
    ``"ur"`` or ``"zh-Hans"``; detected from the text when ``None``, `unspin.languages`)."""
    language = languages.document_language(lang, text)
    english = language == languages.ENGLISH
    plain = english and (text.isascii() or not _NEEDS_INTL.search(text))
    pattern = _TOKEN if plain else _TOKEN_INTL
    starts: list[int] = []
    ends: list[int] = []
    norms: list[str] = []
    for match in pattern.finditer(text):
        starts.append(match.start())
        ends.append(match.end())
        norms.append(_norm(match.group()))
    canons = [canonical(n) for n in norms] if english else [canonical(n, language) for n in norms]
    sentences: list[Sentence] = []
    i = 0
    for s_start, s_end in sentence_spans(text, language):
        while i < len(starts) and starts[i] < s_start:
            i += 1
        lo = i
        while i < len(starts) and ends[i] <= s_end:
            i += 1
        sentences.append(Sentence(s_start, s_end, lo, i))
    return Tokens(
        text,
        tuple(starts),
        tuple(ends),
        tuple(norms),
        tuple(canons),
        tuple(sentences),
        language,
    )
