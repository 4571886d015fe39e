"""What self-contained pages take from the web page: its assets, read from the package, and
data embedded as JSON that no text inside can break out of."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

STATIC = Path(__file__).resolve().parents[1] / "web" / "static"


@cache
def asset(name: str) -> str:
    """The text of one of the page's files (``app.js``, ``graph.js``, ``app.css``)."""
    return (STATIC / name).read_text(encoding="utf-8")


def script_json(value: object) -> str:
    """``value`` as JSON that can sit inside a <script> element: no ``<``, ``>`` or ``&``
    appears as such, so no text in it can close the element or open a comment."""
    encoded = json.dumps(value, ensure_ascii=False)
    return encoded.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
