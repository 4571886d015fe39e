"""Lines that a site repeats on many of its articles: navigation, footers, disclaimers."""

from __future__ import annotations

import math
import re
import unicodedata
import zlib
from collections import Counter, defaultdict
from collections.abc import Iterable

from unspin.boilerplate.shapes import fill_line, shape_keys
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

# A line must recur in at least this many documents that are not copies of each other
# (each group of related documents counts once, see CORPUS_RELATED_SHARE) for it to be
# template across the corpus, whatever the sites. A story line is shared by the members of
# a reuse family, which count as one; a stock sentence of news prose ("The company did not
# respond to a request for comment.") may recur in a handful of unrelated stories, and
# marking it costs no reuse evidence (it proves nothing) but does cost story, so five,
# the count above which the chrome of the article-extraction benchmark's 126 sites starts
# to recur ("Comments", "Advertisement", "Close") and no story line of it does. Re-run
# `python -m benchmarks.extraction run` (kind `repeated_line`, and the scan's pairs) and
# the spun-news gate (`pytest tests/benchmarks/test_spun_news_gate.py`) after changing it.
CORPUS_LINE_MIN_DOCS = 5

# Two documents are related (copies, rewrites, or one quoting the other) when at least this
# share of the smaller one's sampled word 3-shingles is in the other. Short lines that are
# themselves candidates (in CORPUS_LINE_MIN_DOCS texts or more, at most
# UNRELATED_LINE_MAX_CHARS long) are left out of the shingles: a news app's multi-line
# "download our app / follow us" footer (lines of 10-57 characters) made every pair of
# short BBC Hindi pages look related, so it never reached five unrelated holders (`python
# -m benchmarks.multilingual run`: Hindi precision 0.49, 105 false pairs; 1.00 without
# them, the other languages and `benchmarks.extraction` unchanged). Longer lines stay: a
# wire story copied to many sites keeps its paragraphs (BBC's 25th percentile: 101
# characters), which is what makes its copies related. A spinner that replaces a third of
# the words keeps about (2/3)^3 = 30% of the 3-shingles; two unrelated news stories share
# 1-3% ("one of the", "as well as"). 0.1 sits between, with room on both sides. Re-run as
# for CORPUS_LINE_MIN_DOCS.
CORPUS_RELATED_SHARE = 0.1
UNRELATED_LINE_MAX_CHARS = 60

# The longer candidate lines (up to REPEATED_LINE_MAX_CHARS) are left out too when a
# holder is compared with the others, but then the holder vouches for a line only if what
# is left, its own text, is at least this share of its words without the short ones. A farm's
# fixed lines (disclaimer, newsletter and share prompts, an author's bio: 60-100
# characters each) made all the pages of one author on a farm of the boilerplate
# benchmark look related, 12% of a short page's shingles, so none of them was found
# (`python -m benchmarks.boilerplate run`, tuning wordings: author_bio recall 0.82, 0.99
# with this rule). A wire story copied whole is most of each copy, so its copies, which
# share it, keep their lines as story (`tests/test_boilerplate_chrome.py`); a template is
# furniture around a page's own story. Half: the rule's two cases lie far to either side
# (farm pages 0.8-0.9, a copied story with a one-line intro under 0.2). Re-run the
# boilerplate and extraction benchmarks and the multilingual gate after changing it.
OWN_TEXT_MIN_SHARE = 0.5

# One word 3-shingle in this many is kept for the fingerprint (chosen by CRC32, so the same
# shingles in every run and every process); enough for articles of 100 words and more,
# while a corpus of 50,000 documents holds a few million integers. Documents whose
# fingerprint is empty (a page of nothing but short lines) cannot show that they are
# unrelated, so they never vouch for a line.
CORPUS_FINGERPRINT_SAMPLE = 4

# Corpus-wide keys travel in the same set as a site's own keys, behind this prefix, so the
# marker can say which evidence it has. str.split() treats U+001F as whitespace, so no
# `line_key` ever holds it.
CORPUS_KEY_PREFIX = "\x1f"
# The templates entry for documents without a site (no site name is empty: `site_of`).
NO_SITE = ""

_DIGITS = re.compile(r"\d+")
_WORDS = re.compile(r"\w+")
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


def document_line_keys(text: str) -> set[str]:
    """The keys of ``text``'s lines that could be template (short enough), and the
    opening and closing keys (`unspin.boilerplate.shapes`) of its fill lines. The first
    line is the headline: it takes no shape, since a caption or a related link elsewhere
    is made of it."""
    keys: set[str] = set()
    first = True
    for raw in text.splitlines():
        line = raw.strip()
        # NFKC can lengthen a line a little (ligatures, full-width forms), never by much;
        # skipping lines four times over the cap saves normalising whole paragraphs.
        if line and len(line) <= 4 * REPEATED_LINE_MAX_CHARS:
            key = line_key(line)
            if key and len(key) <= REPEATED_LINE_MAX_CHARS:
                keys.add(key)
                if not first and fill_line(line):
                    keys.update(shape_keys(key))
        first = first and not line
    return keys


