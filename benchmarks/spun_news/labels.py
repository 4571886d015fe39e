"""What the generator knows about each document, and how it is written and read back.

Every character of a derived document is either copied (possibly edited) from a source of
the corpus (a ``Segment``), host text from a BBC article kept out of the corpus, spliced-in
unrelated text, boilerplate, or new glue (a changed headline).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

# Transformations of derived documents, in table order. "source" and "distractor" documents
# are original BBC articles and have no transformation.
TRANSFORMATIONS = (
    "verbatim",
    "excerpt",
    "spun20",
    "spun40",
    "spun60",
    "restructured",
    "compilation",
    "wrapped",
)
# A derived document joins the family of a source that supplies at least this share of its
# story (non-boilerplate) characters: it is then a version of that article, not a user of a
# few of its paragraphs.
FAMILY_MIN_SHARE = 0.5


@dataclass(frozen=True)
class Segment:
    """``[start:end]`` of the derived document came from ``[src_start:src_end]`` of ``source``."""

    source: str
    src_start: int
    src_end: int
    start: int
    end: int


@dataclass(frozen=True)
class Mark:
    """A labelled span that is not reuse of a corpus source: host text, splice, boilerplate."""

    start: int
    end: int
    kind: str  # host | spliced | headline | related_link, caption, author_bio, ...
    origin: str | None = None  # the BBC article it was taken from, when it was


@dataclass
class Label:
    id: str
    role: str  # source | distractor | derived
    category: str
    transformation: str | None = None
    origins: list[str] = field(default_factory=list)  # BBC article ids whose text is inside
    segments: list[Segment] = field(default_factory=list)
    marks: list[Mark] = field(default_factory=list)
    spin_rate: float | None = None  # achieved share of content words replaced

    @property
    def sources(self) -> list[str]:
        return sorted({s.source for s in self.segments})

    def chars_from(self, source: str) -> int:
        return sum(s.end - s.start for s in self.segments if s.source == source)

    @property
    def main_source(self) -> str | None:
        sources = self.sources
        return max(sources, key=lambda s: (self.chars_from(s), s)) if sources else None

    def boilerplate(self) -> list[Mark]:
        return [m for m in self.marks if m.kind not in ("host", "spliced", "headline")]

    def inserted(self) -> list[tuple[int, int]]:
        """Spans its main source does not explain: other sources' text and splices."""
        main = self.main_source
        spans = [(s.start, s.end) for s in self.segments if s.source != main]
        return spans + [(m.start, m.end) for m in self.marks if m.kind == "spliced"]

    def family_source(self, text_length: int) -> str | None:
        main = self.main_source
        story = text_length - sum(m.end - m.start for m in self.boilerplate())
        if main is None or story <= 0:
            return None
        return main if self.chars_from(main) >= FAMILY_MIN_SHARE * story else None


@dataclass(frozen=True)
class CorpusRecord:
    id: str
    text: str
    title: str | None
    site: str | None
    date: str | None


def write_jsonl(path: Path, rows: Iterable[dict[str, object]]) -> None:
    with path.open("w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")


def read_jsonl(path: Path) -> Iterator[dict[str, object]]:
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                yield json.loads(line)


def label_to_json(label: Label) -> dict[str, object]:
    return asdict(label)


def label_from_json(row: dict[str, object]) -> Label:
    data = dict(row)
    segments = [Segment(**s) for s in data.pop("segments", [])]  # type: ignore[attr-defined]
    marks = [Mark(**m) for m in data.pop("marks", [])]  # type: ignore[attr-defined]
    return Label(segments=segments, marks=marks, **data)  # type: ignore[arg-type]


def read_labels(path: Path) -> dict[str, Label]:
    return {str(row["id"]): label_from_json(row) for row in read_jsonl(path)}


def read_texts(path: Path) -> dict[str, str]:
    return {str(row["id"]): str(row["text"]) for row in read_jsonl(path)}
