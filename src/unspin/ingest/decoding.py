"""Bytes to text, the way real corpora need it.

Offsets downstream index into the decoded text, so decoding never normalises anything: the
only change is dropping a byte order mark, which is not part of the text.
"""

from __future__ import annotations

import codecs
import re

from unspin.ingest.source import CONTROL, CONTROL_BYTES, MAX_CONTROL_SHARE

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    # UTF-16 text is full of NUL bytes; without its BOM we would call it binary.
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]+)""", re.I)
# Browsers read these labels as Windows-1252, and so do the pages that declare them.
_CP1252_ALIASES = {"latin-1", "iso8859-1", "ascii", "cp1252"}


# Text codecs of Python's that are not encodings of web pages (WHATWG lists none of them).
_NOT_PAGE_ENCODINGS = frozenset(
    {"idna", "punycode", "unicode-escape", "raw-unicode-escape", "undefined", "utf-7"}
)

_LABELS = {"utf-8": "UTF-8", "cp1252": "Windows-1252"}
_CONTROL_BYTE = re.compile(rb"[\x00-\x08\x0b\x0e-\x1f]")  # CONTROL_BYTES, as a pattern


class DecodeError(ValueError):
    """The bytes are not text we can read; ``str(err)`` is the reject reason."""


def _strip_bom(data: bytes) -> tuple[bytes, str | None]:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :], encoding
    return data, None


def decode_text(data: bytes, declared: str | None = None) -> str:
    """Decode file bytes: BOM, then ``declared``, then UTF-8, then Windows-1252.

    Raises DecodeError for binary content (more than MAX_CONTROL_SHARE control characters)
    or bytes no candidate encoding accepts. A few control characters are left in the text
    for ``check_text`` to replace and report.
    """
    data, bom_encoding = _strip_bom(data)
    if bom_encoding and bom_encoding != "utf-8":
        try:
            text = data.decode(bom_encoding)
        except UnicodeDecodeError as err:
            reason = f"undecodable bytes: invalid {bom_encoding} at byte {err.start}"
            raise DecodeError(reason) from err
        if len(CONTROL.findall(text)) > MAX_CONTROL_SHARE * len(text):
            raise DecodeError(f"binary content (control characters in {bom_encoding} text)")
        return text
    _check_not_binary(data)
    candidates = [declared] if declared and bom_encoding is None else []
    candidates += ["utf-8", "cp1252"]
    failures = []
    for encoding in dict.fromkeys(candidates):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError as err:
            label = _LABELS.get(encoding, encoding)
            failures.append(f"not {label} (byte 0x{data[err.start]:02x} at byte {err.start})")
        except (UnicodeError, LookupError):  # a declared codec that fails in its own way
            failures.append(f"not {encoding}")
    raise DecodeError("undecodable bytes: " + ", ".join(failures))


def _check_not_binary(data: bytes) -> None:
    # Control bytes are the same characters in UTF-8, Windows-1252 and every other
    # ASCII-compatible encoding, so they can be counted before decoding.
    controls = len(data) - len(data.translate(None, CONTROL_BYTES))
    if controls > MAX_CONTROL_SHARE * len(data):
        found = _CONTROL_BYTE.search(data)
        assert found is not None
        raise DecodeError(
            f"binary content ({controls} of {len(data)} bytes are NUL or other control bytes, "
            f"first at byte {found.start()})"
        )


def declared_charset(data: bytes) -> str | None:
    """The encoding an HTML page declares in a <meta> tag, if Python knows it."""
    match = _META_CHARSET.search(data[:4096])
    if not match:
        return None
    try:
        label = match.group(1).decode("ascii")
    except UnicodeDecodeError:
        return None
    return charset_name(label)


def charset_name(label: str) -> str | None:
    """The codec for a declared charset label (HTTP header or <meta>), if Python knows it."""
    try:
        info = codecs.lookup(label.strip().strip("\"'"))
    except (LookupError, ValueError):
        return None
    name = info.name
    # A page may declare anything: "base64" or "zlib" are codecs but not text encodings, and
    # no browser reads a page as IDNA or Python escapes, so those labels are ignored too.
    if not getattr(info, "_is_text_encoding", True) or name in _NOT_PAGE_ENCODINGS:
        return None
    if name.startswith(("utf-16", "utf-32")):
        # A page that reached us as ASCII-compatible bytes cannot be UTF-16 whatever it
        # says; browsers read it as UTF-8 too.
        return "utf-8"
    return "cp1252" if name in _CP1252_ALIASES else name
