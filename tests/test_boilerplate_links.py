"""Lines that send the reader elsewhere or only date the page are chrome; story lines that
look like them are not (issue 13: what real pages keep after extraction).

Every line is hand-made in the forms read off real pages; none is copied from one.
"""

from __future__ import annotations

import pytest
from tests.test_boilerplate_chrome import in_story, marked

from unspin.boilerplate import KINDS
from unspin.boilerplate.marker import HEADER_LIST_MAX_LINES

CHROME_LINES = [
    ("dateline", "March 4, 2021 / 9:15 AM / Updated 3 hours ago"),
    ("dateline", "First Published: Thursday, March 4, 2021 09:15 AM"),
    ("dateline", "- Published 4 March 2021"),
    ("dateline", "Updated at 4:05 p.m."),
    ("dateline", "Updated"),
    ("dateline", "Last Updated ( Thursday, 04 March 2021 )"),
    ("dateline", "04/03/2021 10:32 pm"),
    ("dateline", "기사입력 :[ 2021-03-04 09:15 ]"),
    ("dateline", "Publicado em 04/03/2021"),
    ("related_link", "[Related: Council budget vote: what the new plan means for schools]"),
    ("related_link", "(Leggi anche: Il consiglio approva il bilancio)"),
    ("related_link", "Lire aussi : Le conseil adopte le budget"),
    ("related_link", "See more: Council approves budget after long debate"),
    ("related_link", "Also on example.com Council approves budget after long debate"),
    ("related_link", "Town hall revolt as councillors reject library closures [VIDEO]"),
    ("related_link", "Mayor's budget fury: 'This is a disgrace' [INSIGHT]"),
    ("related_link", "Library Review: the best reading rooms in the county [Video]"),
    ("related_link", "Listen: https://example.com/podcast/12"),
    ("related_link", "iTunes: https://example.com/itunes"),
    ("share_prompt", "Follow our full coverage of the budget at https://example.com/budget"),
    ("share_prompt", "More council news at https://example.com/council and https://x.com/news"),
    ("author_bio", "jane.doe@example-news.com"),
    ("author_bio", "twitter.com/janedoe"),
    ("author_bio", "Have a tip? Jane Doe may be reached at jane.doe@example-news.com."),
    ("navigation", "04/03/2021 - Posted by: Jane Doe - Category: Politics - Tags: budget"),
]


@pytest.mark.parametrize(("kind", "line"), CHROME_LINES)
def test_a_line_that_points_elsewhere_or_dates_the_page_is_marked(kind: str, line: str) -> None:
    assert kind in KINDS
    assert marked(in_story(line)) == [(kind, line)]


STORY_LINES = [
    "9.30 A.M. / 7.00 P.M.",  # a venue's opening hours, listed in the story
    "March 3, 2019",  # a timeline's heading: a date without a clock time or a label
    "2008.09.28",  # a numeric date holds "08.09", which is not a clock time
    "Updated figures show the deficit grew to 4% of output by 2021.",
    "Posted by the council at 9:15 AM, the notice listed every closure.",
    "Follow the money, she said, and it leads to https://example.com/accounts too.",
    "Related news came from the county, where the same vote was held on Monday.",
    "The plan was published on March 4, 2021 at 9:15 AM, and debated for three hours.",
    "(Graphic: the council's spending by year)",
    "Contact the council at info@example.gov.uk or at the town hall to object.",
    "Mayor's budget fury over library closures.",  # a headline-like sentence, no tag
]


@pytest.mark.parametrize("line", STORY_LINES)
def test_a_story_line_that_looks_like_chrome_stays_story(line: str) -> None:
    assert marked(in_story(line)) == []


HEADLINES = [
    "Who will win the county's book prize this year?",
    "Library closures: councillors reject the plan",
    "Bus fares to rise by 5% in April",
]


def test_the_headlines_under_a_recommendation_header_are_related_links() -> None:
    text = in_story("DON'T MISS", *HEADLINES)
    assert marked(text) == [("also_like", "DON'T MISS")] + [("related_link", h) for h in HEADLINES]


def test_the_list_under_a_header_ends_at_the_first_line_of_prose() -> None:
    prose = "The council will meet again next week to set the rates for the year."
    text = in_story("You may also like...", HEADLINES[0], prose, HEADLINES[1])
    assert marked(text) == [("also_like", "You may also like..."), ("related_link", HEADLINES[0])]


def test_a_header_list_is_bounded() -> None:
    many = [f"Council story number {n} of the week" for n in range(HEADER_LIST_MAX_LINES + 3)]
    kinds = [kind for kind, _ in marked(in_story("Trending now", *many))]
    assert kinds == ["also_like"] + ["related_link"] * HEADER_LIST_MAX_LINES


def test_a_line_broken_sentence_after_a_lower_case_header_word_is_not_a_list() -> None:
    # A table or paragraph broken into lines: "recommended" alone is a word of the text.
    text = in_story("Intakes", "recommended", "dietary allowance for children and adults", "Age")
    assert ("related_link", "dietary allowance for children and adults") not in marked(text)


def test_a_reading_list_under_a_header_is_not_taken_for_other_stories() -> None:
    books = ["Jane Doe. (2003) 345 pages: A Life of the Council", "John Roe. (2005) The Town Hall"]
    text = in_story("Further reading", *books)
    assert [kind for kind, _ in marked(text)] == ["also_like"]
