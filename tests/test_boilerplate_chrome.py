"""Site chrome (issue 9): what extraction leaves of a page's frame is marked by its form.

Each kind has lines that are chrome and, beside them, story lines that use the same words
(copyright law, a table with pipes, a headline in title case, a story about subscriptions)
and must stay story. Every line is hand-made; none is taken from a real page.
"""

from __future__ import annotations

import pytest

from unspin.boilerplate import (
    CORPUS_LINE_MIN_DOCS,
    line_key,
    mark_boilerplate,
    repeated_lines_by_site,
    repeated_lines_in_corpus,
)
from unspin.boilerplate.marker import GALLERY_CONTEXT_LINES, NAV_RUN_MIN_LINES
from unspin.boilerplate.repeated import CORPUS_KEY_PREFIX
from unspin.boilerplate.shapes import whole_lines
from unspin.model import Document
from unspin.pipeline import prepare_document, site_templates

STORY_BEFORE = (
    "The council approved the new budget on Tuesday after a long debate about school "
    "funding, road repairs and the cost of running the town's two libraries."
)
STORY_AFTER = (
    "Opponents said the plan relied on optimistic forecasts, and promised to revisit the "
    "figures when the first quarterly accounts are published in the spring."
)


def marked(text: str, repeated: frozenset[str] = frozenset()) -> list[tuple[str, str]]:
    return [(s.kind, text[s.start : s.end]) for s in mark_boilerplate(text, repeated)]


def in_story(*lines: str) -> str:
    return "\n".join([STORY_BEFORE, *lines, STORY_AFTER]) + "\n"


# --- one line is enough -------------------------------------------------------------------

CHROME_LINES = [
    # navigation: menus on one line, and page tools alone on a line
    ("navigation", "| HOME | PEOPLE | MOVIES | MUSIC |"),
    ("navigation", "News • Sport • Weather • Travel"),
    ("navigation", "Home » Business » Markets"),
    ("navigation", "World / Politics / Arts & Culture"),
    ("navigation", "Print Article"),
    ("navigation", "Text size"),
    ("navigation", "Tags"),
    ("navigation", "Skip to main content"),
    ("navigation", "Filed under: Politics |"),
    ("navigation", "Tags: budget, council, schools"),
    # copyright and credit footers
    ("copyright", "Copyright PA Sport 2007, All Rights Reserved"),
    ("copyright", "© 2021 Example Media Ltd"),
    ("copyright", "© 2019 Example Media Group. All rights reserved."),
    ("copyright", "Copyright ©2019 Example & Company, Inc. All Rights Reserved."),
    ("copyright", "(c) 2015 Example Press"),
    ("copyright", "copyright Examplezine 2019 - ISSN: 1234-5678"),
    ("copyright", "All rights reserved."),
    ("copyright", "Todos los derechos reservados."),
    ("copyright", "(Reporting by Jane Doe; Editing by John Roe)"),
    ("copyright", "This material may not be published, broadcast, rewritten or redistributed."),
    ("copyright", "This copy is for your personal, non-commercial use only."),
    ("copyright", "Example Press writers Jane Doe and John Roe contributed to this report."),
    ("copyright", "Additional reporting by Mary Major"),
    ("copyright", "SOURCE: News agencies"),
    # paywall, subscription and newsletter notices
    ("paywall", "Subscribe to continue reading."),
    ("paywall", "Already a subscriber? Log in"),
    ("paywall", "You have reached your limit of free articles this month."),
    ("paywall", "This article is available to subscribers only."),
    ("paywall", "Subscribe to the Morning Briefing newsletter"),
    ("paywall", "Sign up for our newsletter"),
    ("paywall", "Get the latest headlines delivered to your inbox every morning."),
    ("paywall", "Thanks for signing up!"),
    ("paywall", "Subscribe"),
    ("paywall", "Morning Briefing Newsletter"),
    ("paywall", "CLICK HERE TO GET THE EXAMPLE NEWS APP"),
    # cookie and consent notices
    ("cookie_notice", "We use cookies to improve your experience on our site."),
    ("cookie_notice", "By continuing to browse this site you agree to our use of cookies."),
    ("cookie_notice", "Accept all cookies"),
    ("cookie_notice", "Manage preferences"),
    ("cookie_notice", "Cookie policy"),
    # gallery counters and controls
    ("gallery", "Image 1 of 8"),
    ("gallery", "Photo 3/12"),
    ("gallery", "1 / 8"),
    ("gallery", "1of/8"),
    ("gallery", "Close"),
    ("gallery", "Back to Gallery"),
    ("gallery", "Next"),
    ("gallery", "Previous"),
    ("gallery", "‹ Previous image"),
    ("gallery", "Enlarge this image"),
    ("gallery", "View all 12 photos"),
    ("gallery", "Caption"),
    # the older kinds, widened by the same pages
    ("share_prompt", "Follow Example News on Instagram, Facebook, Twitter and YouTube."),
    ("share_prompt", "Like this story? Share it with a friend!"),
    ("also_like", "Most read in world news"),
    ("also_like", "Popular on Examplewire"),
    ("author_bio", "Write to Jane Doe at jane.doe@example.com"),
    ("comment_form", "Comments"),
    ("comment_form", "Tell us what YOU think..."),
]


