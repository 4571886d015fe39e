"""Web archives (.warc, .warc.gz): the pages of a crawl, read with FastWARC.

What counts as a record here: every ``response`` record (a page as the crawler fetched it)
and every ``resource`` record (a page stored without HTTP, as wget and browser-based
archivers write them). Each becomes a Document or a Reject with its reason: an HTTP error
status, a type that is not a page (images, scripts, DNS lookups), a body cut short by the
end of the file, an undecodable or empty page.

``request``, ``metadata``, ``warcinfo``, ``revisit`` (a pointer to an earlier capture, no
body), ``conversion`` and ``continuation`` records are not articles and are skipped without
being counted: read = kept + rejected counts content records only. The count of skipped
records is kept on the reader for whoever wants to report it.

Pages go through the same extraction as ``.html`` files, with the record's target URI as
the page URL, so the site is the URI's host. The date is the page's own (its markup's, with
``date_source`` "metadata", or for a plain-text page its byline's, "text"). Only when the
page has none is it the capture date (WARC-Date) with ``date_source`` "crawl": not when the
article was published, only a day by which it was, and direction of reuse must not read it
as more. An unreadable WARC-Date just leaves no fallback. A document's id is its target URI
(what a user looks up), or ``<file>:<record>`` when a record has none.

FastWARC over warcio: it is maintained, typed, about three times faster, and it stops with
an error on a broken archive where warcio reads garbage as records.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO

from fastwarc.warc import ArchiveIterator, WarcRecord, WarcRecordType

from unspin.ingest.dates import normalize_date
from unspin.ingest.decoding import DecodeError, charset_name, decode_text
from unspin.ingest.html import Article, ExtractionError, article_from_bytes
from unspin.ingest.http_body import BodyError, decode_body
from unspin.ingest.source import Source, check_text, site_of
from unspin.ingest.text import guess_date, guess_title
from unspin.model import Document, Reject

# Records that hold a page; every other type is crawl bookkeeping.
CONTENT_TYPES = WarcRecordType.response | WarcRecordType.resource
# The largest page body read. News pages are 50 KB-2 MB of HTML; Common Crawl truncates
# bodies at 1 MiB. Past 16 MiB a "page" is a video, a dump or a decompression bomb, and
# reading it whole would cost memory for nothing.
MAX_BODY_BYTES = 16 * 1024 * 1024
# Error messages of parsers can quote the bytes they choked on; a reason stays one short line.
_MAX_ERROR_CHARS = 200
# Content types read as HTML, and as plain text; anything else is not an article.
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml", "application/xml", "text/xml"})
TEXT_TYPES = frozenset({"text/plain", "text/markdown"})


def read_warc_file(source: Source) -> Iterator[Document | Reject]:
    try:
        stream: BinaryIO = source.open()
    except OSError as err:
        yield source.reject(f"cannot read file: {err.strerror or err}")
        return
    with stream:
        yield from _records(source, stream)


def _records(source: Source, stream: BinaryIO) -> Iterator[Document | Reject]:
    number = 0
    # Bodies are decoded here, not by FastWARC: its decoder ends on a body whose headers
    # say "chunked" or "gzip" when the crawler stored it decoded, which is common.
    records = iter(ArchiveIterator(stream, parse_http=True, auto_decode="none"))
    while True:
        try:
            record = next(records)
        except StopIteration:
            return
        except (OSError, ValueError, RuntimeError) as err:
            # A corrupt archive: what was read stays, the reject says where reading stopped.
            where = f"after record {number}" if number else "at the start"
            reason = f"file cannot be read {where}: {str(err)[:_MAX_ERROR_CHARS]}"
            yield source.reject(reason, f"record {number + 1}")
            return
        number += 1
        kind = record.record_type
        if kind in (WarcRecordType.no_type, WarcRecordType.unknown):
            # Not bookkeeping we know to skip: garbage parsed as headers, or a type from no
            # standard. Saying so beats losing whatever it was without a word.
            found = record.headers.get("WARC-Type")
            reason = f"unknown WARC record type '{found}'" if found else "no WARC-Type header"
            yield source.reject(f"not a WARC record: {reason}", f"record {number}")
        elif kind & CONTENT_TYPES:
            yield from _record(source, record, f"record {number}")


def _record(source: Source, record: WarcRecord, position: str) -> list[Document | Reject]:
    found = _page(source, record, position)
    if isinstance(found, Reject):
        return [found]
    document, warnings = found
    return [document, *(source.warn(w, position, record_id=document.id) for w in warnings)]


def _page(
    source: Source, record: WarcRecord, position: str
) -> tuple[Document, tuple[str, ...]] | Reject:
    uri = (record.headers.get("WARC-Target-URI") or "").strip().strip("<>") or None
    doc_id = uri or f"{source.id}:{position}"

    def reject(reason: str) -> Reject:
        return source.reject(reason, position, record_id=doc_id)

    if record.record_type == WarcRecordType.response and not record.is_http:
        kind = record.headers.get("Content-Type") or "no content type"
        return reject(f"not an HTTP response ({kind})")
    status = record.http_headers.status_code if record.is_http else None
    if status is not None and not 200 <= status < 300:
        return reject(f"HTTP status {status}: not a page")
    media, charset = _media_type(record)
    if media not in HTML_TYPES and media not in TEXT_TYPES:
        return reject(f"not an article: content type {media or 'missing'}")
    try:
        raw = record.reader.read(MAX_BODY_BYTES + 1)
    except (OSError, ValueError) as err:
        return reject(f"record body cannot be read: {str(err)[:_MAX_ERROR_CHARS]}")
    if len(raw) > MAX_BODY_BYTES:
        return reject(f"page larger than {MAX_BODY_BYTES >> 20} MiB")
    if len(raw) < record.content_length:
        return reject(f"record cut short: {len(raw)} of {record.content_length} bytes")
    headers = record.http_headers if record.is_http else None
    try:
        body = decode_body(
            raw,
            headers.get("Transfer-Encoding") if headers else None,
            headers.get("Content-Encoding") if headers else None,
            MAX_BODY_BYTES,
        )
        article = _article(body, media in HTML_TYPES, charset, uri)
    except (BodyError, DecodeError, ExtractionError) as err:
        return reject(str(err)[:_MAX_ERROR_CHARS])
    checked = check_text(article.text)
    if isinstance(checked, str):
        return reject(checked)
    crawled = None if article.date else normalize_date(record.headers.get("WARC-Date"))
    document = Document(
        id=doc_id,
        text=checked.text,
        title=article.title,
        url=uri,
        site=article.site,
        date=article.date or crawled,
        lang=article.lang,
        origin=f"{source.label}:{position}",
        date_source=article.date_source or ("crawl" if crawled else None),
    )
    return document, (*article.warnings, *([checked.warning] if checked.warning else []))


def _article(body: bytes, is_html: bool, charset: str | None, uri: str | None) -> Article:
    """The page's text and metadata: extracted from HTML, or read like a .txt file."""
    if is_html:
        return article_from_bytes(body, charset, uri)
    text = decode_text(body, charset)
    date = guess_date(text)
    return Article(
        text=text,
        title=guess_title(text),
        date=date,
        site=site_of(uri),
        url=uri,
        date_source="text" if date else None,
    )


def _media_type(record: WarcRecord) -> tuple[str | None, str | None]:
    """The page's media type (lower case, no parameters) and its declared charset codec."""
    raw = record.http_headers.get("Content-Type") if record.is_http else None
    if raw is None:
        raw = record.headers.get("Content-Type")
    if not raw:
        return None, None
    media, _, params = raw.partition(";")
    charset = None
    for param in params.split(";"):
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset":
            charset = charset_name(value)
    return media.strip().lower() or None, charset
