"""Template lines with a slot: the same opening or closing around text that changes.

A CMS prints some template lines with something filled in: a related link is a fixed
opening and another article's headline ("Keep reading → …"), a caption the page's own
headline with a fixed closing ("… (file picture)"), a comment counter a number and the
headline ("12 thoughts on “…”"), a credit a fixed label and a photographer's name. Such a
line is never repeated whole, so `repeated` cannot see it, and its wording is the farm's
own, so no pattern knows it. What repeats is its shape: the words before the slot, or after
it. Each short, title-like line (`fill_line`) therefore also gives the keys of its openings
and closings (`shape_keys`), and these are counted with the line keys, by the same rules
(in many unrelated documents across the corpus, or in many of one site's): a wire story's
lines, carried by all its copies, still count once.

Openings must carry a word that is not a stop word of any language ("how to", "in the",
"انھوں نے" open story lines on any site), and only lines that read as labels take part:
no sentence break inside, no final full stop in any script, no quotation, so that the many
paragraphs that open alike ("He said: …") never do.
"""

from __future__ import annotations

import re
from functools import cache

import stopwordsiso

from unspin import languages
from unspin.lexicon import STOPWORDS
from unspin.normalize import fold

# Shape keys travel in the same sets as line keys, behind these prefixes (control
# characters that `line_key` never leaves in a key: str.split() treats them as whitespace).
OPENING_PREFIX = "\x1e"
CLOSING_PREFIX = "\x1d"

# A fill line is at most this long. Related links, captions, credits and counters measured
# on the seed, the spun-news wrapping and the boilerplate benchmark's tuning wordings are
# 20-140 characters (a headline is up to ~100); the cap is that of `REPEATED_LINE_MAX_CHARS`
# so that a paragraph never takes part. Re-run `python -m benchmarks.boilerplate run`
# (precision on the sources) and `python -m benchmarks.extraction run` after changing it.
FILL_LINE_MAX_CHARS = 160
# An opening ends at the first separator within this many words ("Also on the wire:"),
# else it is the first two and the first three words. Five covers the separator-ended
# labels of the tuning wordings (1-4 words before the separator). Re-run as above.
OPENING_MAX_WORDS = 5
# Openings and closings without a separator are this many words long: two and three. One
# word alone ("The", "Photo") opens too many unrelated lines; four leaves no room for the
# slot in short lines.
SHAPE_WORDS = (2, 3)

# A separator is a token of its own ("»", which `line_key` folds to '"', "|", "-") or the
# end of a word ("Above:").
_SEPARATOR_TOKEN = re.compile(r"[:|»›→>·•—–\-\"]+")
_SEPARATOR_END = re.compile(r"[:|»›→>·•—–]")
# Sentence ends of the scripts unspin reads: Latin and Cyrillic, Arabic and Urdu ("۔", "؟"),
# Devanagari ("।"), CJK ("。", "！", "？").
_ENDS = ".!?۔؟।॥。！？"
_SENTENCE_BREAK = re.compile(rf"(?<=[^\W\d_]{{2}})[{_ENDS}][\"'”’)\]]*\s+[\"'“‘(]*[^\W_]")
_CLOSERS = "\"'”’)]»"
_QUOTE = re.compile(r"[\"“”„«]\s*[^\W_]")
_LETTER = re.compile(r"[^\W\d_]")
_MONTHS = "january february march april may june july august september october november december"
_CALENDAR = frozenset(
    [*_MONTHS.split(), *(m[:3] for m in _MONTHS.split()), "sept"]
    + [
        day
        for d in ("mon", "tues", "wednes", "thurs", "fri", "satur", "sun")
        for day in (d + "day", d[:3])
    ]
)


def fill_line(line: str) -> bool:
    """Whether a stripped line reads as a label that a template could have filled in."""
    if not 0 < len(line) <= FILL_LINE_MAX_CHARS or " " not in line:
        return False
    end = line.rstrip(_CLOSERS)
    if not end or end[-1] in _ENDS + ";,؛،":
        return False
    # A quoted sentence ("He said: "We are delighted"") is speech, however short.
    return not _SENTENCE_BREAK.search(line) and not _spoken(line)


def _spoken(line: str) -> bool:
    match = _QUOTE.search(line)
    return match is not None and len(line.split()) > 12


def _content(words: list[str]) -> bool:
    """Whether some word is a word of the template's own: letters, not a stop word, and
    not the month or day of a date, which changes from line to line as a slot does (tweet
    embeds end "November 18, 2019" on pages of every site)."""
    for word in words:
        bare = word.strip(":|»›→>·•—–-\"'“”()[],.")
        if _LETTER.search(bare) and bare not in _CALENDAR and fold(bare) not in _stopwords():
            return True
    return False


@cache
def _stopwords() -> frozenset[str]:
    """unspin's English list and every other stopwords-iso language's: a line's language
    is not known here, and a word that is a function word anywhere cannot carry a template
    alone. stopwords-iso's own English list is left out: at 1,300 words it takes in "keep",
    "next", "latest", "site" and "thoughts", the words that template openings are made of."""
    words = set(STOPWORDS)
    for lang in stopwordsiso.langs():
        if lang != languages.ENGLISH:
            words |= languages.stopwords(lang)
    return frozenset(words)


def shape_keys(key: str) -> list[str]:
    """The opening and closing keys of a fill line, given its `line_key`."""
    words = key.split()
    keys: list[str] = []
    for i, word in enumerate(words[:OPENING_MAX_WORDS]):
        if _SEPARATOR_TOKEN.fullmatch(word) or _SEPARATOR_END.fullmatch(word[-1]):
            if i + 1 < len(words) and _content(words[: i + 1]):
                keys.append(OPENING_PREFIX + " ".join(words[: i + 1]))
            break
    for n in SHAPE_WORDS:
        if len(words) > n:
            if _content(words[:n]):
                keys.append(OPENING_PREFIX + " ".join(words[:n]))
            if _content(words[-n:]):
                keys.append(CLOSING_PREFIX + " ".join(words[-n:]))
    return keys


def whole_lines(keys: frozenset[str]) -> frozenset[str]:
    """Of a set of template keys, those of whole lines (no opening or closing keys)."""
    return frozenset(k for k in keys if k[:1] not in (OPENING_PREFIX, CLOSING_PREFIX))
