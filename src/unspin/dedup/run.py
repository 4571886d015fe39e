"""`unspin dedup`: scan the corpus, choose what to remove, write the rest in its own format.

Beside the output go ``removed.jsonl`` (each removed document, the one kept in its place,
the relation and score of the pair that ties them) and ``rejects.jsonl`` (the records that
are not documents, with their reasons). Every document read is written or removed, every
record is one of those or a reject: kept + removed + rejected = read, checked before the
run ends. A folder output is built beside its final place and renamed into it whole, so it
never holds half a run.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from unspin.dedup.choose import DEFAULT_RELATIONS, Keep, Removal, choose_removals
from unspin.dedup.scanned import scanned_pairs
from unspin.dedup.write import Target, targets, write_kept
from unspin.engines import get_engine
from unspin.errors import UnspinError, UnwritableOutputError, UsageError
from unspin.ingest import read_corpus
from unspin.ingest.paths import Input, check_inputs
from unspin.ingest.source import WHOLE_FILE
from unspin.lexicon import wordnet
from unspin.model import Document, IngestSummary, Relation
from unspin.progress import NoProgress, Progress
from unspin.report.files import check_writable_file, umask, write_jsonl
from unspin.report.jsonl import reject_record

REMOVED = "removed.jsonl"
REJECTS = "rejects.jsonl"


class CountMismatchError(UnspinError):
    """What was written does not add up to what was read: a bug, never silently passed."""


@dataclass(frozen=True)
class Deduped:
    """What one dedup did."""

    out: Path
    removed_file: Path
    rejects_file: Path
    summary: IngestSummary  # read, kept (as documents), rejected
    removals: tuple[Removal, ...]
    written: int  # documents written to ``out``
    seconds: float

    @property
    def kept(self) -> int:
        return self.written


def dedup(
    inputs: Sequence[str | os.PathLike[str]],
    out: str | os.PathLike[str],
    *,
    keep: Keep = "original",
    relations: Sequence[Relation] = DEFAULT_RELATIONS,
    workers: int | None = None,
    progress: Progress | None = None,
    pairs_from: str | os.PathLike[str] | None = None,
) -> Deduped:
    """Write ``inputs`` without their copies to ``out`` (a file for one input file, else a
    folder); see the module notes. With ``pairs_from``, the output folder of a scan of the
    same inputs, its pairs are used instead of scanning again (`unspin.dedup.scanned`)."""
    started = time.monotonic()
    progress = progress or NoProgress()
    checked = check_inputs(inputs)
    destination = Path(out)
    _check_destination(checked, destination)
    planned = targets(checked, destination)
    removed_file, rejects_file = destination.parent / REMOVED, destination.parent / REJECTS
    check_writable_file(removed_file, "removed.jsonl")

    documents, rejects, summary = read_corpus(inputs, progress=progress)
    by_id = {d.id: d for d in documents}
    if pairs_from is not None:
        pairs = scanned_pairs(Path(pairs_from), [Path(i) for i in inputs], by_id)
    else:
        wordnet()
        engine = get_engine("local", workers, semantic=False, all_pairs=False, checkpoint=None)
        pairs = list(engine.run(documents, progress).pairs)
    removals = tuple(choose_removals(by_id, pairs, keep=keep, relations=relations))
    removed = {r.id for r in removals}
    kept = _kept_positions([d for d in documents if d.id not in removed], planned)

    progress.start("write", len(planned) + 2)
    written = _write_all(planned, kept, destination, is_file=_single_file(checked))
    progress.advance(len(planned))
    write_jsonl(removed_file, (_removal_record(r) for r in removals))
    write_jsonl(rejects_file, (reject_record(r) for r in rejects))
    progress.advance(2)
    if written + len(removals) != summary.kept:
        raise CountMismatchError(
            f"dedup wrote {written} documents and removed {len(removals)}, but {summary.kept} "
            "were read: please report this as a bug"
        )
    seconds = round(time.monotonic() - started, 3)
    return Deduped(destination, removed_file, rejects_file, summary, removals, written, seconds)


def _single_file(checked: list[Input]) -> bool:
    return len(checked) == 1 and not checked[0].is_folder


def _check_destination(checked: list[Input], out: Path) -> None:
    """The output must not be, or lie inside, an input, nor hold an earlier folder's files."""
    target = Path(os.path.abspath(out))
    for item in checked:
        source = Path(os.path.abspath(item.path))
        if target == source or (item.is_folder and source in target.parents):
            raise UsageError(
                f"--out {out} is inside the input {item.path}: the next read of that input "
                "would take it in. Fix: write the deduplicated corpus somewhere else."
            )
    if _single_file(checked):
        check_writable_file(out, "--out")
        return
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise UnwritableOutputError(
            f"--out {out} already exists and is not an empty folder; a folder output is "
            "written whole. Fix: remove it, or pass a new folder."
        )


def _kept_positions(kept: list[Document], planned: list[Target]) -> dict[str, set[str]]:
    """For each input file's label, the positions of its records that are kept."""
    labels = {str(t.source) for t in planned}
    positions: dict[str, set[str]] = defaultdict(set)
    for doc in kept:
        origin = doc.origin or ""
        if origin in labels:
            positions[origin].add(WHOLE_FILE)
            continue
        label, _, position = origin.rpartition(":")  # positions hold no ':' ("12", "row 3")
        positions[label].add(position)
    return positions


def _write_all(planned: list[Target], kept: dict[str, set[str]], out: Path, is_file: bool) -> int:
    if is_file:
        return sum(write_kept(t, kept) for t in planned)
    out.parent.mkdir(parents=True, exist_ok=True)
    building = Path(tempfile.mkdtemp(dir=out.parent, prefix=f".{out.name}.", suffix=".tmp"))
    building.chmod(0o777 & ~umask())  # mkdtemp's 0700 is for the folder being built only
    try:
        written = 0
        for target in planned:
            inside = building / target.out.relative_to(out)
            written += write_kept(Target(target.source, target.extension, inside), kept)
        if out.exists():
            out.rmdir()  # empty: checked before the run
        os.replace(building, out)
    except BaseException:
        shutil.rmtree(building, ignore_errors=True)
        raise
    return written


def _removal_record(removal: Removal) -> dict[str, object]:
    record = asdict(removal)
    if record["via"] is None:
        del record["via"]
    return record
