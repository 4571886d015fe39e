"""A language per document in lexical mode: which one, its stop words and its stemmer.

Lexical mode needs to know a document's language for two things only: which words are
function words (left out of candidate shingles, weighing little in sentence similarity) and
which Snowball stemmer gives the canonical forms. English keeps the list, stemmer and WordNet
synonyms of `unspin.lexicon`; every other language gets the stop words of ``stopwordsiso``
(the stopwords-iso lists, shipped inside its wheel, MIT) and PyStemmer's Snowball stemmer
where Snowball has one.

The language is the document's ``lang`` when given (``"ur"``, ``"zh-Hans"``, ``"en-GB"``: the
primary subtag counts), else `detect`: cheap and without a model. The script decides for
every script but Latin (Arabic letters, Urdu's own letters, Devanagari, Han, kana, Hangul,
Cyrillic, ...); Latin text is scored on a short profile of each language's most frequent
function words and stays English unless another language clearly wins. Why not py3langid
(97 languages, a 4.5 MB model, used by ``--semantic``): it would become a core dependency
for the one decision that matters here, and on a short English text (a title, a test story)
it sometimes answers another language, which would change English results; the script and
the function words never do that and cost nothing to load (under 1 ms a BBC article).
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

import Stemmer
import stopwordsiso

ENGLISH = "en"
# Languages written without spaces, whose tokens are characters (`unspin.normalize`).
CHARACTER_TOKENS = frozenset({"zh", "ja"})

# ISO 639-1 code -> PyStemmer (Snowball) algorithm.
_SNOWBALL = {
    "ar": "arabic",
    "hy": "armenian",
    "eu": "basque",
    "ca": "catalan",
    "cs": "czech",
    "da": "danish",
    "nl": "dutch",
    "en": "english",
    "eo": "esperanto",
    "et": "estonian",
    "fi": "finnish",
    "fr": "french",
    "de": "german",
    "el": "greek",
    "hi": "hindi",
    "hu": "hungarian",
    "id": "indonesian",
    "ga": "irish",
    "it": "italian",
    "lt": "lithuanian",
    "ne": "nepali",
    "no": "norwegian",
    "nb": "norwegian",
    "fa": "persian",
    "pl": "polish",
    "pt": "portuguese",
    "ro": "romanian",
    "ru": "russian",
    "sr": "serbian",
    "st": "sesotho",
    "es": "spanish",
    "sv": "swedish",
    "ta": "tamil",
    "tr": "turkish",
    "yi": "yiddish",
}

# Frequent Urdu function words missing from stopwords-iso's Urdu list, most of whose entries
# are mis-encoded (its "کام" is written "کبم"); of the 80 most frequent words of
# /work/shared/data/multilingual-news/ur.jsonl it lacked 40 such as میں, سے, کا, نے, کو.
# Written for unspin (postpositions, auxiliaries, pronouns, conjunctions); re-run
# `python -m benchmarks.multilingual run` after changing it.
_URDU_FUNCTION_WORDS = frozenset(
    [
        "میں",
        "سے",
        "کا",
        "کی",
        "کے",
        "نے",
        "کو",
        "پر",
        "تک",
        "اور",
        "یا",
        "کہ",
        "لیکن",
        "مگر",
        "جبکہ",
        "تاہم",
        "اگر",
        "کیونکہ",
        "پھر",
        "بلکہ",
        "ہے",
        "ہیں",
        "ہو",
        "ہوں",
        "ہوا",
        "ہوئی",
        "ہوئے",
        "ہونے",
        "ہوتا",
        "ہوتی",
        "ہوتے",
        "تھا",
        "تھی",
        "تھے",
        "تھیں",
        "گا",
        "گی",
        "گے",
        "کیا",
        "کیے",
        "کی",
        "کر",
        "کرنے",
        "کرتے",
        "کرتا",
        "کرتی",
        "کریں",
        "کرے",
        "کرکے",
        "دیا",
        "دی",
        "دیے",
        "دینے",
        "لیا",
        "لی",
        "لیے",
        "لئے",
        "گیا",
        "گئی",
        "گئے",
        "جا",
        "جاتا",
        "جاتی",
        "جاتے",
        "جائے",
        "جانے",
        "رہا",
        "رہی",
        "رہے",
        "سکتا",
        "سکتی",
        "سکتے",
        "چاہیے",
        "یہ",
        "وہ",
        "اس",
        "ان",
        "انہوں",
        "انہیں",
        "اسے",
        "انہی",
        "جس",
        "جن",
        "جو",
        "جنہوں",
        "کسی",
        "کوئی",
        "کچھ",
        "ہم",
        "آپ",
        "میں",
        "ہمیں",
        "اپنے",
        "اپنی",
        "اپنا",
        "بھی",
        "ہی",
        "تو",
        "نہ",
        "نہیں",
        "والے",
        "والی",
        "والا",
        "ساتھ",
        "بعد",
        "پہلے",
        "دوران",
        "مطابق",
        "جانب",
        "لیکن",
        "یہاں",
        "وہاں",
        "جب",
        "تب",
        "ایک",
        "کہا",
        "کہنا",
        "کہنے",
        "بتایا",
    ]
)

_EXTRA_STOPWORDS = {"ur": _URDU_FUNCTION_WORDS}


def primary(code: str | None) -> str | None:
    """The primary subtag of a language tag, lower-cased: ``"zh-Hans"`` -> ``"zh"``."""
    if not code:
        return None
    head = re.split(r"[-_]", code.strip(), maxsplit=1)[0].lower()
    return head or None


@cache
def stopwords(lang: str) -> frozenset[str]:
    """stopwords-iso's list for ``lang`` (plus `_EXTRA_STOPWORDS`), folded and lower-cased
    like token norms; empty for a language it lacks. English is `unspin.lexicon.STOPWORDS`."""
    from unspin.normalize import fold  # late: normalize imports lexicon, which imports this

    words = set(stopwordsiso.stopwords(lang)) | _EXTRA_STOPWORDS.get(lang, frozenset())
    return frozenset(fold(w).lower() for w in words)


@cache
def _stemmer(lang: str) -> Stemmer.Stemmer | None:
    name = _SNOWBALL.get(lang)
    return Stemmer.Stemmer(name) if name else None


def has_stemmer(lang: str) -> bool:
    return lang in _SNOWBALL


def stem(word: str, lang: str) -> str:
    """Snowball stem of ``word`` in ``lang``; the word itself where Snowball has no stemmer."""
    stemmer = _stemmer(lang)
    return str(stemmer.stemWord(word)) if stemmer is not None else word


# --- Detection -----------------------------------------------------------------------------

# Characters looked at: the script is clear long before, and a 5 MB page costs no more.
DETECT_CHARS = 4000

_SCRIPTS: tuple[tuple[str, str], ...] = (
    ("arabic", "\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufefc"),
    ("devanagari", "\u0900-\u097f"),
    ("bengali", "\u0980-\u09ff"),
    ("gurmukhi", "\u0a00-\u0a7f"),
    ("gujarati", "\u0a80-\u0aff"),
    ("tamil", "\u0b80-\u0bff"),
    ("telugu", "\u0c00-\u0c7f"),
    ("kannada", "\u0c80-\u0cff"),
    ("malayalam", "\u0d00-\u0d7f"),
    ("thai", "\u0e00-\u0e7f"),
    ("hebrew", "\u0590-\u05ff"),
    ("greek", "\u0370-\u03ff"),
    ("cyrillic", "\u0400-\u052f"),
    ("armenian", "\u0530-\u058f"),
    ("georgian", "\u10a0-\u10ff"),
    ("hangul", "\u1100-\u11ff\uac00-\ud7af"),
    ("kana", "\u3040-\u30ff"),
    ("han", "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"),
    ("latin", "A-Za-z\u00c0-\u024f"),
)
_SCRIPT_RES = tuple((name, re.compile(f"[{chars}]")) for name, chars in _SCRIPTS)
_BY_SCRIPT = {
    "devanagari": "hi",
    "bengali": "bn",
    "gurmukhi": "pa",
    "gujarati": "gu",
    "tamil": "ta",
    "telugu": "te",
    "kannada": "kn",
    "malayalam": "ml",
    "thai": "th",
    "hebrew": "he",
    "greek": "el",
    "armenian": "hy",
    "georgian": "ka",
    "hangul": "ko",
}
# Letters only Urdu writes among Arabic-script news languages (ٹ ڈ ڑ ں ھ ہ ے), and letters
# Persian writes but Arabic does not (پ چ ژ گ ی ک).
_URDU_LETTERS = frozenset("\u0679\u0688\u0691\u06ba\u06be\u06c1\u06d2")
_PERSIAN_LETTERS = frozenset("\u067e\u0686\u0698\u06af\u06cc\u06a9")
_UKRAINIAN_LETTERS = frozenset("іїєґІЇЄҐ")
# Share of a script's letters that must be Urdu's (Persian's, Ukrainian's) own: Urdu news
# writes ے or ہ in nearly every sentence (about 6% of its letters on ur.jsonl); Arabic text
# quoting one Urdu name stays Arabic.
_OWN_LETTER_SHARE = 0.01
# Kana share of Han+kana letters that makes a text Japanese: Japanese prose is ~40% kana,
# Chinese has none.
_KANA_SHARE = 0.05

# The most frequent function words of each Latin-script language with a profile, chosen to
# tell them apart (each list avoids the others' commonest words where it can).
_LATIN_PROFILES: dict[str, frozenset[str]] = {
    "en": frozenset(
        [
            "the",
            "and",
            "of",
            "to",
            "is",
            "in",
            "that",
            "was",
            "for",
            "with",
            "said",
            "on",
            "are",
            "has",
            "have",
            "it",
            "by",
        ]
    ),
    "de": frozenset(
        [
            "der",
            "die",
            "und",
            "das",
            "ist",
            "nicht",
            "mit",
            "von",
            "den",
            "des",
            "sich",
            "auch",
            "ein",
            "eine",
            "für",
            "wird",
        ]
    ),
    "fr": frozenset(
        [
            "le",
            "les",
            "et",
            "des",
            "est",
            "une",
            "du",
            "dans",
            "que",
            "pour",
            "qui",
            "pas",
            "sur",
            "au",
            "aux",
            "été",
        ]
    ),
    "es": frozenset(
        [
            "el",
            "los",
            "las",
            "y",
            "que",
            "del",
            "por",
            "una",
            "con",
            "para",
            "se",
            "es",
            "al",
            "lo",
            "como",
            "más",
        ]
    ),
    "it": frozenset(
        [
            "il",
            "della",
            "che",
            "di",
            "per",
            "non",
            "una",
            "con",
            "gli",
            "sono",
            "è",
            "nel",
            "alla",
            "dei",
            "delle",
        ]
    ),
    "pt": frozenset(
        [
            "o",
            "os",
            "que",
            "não",
            "uma",
            "com",
            "para",
            "do",
            "da",
            "em",
            "é",
            "dos",
            "das",
            "ao",
            "pelo",
        ]
    ),
    "nl": frozenset(
        [
            "het",
            "een",
            "en",
            "van",
            "is",
            "niet",
            "dat",
            "op",
            "zijn",
            "met",
            "voor",
            "ook",
            "werd",
            "bij",
        ]
    ),
}
# Another language must score this many times English's hits, and at least
# _MIN_PROFILE_HITS, for a Latin text to leave English: an English news story scores ~25% of
# its words on the English profile and under 3% on any other. Tuned on the test stories, the
# seeds, /tmp/bbc (all 2,225 stay English) and the de/es/fr files of multilingual-news (all
# leave English); re-run tests/test_languages.py and `python -m benchmarks.multilingual run`.
_LATIN_MARGIN = 2.0
_MIN_PROFILE_HITS = 3
_WORD = re.compile(r"[^\W\d_]+")
_PROFILE_OF: dict[str, tuple[str, ...]] = {
    word: tuple(lang for lang, words in _LATIN_PROFILES.items() if word in words)
    for word in set().union(*_LATIN_PROFILES.values())
}


def detect(text: str) -> str:
    """The language of ``text``, from its script, or for Latin script its function words."""
    sample = text[:DETECT_CHARS]
    if sample.isascii():
        return _detect_latin(sample)
    counts: Counter[str] = Counter()
    for name, pattern in _SCRIPT_RES:
        found = len(pattern.findall(sample))
        if found:
            counts[name] = found
    if not counts:
        return ENGLISH
    script, letters = counts.most_common(1)[0]
    if script == "latin":
        return _detect_latin(sample)
    if script in ("han", "kana"):
        kana = counts["kana"]
        return "ja" if kana > _KANA_SHARE * (kana + counts["han"]) else "zh"
    if script == "arabic":
        if _own_share(sample, _URDU_LETTERS, letters) >= _OWN_LETTER_SHARE:
            return "ur"
        if _own_share(sample, _PERSIAN_LETTERS, letters) >= _OWN_LETTER_SHARE:
            return "fa"
        return "ar"
    if script == "cyrillic":
        own = _own_share(sample, _UKRAINIAN_LETTERS, letters)
        return "uk" if own >= _OWN_LETTER_SHARE else "ru"
    return _BY_SCRIPT.get(script, ENGLISH)


def _own_share(sample: str, own: frozenset[str], letters: int) -> float:
    return sum(1 for ch in sample if ch in own) / max(1, letters)


def _detect_latin(sample: str) -> str:
    hits: Counter[str] = Counter()
    for word, n in Counter(_WORD.findall(sample.lower())).items():
        for lang in _PROFILE_OF.get(word, ()):
            hits[lang] += n
    english = hits[ENGLISH]
    best, score = max(
        ((lang, n) for lang, n in hits.items() if lang != ENGLISH),
        key=lambda item: (item[1], item[0]),
        default=(ENGLISH, 0),
    )
    if score >= _MIN_PROFILE_HITS and score > _LATIN_MARGIN * english:
        return best
    return ENGLISH


def document_language(lang: str | None, text: str) -> str:
    """``lang``'s primary subtag when given, else `detect` on ``text``."""
    return primary(lang) or detect(text)
