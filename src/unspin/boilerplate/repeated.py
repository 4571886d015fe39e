"""Lines that a site repeats on many of its articles: navigation, footers, disclaimers."""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable

from unspin.model import Document

# A line must appear in at least this many documents of a site. Two documents sharing a
# line is what reuse looks like (one article copied once), so two can never be enough;
# three is the smallest count that separates a template from a single copy. Chosen by
# reasoning, not tuned (no site-labelled corpus with boilerplate labels exists here yet).
# After changing it, re-run `python benchmarks/run.py` (boilerplate precision on
# bbc-news and the seeds) and `pytest tests/test_boilerplate.py`.
REPEATED_LINE_MIN_DOCS = 3

# ... and in at least this share of the site's documents. A site-wide footer is on nearly
# every page, a section template ("More from Politics") on a tenth to a third of them. A
# content farm that runs five spun copies of one story among its 20 articles repeats that
# story's short lines on 25% of its pages, so the share alone cannot tell them apart;
# REPEATED_LINE_MAX_CHARS does that. 0.2 keeps section templates and drops lines that a
# handful of related articles happen to share. With these values bbc-news, taken as one
# site or as one site per class, yields no repeated line at all, as it should (it has no
# template text). Re-run as for REPEATED_LINE_MIN_DOCS.
REPEATED_LINE_MIN_SHARE = 0.2

# Keys longer than this are never template. Template lines measured on the seed and on
# common CMS templates are 10-80 characters (the longest usual one, the Akismet notice, is
# 80); story paragraphs in bbc-news have a median of 309 characters and a 25th percentile
# of 101, and a repeated paragraph is reuse that the later stages must see. 160 leaves
# room for two-sentence disclaimers while keeping most paragraphs out. Re-run as above.
REPEATED_LINE_MAX_CHARS = 160

_DIGITS = re.compile(r"\d+")
_HAS_DIGIT = re.compile(r"\d")
# Straight forms of the typographic quotes and dashes that NFKC leaves alone, so that a
# template rendered once with curly and once with straight quotes gives one key. A regex
# substitution, not str.translate: translate is several times slower on non-ASCII text.
_FOLD = {
    "‘": "'",
    "’": "'",
    "‚": "'",
    "‛": "'",
    "“": '"',
    "”": '"',
    "„": '"',
    "‟": '"',
    "«": '"',
    "»": '"',
    "‐": "-",
    "‑": "-",
    "‒": "-",
    "–": "-",
    "—": "-",
    "―": "-",
    "−": "-",
}
_FOLD_CHARS = re.compile("[" + "".join(_FOLD) + "]")


def _fold(match: re.Match[str]) -> str:
    return _FOLD[match.group()]


def line_key(line: str) -> str:
    """The key under which a line is compared with the lines of other articles.

    NFKC (full-width forms, ligatures, non-breaking spaces become plain), typographic quotes
    and dashes folded to ASCII, casefold, every run of digits replaced by "0", whitespace
    collapsed and stripped. Digits are replaced rather than kept because template lines
    differ by their numbers from page to page ("© 2020 …" / "© 2021 …", "12 Comments" /
    "3 Comments", "Posted 3 hours ago"), and replaced rather than dropped so that "0" still
    marks where a number stood. Punctuation is kept: it is part of what makes a line the
    same template line.
    """
    # ASCII lines, most of them, are already NFKC-normal and hold no typographic quotes.
    text = line
    if not text.isascii():
        text = _FOLD_CHARS.sub(_fold, unicodedata.normalize("NFKC", text))
    text = text.casefold()
    if _HAS_DIGIT.search(text):
        text = _DIGITS.sub("0", text)
    return " ".join(text.split())


def _document_keys(text: str) -> set[str]:
    keys: set[str] = set()
    for raw in text.splitlines():
        line = raw.strip()
        # NFKC can lengthen a line a little (ligatures, full-width forms), never by much;
        # skipping lines four times over the cap saves normalising whole paragraphs.
        if line and len(line) <= 4 * REPEATED_LINE_MAX_CHARS:
            key = line_key(line)
            if key and len(key) <= REPEATED_LINE_MAX_CHARS:
                keys.add(key)
    return keys


def repeated_lines_by_site(documents: Iterable[Document]) -> dict[str, frozenset[str]]:
    """For every site, the keys of the lines that are template on that site.

    A line counts once per document however often it occurs in it. Documents without a
    site are skipped: there is no template to share without one. Every site seen gets an
    entry, an empty set when nothing qualifies.
    """
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    docs_per_site: Counter[str] = Counter()
    for doc in documents:
        if doc.site is None:
            continue
        docs_per_site[doc.site] += 1
        counts[doc.site].update(_document_keys(doc.text))
    result: dict[str, frozenset[str]] = {}
    for site, n_docs in docs_per_site.items():
        needed = max(REPEATED_LINE_MIN_DOCS, math.ceil(REPEATED_LINE_MIN_SHARE * n_docs))
        result[site] = frozenset(key for key, n in counts[site].items() if n >= needed)
    return result