@pytest.mark.parametrize(("kind", "line"), CHROME_LINES)
def test_chrome_line_in_a_story_is_marked(kind: str, line: str) -> None:
    assert marked(in_story(line)) == [(kind, line)]


STORY_LINES = [
    # copyright as a subject, not a footer
    "Copyright law protects authors for 70 years after their death, the court said.",
    "Copyright infringement cases rose sharply in 2007.",
    "Three charities contributed to the appeal, which closes on Friday.",
    "Sources: the two officials spoke on condition of anonymity, the paper said.",
    "The label said all rights reserved under the old contract would return to the band.",
    # subscriptions as a subject
    "Subscribers to the streaming service rose 20% last quarter.",
    "If you just want the basic plan, you can sign up for a free trial and pay later.",
    "Netflix said viewers who subscribe before Friday will keep the old price.",
    # following and contacting as story
    "Follow the money, the prosecutor told the jury on Monday.",
    "Comments on the draft are due by the end of the month.",
    # cookies as a subject
    "The bakery sold 4,000 cookies on the first day, its owner said.",
    "Regulators said websites must ask before they use cookies to track visitors.",
    # galleries, counters and closings as story
    "Close to 300 people attended the vigil.",
    "Next year the council will review the plan again.",
    "One in 8 adults now works from home at least once a week.",
    # tags and filing as words of a sentence
    "Tags on the stolen bikes led police to a garage in the next town.",
    # a headline in title case, a line of pipes that is a sentence
    "Council Approves New Budget After Long Debate",
    "Paris | London | Berlin: the three cities vied for the 2012 Games, officials said.",
]


@pytest.mark.parametrize("line", STORY_LINES)
def test_story_line_that_sounds_like_chrome_is_not_marked(line: str) -> None:
    assert marked(in_story(line)) == []


def test_evidence_says_which_rule_fired() -> None:
    text = in_story("© 2021 Example Media Ltd")
    (span,) = mark_boilerplate(text)
    assert "copyright footer" in span.evidence
    assert "Example Media" in span.evidence


# --- menus need the lines around them ------------------------------------------------------


def test_a_table_with_pipes_is_story() -> None:
    # Extraction writes a table as one "| a | b |" line per row: rows come in runs.
    table = ["| Player | Team | Goals |", "| Smith | Rovers | 12 |", "| Jones | United | 9 |"]
    assert marked(in_story(*table)) == []


def test_a_lone_row_of_labels_with_pipes_is_a_menu() -> None:
    assert marked(in_story("| Player | Team | Goals |")) == [
        ("navigation", "| Player | Team | Goals |")
    ]


def test_a_run_of_short_title_case_lines_is_a_menu() -> None:
    menu = ["Home", "News", "Sport", "Business", "Arts & Culture"]
    assert len(menu) >= NAV_RUN_MIN_LINES
    assert (
        marked(in_story(*menu))
        == [
            ("navigation", "Home"),  # a page tool on its own
            *[("navigation", item) for item in menu[1:]],
        ]
    )


def test_a_bulleted_menu_is_a_menu() -> None:
    # Extraction often keeps a menu as a list: "- Home", "- World", ...
    menu = ["- World", "- Politics", "- Real Estate", "- Arts & Culture"]
    assert marked(in_story(*menu)) == [("navigation", item) for item in menu]


