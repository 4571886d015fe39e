"""Writing outputs so that finished work is never lost and never half written.

Every output goes to a temporary file in its own folder and is then renamed over the final
name (``os.replace``): a reader, or a run stopped half way, sees the old file or the new one,
never a part of one. The output folder is created and proven writable before any work, so a
path that cannot be written fails in one line at the start, not with a traceback at the end.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import IO, Any

from unspin.errors import UnwritableOutputError

_FIX = "Fix: pass an --out folder you can write to."


def _reason(err: OSError) -> str:
    return (err.strerror or str(err)).lower()


def umask() -> int:
    """This process's umask (read by setting it and setting it back)."""
    mask = os.umask(0o22)
    os.umask(mask)
    return mask


def _replacing(path: Path) -> contextlib.AbstractContextManager[IO[str]]:
    """A text file to write that becomes ``path`` only once it is complete."""
    return _replacing_file(path, binary=False)


def replacing_bytes(path: Path) -> contextlib.AbstractContextManager[IO[bytes]]:
    """A binary file to write that becomes ``path`` only once it is complete."""
    return _replacing_file(path, binary=True)


@contextlib.contextmanager
def _replacing_file(path: Path, binary: bool) -> Iterator[IO[Any]]:
    try:
        handle, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as err:
        raise UnwritableOutputError(
            f"cannot write {path}: {_reason(err)}. Fix: pass a path in a folder you can write to."
        ) from err
    try:
        os.fchmod(handle, 0o666 & ~umask())  # mkstemp's 0600 is for the temporary file only
        if binary:
            with os.fdopen(handle, "wb") as out:
                yield out
        else:
            with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
                yield out
        os.replace(tmp, path)
    except BaseException as err:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(err, IsADirectoryError | NotADirectoryError | PermissionError):
            raise UnwritableOutputError(
                f"cannot write {path}: {_reason(err)}. Fix: remove or rename what is there, or "
                "write somewhere else."
            ) from err
        raise


def write_text(path: Path, text: str) -> Path:
    """Write ``text`` to ``path`` atomically (UTF-8, newlines as given)."""
    with _replacing(path) as out:
        out.write(text)
    return path


def write_json(path: Path, value: Any) -> Path:
    return write_text(path, json.dumps(value, ensure_ascii=False, indent=2) + "\n")


def write_jsonl(path: Path, records: Iterable[Mapping[str, Any]]) -> int:
    """Write one JSON object a line, atomically; the number of records written."""
    count = 0
    with _replacing(path) as out:
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            count += 1
    return count


def check_writable_file(path: Path, option: str) -> None:
    """Fail now if ``path`` cannot become a file: it is a folder, or its folder is not ours.

    Creates the missing parent folders (they are needed anyway) and a probe file beside
    ``path`` that is removed at once.
    """
    if path.is_dir():
        raise UnwritableOutputError(
            f"cannot write {option} {path}: it is a folder. Fix: pass a file name, or remove "
            "the folder."
        )
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        _probe(path.parent)
    except OSError as err:
        raise UnwritableOutputError(
            f"cannot write {option} {path}: {_reason(err)}. Fix: pass a path in a folder you "
            "can write to."
        ) from err


def _probe(folder: Path) -> None:
    """Create and remove a file in ``folder``: only writing proves it can be written."""
    handle, name = tempfile.mkstemp(dir=folder, prefix=".unspin-probe-", suffix=".tmp")
    try:
        os.write(handle, b"unspin")
    finally:
        os.close(handle)
        os.unlink(name)


class OutputFolder:
    """The --out folder of a run: created and proven writable up front, undone on failure.

    ``names`` are the files the run will write there; an existing folder in the place of
    one of them fails now rather than after the work. When the run fails before writing
    anything, :meth:`discard` removes the folders this run created (only if still empty).
    """

    def __init__(self, path: Path, names: Sequence[str]) -> None:
        self.path = path
        self._created: list[Path] = []
        try:
            self._prepare(names)
        except OSError as err:
            self.discard()
            raise UnwritableOutputError(
                f"cannot write into the --out folder {path}: {_reason(err)}. {_FIX}"
            ) from err
        except UnwritableOutputError:
            self.discard()
            raise

    def _prepare(self, names: Sequence[str]) -> None:
        path = self.path
        if path.exists() and not path.is_dir():
            raise UnwritableOutputError(
                f"--out {path} is a file. Fix: pass a folder (it is created if missing)."
            )
        missing = [p for p in (path, *path.parents) if not p.exists()]
        path.mkdir(parents=True, exist_ok=True)
        self._created = missing  # deepest first
        _probe(path)
        for name in names:
            for debris in path.glob(f".{name}.*.tmp"):  # from a run killed while writing
                debris.unlink(missing_ok=True)
            target = path / name
            if target.exists() and not target.is_file():
                raise UnwritableOutputError(
                    f"cannot write {target}: a folder (or something else that is not a file) "
                    "is in the way. Fix: remove or rename it, or pass another --out folder."
                )

    def discard(self) -> None:
        """Remove the folders this run created, deepest first, as long as they are empty."""
        for folder in self._created:
            try:
                folder.rmdir()
            except OSError:
                break
        self._created = []

    def keep(self) -> None:
        """The run has written into the folder: it is no longer this run's to remove."""
        self._created = []

    def remove_stale(self, name: str, ours: Callable[[Path], bool]) -> bool:
        """Remove ``name`` left by an earlier run, if ``ours`` says an unspin run wrote it."""
        target = self.path / name
        if target.is_file() and ours(target):
            target.unlink()
            return True
        return False
