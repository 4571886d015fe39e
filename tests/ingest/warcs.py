"""Build WARC files byte by byte for the tests, independently of the library that reads them.

The format (ISO 28500): "WARC/1.1", header lines, a blank line, Content-Length bytes of
block, and two CRLFs. A .warc.gz file is one gzip member per record.
"""

from __future__ import annotations

import gzip
import uuid
from pathlib import Path

CRLF = b"\r\n"


def http_response(
    body: bytes,
    content_type: str = "text/html; charset=utf-8",
    status: str = "200 OK",
    extra_headers: tuple[str, ...] = (),
) -> bytes:
    lines = [f"HTTP/1.1 {status}", f"Content-Type: {content_type}", *extra_headers]
    lines.append(f"Content-Length: {len(body)}")
    return CRLF.join(line.encode("latin-1") for line in lines) + CRLF + CRLF + body


def record(
    warc_type: str,
    block: bytes,
    uri: str | None = None,
    content_type: str = "application/http; msgtype=response",
    extra_headers: tuple[str, ...] = (),
    length: int | None = None,
) -> bytes:
    headers = [
        "WARC/1.1",
        f"WARC-Type: {warc_type}",
        f"WARC-Record-ID: <urn:uuid:{uuid.UUID(int=len(block) + hash(uri) % 1000)}>",
        "WARC-Date: 2021-03-05T10:00:00Z",
    ]
    if uri is not None:
        headers.append(f"WARC-Target-URI: {uri}")
    headers += [f"Content-Type: {content_type}", *extra_headers]
    headers.append(f"Content-Length: {len(block) if length is None else length}")
    head = CRLF.join(line.encode("utf-8") for line in headers) + CRLF + CRLF
    return head + block + CRLF + CRLF


def warcinfo() -> bytes:
    return record("warcinfo", b"software: unspin-tests\r\n", content_type="application/warc-fields")


def request(uri: str) -> bytes:
    block = f"GET / HTTP/1.1\r\nHost: {uri.split('/')[2]}\r\n\r\n".encode()
    return record("request", block, uri, "application/http; msgtype=request")


def page_record(uri: str, html: str, content_type: str = "text/html; charset=utf-8") -> bytes:
    return record("response", http_response(html.encode("utf-8"), content_type), uri)


def write_warc(path: Path, records: list[bytes]) -> Path:
    if path.name.endswith(".gz"):
        path.write_bytes(b"".join(gzip.compress(r) for r in records))
    else:
        path.write_bytes(b"".join(records))
    return path


def article_page(title: str, paragraphs: list[str], extra_head: str = "") -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{title}</title>"
        f"{extra_head}</head><body><nav><a href='/'>Home</a></nav>"
        f"<article><h1>{title}</h1>{body}</article><footer>All rights reserved.</footer>"
        "</body></html>"
    )
