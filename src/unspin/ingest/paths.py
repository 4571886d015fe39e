"""Checks on the paths a user gave, made before anything is read.

A typo in the fifth of five inputs should fail in a second, not after the first four have
been read, so every path is checked up front and each problem says how to fix it.
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from unspin.errors import (
    InputNotFoundError,
    UnknownFormatError,
    UnreadableInputError,
    UnspinError,
    UsageError,
)
from unspin.ingest.formats import SUPPORTED_TEXT, extension_of, format_of

# A URL: a scheme of two letters or more, then ":/" (so "C:/data" stays a Windows path).
_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.-]+:/")

_ARCHIVES = {".zip", ".tar", ".tgz", ".tar.gz", ".tar.bz2", ".tar.xz", ".7z"}


@dataclass(frozen=True)
class Input:
    """A checked input: a readable folder, or a readable file of a supported format."""

    path: Path
    is_folder: bool
    extension: str | None = None  # for files: the supported extension it ends with


def check_inputs(inputs: Sequence[str | os.PathLike[str]]) -> list[Input]:
    """Check every input; raise one error that names all the problems found."""
    if isinstance(inputs, str | os.PathLike):
        # A lone path would otherwise be read as a sequence of one-letter paths.
        inputs = [inputs]
    if not inputs:
        raise UsageError("no input given. Fix: pass at least one file or folder to read.")
    checked: list[Input] = []
    problems: list[UnspinError] = []
    for raw in inputs:
        try:
            checked.append(check_input(raw))
        except UnspinError as err:
            problems.append(err)
    if len(problems) == 1:
        raise problems[0]
    if problems:
        lines = "\n".join(f"  - {problem}" for problem in problems)
        raise type(problems[0])(f"{len(problems)} of the inputs cannot be read:\n{lines}")
    return checked


def is_url(raw: str | os.PathLike[str]) -> bool:
    """Whether an input names a file system by URL (``hdfs://``, ``s3a://``, ``file:/``)."""
    return bool(_URL.match(os.fspath(raw)))


def check_input(raw: str | os.PathLike[str]) -> Input:
    text = os.fspath(raw)
    path = Path(text)
    if is_url(text) and not os.path.lexists(path):
        raise UsageError(
            f"cannot read '{text}' here: URLs (HDFS, S3 and other file systems) are read by "
            "the Spark engine. Fix: add --engine spark, or copy the files to a local folder."
        )
    if not text or not os.path.lexists(path):
        raise InputNotFoundError(_not_found_message(text, path))
    if path.is_dir():
        try:
            with os.scandir(path):
                pass
        except OSError as err:
            raise UnreadableInputError(_unreadable_message(path, "folder", err)) from err
        return Input(path, is_folder=True)
    if not path.exists():
        raise InputNotFoundError(
            f"input not found: '{path}' is a link to '{os.readlink(path)}', which does not "
            "exist. Fix: point the link at an existing file, or pass the file itself."
        )
    if not path.is_file():
        raise UnreadableInputError(
            f"cannot read '{path}': it is neither a regular file nor a folder. "
            "Fix: pass a file or a folder of articles."
        )
    extension = format_of(path.name)
    if extension is None:
        found = extension_of(path.name)
        kind = f"format '{found}'" if found else "format (the file name has no extension)"
        if found in _ARCHIVES:
            fix = "unpack the archive and pass the folder it holds."
        else:
            fix = (
                "convert the file to one of these, or rename it if it already is one "
                "(e.g. plain text to .txt)."
            )
        raise UnknownFormatError(
            f"cannot read '{path}': unsupported {kind}. Supported extensions: "
            f"{SUPPORTED_TEXT}. Fix: {fix}"
        )
    try:
        with path.open("rb"):
            pass
    except OSError as err:
        raise UnreadableInputError(_unreadable_message(path, "file", err)) from err
    return Input(path, is_folder=False, extension=extension)


def _unreadable_message(path: Path, kind: str, err: OSError) -> str:
    reason = (err.strerror or str(err)).lower()
    return (
        f"cannot read the {kind} '{path}': {reason}. Fix: check its permissions "
        f"(e.g. {'chmod -R u+rX' if kind == 'folder' else 'chmod u+r'} '{path}') or run as a user "
        "who can read it."
    )


def _not_found_message(text: str, path: Path) -> str:
    if not text:
        return "input not found: an empty path was given. Fix: pass a file or folder to read."
    guess = suggest_path(path)
    hint = f" Did you mean '{guess}'?" if guess else ""
    return (
        f"input not found: '{text}' does not exist.{hint} "
        "Fix: check the spelling and the current folder, or pass an existing file or folder."
    )


def suggest_path(path: Path) -> Path | None:
    """The existing path closest to a mistyped one, fixing one component at a time."""
    current = Path(path.anchor) if path.anchor else Path()
    for part in path.parts[1:] if path.anchor else path.parts:
        if not current.is_dir():
            return None
        name = part if os.path.lexists(current / part) else _close_name(current, part)
        if name is None:
            return None
        current = current / name
    return current if current != path else None


def _close_name(folder: Path, name: str) -> str | None:
    try:
        names = [entry.name for entry in os.scandir(folder)]
    except OSError:
        return None
    by_lower = {candidate.lower(): candidate for candidate in names}
    close = difflib.get_close_matches(name.lower(), list(by_lower), n=1, cutoff=0.75)
    if close:
        return by_lower[close[0]]
    # "000.txt" for "000_d1e9f2ba145d541d.txt": a unique name that starts like the stem.
    stem = name.split(".")[0].lower()
    starts = [candidate for candidate in names if stem and candidate.lower().startswith(stem)]
    return starts[0] if len(starts) == 1 else None
