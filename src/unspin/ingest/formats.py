"""Which file names unspin reads, and with which reader."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import PurePath

from unspin.ingest.html import read_html_file
from unspin.ingest.source import Source
from unspin.ingest.tables import read_jsonl_file, read_parquet_file
from unspin.ingest.text import read_text_file
from unspin.ingest.warc import read_warc_file
from unspin.model import Document, Reject

Reader = Callable[[Source], Iterator[Document | Reject]]

READERS: dict[str, Reader] = {
    ".txt": read_text_file,
    ".md": read_text_file,
    ".html": read_html_file,
    ".htm": read_html_file,
    ".jsonl": read_jsonl_file,
    ".jsonl.gz": read_jsonl_file,
    ".ndjson": read_jsonl_file,
    ".ndjson.gz": read_jsonl_file,
    ".parquet": read_parquet_file,
    ".warc": read_warc_file,
    ".warc.gz": read_warc_file,
}
SUPPORTED_EXTENSIONS = tuple(READERS)
SUPPORTED_TEXT = ", ".join(SUPPORTED_EXTENSIONS)


def format_of(name: str) -> str | None:
    """The supported extension ``name`` ends with (case-insensitive), or None."""
    lower = name.lower()
    # Longest first, so "a.jsonl.gz" is JSON Lines and not an unknown ".gz".
    for extension in sorted(READERS, key=len, reverse=True):
        if lower.endswith(extension) and len(lower) > len(extension):
            return extension
    return None


def extension_of(name: str) -> str:
    """The extension to name when a file is not supported, e.g. ".docx" or ".tar.gz"."""
    suffixes = [suffix.lower() for suffix in PurePath(name).suffixes]
    if len(suffixes) >= 2 and suffixes[-1] in {".gz", ".bz2", ".xz", ".zst"}:
        return "".join(suffixes[-2:])
    return suffixes[-1] if suffixes else ""


def unsupported_reason(name: str) -> str:
    extension = extension_of(name)
    kind = f"'{extension}'" if extension else "(no extension)"
    return f"unsupported file type {kind} (supported: {SUPPORTED_TEXT})"


def strip_extension(name: str, extension: str) -> str:
    return name[: -len(extension)]
