"""The pairs of an earlier `unspin scan` of the same inputs, for `unspin dedup --pairs DIR`.

A scan of a large corpus is the expensive part of a dedup; a corpus already scanned need not
be scanned again. The scan's folder is used only when its manifest shows that it read the
very same inputs (the same files, by content hash: paths may differ) with the same
configuration (the fingerprint: version, lexicon and every threshold); otherwise the pairs
might not be those this dedup would find, and it stops with a line saying why.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from unspin.errors import InputNotFoundError, UsageError
from unspin.fingerprint import configuration
from unspin.model import Document, PairResult
from unspin.report.jsonl import pair_from_record
from unspin.report.manifest import MANIFEST, describe_input

PAIRS = "pairs.jsonl"


def scanned_pairs(
    folder: Path, inputs: Sequence[Path], documents: Mapping[str, Document]
) -> list[PairResult]:
    """The pairs ``folder``'s scan found, once its manifest matches ``inputs``."""
    manifest = _manifest(folder)
    fix = f"Fix: run dedup without --pairs, or scan these inputs into {folder} first."
    wanted = configuration()["fingerprint"]
    found = manifest.get("configuration", {}).get("fingerprint")
    if found != wanted:
        raise UsageError(
            f"the scan in {folder} was made with another configuration (fingerprint "
            f"{str(found)[:12]}, this unspin's is {wanted[:12]}): its pairs may differ. {fix}"
        )
    if _contents(manifest.get("inputs", [])) != _contents(describe_input(p) for p in inputs):
        raise UsageError(f"the scan in {folder} read other inputs than these. {fix}")
    pairs: list[PairResult] = []
    with (folder / PAIRS).open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            pair = pair_from_record(json.loads(line))
            if pair.a not in documents or pair.b not in documents:
                raise UsageError(
                    f"{folder / PAIRS}:{number} pairs {pair.a!r} and {pair.b!r}, and this "
                    f"corpus has no such document. {fix}"
                )
            pairs.append(pair)
    return pairs


def _manifest(folder: Path) -> dict[str, Any]:
    path = folder / MANIFEST
    if not path.is_file() or not (folder / PAIRS).is_file():
        raise InputNotFoundError(
            f"--pairs {folder} is not the output folder of a finished scan (no {MANIFEST} "
            f"and {PAIRS} in it). Fix: pass the --out folder of `unspin scan` of these inputs."
        )
    try:
        loaded: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise UsageError(f"{path} cannot be read as a scan manifest: {error}") from error
    return loaded


def _contents(described: Any) -> Counter[tuple[str, str]]:
    """The inputs as a multiset of (kind, content hash): where they lie does not matter."""
    return Counter((str(item.get("kind")), str(item.get("sha256"))) for item in described)