def repeated_lines_by_site(documents: Iterable[Document]) -> dict[str, frozenset[str]]:
    """For every site, the keys of the lines that are template on that site.

    A line counts once per document however often it occurs in it. Documents without a
    site share no site template, but get the corpus-wide one under NO_SITE (when there is
    one). Every site seen
    gets an entry, an empty set when nothing qualifies. Each entry also holds the keys of
    `repeated_lines_in_corpus` (all documents, with or without a site), each behind
    `CORPUS_KEY_PREFIX`.
    """
    docs = list(documents)
    # Each distinct text is cut into keys once, for both counts (exact copies share theirs).
    keys_by_text: dict[str, set[str]] = {}
    for doc in docs:
        if doc.text not in keys_by_text:
            keys_by_text[doc.text] = document_line_keys(doc.text)
    corpus = frozenset(CORPUS_KEY_PREFIX + key for key in _in_corpus(docs, keys_by_text))
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    docs_per_site: Counter[str] = Counter()
    for doc in docs:
        if doc.site is None:
            continue
        docs_per_site[doc.site] += 1
        counts[doc.site].update(keys_by_text[doc.text])
    # Documents without a site get the corpus-wide template alone, under NO_SITE.
    result: dict[str, frozenset[str]] = {NO_SITE: corpus} if corpus else {}
    for site, n_docs in docs_per_site.items():
        needed = site_line_min_docs(n_docs)
        result[site] = frozenset(key for key, n in counts[site].items() if n >= needed) | corpus
    return result


def site_line_min_docs(site_documents: int) -> int:
    """In how many of a site's documents a line must be to be that site's template."""
    return max(REPEATED_LINE_MIN_DOCS, math.ceil(REPEATED_LINE_MIN_SHARE * site_documents))


def holds_unrelated(prints: Iterable[frozenset[int]]) -> bool:
    """Whether a candidate line's holders, their fingerprints given in id order, include
    CORPUS_LINE_MIN_DOCS no two of which are related (the corpus-wide template rule). Each
    holder is compared with the unrelated ones kept before it, so the walk stops early."""
    unrelated: list[frozenset[int]] = []
    for mine in prints:
        if mine and not any(_related(mine, other) for other in unrelated):
            unrelated.append(mine)
            if len(unrelated) >= CORPUS_LINE_MIN_DOCS:
                return True
    return False


def holder_fingerprint(text: str, candidates: frozenset[str]) -> frozenset[int]:
    """The fingerprint a holder of candidate lines is compared by: the sampled word
    3-shingles (folded, chosen by CRC32 so every run samples alike) of its text without any
    of ``candidates``, so that two unrelated pages that share a long footer (a news app's
    "download our app, follow us on ..." block, several lines) do not look related through
    the very lines whose repetition is in question. Nothing (it cannot vouch) when that
    text is under OWN_TEXT_MIN_SHARE of its words without the short candidates."""
    own: list[str] = []
    long_words = 0
    for line in text.splitlines():
        key = _key_of(line)
        if key not in candidates:
            own.append(line)
        elif len(key) > UNRELATED_LINE_MAX_CHARS:
            long_words += len(_WORDS.findall(line))
    words = _WORDS.findall("\n".join(own))
    if len(words) < OWN_TEXT_MIN_SHARE * (len(words) + long_words):
        return frozenset()
    return _prints(words)


def _key_of(line: str) -> str:
    """The line's `line_key`, or "" for a line too long to be any candidate."""
    stripped = line.strip()
    return line_key(stripped) if len(stripped) <= 4 * REPEATED_LINE_MAX_CHARS else ""


def _prints(words: list[str]) -> frozenset[int]:
    folded = [w.casefold() for w in words]
    prints = set()
    for i in range(len(folded) - 2):
        code = zlib.crc32(" ".join(folded[i : i + 3]).encode("utf-8"))
        if code % CORPUS_FINGERPRINT_SAMPLE == 0:
            prints.add(code)
    return frozenset(prints)


def _related(a: frozenset[int], b: frozenset[int]) -> bool:
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    return len(small & large) >= CORPUS_RELATED_SHARE * len(small)


def repeated_lines_in_corpus(documents: Iterable[Document]) -> frozenset[str]:
    """Keys of lines that recur in many documents that are not copies of each other.

    The policy: exact copies (the same text) count once, as `unspin.copies` will collapse
    them anyway; a line is a candidate when it is in at least CORPUS_LINE_MIN_DOCS distinct
    texts; it is template when those texts hold at least CORPUS_LINE_MIN_DOCS documents
    no two of which are related (`CORPUS_RELATED_SHARE`: they share a good part of their
    wording, as copies, rewrites and spun versions do). So the lines a wire story carries
    into every copy and rewrite of it count once however many sites run it, and stay
    story. Sites play no part: this is the evidence for documents without a site and for
    chrome that many sites share ("Advertisement", "Close"). Cost: one pass over the lines,
    then for each candidate line at most CORPUS_LINE_MIN_DOCS comparisons per holder.
    """
    docs = list(documents)
    return _in_corpus(docs, {doc.text: document_line_keys(doc.text) for doc in docs})


def _in_corpus(docs: list[Document], keys_by_text: dict[str, set[str]]) -> frozenset[str]:
    texts: dict[str, str] = {}
    for doc in docs:
        # The smallest id stands for its exact copies, whatever the input order.
        if doc.text not in texts or doc.id < texts[doc.text]:
            texts[doc.text] = doc.id
    ordered = sorted(texts.items(), key=lambda item: item[1])
    keys_of = [keys_by_text[text] for text, _ in ordered]
    counts: Counter[str] = Counter(key for keys in keys_of for key in keys)
    candidates = frozenset(key for key, n in counts.items() if n >= CORPUS_LINE_MIN_DOCS)
    if not candidates:
        return frozenset()
    holders: dict[str, list[int]] = defaultdict(list)
    for index, keys in enumerate(keys_of):
        for key in keys & candidates:
            holders[key].append(index)
    prints: dict[int, frozenset[int]] = {}

    def fingerprint_of(index: int) -> frozenset[int]:
        if index not in prints:
            prints[index] = holder_fingerprint(ordered[index][0], candidates)
        return prints[index]

    return frozenset(
        key
        for key in sorted(candidates)
        if holds_unrelated(fingerprint_of(index) for index in holders[key])
    )
