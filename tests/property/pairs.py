"""Strategies for related documents: a story and the copies, rewrites and splices of it."""

from __future__ import annotations

from hypothesis import strategies as st
from texts import BOILERPLATE_LINES, sentence, story

from unspin.model import Document

# Spinner-style swaps, each a WordNet synonym pair so that alignment can see through them.
SWAPS = {
    "said": "stated",
    "warned": "cautioned",
    "rose": "increased",
    "halted": "stopped",
    "large": "big",
    "talks": "negotiations",
    "strike": "walkout",
    "agreement": "accord",
    "alliance": "union",
    "doctors": "physicians",
}


@st.composite
def rewrite(draw: st.DrawFn, text: str) -> str:
    """``text`` with some of: synonym swaps, a dropped or added sentence, a boilerplate line,
    a spliced paragraph, paragraphs reordered."""
    paragraphs = text.split("\n\n")
    if len(paragraphs) > 1 and draw(st.booleans()):
        paragraphs = draw(st.permutations(paragraphs))
    if draw(st.booleans()):
        paragraphs.insert(draw(st.integers(0, len(paragraphs))), draw(sentence(8, 14)))
    if draw(st.booleans()):
        paragraphs.append(draw(st.sampled_from(BOILERPLATE_LINES)))
    out = "\n\n".join(paragraphs)
    if draw(st.booleans()):
        for old, new in SWAPS.items():
            if draw(st.booleans()):
                out = out.replace(f" {old} ", f" {new} ")
    return out


DATES = st.sampled_from([None, "2021-03-01", "2021-03-02", "2021-03-03"])


@st.composite
def related_pair(draw: st.DrawFn) -> tuple[Document, Document]:
    source = draw(story(4, 10))
    derived = draw(rewrite(source))
    return (
        Document("a", source, date=draw(DATES)),
        Document("b", derived, date=draw(DATES)),
    )


@st.composite
def corpus(draw: st.DrawFn) -> list[Document]:
    """A few stories, each with copies and rewrites, plus unrelated articles; unique ids."""
    documents: list[Document] = []
    for n in range(draw(st.integers(1, 3))):
        source = draw(story(4, 8))
        documents.append(Document(f"s{n}", source, site=f"site{n}.example", date=draw(DATES)))
        for k in range(draw(st.integers(1, 4))):
            text = source if draw(st.booleans()) else draw(rewrite(source))
            site = draw(st.sampled_from(["farm.example", "copy.example", None]))
            documents.append(Document(f"s{n}c{k}", text, site=site, date=draw(DATES)))
    for n in range(draw(st.integers(0, 2))):
        documents.append(Document(f"u{n}", draw(story(3, 6))))
    return documents
