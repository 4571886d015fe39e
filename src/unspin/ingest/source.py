"""Where records come from, and the checks every document's text must pass."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from unspin.model import Reject

# The position of a reject that concerns a whole file rather than one record in it.
WHOLE_FILE = "file"


@dataclass(frozen=True)
class Source:
    """One input file, and the id its records are named by."""

    path: Path
    # The document id of a one-document file; the prefix of records that carry no id.
    id: str

    @property
    def label(self) -> str:
        return str(self.path)

    def reject(
        self, reason: str, position: str = WHOLE_FILE, record_id: str | None = None
    ) -> Reject:
        return Reject(source=self.label, position=position, reason=reason, record_id=record_id)


def read_bytes(source: Source) -> bytes | Reject:
    """The whole file, or a reject saying why it cannot be read (one reject for the file)."""
    try:
        return source.path.read_bytes()
    except OSError as err:
        return source.reject(f"cannot read file: {err.strerror or err}")


def text_problem(text: str) -> str | None:
    """Why ``text`` cannot be a document's text, or None if it can."""
    if not text.strip():
        return "empty text"
    if "\x00" in text:
        return "binary content (NUL bytes)"
    return None


def site_of(url: str | None) -> str | None:
    """The host of ``url`` as a site name: lower case, without a leading "www."."""
    if not url:
        return None
    try:
        host = urlsplit(url.strip()).hostname
    except ValueError:  # malformed netloc, e.g. an unclosed IPv6 bracket
        return None
    if not host:
        return None
    # www.example.com and example.com are one publisher; site scores must not split them.
    return host.removeprefix("www.")
