"""Walking the checked inputs in a fixed order and reading every file found."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from unspin.ingest.formats import READERS, format_of, strip_extension, unsupported_reason
from unspin.ingest.paths import Input
from unspin.ingest.source import WHOLE_FILE, Source
from unspin.model import Document, Reject

WHOLE_FOLDER = "folder"


def read_inputs(inputs: Iterable[Input]) -> Iterator[Document | Reject]:
    """Every record of every input, in input order and sorted within folders.

    An id seen before in the run turns the later record into a reject, so that reports and
    indexes can key on ids without one document silently replacing another.
    """
    first_seen: dict[str, str] = {}
    for item in _files(inputs):
        if isinstance(item, Reject):
            yield item
            continue
        source, extension = item
        for record in READERS[extension](source):
            if isinstance(record, Document):
                origin = record.origin or source.label
                if record.id in first_seen:
                    yield source.reject(
                        f"duplicate id '{record.id}' (first seen at {first_seen[record.id]})",
                        _position(origin, source.label),
                        record_id=record.id,
                    )
                    continue
                first_seen[record.id] = origin
            yield record


def _position(origin: str, label: str) -> str:
    # Readers write origins as "<file>" or "<file>:<position>".
    return origin[len(label) + 1 :] if origin.startswith(label + ":") else WHOLE_FILE


def _files(inputs: Iterable[Input]) -> Iterator[tuple[Source, str] | Reject]:
    for item in inputs:
        if not item.is_folder:
            assert item.extension is not None  # set for every checked file
            stem = strip_extension(item.path.name, item.extension)
            yield Source(item.path, stem), item.extension
            continue
        for found in _walk(item.path, set()):
            if isinstance(found, Reject):
                yield found
                continue
            extension = format_of(found.name)
            if extension is None:
                yield Reject(str(found), WHOLE_FILE, unsupported_reason(found.name))
                continue
            # Ids relative to the folder: corpora such as BBC reuse file names across
            # subfolders (business/001.txt, sport/001.txt), and the stem alone would collide.
            relative = found.relative_to(item.path).as_posix()
            yield Source(found, strip_extension(relative, extension)), extension


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