def test_a_bulleted_list_of_sentences_is_story() -> None:
    points = ["- Taxes rise by 2%.", "- Two libraries stay open.", "- Roads get repaired."]
    assert marked(in_story(*points, "- The mayor keeps her job.")) == []


def test_a_run_shorter_than_a_menu_is_story() -> None:
    byline = ["Jane Doe", "Political Editor", "Westminster"]
    assert len(byline) < NAV_RUN_MIN_LINES
    assert marked(in_story(*byline)) == []


def test_an_introduced_list_is_the_storys_own() -> None:
    nominees = ["The nominees are:", "Jane Doe", "John Roe", "Mary Major", "Richard Miles"]
    assert marked(in_story(*nominees)) == []


def test_headlines_in_title_case_are_not_a_menu() -> None:
    # Four words and more, or a digit, and a line is no longer a menu label.
    heads = [
        "Council Approves New Budget",
        "Libraries Stay Open Until Spring",
        "Roads To Be Repaired In 2025",
        "Schools Get More Money",
    ]
    assert marked(in_story(*heads)) == []


# --- gallery captions need the controls around them --------------------------------------

CAPTION = "The mayor, left, and the council's treasurer sign the budget in the town hall."


def test_caption_repeated_beside_gallery_controls_is_marked() -> None:
    gallery = [CAPTION, "Photo: Jane Doe, AP", "Image 1 of 8", "Close", CAPTION, "Back to Gallery"]
    assert marked(in_story(*gallery)) == [
        ("gallery", CAPTION),
        ("photo_credit", "Photo: Jane Doe, AP"),
        ("gallery", "Image 1 of 8"),
        ("gallery", "Close"),
        ("gallery", CAPTION),
        ("gallery", "Back to Gallery"),
    ]


def test_repeated_paragraph_without_a_gallery_is_story() -> None:
    # A page that repeats its lead (a summary box) has no gallery control: nothing marked
    # but the credit.
    assert marked(in_story(CAPTION, "Photo: Jane Doe, AP", CAPTION)) == [
        ("photo_credit", "Photo: Jane Doe, AP")
    ]


def test_repeated_line_far_from_the_gallery_is_story() -> None:
    gap = GALLERY_CONTEXT_LINES + 1
    before = [f"Paragraph {n} of the story goes on." for n in range(gap)]
    after = [f"Paragraph {n} of the story goes on." for n in range(gap, 2 * gap)]
    text = in_story(CAPTION, *before, "Image 1 of 8", *after, CAPTION)
    assert marked(text) == [("gallery", "Image 1 of 8")]


# --- repetition across the corpus ----------------------------------------------------------

TOPICS = [
    "The harbour authority dredged the northern channel to let larger ferries dock safely.",
    "A retired teacher planted four hundred oak saplings along the abandoned railway line.",
    "Firefighters rescued a horse that had fallen into a drainage ditch near the motorway.",
    "The orchestra premiered a symphony written by a seventeen year old local composer.",
    "Engineers tested a prototype tidal turbine off the coast during the winter storms.",
    "The museum returned a carved mask to the village from which it was taken in 1902.",
    "Volunteers counted more than two thousand migrating geese on the estuary at dawn.",
    "A bakery chain agreed to pay its apprentices the full adult wage from next month.",
    "Surveyors found the medieval bridge had shifted three centimetres since the floods.",
    "The county library lent out its millionth audiobook since the service was launched.",
]


def article(n: int, extra: str = "") -> str:
    """A story of its own (n < 5: no two share a sentence) with `extra` as its last line."""
    return f"{TOPICS[n % 10]}\n{TOPICS[(n + 5) % 10]}\n{extra}"


def test_a_line_on_many_unrelated_pages_of_many_sites_is_template() -> None:
    docs = [
        Document(id=f"d{n}", text=article(n, "Advertisement feature: partners"), site=f"s{n}.com")
        for n in range(CORPUS_LINE_MIN_DOCS)
    ]
    assert whole_lines(repeated_lines_in_corpus(docs)) == {
        line_key("Advertisement feature: partners")
    }


