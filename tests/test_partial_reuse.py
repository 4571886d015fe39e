"""Partial reuse is reuse (issue 9): one copied paragraph inside a long page is a pair.

A fact-checker's most common case is one wire paragraph pasted into a long page about
something else: a small share of both sides, but copied word for word. And the passages
of a pair are the copying, in one piece, without stray topical links around it.
"""

from __future__ import annotations

import random

from tests.stories import DOCK_STRIKE, HEART_STUDY, ORCHESTRA

from unspin.api import compare_documents
from unspin.model import Document, PairResult

WIRE = "\n\n".join(DOCK_STRIKE)
COPIED = DOCK_STRIKE[1]

# A long page on other subjects, numbered so that no two of its paragraphs are alike.
OTHER_NEWS = [
    f"In other news number {n}, the {town} council met on {day} to discuss the {topic} and "
    f"agreed to publish a report on it before the {season} recess."
    for n, (town, day, topic, season) in enumerate(
        (town, day, topic, season)
        for town in ("Arlen", "Brisa", "Corvo", "Dunmore")
        for day, topic, season in (
            ("Tuesday", "library budget", "summer"),
            ("Thursday", "bus timetable", "winter"),
            ("Friday", "school meals", "spring"),
        )
    )
]
LONG_PAGE = "\n\n".join([*OTHER_NEWS[:6], ORCHESTRA, COPIED, HEART_STUDY, *OTHER_NEWS[6:]])


def made_up_paragraphs(seed: int, count: int) -> list[str]:
    """Paragraphs of made-up words, different for each seed: text that shares nothing."""
    rng = random.Random(seed)
    syllables = ["ka", "lo", "mi", "ver", "tas", "nu", "rel", "po", "sin", "da", "ju", "mek"]

    def word() -> str:
        return "".join(rng.choice(syllables) for _ in range(rng.randint(2, 4)))

    return [
        " ".join(
            " ".join(word() for _ in range(rng.randint(8, 14))).capitalize() + "." for _ in range(3)
        )
        for _ in range(count)
    ]


def only_pair(a: str, b: str) -> PairResult:
    result = compare_documents(Document("wire", a), Document("page", b))
    assert len(result.pairs) == 1, result.pairs
    return result.pairs[0]


def test_one_copied_paragraph_in_a_long_page_is_a_partial_pair() -> None:
    pair = only_pair(WIRE, LONG_PAGE)
    assert pair.relation == "partial"
    assert pair.coverage_b < 0.12  # under the share a pair needed before
    (passage,) = [p for p in pair.passages if p.kind == "verbatim"]
    assert LONG_PAGE[passage.b_start : passage.b_end] == COPIED


def test_a_copy_with_a_sentence_rewritten_in_two_comes_back_as_one_passage() -> None:
    # The copier replaced one sentence of the copied stretch by two of about its length.
    rewritten = DOCK_STRIKE[2].replace(
        "Port director Anneli Kask said the authority had offered to retrain every crane "
        "operator and called the walkout irresponsible.",
        "Talks resumed briefly on Sunday evening in the city. No deal was reached, and "
        "officials left at once without a word.",
    )
    page = "\n\n".join([*OTHER_NEWS[:6], DOCK_STRIKE[1], rewritten, *OTHER_NEWS[6:]])
    pair = only_pair(WIRE, page)
    (passage,) = pair.passages
    assert page[passage.b_start : passage.b_end] == DOCK_STRIKE[1] + "\n\n" + rewritten


def test_a_sentence_added_on_one_side_keeps_the_passages_apart() -> None:
    spliced = COPIED.replace(
        "collapsed late on Sunday. The union",
        "collapsed late on Sunday. " + HEART_STUDY + " The union",
    )
    pair = only_pair(WIRE, LONG_PAGE.replace(COPIED, spliced))
    page = LONG_PAGE.replace(COPIED, spliced)
    assert not any(HEART_STUDY in page[p.b_start : p.b_end] for p in pair.passages), (
        "a splice must stay outside the passages, so it can be reported as inserted"
    )


def test_a_lone_topical_link_far_from_the_copy_is_not_a_passage() -> None:
    # Pages away from the copied paragraph, one sentence of the wire story in other words.
    topical = "Within a week, warned importers, the continuing strike could leave shelves empty."
    page = "\n\n".join([topical, *OTHER_NEWS[:8], COPIED, *OTHER_NEWS[8:]])
    pair = only_pair(WIRE, page)
    assert [p.kind for p in pair.passages] == ["verbatim"]


