"""HTTP bodies as archived: chunked, compressed, or (often) neither whatever the headers say.

Crawlers disagree on what they store. Some keep the bytes as transferred (chunked, gzipped),
some store the decoded page but keep the original headers. So decoding is lenient: a body
that does not parse as chunks is taken as it is, and only a body that claims a compression,
starts like it and then fails to decompress is an error. Decompression is bounded, so a
small archive cannot expand into gigabytes (a decompression bomb).
"""

from __future__ import annotations

import zlib

import brotli  # type: ignore[import-untyped]  # a dependency of fastwarc


class BodyError(ValueError):
    """The body cannot be decoded; ``str(err)`` is the reject reason."""


class TooLargeError(BodyError):
    pass


# Output per brotli call while checking the size limit.
_BROTLI_STEP = 1 << 20
_GZIP_MAGIC = b"\x1f\x8b"


def dechunk(raw: bytes) -> bytes | None:
    """The body of a chunked transfer, or None when ``raw`` is not chunked after all."""
    out = bytearray()
    at = 0
    while True:
        end = raw.find(b"\r\n", at)
        if end < 0:
            return None
        size_text = raw[at:end].split(b";", 1)[0].strip()
        try:
            size = int(size_text, 16)
        except ValueError:
            return None
        if size < 0 or size_text.startswith((b"+", b"-", b"0x")):
            return None
        if size == 0:
            return bytes(out)
        out += raw[end + 2 : end + 2 + size]
        at = end + 2 + size
        if raw[at : at + 2] != b"\r\n":
            # A chunk cut short by the end of the record: keep what arrived.
            return bytes(out) if at >= len(raw) else None
        at += 2


def _inflate(raw: bytes, wbits: int, limit: int) -> bytes:
    inflater = zlib.decompressobj(wbits)
    out = inflater.decompress(raw, limit + 1)
    if len(out) > limit:
        raise TooLargeError(f"page larger than {limit // (1 << 20)} MiB once decompressed")
    return out


def _unbrotli(raw: bytes, limit: int) -> bytes:
    decompressor = brotli.Decompressor()
    out = bytearray(decompressor.process(raw, output_buffer_limit=_BROTLI_STEP))
    while not decompressor.can_accept_more_data() and len(out) <= limit:
        out += decompressor.process(b"", output_buffer_limit=_BROTLI_STEP)
    if len(out) > limit:
        raise TooLargeError(f"page larger than {limit // (1 << 20)} MiB once decompressed")
    return bytes(out)


def decompress(raw: bytes, encoding: str, limit: int) -> bytes:
    """``raw`` undone of its Content-Encoding; a body stored already decoded stays as it is."""
    encoding = encoding.strip().lower()
    try:
        if encoding in ("gzip", "x-gzip"):
            return _inflate(raw, 16 + zlib.MAX_WBITS, limit) if raw[:2] == _GZIP_MAGIC else raw
        if encoding == "deflate":
            try:
                return _inflate(raw, zlib.MAX_WBITS, limit)
            except zlib.error:
                return _inflate(raw, -zlib.MAX_WBITS, limit)
        if encoding == "br":
            return _unbrotli(raw, limit)
    except (zlib.error, brotli.error) as err:
        if encoding == "br" and raw.lstrip()[:1] == b"<":  # stored decoded, header kept
            return raw
        raise BodyError(f"body cannot be decompressed ({encoding}): {err}") from err
    if encoding in ("", "identity"):
        return raw
    raise BodyError(f"unsupported content encoding '{encoding}'")


def decode_body(
    raw: bytes, transfer_encoding: str | None, content_encoding: str | None, limit: int
) -> bytes:
    """The page bytes of an archived HTTP body, at most ``limit`` bytes of them."""
    if transfer_encoding and "chunked" in transfer_encoding.lower():
        raw = dechunk(raw) or raw
    for encoding in reversed((content_encoding or "").split(",")):
        raw = decompress(raw, encoding, limit)
    if len(raw) > limit:
        raise TooLargeError(f"page larger than {limit // (1 << 20)} MiB")
    return raw
