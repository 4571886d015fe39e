"""HTML pages: the article text and its metadata, extracted by trafilatura.

The date is the one the page's markup declares (``page_dates``), never trafilatura's: its
date search falls back on the page's text and dates an undated page from a copyright line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import lxml.etree  # type: ignore[import-untyped]
import lxml.html  # type: ignore[import-untyped]
import trafilatura

from unspin.ingest.decoding import DecodeError, declared_charset, decode_text
from unspin.ingest.page_dates import page_date
from unspin.ingest.source import CheckedText, Source, check_text, read_bytes, site_of
from unspin.model import DateSource, Document, Reject

NO_TEXT = "no article text found in HTML"
# How deep libxml2 nests elements before it gives up on the rest of a page (its default,
# without XML_PARSE_HUGE); a page with fewer tags than this cannot be that deep.
LIBXML_MAX_DEPTH = 256
# ... and the longest text node it keeps (10,000,000 bytes, XML_MAX_TEXT_LENGTH).
LIBXML_MAX_TEXT = 10_000_000
# Trafilatura's cost grows with the square of the nesting (800 nested tables: 7.6 s, 150:
# 0.1 s, measured here), so a page parsed past libxml2's limit is flattened to this depth.
# News markup is 15-40 elements deep; 100 keeps every real layout as it was.
FLATTEN_DEPTH = 100
# trafilatura always runs htmldate, whose result unspin does not use (see above); its fast
# mode without the search of the whole page's text costs the least.
_DATE_SEARCH = {"extensive_search": False, "original_date": True}
_HTML_LANG = re.compile(r"""<html[^>]*?\blang\s*=\s*["']?([A-Za-z]{2,3})\b""", re.IGNORECASE)


@dataclass(frozen=True)
class Article:
    text: str
    title: str | None = None
    date: str | None = None
    site: str | None = None
    url: str | None = None
    lang: str | None = None
    date_source: DateSource | None = None  # set whenever `date` is
    warnings: tuple[str, ...] = ()  # what was changed to read the page (control characters)


class ExtractionError(ValueError):
    """No article could be taken from the page; ``str(err)`` is the reject reason."""


def _str_or_none(value: Any) -> str | None:
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


def _extract(page: Any, url: str | None) -> Any:
    try:
        # Recall over precision: a dropped paragraph hides reuse for good, while kept
        # boilerplate is marked by the boilerplate stage later. Reader comments are not the
        # article, so they stay out.
        return trafilatura.bare_extraction(
            page,
            url=url,
            favor_recall=True,
            include_comments=False,
            include_tables=True,
            with_metadata=True,
            date_extraction_params=dict(_DATE_SEARCH),
        )
    except Exception as err:  # a third-party parser on untrusted pages: one page, one reject
        raise ExtractionError(f"HTML could not be parsed: {type(err).__name__}: {err}") from err


def _text_of(result: Any) -> CheckedText | None:
    text = _str_or_none(getattr(result, "text", None)) if result is not None else None
    checked = check_text(text) if text is not None else None
    return None if checked is None or isinstance(checked, str) else checked


def _deep_tree(html: str) -> Any:
    """The page parsed without libxml2's depth limit, then flattened to FLATTEN_DEPTH."""
    parser = lxml.html.HTMLParser(huge_tree=True, remove_comments=True)
    try:
        root = lxml.html.document_fromstring(html, parser=parser)
    except Exception as err:  # lxml on untrusted markup: one page, one reject
        raise ExtractionError(f"HTML could not be parsed: {type(err).__name__}: {err}") from err
    depth = 0
    too_deep = []
    for event, element in lxml.etree.iterwalk(root, events=("start", "end")):
        depth += 1 if event == "start" else -1
        if event == "start" and depth > FLATTEN_DEPTH and isinstance(element.tag, str):
            too_deep.append(element)
    # Unwrapping keeps every element's text and children in place, only not so deep. In
    # document order, each unwrapping moves the children of one element one level up.
    try:
        for element in too_deep:
            element.drop_tag()
    except ValueError as err:  # text lxml parsed but will not set again (control characters)
        raise ExtractionError(f"HTML too deeply nested to flatten: {err}") from err
    return root


def extract_article(html: str, url: str | None = None) -> Article:
    """The main text of a page, one line per paragraph, with title, date, site and URL."""
    page = check_text(html, "page")
    if isinstance(page, str):
        raise ExtractionError(page)
    html = page.text  # lxml would stop at a NUL and lose the rest of the page
    result = _extract(html, url)
    extracted = _text_of(result)
    if extracted is None and (len(html) > LIBXML_MAX_TEXT or html.count("<") > LIBXML_MAX_DEPTH):
        # libxml2 stops building the tree 256 elements deep, so a page of unclosed tags
        # (one <font> per paragraph, as old CMSs write) loses its text, and it drops a text
        # node over 10 MB; parse it again without those limits. Only pages with no text
        # pay for the second parse.
        result = _extract(_deep_tree(html), url)
        extracted = _text_of(result)
    if extracted is None:
        raise ExtractionError(NO_TEXT)
    found_url = url or _str_or_none(getattr(result, "url", None))
    # The host is a stable key for site scores; a site name is free text that varies between
    # pages of one site, so it is only the fallback.
    site = site_of(found_url) or _str_or_none(getattr(result, "sitename", None))
    lang = _HTML_LANG.search(html[:4096])
    date = page_date(html)
    return Article(
        text=extracted.text,
        title=_str_or_none(getattr(result, "title", None)),
        date=date,
        site=site,
        url=found_url,
        lang=lang.group(1).lower() if lang else None,
        date_source="metadata" if date else None,
        warnings=tuple(w for w in (page.warning, extracted.warning) if w),
    )


def article_from_bytes(data: bytes, charset: str | None = None, url: str | None = None) -> Article:
    """The article in the bytes of a page: ``charset`` (e.g. from HTTP headers) wins over a
    <meta> declaration. Raises DecodeError or ExtractionError with the reject reason."""
    html = decode_text(data, charset or declared_charset(data))
    if not html.strip():
        raise ExtractionError("empty text")
    return extract_article(html, url)


def read_html_file(source: Source) -> Iterator[Document | Reject]:
    data = read_bytes(source)
    if isinstance(data, Reject):
        yield data
        return
    try:
        article = article_from_bytes(data)
    except (DecodeError, ExtractionError) as err:
        yield source.reject(str(err), record_id=source.id)
        return
    yield Document(
        id=source.id,
        text=article.text,
        title=article.title,
        url=article.url,
        site=article.site,
        date=article.date,
        lang=article.lang,
        origin=source.label,
        date_source=article.date_source,
    )
    for warning in article.warnings:
        yield source.warn(warning, record_id=source.id)
