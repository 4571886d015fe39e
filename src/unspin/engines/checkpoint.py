"""Alignment that survives a stopped run: each aligned pair is appended to a checkpoint file
as it is found, and a run of the same corpus and configuration starts from what it holds.

Alignment is nearly all of a scan's time, so it is the stage worth resuming (passim's stages
are resumable the same way). The file belongs to one run's input: its first line holds a key
made of the configuration fingerprint, the run's options, every document's id and content,
and the candidate pairs; a file with another key is started afresh. A line cut short by a
kill is ignored. `unspin.api.scan` removes the file once every output is written.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import fields
from pathlib import Path
from typing import IO, Any

from unspin.candidates import IdPair
from unspin.model import PairResult, Passage
from unspin.relate import PairEvidence

CHECKPOINT = ".unspin-aligned.jsonl"


def run_key(parts: Iterable[str]) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
    return digest.hexdigest()


def evidence_record(item: PairEvidence) -> dict[str, Any]:
    # What `dataclasses.asdict` gives, built field by field: asdict copies every value
    # deeply, which was 8% of a scan on the speed benchmark's corpus (pyinstrument).
    result = {f.name: getattr(item.result, f.name) for f in fields(PairResult)}
    result["passages"] = [
        {f.name: getattr(passage, f.name) for f in fields(Passage)}
        for passage in item.result.passages
    ]
    return {
        "result": result,
        "a_covered": sorted(item.a_covered),
        "b_covered": sorted(item.b_covered),
    }


def evidence_from(record: Mapping[str, Any]) -> PairEvidence:
    return PairEvidence(
        PairResult.from_fields(record["result"]),
        frozenset(record["a_covered"]),
        frozenset(record["b_covered"]),
    )


class AlignCheckpoint:
    """Pairs aligned so far for one run, read back and appended to."""

    def __init__(self, path: Path, key: str) -> None:
        self.path = path
        self.key = key
        self._out: IO[str] | None = None

    def load(self) -> dict[IdPair, PairEvidence | None]:
        """What an earlier run with the same key aligned (nothing for another key)."""
        if not self.path.is_file():
            return {}
        done: dict[IdPair, PairEvidence | None] = {}
        with self.path.open(encoding="utf-8") as lines:
            header = _parsed(next(lines, ""))
            if header is None or header.get("key") != self.key:
                return {}
            for line in lines:
                record = _parsed(line)
                if record is None:
                    continue  # cut short when the earlier run was killed
                found = record["found"]
                done[(record["a"], record["b"])] = evidence_from(found) if found else None
        return done

    def start(self, done: Mapping[IdPair, PairEvidence | None]) -> None:
        """Rewrite the file with ``done`` and keep it open for the pairs to come."""
        out = self.path.open("w", encoding="utf-8")
        out.write(json.dumps({"key": self.key}) + "\n")
        for pair, found in done.items():
            out.write(_line(pair, found))
        out.flush()
        self._out = out

    def record(self, pair: IdPair, found: PairEvidence | None) -> None:
        assert self._out is not None, "start() the checkpoint before recording"
        self._out.write(_line(pair, found))
        self._out.flush()  # a kill loses at most the pair being written

    def close(self) -> None:
        if self._out is not None:
            self._out.close()
            self._out = None


def pairs_key(pairs: Sequence[IdPair]) -> str:
    return run_key(f"{a}\t{b}" for a, b in pairs)


def _line(pair: IdPair, found: PairEvidence | None) -> str:
    record = {"a": pair[0], "b": pair[1], "found": evidence_record(found) if found else None}
    return json.dumps(record, ensure_ascii=False) + "\n"


def _parsed(line: str) -> dict[str, Any] | None:
    if not line.endswith("\n"):
        return None
    try:
        value = json.loads(line)
    except json.JSONDecodeError:
        return None
    return value if isinstance(value, dict) else None
