"""A press release's company profile is boilerplate; a story's sentence about a firm is not."""

from __future__ import annotations

import json
from pathlib import Path

from tests.test_boilerplate_chrome import marked

from unspin.api import scan
from unspin.model import Document

PROFILE = [
    "Norvale is a global provider of harbour logistics software. Norvale's mission is to make "
    "every container traceable from quay to warehouse, for ports, carriers and customs.",
    "Norvale is headquartered in Rotterdam, has subsidiaries in 12 countries and employs "
    "around 900 people. Norvale shares are listed on Euronext Amsterdam.",
]


def release(*body: str, tail: tuple[str, ...] = ()) -> str:
    return "\n".join([*body, *PROFILE, *tail]) + "\n"


CRANES = (
    "ROTTERDAM, NETHERLANDS",
    "Norvale today announced that the port of Valmera will run its crane scheduling system "
    "across all four container terminals from next spring, after a year-long trial on one.",
    "During the trial, ships waited on average three hours less for a free berth, the port "
    "said, and crane drivers spent a fifth less time idle between two vessels.",
    "\u201cThe trial showed what scheduling can do for a busy port,\u201d said Ilse Brandt, "
    "Norvale's chief executive, adding that two further ports were in talks.",
)
CUSTOMS = (
    "ROTTERDAM, NETHERLANDS",
    "Norvale has opened a research centre in Gdansk that will work on automated customs "
    "checks, hiring forty engineers over the next two years from the city's university.",
    "The centre will test scanners that read container seals and compare cargo manifests with "
    "what customs officers expect to find, starting with refrigerated freight from Asia.",
    "Its first results are due at the end of next year, when Norvale plans a pilot with the "
    "Polish customs service on two of its busiest crossings.",
)


def profile_lines(text: str) -> list[str]:
    return [line for kind, line in marked(text) if kind == "company_profile"]


def test_the_profile_at_the_end_of_a_release_is_marked() -> None:
    assert profile_lines(release(*CRANES)) == PROFILE


def test_contacts_and_a_closing_mark_after_the_profile_do_not_hide_it() -> None:
    text = release(*CRANES, tail=("###", "Media contact: Anna de Wit, +31 10 555 0100"))
    assert profile_lines(text) == PROFILE


def test_under_an_about_header_the_block_is_marked_with_the_header() -> None:
    text = "\n".join([*CRANES, "", "About Norvale B.V.", *PROFILE, "", "Contact: press office"])
    assert profile_lines(text) == ["About Norvale B.V.", *PROFILE]


def test_a_story_that_ends_on_a_firm_stays_story() -> None:
    # One corporate fact, and the firm is not the subject of a paragraph of them.
    ending = (
        "Norvale is a software company based in Rotterdam, and it declined to comment on the "
        "dispute when asked on Tuesday."
    )
    assert profile_lines("\n".join([*CRANES, ending]) + "\n") == []


def test_a_profile_followed_by_more_story_is_not_at_the_end() -> None:
    text = "\n".join([*CRANES[:2], *PROFILE, *CRANES[2:]]) + "\n"
    assert profile_lines(text) == []


def test_an_about_box_of_the_page_or_without_a_fact_is_not_a_profile() -> None:
    about_page = "About This Calendar\nThis calendar lists map exhibitions and talks.\n"
    club = "About Valmera Rowing Club\nValmera Rowing Club meets on Saturdays by the lock.\n"
    assert profile_lines("\n".join([*CRANES, about_page])) == []
    assert profile_lines("\n".join([*CRANES, club])) == []


def test_two_releases_of_one_company_do_not_pair_on_its_profile(tmp_path: Path) -> None:
    corpus = tmp_path / "releases.jsonl"
    docs = [Document("cranes", release(*CRANES)), Document("customs", release(*CUSTOMS))]
    corpus.write_text("".join(json.dumps({"id": d.id, "text": d.text}) + "\n" for d in docs))
    run = scan([corpus], tmp_path / "out", workers=1, html=False)
    assert run.result.pairs == ()
