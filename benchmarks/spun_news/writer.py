"""Builds a derived document piece by piece, recording where every piece came from."""

from __future__ import annotations

from benchmarks.spun_news.labels import Mark, Segment


class DocWriter:
    def __init__(self) -> None:
        self._parts: list[str] = []
        self._length = 0
        self.segments: list[Segment] = []
        self.marks: list[Mark] = []

    def _append(self, text: str) -> tuple[int, int]:
        start = self._length
        self._parts.append(text)
        self._length += len(text)
        return start, self._length

    def glue(self, text: str) -> None:
        """Separators and other text that belongs to no label (spaces, blank lines)."""
        self._append(text)

    def copy(self, text: str, source: str, src_span: tuple[int, int]) -> None:
        """``text`` is the (possibly edited) copy of ``src_span`` of corpus document ``source``."""
        start, end = self._append(text)
        self.segments.append(Segment(source, src_span[0], src_span[1], start, end))

    def mark(self, text: str, kind: str, origin: str | None = None) -> None:
        start, end = self._append(text)
        self.marks.append(Mark(start, end, kind, origin))

    @property
    def empty(self) -> bool:
        return self._length == 0

    def text(self) -> str:
        return "".join(self._parts)
