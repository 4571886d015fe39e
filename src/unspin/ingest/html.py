"""HTML pages: the article text and its metadata, extracted by trafilatura."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import trafilatura

from unspin.ingest.dates import normalize_date
from unspin.ingest.decoding import DecodeError, declared_charset, decode_text
from unspin.ingest.source import Source, site_of, text_problem
from unspin.model import Document, Reject

NO_TEXT = "no article text found in HTML"
_HTML_LANG = re.compile(r"""<html[^>]*?\blang\s*=\s*["']?([A-Za-z]{2,3})\b""", re.IGNORECASE)


@dataclass(frozen=True)
class Article:
    text: str
    title: str | None = None
    date: str | None = None
    site: str | None = None
    url: str | None = None
    lang: str | None = None


class ExtractionError(ValueError):
    """No article could be taken from the page; ``str(err)`` is the reject reason."""


def _str_or_none(value: Any) -> str | None:
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


def extract_article(html: str, url: str | None = None) -> Article:
    """The main text of a page, one line per paragraph, with title, date, site and URL."""
    try:
        # Recall over precision: a dropped paragraph hides reuse for good, while kept
        # boilerplate is marked by the boilerplate stage later. Reader comments are not the
        # article, so they stay out.
        result = trafilatura.bare_extraction(
            html,
            url=url,
            favor_recall=True,
            include_comments=False,
            include_tables=True,
            with_metadata=True,
        )
    except Exception as err:  # a third-party parser on untrusted pages: one page, one reject
        raise ExtractionError(f"HTML could not be parsed: {type(err).__name__}: {err}") from err
    text = _str_or_none(getattr(result, "text", None)) if result is not None else None
    if text is None or text_problem(text):
        raise ExtractionError(NO_TEXT)
    found_url = url or _str_or_none(getattr(result, "url", None))
    # The host is a stable key for site scores; a site name is free text that varies between
    # pages of one site, so it is only the fallback.
    site = site_of(found_url) or _str_or_none(getattr(result, "sitename", None))
    lang = _HTML_LANG.search(html[:4096])
    return Article(
        text=text,
        title=_str_or_none(getattr(result, "title", None)),
        date=normalize_date(getattr(result, "date", None)),
        site=site,
        url=found_url,
        lang=lang.group(1).lower() if lang else None,
    )


def read_html_file(source: Source) -> Iterator[Document | Reject]:
    try:
        data = source.path.read_bytes()
    except OSError as err:
        yield source.reject(f"cannot read file: {err.strerror or err}")
        return
    try:
        html = decode_text(data, declared_charset(data))
        if not html.strip():
            raise ExtractionError("empty text")
        article = extract_article(html)
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
    )
