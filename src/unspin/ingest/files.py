"""Walking the checked inputs in a fixed order, naming what is found and reading it.

Ids. A file's id is its path, without the extension, relative to the folder the inputs have
in common: a folder input counts as itself, a file input as the folder it sits in. So one
folder gives ids relative to it (``business/001``), one file its stem, and several inputs
ids that keep them apart: ``unspin scan bbc/business bbc/sport`` and ``unspin scan
bbc/*/*.txt`` both give ``business/001`` and ``sport/001``. Inputs with nothing in common
but the root (``/a/x.txt``, ``/b/x.txt``) are named from it (``a/x``, ``b/x``). Records of
JSON Lines, Parquet and WARC files keep their own ids; a record without one is
``<file id>:<position>``.

Duplicate ids. Reports and indexes key on ids, so no two kept documents share one, and no
text is lost to a clash. A record whose id was seen before, with another text, is kept
under a derived id, ``<id>~2`` (``~3``... the first not yet taken), with a warning naming
both positions. A record that repeats an earlier one exactly (same id, same text: a page
captured twice, a file given twice) is rejected, since no text would be lost, and its reject
names the record it repeats; whatever else it carries (a later date, another title) is not
read, as the first record's is kept. A derived id is unused when it is given out; a later
record that carries that very id is then renamed in its turn.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from unspin.ingest.formats import READERS, format_of, strip_extension, unsupported_reason
from unspin.ingest.paths import Input
from unspin.ingest.source import WHOLE_FILE, Source
from unspin.model import Document, Reject
from unspin.progress import NoProgress, Progress

WHOLE_FOLDER = "folder"
# Joins an id and the number that tells a later record with the same id apart ("7~2").
RENAME_MARK = "~"
# Bytes of the text digest that tells an exact repeat from another text under the same id:
# 128 bits, so two different texts agree by chance less often than one in 10^38.
_DIGEST_BYTES = 16


@dataclass
class ReadCounts:
    """What read_inputs changed on the way: records kept under a derived id."""

    renamed: int = 0


def read_inputs(
    inputs: Iterable[Input], progress: Progress | None = None, counts: ReadCounts | None = None
) -> Iterator[Document | Reject]:
    """Every record of every input, in input order and sorted within folders.

    A kept record may be followed by warnings about it (Rejects with ``kept``), which name the
    id it is kept under. The files are listed first, so that ``progress`` knows how many
    there are; it advances once per file read.
    """
    progress = progress or NoProgress()
    counts = counts or ReadCounts()
    files = list(list_files(list(inputs)))
    progress.start("read", sum(1 for item in files if not isinstance(item, Reject)))
    ids = Ids()
    for item in files:
        if isinstance(item, Reject):
            yield item
            continue
        kept: str | None = None  # the id the last document read is kept under
        for found in read_file(*item):
            record = found.record
            if isinstance(record, Document):
                admitted = ids.admit(record, found.position, item[0], counts)
                kept = admitted[0].id if isinstance(admitted[0], Document) else None
                yield from admitted
            elif found.about is not None:
                # A warning about the record just read names the id it is kept under; the
                # warnings of an exact repeat go with it (its reject names the record kept).
                if kept is not None:
                    yield replace(record, record_id=kept)
            else:
                yield record
        progress.advance()


@dataclass(frozen=True)
class FileRecord:
    """One record of a file as its reader gave it, before its id is admitted."""

    # Orders it among its file's records: its place in the file's stream from 0, or for a
    # file read in parts, a number made of its line or row (`unspin.ingest.parts`).
    index: int
    record: Document | Reject
    position: str  # where in the file it was read (see the ingest notes)
    # For a warning about the document read just before it: that document's index. Its
    # record_id is then the id the document came with, not yet the one it is kept under.
    about: int | None = None


def read_file(source: Source, extension: str) -> Iterator[FileRecord]:
    """The records of one file, streamed by its reader; warnings point at their document."""
    return file_records(source, enumerate(READERS[extension](source)))


def file_records(
    source: Source, keyed: Iterable[tuple[int, Document | Reject]]
) -> Iterator[FileRecord]:
    """``source``'s records, each with the index that orders it in its file; a warning
    about the document just before it points at that document's index."""
    last: tuple[int, str, str] | None = None  # the last document: index, position, id
    for index, record in keyed:
        if isinstance(record, Document):
            position = _position(record, source)
            last = (index, position, record.id)
            yield FileRecord(index, record, position)
        elif record.kept and last and (record.position, record.record_id) == last[1:]:
            yield FileRecord(index, record, record.position, about=last[0])
        else:
            yield FileRecord(index, record, record.position)


def text_digest(text: str) -> bytes:
    """What tells an exact repeat from another text under the same id."""
    encoded = text.encode("utf-8", "surrogatepass")  # JSON may hold lone surrogates
    return hashlib.blake2b(encoded, digest_size=_DIGEST_BYTES).digest()


@dataclass(frozen=True)
class Admission:
    """What becomes of a record's id: the id it is kept under (None: it repeats an earlier
    record exactly and is rejected), and why, when it is renamed or rejected."""

    kept_as: str | None
    reason: str | None = None


