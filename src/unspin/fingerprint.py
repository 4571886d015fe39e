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
    "unspin.align",
    "unspin.align.sentences",
    "unspin.align.tokens",
    "unspin.align.cleanup",
    "unspin.align.runs",
    "unspin.copied_words",
    "unspin.relate",
)


def _constants(module_name: str) -> dict[str, Any]:
    module = importlib.import_module(module_name)
    return {
        name: value
        for name, value in sorted(vars(module).items())
        if name.isupper() and isinstance(value, int | float | str | bool)
    }


def _lexicon() -> dict[str, Any]:
    from unspin.lexicon import wordnet_source

    source = wordnet_source()
    if source is None:
        return {"wordnet": None}
    return {"wordnet": source.name, "sha256": _file_sha256(source) if source.is_file() else None}


@lru_cache(maxsize=8)
def _file_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def configuration() -> dict[str, Any]:
    """Everything the fingerprint covers, with the fingerprint itself (``"fingerprint"``)."""
    described: dict[str, Any] = {
        "unspin": __version__,
        "lexicon": _lexicon(),
        "parameters": {name: _constants(name) for name in MODULES},
    }
    canonical = json.dumps(described, sort_keys=True, separators=(",", ":"))
    described["fingerprint"] = "sha256:" + hashlib.sha256(canonical.encode()).hexdigest()[:16]
    return described


def fingerprint() -> str:
    value: str = configuration()["fingerprint"]
    return value
