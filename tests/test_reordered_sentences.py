"""A copy that reorders sentences inside a paragraph is one passage (issue 9, PAN 2013's
random obfuscation); paragraphs moved about stay passages of their own (tests/test_relate)."""

from __future__ import annotations

from tests.stories import DOCK_STRIKE, ORCHESTRA

from unspin.api import compare_documents
from unspin.model import Document


def test_sentences_reordered_inside_a_paragraph_come_back_as_one_passage() -> None:
    first, second = DOCK_STRIKE[1].split(". The union ")
    paragraph = f"{first}. The union {second}"
    reordered = f"The union {second} {first}."
    source = "\n\n".join([DOCK_STRIKE[0], paragraph, ORCHESTRA])
    copy = "\n\n".join([ORCHESTRA.split("\n\n")[0], reordered, DOCK_STRIKE[3]])
    result = compare_documents(Document("source", source), Document("copy", copy))
    (pair,) = result.pairs
    inside = [
        p
        for p in pair.passages
        if copy.index(reordered) <= p.b_start < copy.index(reordered) + len(reordered)
    ]
    assert len(inside) == 1, inside
    assert (inside[0].b_start, inside[0].b_end) == (
        copy.index(reordered),
        copy.index(reordered) + len(reordered),
    )
