"""A document made ready for candidates and alignment: tokens, sentences, boilerplate."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from unspin.boilerplate import MarkedChars, mark_boilerplate
from unspin.ingest.dates import parse_date_line
from unspin.model import BoilerplateSpan, Document
from unspin.normalize import Tokens, tokenize

# A sentence counts as boilerplate when at least this share of its characters is marked.
# Boilerplate rules mark whole lines, so in practice a sentence is either all in or all out.
BOILERPLATE_SENTENCE_SHARE = 0.5


# Compared by identity: later stages cache per-document work keyed on the object itself.
@dataclass(frozen=True, eq=False)
class Prepared:
    doc: Document
    tokens: Tokens
    boilerplate: tuple[BoilerplateSpan, ...]
    story: tuple[int, ...]  # indices into tokens.sentences of the sentences that are story
    # Semantic mode: one unit-length sentence vector per story sentence, in story order.
    vectors: np.ndarray | None = None

    @property
    def id(self) -> str:
        return self.doc.id

    def story_chars(self) -> int:
        return sum(
            self.tokens.sentences[s].end - self.tokens.sentences[s].start for s in self.story
        )

    def is_title(self, position: int) -> bool:
        """Whether story sentence ``position`` is the document's title line."""
        sentence = self.tokens.sentences[self.story[position]]
        title = self.doc.title
        return bool(title) and self.doc.text[sentence.start : sentence.end] == title

    def story_tokens(self) -> list[int]:
        """Token indices of the story sentences, in order."""
        out: list[int] = []
        for s in self.story:
            sentence = self.tokens.sentences[s]
            out.extend(range(sentence.tok_lo, sentence.tok_hi))
        return out


def prepare(doc: Document, repeated_lines: frozenset[str] = frozenset()) -> Prepared:
    tokens = tokenize(doc.text, doc.lang)
    boilerplate = mark_boilerplate(doc.text, repeated_lines)
    marked = MarkedChars(boilerplate)
    # A line that is only a date is the article's metadata, not its story: two copies dated
    # differently would otherwise show "12 -> 05" as a substitution.
    story = tuple(
        index
        for index, sentence in enumerate(tokens.sentences)
        if sentence.tok_hi > sentence.tok_lo
        and marked(sentence.start, sentence.end)
        < BOILERPLATE_SENTENCE_SHARE * max(1, sentence.end - sentence.start)
        and parse_date_line(doc.text[sentence.start : sentence.end]) is None
    )
    return Prepared(doc, tokens, boilerplate, story)
