"""Ingest: files and folders in, Documents and Rejects out.

Every record read becomes exactly one of the two; nothing is dropped silently. A kept record
that was changed on the way (renamed for a duplicate id, a date that could not be read,
control characters replaced) is followed by a warning: a Reject with ``kept``, written with
the rejects but not counted as one. Problems with the paths themselves (missing,
unsupported, unreadable) raise before any record is read. How ids are made, and what
happens to a duplicate id, is in ``files``; dates and their ``date_source`` in ``dates``,
``page_dates``, ``text``, ``records`` and ``warc``.

A Reject's position is the 1-based line of a JSON Lines file, "row N" (0-based) of a Parquet
file, "record N" (1-based, every WARC record counted) of a web archive, "file" when a whole
file is rejected and "folder" for a folder that cannot be listed. Only a WARC file's response
and resource records are records here: its request, metadata and other bookkeeping records
are not articles, and are neither kept nor rejected.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from unspin.errors import EmptyCorpusError, UnreadableInputError, UsageError
from unspin.ingest.files import ReadCounts, read_inputs
from unspin.ingest.formats import SUPPORTED_EXTENSIONS
from unspin.ingest.paths import check_input, check_inputs
from unspin.ingest.records import to_document
from unspin.ingest.source import WHOLE_FILE, Source
from unspin.model import Document, IngestSummary, Reject
from unspin.progress import Progress

__all__ = [
    "SUPPORTED_EXTENSIONS",
    "RejectedInputError",
    "document_from_record",
    "iter_records",
    "read_corpus",
    "read_document",
    "read_document_with_warnings",
]

InputPath = str | os.PathLike[str]


class RejectedInputError(UnreadableInputError):
    """The one record of a file given on its own could not be used."""

    def __init__(self, reject: Reject) -> None:
        self.reject = reject
        where = (
            reject.source if reject.position == WHOLE_FILE else f"{reject.source}:{reject.position}"
        )
        super().__init__(
            f"cannot use '{where}': {reject.reason}. Fix: pass a file that holds one readable "
            "article."
        )


def iter_records(inputs: Sequence[InputPath]) -> Iterator[Document | Reject]:
    """Stream every record of every input, in a deterministic order.

    Each kept Document may be followed by warnings about it (Rejects with ``kept``). All
    paths are checked first, so a path problem raises before anything is yielded.
    """
    return read_inputs(check_inputs(inputs))


def read_corpus(
    inputs: Sequence[InputPath], progress: Progress | None = None
) -> tuple[list[Document], list[Reject], IngestSummary]:
    """Read everything: documents, rejects and warnings (in one list), and their counts.

    ``progress`` starts stage "read" with the number of files and advances once per file.
    Raises EmptyCorpusError when not one document could be kept.
    """
    documents: list[Document] = []
    rejects: list[Reject] = []
    counts = ReadCounts()
    for record in read_inputs(check_inputs(inputs), progress, counts):
        if isinstance(record, Document):
            documents.append(record)
        else:
            rejects.append(record)
    warnings = sum(1 for reject in rejects if reject.kept)
    rejected = len(rejects) - warnings
    summary = IngestSummary(
        read=len(documents) + rejected,
        kept=len(documents),
        rejected=rejected,
        warnings=warnings,
        renamed=counts.renamed,
    )
    if not documents:
        raise EmptyCorpusError(empty_message([r.reason for r in rejects if not r.kept]))
    return documents, rejects, summary


def empty_message(reasons: Sequence[str]) -> str:
    """Why a read kept nothing, from the reasons of its rejects (warnings left out) in order."""
    if not reasons:
        return (
            "no documents found: the inputs hold no records (empty files or folders?). "
            "Fix: pass files or folders with articles in them."
        )
    common = Counter(reasons).most_common(3)
    listed = "; ".join(f"{reason} ({count})" for reason, count in common)
    total = len(reasons)
    return (
        f"no documents to work on: all {total} record{'s' if total != 1 else ''} were "
        f"rejected; see the rejects for each one. Most common reasons: {listed}."
    )


def read_document(path: InputPath) -> Document:
    """The one document in ``path`` (txt/md/html, or a JSONL/Parquet/WARC file of one record)."""
    return read_document_with_warnings(path)[0]


def read_document_with_warnings(path: InputPath) -> tuple[Document, list[Reject]]:
    """The one document in ``path``, and the warnings about it (see ``read_document``)."""
    checked = check_input(path)
    if checked.is_folder:
        raise UsageError(
            f"'{os.fspath(path)}' is a folder, but one document is needed here. "
            "Fix: pass a single file (to read a whole folder, use 'unspin scan')."
        )
    found: Document | Reject | None = None
    warnings: list[Reject] = []
    for record in read_inputs([checked]):
        if isinstance(record, Reject) and record.kept:
            warnings.append(record)
            continue
        if found is not None:
            raise UsageError(
                f"'{os.fspath(path)}' holds more than one record, but one document is needed "
                "here. Fix: pass a file with a single article, or use 'unspin scan' for many."
            )
        found = record
    if found is None:
        raise EmptyCorpusError(
            f"'{os.fspath(path)}' holds no records. Fix: pass a file with one article in it."
        )
    if isinstance(found, Reject):
        raise RejectedInputError(found)
    return found, warnings


def document_from_record(
    record: Mapping[str, Any], label: str = "request"
) -> tuple[Document, list[Reject]]:
    """One article given as a record of the JSON Lines format (``text`` or ``html``, and
    optional ``id`` (default "article"), ``title``, ``url``, ``site``, ``date``, ``lang``):
    what stdin and the web API hand over. Raises :class:`RejectedInputError` with the
    reason when it cannot be a document."""
    source = Source(Path(label), "article")
    named = {"id": "article", **record}
    found = to_document(named, source, WHOLE_FILE, label, "article")
    first = found[0]
    if isinstance(first, Reject):
        raise RejectedInputError(first)
    return first, [w for w in found[1:] if isinstance(w, Reject)]
