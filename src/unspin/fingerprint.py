"""The configuration fingerprint: what decides a run's answers, as one comparable value.

Two outputs (or an output and an index) with the same fingerprint were made by the same
unspin version, the same lexicon, the same hash parameters and the same tuned thresholds, so
their pairs can be compared or merged. The parameters are read from the modules' named
constants (every tuned threshold is one, by the project's rules), so a changed threshold
changes the fingerprint without anyone remembering to list it.
"""

from __future__ import annotations

import hashlib
import importlib
import importlib.metadata
import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from unspin import __version__

# The modules whose constants shape candidates, alignment, relations and boilerplate.
MODULES = (
    "unspin.index.hashing",
    "unspin.index.features",
    "unspin.index.lexical",
    "unspin.candidates",
    "unspin.prepare",
    "unspin.boilerplate.repeated",
    "unspin.boilerplate.shapes",
    "unspin.boilerplate._persona",
    "unspin.boilerplate._links",
    "unspin.boilerplate._profiles",
    "unspin.boilerplate.marker",
    "unspin.align",
    "unspin.align.sentences",
    "unspin.align.word_match",
    "unspin.align.tokens",
    "unspin.align.cleanup",
    "unspin.align.runs",
    "unspin.copied_words",
    "unspin.relate",
    "unspin.direction",
)


def _constants(module_name: str) -> dict[str, Any]:
    module = importlib.import_module(module_name)
    return {
        name: value
        for name, value in sorted(vars(module).items())
        if name.isupper() and isinstance(value, int | float | str | bool)
    }


def _version_of(package: str) -> str | None:
    try:
        return importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:
        return None


def file_sha256(path: Path) -> str:
    with path.open("rb") as data:
        return hashlib.file_digest(data, "sha256").hexdigest()


# The lexicon is package data (or a file UNSPIN_WORDNET names): hashed once a process.
_lexicon_sha256 = lru_cache(maxsize=8)(file_sha256)


def lexicon_info() -> dict[str, Any]:
    """The synonym lexicon this process uses: WordNet 3.0 from the table shipped with unspin,
    a table or dict folder named by ``UNSPIN_WORDNET``, or none (synonyms off).

    Reads only what `unspin.lexicon` exposes, and tolerates its older forms (a dict folder
    reader with a ``root``); a table file is identified by its SHA-256.
    """
    from unspin import lexicon

    loaded = lexicon.wordnet()
    info: dict[str, Any] = {"name": "WordNet 3.0", "synonyms": loaded is not None}
    where = getattr(lexicon, "wordnet_source", None)
    source = where() if callable(where) else getattr(loaded, "root", None)
    if loaded is None or source is None:
        info["source"] = None
        return info
    path = Path(source)
    shipped = getattr(lexicon, "SHIPPED_TABLE", None)
    info["source"] = "shipped table" if shipped is not None and path == Path(shipped) else "path"
    info["path"] = str(path)
    if path.is_file():
        info["sha256"] = _lexicon_sha256(path)
    return info


def configuration() -> dict[str, Any]:
    """Everything the fingerprint covers, with the fingerprint itself (``"fingerprint"``)."""
    described: dict[str, Any] = {
        "unspin": __version__,
        # Where the lexicon lies differs from machine to machine; what it holds does not.
        "lexicon": {k: v for k, v in lexicon_info().items() if k != "path"},
        "parameters": {name: _constants(name) for name in MODULES},
        # Word frequencies decide the spin signal of direction (`unspin.direction`).
        "wordfreq": _version_of("wordfreq"),
    }
    canonical = json.dumps(described, sort_keys=True, separators=(",", ":"))
    described["fingerprint"] = "sha256:" + hashlib.sha256(canonical.encode()).hexdigest()[:16]
    return described


def fingerprint() -> str:
    value: str = configuration()["fingerprint"]
    return value
