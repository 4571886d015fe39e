"""Cut a document into lines, keeping what is needed to map a line back to offsets."""

from __future__ import annotations

from itertools import accumulate
from typing import NamedTuple


class Lines(NamedTuple):
    """The lines of a document as str.splitlines() cuts them.

    splitlines() also breaks on "\\r" and the Unicode line separators, so old Mac text does
    not become one giant line, and every break character is whitespace to str.strip(), so a
    stripped line never reaches into the next. `texts[i]` is line i without surrounding
    whitespace ("" for a blank line: blank lines separate blocks, so they are kept).
    Offsets are only worked out (`span`) for the few lines that get marked, which keeps a
    document of half a million short lines cheap.
    """

    texts: list[str]
    raws: list[str]
    begins: list[int]

    def span(self, i: int) -> tuple[int, int]:
        """Offsets of line i's stripped text in the document."""
        raw = self.raws[i]
        start = self.begins[i] + len(raw) - len(raw.lstrip())
        return start, start + len(self.texts[i])


def split_lines(doc: str) -> Lines:
    raws = doc.splitlines(keepends=True)
    return Lines([raw.strip() for raw in raws], raws, list(accumulate(map(len, raws), initial=0)))


def block_after(texts: list[str], i: int, max_lines: int, max_chars: int) -> list[int]:
    """The lines of the block that follows line ``i`` of ``texts`` (stripped lines): the rest
    of line i's own block, or the next block when blank lines come right after it. Empty
    when that block is longer than ``max_lines`` lines or ``max_chars`` characters."""
    j = i + 1
    while j < len(texts) and not texts[j]:
        j += 1
    block: list[int] = []
    # One line past the limit is enough to know the block is too long; a page without blank
    # lines would otherwise be walked to its end for every header.
    while j < len(texts) and texts[j] and len(block) <= max_lines:
        block.append(j)
        j += 1
    fits = 0 < len(block) <= max_lines and sum(len(texts[k]) for k in block) <= max_chars
    return block if fits else []