class Ids:
    """The ids kept so far, and what becomes of a record whose id is among them."""

    def __init__(self) -> None:
        self.taken: dict[str, str] = {}  # id kept -> where its record was read
        # id as read -> digest of the first text read under it, and where that was
        self.first: dict[str, tuple[bytes, str]] = {}
        # id as read -> digests of the other texts read under it -> where each was read
        self.others: dict[str, dict[bytes, str]] = {}
        self.next_number: dict[str, int] = {}

    def admit(
        self, doc: Document, position: str, source: Source, counts: ReadCounts
    ) -> list[Document | Reject]:
        """``doc`` as kept (renamed, with a warning, if need be), or the reject of a repeat."""
        admission = self.decide(doc.id, text_digest(doc.text), doc.origin or source.label)
        if admission.kept_as is None:
            assert admission.reason is not None
            return [source.reject(admission.reason, position, record_id=doc.id)]
        if admission.reason is None:
            return [doc]
        counts.renamed += 1
        renamed = replace(doc, id=admission.kept_as)
        return [renamed, source.warn(admission.reason, position, record_id=admission.kept_as)]

    def decide(self, doc_id: str, digest: bytes, origin: str) -> Admission:
        """The admission of the record read at ``origin`` with ``doc_id`` and a text of
        ``digest``: it depends on every record decided before it, in reading order."""
        first = self.first.get(doc_id)
        if first is None:
            self.first[doc_id] = (digest, origin)
        else:
            others = self.others.setdefault(doc_id, {})
            repeats = first[1] if first[0] == digest else others.get(digest)
            if repeats is not None:
                reason = (
                    f"duplicate id '{doc_id}' (first seen at {repeats}): the same text again, "
                    "kept once"
                )
                return Admission(None, reason)
            others[digest] = origin
        taken_by = self.taken.get(doc_id)
        if taken_by is None:
            self.taken[doc_id] = origin
            return Admission(doc_id)
        new_id = self._derived(doc_id)
        self.taken[new_id] = origin
        return Admission(
            new_id, f"duplicate id '{doc_id}' (first seen at {taken_by}); kept as '{new_id}'"
        )

    def _derived(self, doc_id: str) -> str:
        number = self.next_number.get(doc_id, 2)
        while f"{doc_id}{RENAME_MARK}{number}" in self.taken:
            number += 1
        self.next_number[doc_id] = number + 1
        return f"{doc_id}{RENAME_MARK}{number}"


def _position(doc: Document, source: Source) -> str:
    # Readers write origins as "<file>" or "<file>:<position>".
    origin, label = doc.origin or source.label, source.label
    return origin[len(label) + 1 :] if origin.startswith(label + ":") else WHOLE_FILE


def list_files(inputs: list[Input]) -> Iterator[tuple[Source, str] | Reject]:
    """Every file to read, with the id its records are named by (see the module notes)."""
    base = common_folder(inputs)
    for item in inputs:
        if not item.is_folder:
            assert item.extension is not None  # set for every checked file
            yield Source(item.path, _file_id(item.path, item.extension, base)), item.extension
            continue
        for found in _walk(item.path, set()):
            if isinstance(found, Reject):
                yield found
                continue
            extension = format_of(found.name)
            if extension is None:
                yield Reject(str(found), WHOLE_FILE, unsupported_reason(found.name))
                continue
            yield Source(found, _file_id(found, extension, base)), extension


def common_folder(inputs: list[Input]) -> str | None:
    """The folder all inputs are in (a folder input counting as itself), as an absolute path."""
    anchors = [
        os.path.abspath(item.path if item.is_folder else item.path.parent) for item in inputs
    ]
    try:
        return os.path.commonpath(anchors)
    except ValueError:  # Windows paths on different drives have nothing in common
        return None


def _file_id(path: Path, extension: str, base: str | None) -> str:
    relative = os.path.relpath(os.path.abspath(path), base) if base else path.name
    return strip_extension(Path(relative).as_posix(), extension)


def _walk(folder: Path, visited: set[tuple[int, int]]) -> Iterator[Path | Reject]:
    """Files under ``folder``, depth first in name order; hidden entries are skipped."""
    try:
        identity = os.stat(folder)
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda entry: entry.name)
    except OSError as err:
        yield Reject(str(folder), WHOLE_FOLDER, f"cannot read folder: {err.strerror or err}")
        return
    # A symbolic link back up the tree would otherwise be walked forever.
    key = (identity.st_dev, identity.st_ino)
    if key in visited:
        yield Reject(str(folder), WHOLE_FOLDER, "folder skipped: a link to a folder already read")
        return
    visited = visited | {key}
    for entry in entries:
        if entry.name.startswith("."):  # .git, .DS_Store and the like are not articles
            continue
        path = Path(entry.path)
        try:
            is_folder, is_file = entry.is_dir(), entry.is_file()
        except OSError as err:
            yield Reject(str(path), WHOLE_FILE, f"cannot read: {err.strerror or err}")
            continue
        if is_folder:
            yield from _walk(path, visited)
        elif is_file:
            yield path
        else:
            yield Reject(str(path), WHOLE_FILE, "not a regular file (a broken link or a device)")