def test_the_same_line_on_too_few_unrelated_pages_is_not() -> None:
    docs = [
        Document(id=f"d{n}", text=article(n, "Advertisement feature: partners"), site=f"s{n}.com")
        for n in range(CORPUS_LINE_MIN_DOCS - 1)
    ]
    assert repeated_lines_in_corpus(docs) == frozenset()


def test_story_lines_shared_by_a_family_of_rewrites_stay_story() -> None:
    # One wire story run by eight sites, each with its own intro and sign-off: its short
    # lines are in eight documents, but the documents are related, so they count once.
    wire = "\n".join(
        [
            "The harbour authority dredged the northern channel to let larger ferries dock.",
            "Work began in March.",
            "The ferry operator welcomed the decision and praised the dredging crews for it.",
            "It cost four million pounds.",
            "Local fishermen said the noise had driven cod away from the inner harbour.",
        ]
    )
    docs = [
        Document(id=f"w{n}", text=f"{TOPICS[n]} elsewhere.\n{wire}", site=f"site{n}.com")
        for n in range(8)
    ]
    assert repeated_lines_in_corpus(docs) == frozenset()


def test_exact_copies_count_once() -> None:
    docs = [
        Document(id=f"c{n}", text=article(0, "Advertisement feature: partners"), site=f"s{n}")
        for n in range(10)
    ]
    assert repeated_lines_in_corpus(docs) == frozenset()


def test_documents_without_a_site_take_part() -> None:
    docs = [
        Document(id=f"d{n}", text=article(n, "Advertisement feature: partners"))
        for n in range(CORPUS_LINE_MIN_DOCS)
    ]
    assert whole_lines(repeated_lines_in_corpus(docs)) == {
        line_key("Advertisement feature: partners")
    }


def test_corpus_wide_lines_reach_every_site_and_say_so() -> None:
    docs = [
        Document(id=f"d{n}", text=article(n, "Advertisement feature: partners"), site=f"s{n}.com")
        for n in range(CORPUS_LINE_MIN_DOCS)
    ]
    templates = repeated_lines_by_site(docs)
    key = CORPUS_KEY_PREFIX + line_key("Advertisement feature: partners")
    assert all(key in keys for keys in templates.values())
    text = docs[0].text
    (span,) = mark_boilerplate(text, templates["s0.com"])
    assert text[span.start : span.end] == "Advertisement feature: partners"
    assert span.kind == "repeated_line"
    assert "of the corpus" in span.evidence


def test_documents_without_a_site_are_marked_by_the_corpus_wide_template() -> None:
    docs = [
        Document(id=f"d{n}", text=article(n, "Advertisement feature: partners"))
        for n in range(CORPUS_LINE_MIN_DOCS)
    ]
    templates = site_templates(docs)
    (span,) = prepare_document(docs[0], templates).boilerplate
    assert docs[0].text[span.start : span.end] == "Advertisement feature: partners"


def test_a_multi_line_footer_that_is_most_of_short_pages_is_template() -> None:
    # A news app's footer, four short lines, on short pages: the pages share the footer and
    # nothing else, so they are unrelated and the footer is template (BBC Hindi's "download
    # our app / follow us" block paired 105 unrelated pages before).
    footer = [
        "Download our app for Android here.",
        "You can also follow us on",
        "Facebook and",
        "Twitter, where we post every story.",
    ]
    docs = [
        Document(id=f"p{n}", text=TOPICS[n] + "\n" + "\n".join(footer))
        for n in range(CORPUS_LINE_MIN_DOCS + 1)
    ]
    assert whole_lines(repeated_lines_in_corpus(docs)) == {line_key(line) for line in footer}


def test_a_wire_story_inside_longer_unrelated_pages_stays_story() -> None:
    # Six pages each run the same wire story beside an article of their own: the story's
    # lines (longer than a footer's) make the pages related, so they count once.
    wire = [
        "The harbour authority dredged the northern channel so that larger ferries can dock.",
        "The ferry operator welcomed the decision and praised the dredging crews for the work.",
        "Local fishermen said the noise of the works had driven cod away from the harbour.",
    ]
    docs = [
        Document(id=f"w{n}", text="\n".join([*wire, TOPICS[n], TOPICS[(n + 3) % 10]]))
        for n in range(CORPUS_LINE_MIN_DOCS + 1)
    ]
    assert repeated_lines_in_corpus(docs) == frozenset()
