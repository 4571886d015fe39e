"""`unspin serve`: a JSON API over an index and the page a fact-checker uses it from.

The page (`static/`) is plain HTML, CSS and JavaScript shipped in the package: it loads
nothing from the network. Needs the web extra: ``pip install "unspin[web]"``.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from unspin.errors import MissingExtraError

if TYPE_CHECKING:
    from fastapi import FastAPI

__all__ = ["create_app"]


def _require_web() -> None:
    try:
        import fastapi  # noqa: F401
        import uvicorn  # noqa: F401
    except ImportError as err:
        raise MissingExtraError("unspin serve", "web", err.name or "fastapi") from err


def create_app(db: str | os.PathLike[str], *, max_body: int | None = None) -> FastAPI:
    """The application serving the index file ``db`` (which must exist)."""
    _require_web()
    from unspin.align import compile_now
    from unspin.web.app import MAX_BODY_BYTES, build_app

    compile_now()  # the first trace would otherwise load the compiled loops (~0.3 s)
    return build_app(db, max_body=max_body or MAX_BODY_BYTES)
