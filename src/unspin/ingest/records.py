"""Records of JSON Lines and Parquet files: the fields they carry, checked the same way.

A record's own ``date`` field is its date (``date_source`` "metadata"); an HTML record without
one takes the date its page's markup declares. A date field that cannot be read as one day
(ambiguous, impossible, not a date) leaves the record without a date and with a warning
saying why: the record is kept, and nothing changes without a word.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from unspin.ingest.dates import DateError, parse_date
from unspin.ingest.html import Article, ExtractionError, extract_article
from unspin.ingest.source import Source, check_text, site_of
from unspin.model import Document, Reject

# The fields a record may carry; everything else in it is ignored.
FIELDS = ("id", "text", "html", "title", "url", "site", "date", "lang")
CONTENT_FIELDS = ("text", "html")


def json_type(value: object) -> str:
    names = {str: "string", int: "number", float: "number", bool: "boolean", list: "array"}
    if value is None:
        return "null"
    if isinstance(value, Mapping):
        return "object"
    return names.get(type(value), type(value).__name__)


def _optional_str(value: object) -> str | None:
    # A metadata field of the wrong type is not worth losing the article for: it is left out.
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


def _record_id(value: object, fallback: str) -> str | None:
    """The record's own id, ``fallback`` when it has none, or None when it is malformed."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return fallback
    if isinstance(value, bool) or not isinstance(value, str | int):
        return None
    return str(value).strip()


def _content(record: Mapping[str, Any]) -> tuple[str, Article | None] | str:
    """The record's text and, for an HTML record, the page it came from; or why not."""
    text, html = record.get("text"), record.get("html")
    if text is not None and not isinstance(text, str):
        return f"field 'text' must be a string, got {json_type(text)}"
    # Scrapes often carry an empty text beside the page it failed to be extracted from.
    if isinstance(text, str) and (text.strip() or html is None):
        return text, None
    if html is None:
        return "record has neither a 'text' nor an 'html' field"
    if not isinstance(html, str):
        return f"field 'html' must be a string, got {json_type(html)}"
    try:
        article = extract_article(html, _optional_str(record.get("url")))
    except ExtractionError as err:
        return str(err)
    return article.text, article


def to_document(
    record: Mapping[str, Any], source: Source, position: str, origin: str, id_position: str
) -> list[Document | Reject]:
    """Check one record: its Document and any warnings about it, or the Reject saying why not.

    ``position`` is where a reject points (e.g. "12" or "row 3"); ``id_position`` is what a
    record without an id is named by (e.g. "12" or "3").
    """
    doc_id = _record_id(record.get("id"), f"{source.id}:{id_position}")
    if doc_id is None:
        kind = json_type(record.get("id"))
        return [source.reject(f"field 'id' must be a string or an integer, got {kind}", position)]

    content = _content(record)
    if isinstance(content, str):
        return [source.reject(content, position, record_id=doc_id)]
    text, extracted = content
    checked = check_text(text)
    if isinstance(checked, str):
        return [source.reject(checked, position, record_id=doc_id)]

    # What the record says about itself beats what extraction guessed from the page.
    page = extracted or Article(text=checked.text)
    warnings = [*page.warnings, *([checked.warning] if checked.warning else [])]
    try:
        date = parse_date(record.get("date"))
    except DateError as err:
        date = None
        instead = f"kept with its page's date {page.date}" if page.date else "kept without a date"
        warnings.append(f"{err}; {instead}")
    url = _optional_str(record.get("url")) or page.url
    document = Document(
        id=doc_id,
        text=checked.text,
        title=_optional_str(record.get("title")) or page.title,
        url=url,
        site=_optional_str(record.get("site")) or site_of(url) or page.site,
        date=date or page.date,
        lang=_optional_str(record.get("lang")) or page.lang,
        origin=origin,
        date_source="metadata" if date else page.date_source,
    )
    return [document, *(source.warn(w, position, record_id=doc_id) for w in warnings)]
