"""Where records come from, and the checks every document's text must pass."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO
from urllib.parse import urlsplit

from unspin.model import Reject

# The position of a reject that concerns a whole file rather than one record in it.
WHOLE_FILE = "file"

# C0 control characters other than tab, line feed, form feed and carriage return. They are
# never text, but a stray NUL or two in a long article is a glitch of whatever wrote the
# file, not a reason to lose the article: each is replaced by one space, so the stored text
# keeps its length and offsets stay where they were in the file.
CONTROL_BYTES = bytes(range(0x20)).translate(None, b"\t\n\x0c\r")
CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")  # the same, as characters
# Past this share of control characters a "text" is binary (an image, an archive, UTF-16
# without its byte order mark), not an article with a few stray bytes: random bytes are 1 in
# 8 controls and UTF-16 every other byte, while real articles have none, or a handful in
# tens of thousands of characters.
MAX_CONTROL_SHARE = 0.01


@dataclass(frozen=True)
class Source:
    """One input file, and the id its records are named by.

    A file that is not on this machine's file system (an HDFS or S3 URL, read by Spark:
    `unspin.engines.spark.remote`) has its ``url``, which names it in rejects and origins,
    and, once fetched, its bytes in ``data``; ``path`` is then the URL's path, for its name.
    """

    path: Path
    # The document id of a one-document file; the prefix of records that carry no id.
    id: str
    url: str | None = None
    data: bytes | None = field(default=None, compare=False, repr=False)

    @property
    def label(self) -> str:
        return self.url or str(self.path)

    def open(self) -> BinaryIO:
        """The file's bytes as a stream (raises OSError as opening a file does)."""
        return io.BytesIO(self.data) if self.data is not None else self.path.open("rb")

    def reject(
        self, reason: str, position: str = WHOLE_FILE, record_id: str | None = None
    ) -> Reject:
        return Reject(source=self.label, position=position, reason=reason, record_id=record_id)

    def warn(self, reason: str, position: str = WHOLE_FILE, record_id: str | None = None) -> Reject:
        """A warning about a record that is kept: written with the rejects, not counted."""
        return Reject(self.label, position, reason, record_id=record_id, kept=True)


def read_bytes(source: Source) -> bytes | Reject:
    """The whole file, or a reject saying why it cannot be read (one reject for the file)."""
    if source.data is not None:
        return source.data
    try:
        return source.path.read_bytes()
    except OSError as err:
        return source.reject(f"cannot read file: {err.strerror or err}")


@dataclass(frozen=True)
class CheckedText:
    """A document's text as stored, and what was changed to store it (for a warning)."""

    text: str
    warning: str | None = None


def check_text(text: str, what: str = "text") -> CheckedText | str:
    """``text`` with stray control characters replaced, or why it cannot be a document's text.

    ``what`` names the text in the warning ("text", "page").
    """
    controls = CONTROL.findall(text)
    if len(controls) > MAX_CONTROL_SHARE * len(text):
        first = CONTROL.search(text)
        assert first is not None
        return (
            f"binary content ({len(controls)} of {len(text)} characters are NUL or other "
            f"control characters, first at character {first.start()})"
        )
    cleaned = CONTROL.sub(" ", text) if controls else text
    if not cleaned.strip():
        return "empty text"
    if not controls:
        return CheckedText(text)
    count = len(controls)
    return CheckedText(
        cleaned,
        f"{count} control character{'s' if count != 1 else ''} ({_names(controls)}) in the "
        f"{what} replaced by spaces, one for one, so offsets are unchanged",
    )


def _names(controls: list[str]) -> str:
    """Which control characters were found, e.g. "NUL, U+0001"."""
    found = sorted(set(controls))
    named = ["NUL" if char == "\x00" else f"U+{ord(char):04X}" for char in found[:3]]
    return ", ".join(named) + (", ..." if len(found) > 3 else "")


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
