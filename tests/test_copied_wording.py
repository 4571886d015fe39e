"""A pair needs copied wording (issue 8): what is merely about the same thing is no reuse.

Two reports of one event share names, numbers and facts sentence by sentence; a copy shares
the words. Coverage counts what is copied; rewording is reported beside it, never in it.
"""

from __future__ import annotations

from tests.stories import DOCK_STRIKE

from unspin.api import compare_documents
from unspin.model import Document, PairResult, RunResult

WIRE = "\n\n".join(DOCK_STRIKE)

# The same events as DOCK_STRIKE, reported independently: same names, numbers and order.
OTHER_REPORT = "\n\n".join(
    [
        "Container traffic at Valmera stopped on Monday as dock workers began a strike over "
        "automation, raising fears for fuel and grain deliveries in the region.",
        "Some 4,200 members of the Valmera Dockers' Union stayed away after negotiations with "
        "the port authority broke down on Sunday night. Their leaders want a promise that "
        "remote-controlled cranes at the northern terminal will not cost anyone a job.",
        "Anneli Kask, who runs the port, described the stoppage as irresponsible and said "
        "crane operators had been offered retraining. By Monday evening 14 vessels were "
        "anchored off the harbour, shipping data showed.",
    ]
)

# A short note that quotes one sentence of the wire story word for word inside a sentence
# of its own words.
NOTE = (
    "Port news.\n\nAs it was said to us by all of them who were there, and as we have heard "
    "from many of those who were at the same place with them on that day, the union is "
    "demanding guarantees that no jobs will be cut when remote-controlled cranes are "
    "introduced at the northern terminal next year, and so it is for now."
)


def pairs(
    a: str, b: str, dates: tuple[str, str] | None = None, source: str = "metadata"
) -> tuple[PairResult, ...]:
    date_a, date_b = dates or (None, None)
    date_source = source if dates else None
    result: RunResult = compare_documents(
        Document("a", a, date=date_a, date_source=date_source),  # type: ignore[arg-type]
        Document("b", b, date=date_b, date_source=date_source),  # type: ignore[arg-type]
    )
    return result.pairs


def test_two_reports_of_one_event_are_not_a_pair() -> None:
    assert pairs(WIRE, OTHER_REPORT) == ()


def test_a_verbatim_run_inside_a_reworded_sentence_is_shown_as_verbatim() -> None:
    (pair,) = pairs(WIRE, NOTE)
    verbatim = [p for p in pair.passages if p.kind == "verbatim"]
    assert len(verbatim) == 1, pair.passages
    copied = NOTE[verbatim[0].b_start : verbatim[0].b_end]
    assert copied.startswith("union is demanding guarantees")
    assert copied.endswith("terminal next year")
    # What the note wrote around it is not counted as copied.
    assert pair.coverage_b < 0.5 < pair.coverage_b + pair.paraphrase_b


def test_coverage_counts_copied_wording_and_rewording_is_reported_apart() -> None:
    # Two paragraphs reported in other words, then the last one copied.
    mixed = "\n\n".join([*OTHER_REPORT.split("\n\n")[:2], DOCK_STRIKE[3]])
    (pair,) = pairs(WIRE, mixed)
    assert {p.kind for p in pair.passages} == {"verbatim", "paraphrase"}
    assert pair.coverage_b < 0.5 < pair.coverage_b + pair.paraphrase_b <= 1.0
    assert pair.relation == "partial"


def test_a_crawl_date_does_not_order_a_pair() -> None:
    copy = WIRE.replace("irresponsible", "reckless")
    dated = pairs(WIRE, copy, ("2020-01-01", "2021-01-01"))
    crawled = pairs(WIRE, copy, ("2020-01-01", "2021-01-01"), source="crawl")
    assert dated[0].direction == "a->b"
    assert crawled[0].direction is None


def test_a_date_line_is_metadata_not_a_passage() -> None:
    a = "Published 12 May 2005\n\n" + WIRE
    b = "Published 5 May 2005\n\n" + WIRE
    (pair,) = pairs(a, b)
    assert all(p.a_start > len("Published 12 May 2005") for p in pair.passages)
    assert not any("12" in swap[0] for p in pair.passages for swap in p.substitutions)
