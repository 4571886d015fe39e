"""Passages: linked sentences that follow each other on both sides become one passage."""

from __future__ import annotations

from tests.stories import DOCK_STRIKE

from unspin.api import compare_documents
from unspin.model import Document, PairResult

SENTENCES = [
    "Dock workers at the port of Valmera walked off the job on Monday.",
    "The strike halted the loading of container ships bound for the north.",
    "I still believe in him, the union leader said of the port director.",
    "About 4,200 members joined the strike after talks collapsed on Sunday.",
    "The union is demanding guarantees that no jobs will be cut next year.",
]
# What a heavy spinner makes of the middle sentence: nothing left to link it by.
MANGLED = "I stillness trust successful him, the lodge chief aforesaid of the embrasure head."


def only_pair(a: str, b: str, titles: tuple[str | None, str | None] = (None, None)) -> PairResult:
    docs = Document("a", a, title=titles[0]), Document("b", b, title=titles[1])
    (pair,) = compare_documents(*docs).pairs
    return pair


def test_a_passage_runs_on_over_one_sentence_spun_past_recognition() -> None:
    copy = [*SENTENCES[:2], MANGLED, *SENTENCES[3:]]
    pair = only_pair(" ".join(SENTENCES), " ".join(copy))
    (passage,) = pair.passages
    assert (passage.a_start, passage.b_start) == (0, 0)
    assert (passage.a_end, passage.b_end) == (len(" ".join(SENTENCES)), len(" ".join(copy)))
    assert pair.coverage_a == pair.coverage_b == 1.0


def test_two_unlinked_sentences_split_the_passage() -> None:
    other = "Shares in shipping companies fell sharply in early trading in Frankfurt."
    copy = [*SENTENCES[:2], MANGLED, other, *SENTENCES[3:]]
    source = [
        *SENTENCES[:2],
        SENTENCES[2],
        "Critics praised the brass section of the hall.",
        *SENTENCES[3:],
    ]
    pair = only_pair(" ".join(source), " ".join(copy))
    assert len(pair.passages) == 2


def test_a_headline_is_not_joined_to_the_story_across_a_gap() -> None:
    wire = "Dockers strike at Valmera\n\n2021-03-01\n\n" + "\n\n".join(DOCK_STRIKE)
    farm = "Valmera port strike\n\nMarch 2, 2021\n\n" + "\n\n".join(DOCK_STRIKE)
    pair = only_pair(wire, farm, ("Dockers strike at Valmera", "Valmera port strike"))
    body = wire.index(DOCK_STRIKE[0])
    assert any(p.a_start == body for p in pair.passages)
