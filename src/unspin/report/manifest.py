"""`manifest.json`: what a scan read, how it ran and what it found, so a folder of results
can be traced back to its inputs and its configuration without anyone's memory.

Inputs are fingerprinted by content: a file by its size and SHA-256; a folder by its file
count, total size and the SHA-256 of its sorted ``relative/path<TAB>file-sha256`` lines (one
a file, hidden entries skipped as ingest skips them), so a folder hashes the same wherever
it is copied to.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from unspin import __version__
from unspin.fingerprint import configuration, file_sha256, lexicon_info
from unspin.model import RELATIONS, IngestSummary, RunResult
from unspin.progress import Progress

MANIFEST = "manifest.json"
FORMAT = 1


class TimedProgress:
    """Passes progress on and notes when each stage starts, for the manifest's timings."""

    def __init__(self, inner: Progress) -> None:
        self.inner = inner
        self.began = time.perf_counter()
        self._starts: list[tuple[str, float]] = []

    def start(self, stage: str, total: int | None) -> None:
        self._starts.append((stage, time.perf_counter()))
        self.inner.start(stage, total)

    def advance(self, n: int = 1) -> None:
        self.inner.advance(n)

    def seconds(self) -> dict[str, float]:
        """Seconds spent in each stage so far, and ``total`` since this object was made."""
        now = time.perf_counter()
        spent: dict[str, float] = {}
        ends = [t for _, t in self._starts[1:]] + [now]
        for (stage, began), ended in zip(self._starts, ends, strict=True):
            spent[stage] = round(spent.get(stage, 0.0) + ended - began, 3)
        spent["total"] = round(now - self.began, 3)
        return spent


def utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def _files_under(folder: Path, visited: frozenset[tuple[int, int]] = frozenset()) -> Iterator[Path]:
    """Regular files under ``folder`` in name order, hidden entries skipped (as ingest does)."""
    try:
        identity = folder.stat()
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError:
        return
    key = (identity.st_dev, identity.st_ino)
    if key in visited:
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        try:
            if entry.is_dir():
                yield from _files_under(Path(entry.path), visited | {key})
            elif entry.is_file():
                yield Path(entry.path)
        except OSError:
            continue


def describe_input(path: Path) -> dict[str, Any]:
    """Size and content hash of one input file or folder."""
    if not path.is_dir():
        return {
            "path": str(path),
            "kind": "file",
            "bytes": path.stat().st_size,
            "sha256": file_sha256(path),
        }
    lines: list[str] = []
    total = 0
    for found in _files_under(path):
        try:
            digest, size = file_sha256(found), found.stat().st_size
        except OSError:  # unreadable: ingest rejected it, and it has no content to hash
            continue
        lines.append(f"{found.relative_to(path).as_posix()}\t{digest}\n")
        total += size
    listing = "".join(sorted(lines)).encode("utf-8")
    return {
        "path": str(path),
        "kind": "folder",
        "files": len(lines),
        "bytes": total,
        "sha256": hashlib.sha256(listing).hexdigest(),
    }


def counts(
    result: RunResult, candidate_pairs: int, candidates: Mapping[str, int] | None = None
) -> dict[str, Any]:
    relations: Counter[str] = Counter(p.relation for p in result.pairs)
    return record_counts(
        result.summary, relations, len(result.families), candidate_pairs, candidates
    )


def record_counts(
    summary: IngestSummary,
    relations: Mapping[str, int],
    families: int,
    candidate_pairs: int,
    candidates: Mapping[str, int] | None = None,
) -> dict[str, Any]:
    """The manifest's counts from the numbers themselves (an engine that never holds the
    run's records in memory counts them as it writes them)."""
    s = summary
    return {
        "read": s.read,
        "kept": s.kept,
        "rejected": s.rejected,
        "warnings": s.warnings,
        "renamed": s.renamed,
        "candidate_pairs": candidate_pairs,
        **({"candidates": dict(candidates)} if candidates is not None else {}),
        "pairs": sum(relations.values()),
        "pairs_by_relation": {r: relations.get(r, 0) for r in RELATIONS},
        "families": families,
    }


def build_manifest(
    *,
    counted: Mapping[str, Any],
    inputs: Sequence[Mapping[str, Any]],
    options: Mapping[str, Any],
    command: Sequence[str] | None,
    started: str,
    seconds: Mapping[str, float],
    outputs: Sequence[str],
) -> dict[str, Any]:
    described = configuration()
    return {
        "format": FORMAT,
        "unspin": __version__,
        "command": list(command) if command is not None else None,
        "started": started,
        "seconds": dict(seconds),
        "options": dict(options),
        "lexicon": lexicon_info(),
        # Same fingerprint, same answers: version, lexicon, hash parameters, thresholds.
        "configuration": {
            "fingerprint": described["fingerprint"],
            "parameters": described["parameters"],
        },
        "inputs": [dict(item) for item in inputs],  # from describe_input
        "counts": dict(counted),  # `counts` of the result, or `record_counts`
        "outputs": sorted([*outputs, MANIFEST]),
    }
