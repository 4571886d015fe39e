"""The boilerplate stage: template text, not story. Marked, never deleted.

Two sources of evidence. Patterns recognise the furniture of news and content-farm pages
line by line ("READ …" links, "You May Also Like", author bios, comment forms, photo
captions and credits, share prompts, "Other reports by …") and the site chrome that
extraction leaves (`_chrome`: navigation menus, copyright and agency credit footers,
paywall and newsletter notices, cookie notices, gallery controls and captions), by their
form rather than their wording; on a corpus, lines that one site repeats on many of its
articles are template too (`repeated_lines_by_site`), and so are lines that recur in many
documents that are not copies of each other, whatever their sites
(`repeated_lines_in_corpus`). Every mark is
a `BoilerplateSpan` over one whole line of the unchanged text, with the rule that fired as
its evidence; later stages leave these spans out of reuse scoring.
"""

from __future__ import annotations

from unspin.boilerplate.marker import MarkedChars, mark_boilerplate
from unspin.boilerplate.repeated import (
    CORPUS_LINE_MIN_DOCS,
    CORPUS_RELATED_SHARE,
    REPEATED_LINE_MAX_CHARS,
    REPEATED_LINE_MIN_DOCS,
    REPEATED_LINE_MIN_SHARE,
    line_key,
    repeated_lines_by_site,
    repeated_lines_in_corpus,
)

KINDS = (
    "related_link",
    "also_like",
    "author_bio",
    "comment_form",
    "caption",
    "photo_credit",
    "share_prompt",
    "other_reports",
    "copyright",
    "paywall",
    "cookie_notice",
    "gallery",
    "navigation",
    "dateline",
    "company_profile",
    "repeated_line",
)

__all__ = [
    "CORPUS_LINE_MIN_DOCS",
    "CORPUS_RELATED_SHARE",
    "KINDS",
    "REPEATED_LINE_MAX_CHARS",
    "REPEATED_LINE_MIN_DOCS",
    "REPEATED_LINE_MIN_SHARE",
    "MarkedChars",
    "line_key",
    "mark_boilerplate",
    "repeated_lines_by_site",
    "repeated_lines_in_corpus",
]
