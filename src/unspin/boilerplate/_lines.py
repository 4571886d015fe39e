"""Cut a document into lines, keeping offsets into the unchanged text."""

from __future__ import annotations

from itertools import accumulate
from typing import NamedTuple


class Line(NamedTuple):
    """One line: `text` is the line without surrounding whitespace, `text == doc[start:end]`.

    A blank line has `text == ""` and `start == end`; it is kept because blank lines are
    what separate blocks (a bio follows its header up to the next blank-line block).
    """

    start: int
    end: int
    text: str


def split_lines(doc: str) -> list[Line]:
    """Lines as str.splitlines() cuts them.

    splitlines() breaks on "\\r" and the Unicode line separators too, so old Mac text does
    not become one giant line; every break character is whitespace to str.strip(), so the
    kept ends never reach into the next line. Both run in C, which is what makes a
    multi-megabyte document cheap.
    """
    raws = doc.splitlines(keepends=True)
    lines: list[Line] = []
    append = lines.append
    for begin, raw in zip(accumulate(map(len, raws), initial=0), raws, strict=False):
        text = raw.strip()
        if text:
            start = begin + len(raw) - len(raw.lstrip())
            append(Line(start, start + len(text), text))
        else:
            append(Line(begin, begin, ""))
    return lines