def test_a_copy_that_joins_a_list_into_one_line_is_aligned_as_verbatim() -> None:
    # The source lists its services one per line; the copy runs them into one sentence.
    items = [
        "Working with law firms providing consultation services",
        "Expert witness testimony for courts in the northern provinces",
        "High quality uncompromising appraisal services for every kind of property",
        "Our chief appraiser holds the senior designation of the national institute",
    ]
    source = "Valuation services\n\n" + "\n".join(items) + "\n\n" + ORCHESTRA
    copy = "\n\n".join([*OTHER_NEWS[:5], " ".join(items) + ".", *OTHER_NEWS[5:]])
    pair = only_pair(source, copy)
    copied = [p for p in pair.passages if p.kind == "verbatim"]
    assert copied, pair.passages
    start, end = min(p.b_start for p in copied), max(p.b_end for p in copied)
    assert copy[start:end] == " ".join(items)


def test_a_copy_that_runs_a_date_line_into_its_text_is_one_passage() -> None:
    # The source's date line is not story; the copy ran it into the text between two
    # copied paragraphs (PAN 2013 verbatim cases came back in pieces this way).
    first, second = DOCK_STRIKE[0], DOCK_STRIKE[1]
    source = "\n\n".join([first, "Mar 27 2007", second, ORCHESTRA])
    copy = "\n\n".join([*OTHER_NEWS[:4], f"{first} Mar 27 2007 {second}", *OTHER_NEWS[4:]])
    pair = only_pair(source, copy)
    copied = [p for p in pair.passages if p.kind == "verbatim"]
    assert len(copied) == 1, pair.passages
    (passage,) = copied
    on_page = (
        (passage.b_start, passage.b_end) if pair.b == "page" else (passage.a_start, passage.a_end)
    )
    assert copy[slice(*on_page)] == f"{first} Mar 27 2007 {second}"


def test_a_copy_that_rewords_the_sources_time_stamp_between_two_paragraphs_is_one_passage() -> None:
    # The source's "Last updated" line is chrome (a dateline); the copy took it with the
    # paragraphs around it, in other words, so that on its side it is a line of text.
    first, second = DOCK_STRIKE[0], DOCK_STRIKE[1]
    source = "\n".join([first, "Last updated: Sun, 11/23/2008 - 19:11", second, ORCHESTRA])
    copy = "\n".join([*OTHER_NEWS[:4], first, "Endure updated on light 11 23", second])
    pair = only_pair(source, copy)
    copied = [p for p in pair.passages if p.kind == "verbatim"]
    assert len(copied) == 1, pair.passages


def test_a_copy_that_runs_a_list_between_two_paragraphs_into_one_is_one_passage() -> None:
    # The source's list lines link only in part with the copy's long sentence; the lines
    # left over lie between two passages on the source's side, inside one on the copy's.
    lines = [
        "Crane operators at the northern terminal",
        "Pilots and tug crews of the outer harbour",
        "Warehouse staff of the grain silos",
    ]
    first, second = DOCK_STRIKE[1], DOCK_STRIKE[2]
    listed = "\n".join(["The strike covers:", *lines])
    source = "\n".join([first, listed, second]) + "\n\n" + ORCHESTRA
    joined = " ".join([first, "The strike covers:", *lines, second])
    pair = only_pair(source, "\n\n".join([*OTHER_NEWS[:4], joined, *OTHER_NEWS[4:]]))
    assert len(pair.passages) == 1, pair.passages
    (passage,) = pair.passages
    on_source = (
        (passage.a_start, passage.a_end) if pair.a == "wire" else (passage.b_start, passage.b_end)
    )
    assert source[slice(*on_source)] == "\n".join([first, listed, second])


def test_a_shared_quote_or_team_sheet_alone_is_not_a_copy() -> None:
    # Two reports that both print the same long quote and the same line-up, nothing else.
    quote = (
        '"We have worked for this all season and the players deserve every bit of it, '
        'because nobody gave them a chance when the year started," said coach Ilse Marr.'
    )
    lineup = (
        "Valmera: A Berg, K Ots, M Tamm, R Saar, J Kask, P Mets, L Rebane, T Kull, "
        "O Lepp, E Raud, S Vaher."
    )
    first = "\n\n".join([*made_up_paragraphs(1, 6), quote, lineup, *made_up_paragraphs(2, 6)])
    second = "\n\n".join([*made_up_paragraphs(3, 6), quote, lineup, *made_up_paragraphs(4, 6)])
    result = compare_documents(Document("first", first), Document("second", second))
    assert result.pairs == ()
