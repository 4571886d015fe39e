"""Boilerplate that generalises (issue 13): template lines with a slot, a farm's furniture
around its own stories, and generated bios and persona lines known by their form.

Every page here is made in the test; the wordings are invented, none is one that a
pattern in `unspin.boilerplate` was written from.
"""

from __future__ import annotations

from unspin.boilerplate import CORPUS_LINE_MIN_DOCS, mark_boilerplate, repeated_lines_in_corpus
from unspin.boilerplate._persona import generated_bio, persona_line
from unspin.boilerplate.repeated import CORPUS_KEY_PREFIX
from unspin.boilerplate.shapes import fill_line, shape_keys, whole_lines
from unspin.model import Document
from unspin.pipeline import prepare_document, site_templates

# Ten unrelated stories, each a headline and two paragraphs of its own.
STORIES = [
    (
        "Harbour wall repaired in Portlow",
        "Divers finished patching the cracked harbour wall at Portlow on Monday, three winters "
        "after storms tore a hole in the granite and flooded the fish market twice.",
        "Skippers had moved their boats to a neighbouring cove while cranes lifted blocks "
        "weighing eleven tonnes each from a barge moored offshore.",
    ),
    (
        "New library opens in Eastbridge",
        "Eastbridge finally has a library again: the glass building beside the railway "
        "station lends books, tools and sewing machines to anyone with a card.",
        "Its architect said the reading room faces north so that sunlight never fades the "
        "spines, a lesson learned from the old branch that closed in 2009.",
    ),
    (
        "Tram extension approved for Kelford",
        "Councillors in Kelford voted nine to four for a tram extension reaching the "
        "hospital, ending a dispute that had split the ruling group since January.",
        "Trams will run every seven minutes at peak hours, and construction crews expect to "
        "dig up Mill Road for roughly eighteen months.",
    ),
    (
        "Mill restored by volunteers",
        "A water mill abandoned since the Second World War grinds flour once more, thanks to "
        "retired engineers who rebuilt its oak gears by hand.",
        "Visitors may buy a bag of stoneground wholemeal on Saturdays, and school parties "
        "come to watch the wheel turn in the stream.",
    ),
    (
        "Wind farm gets green light",
        "Ministers overruled local objections and allowed thirty turbines on moorland near "
        "Carrow, saying the nation needed cheaper electricity quickly.",
        "Campaigners fear for curlews nesting there and have promised a judicial review "
        "before the first foundations are poured next summer.",
    ),
    (
        "Market hall reopens after fire",
        "Traders returned to the Victorian market hall in Ashby eighteen months after an "
        "electrical fault started a blaze that destroyed its roof.",
        "A butcher whose family has kept a stall there since 1921 cut the ribbon while a "
        "brass band played outside in the rain.",
    ),
    (
        "Bridge shut for urgent inspection",
        "Lorries face a forty mile detour because engineers closed Millford's steel bridge "
        "after spotting corrosion on two of its supporting cables.",
        "Hauliers warned that deliveries to supermarkets could be delayed, and police "
        "posted officers at both approaches to turn drivers away.",
    ),
    (
        "School builds science block",
        "Pupils at Braxton comprehensive will study chemistry in proper laboratories from "
        "September, replacing portable cabins used for two decades.",
        "Parents raised a quarter of the money through auctions, quiz nights and a "
        "sponsored swim across the reservoir last August.",
    ),
    (
        "Lido refilled for summer season",
        "Swimmers queued before dawn as Westerham's open air lido was refilled with heated "
        "water for the first time since its pump broke.",
        "Lifeguards counted nearly nine hundred bathers by lunchtime, and the cafe sold out "
        "of ice cream before two o'clock.",
    ),
    (
        "Bus depot to move north",
        "The county's main bus depot will leave the town centre for an industrial estate, "
        "freeing land for three hundred flats near the river.",
        "Drivers worry that early shifts will start further from their homes, and their "
        "union has asked for free parking at the new site.",
    ),
]


def page(n: int, *extra: str) -> str:
    headline, first, second = STORIES[n]
    return "\n\n".join([headline, first, *extra, second]) + "\n"


def marked(text: str, templates: frozenset[str] = frozenset()) -> dict[str, str]:
    return {text[s.start : s.end]: s.kind for s in mark_boilerplate(text, templates)}


# --- shapes: the same opening or closing around text that changes ------------------------


def test_a_related_link_with_another_headline_on_every_page_is_template() -> None:
    # "Keep going »" opens a link to another story on every page; no two links are alike.
    docs = [
        Document(f"d{n}", page(n, f"Keep going » {STORIES[(n + 1) % 10][0]}"))
        for n in range(CORPUS_LINE_MIN_DOCS)
    ]
    templates = site_templates(docs)
    for doc in docs:
        spans = prepare_document(doc, templates).boilerplate
        assert [doc.text[s.start : s.end] for s in spans] == [
            f"Keep going » {STORIES[(int(doc.id[1:]) + 1) % 10][0]}"
        ]
        assert spans[0].evidence.startswith("line opening 'keep going")


def test_a_caption_closing_is_template_and_the_headline_it_repeats_is_not() -> None:
    docs = [
        Document(f"d{n}", page(n, f"{STORIES[n][0]} (archive shot)"))
        for n in range(CORPUS_LINE_MIN_DOCS)
    ]
    templates = site_templates(docs)
    for n, doc in enumerate(docs):
        spans = prepare_document(doc, templates).boilerplate
        assert [doc.text[s.start : s.end] for s in spans] == [f"{STORIES[n][0]} (archive shot)"]


def test_one_page_fewer_than_the_minimum_is_not_enough() -> None:
    docs = [
        Document(f"d{n}", page(n, f"Keep going » {STORIES[(n + 1) % 10][0]}"))
        for n in range(CORPUS_LINE_MIN_DOCS - 1)
    ]
    assert repeated_lines_in_corpus(docs) == frozenset()


def test_copies_of_one_story_with_the_same_opening_count_once() -> None:
    # Eight sites run one story; its short lines open alike on every copy, but the copies
    # are one story, not a template.
    docs = [
        Document(f"w{n}", page(0, f"Keep going » {STORIES[(n + 1) % 10][0]}")) for n in range(8)
    ]
    assert repeated_lines_in_corpus(docs) == frozenset()


def test_paragraphs_that_open_alike_take_no_shape() -> None:
    # "He said: …" opens short quotes in many unrelated stories; speech and sentences are
    # never fill lines.
    lines = [
        'He said: "We are delighted with the result and thank everyone."',
        "He said the council would meet again in June.",
        "Mr Smith said: it was a very good year for the town",
    ]
    assert not fill_line(lines[0])
    assert not fill_line(lines[1])
    docs = [
        Document(f"d{n}", page(n, f'He said: "We are delighted with the {STORIES[n][0]}."'))
        for n in range(CORPUS_LINE_MIN_DOCS + 2)
    ]
    assert repeated_lines_in_corpus(docs) == frozenset()


def test_openings_need_a_word_that_is_not_a_stop_word() -> None:
    assert "\x1ein the" not in shape_keys("in the end of the day")
    assert "\x1eand then" not in shape_keys("and then there were none")
    assert "\x1ekeep reading →" in shape_keys("keep reading → a headline here")


def test_the_headline_takes_no_shape() -> None:
    # Captions repeat the headline; the headline line itself is never a fill line.
    docs = [
        Document(f"d{n}", f"Breaking » {STORIES[n][0]}\n\n{STORIES[n][1]}\n\n{STORIES[n][2]}\n")
        for n in range(CORPUS_LINE_MIN_DOCS + 1)
    ]
    templates = site_templates(docs)
    assert all(not prepare_document(doc, templates).boilerplate for doc in docs)


# --- a farm's furniture around its own stories --------------------------------------------


def test_a_farms_fixed_lines_are_template_though_they_are_much_of_short_pages() -> None:
    # Long fixed lines (60-100 characters) on short pages: the pages share them and would
    # look related, were the fixed lines not left out when they are compared.
    fixed = [
        "This piece was republished from a partner feed and was not edited by our newsroom.",
        "Catch every headline first: our morning digest is free and takes one minute to read",
        "Bea Larkspur writes about towns, trains and the people who keep them running daily",
    ]
    docs = [Document(f"d{n}", page(n, *fixed)) for n in range(CORPUS_LINE_MIN_DOCS)]
    corpus = repeated_lines_in_corpus(docs)
    assert {CORPUS_KEY_PREFIX + k for k in whole_lines(corpus)} <= site_templates(docs)[""]
    assert len(whole_lines(corpus)) == len(fixed)


def test_a_story_copied_whole_with_a_new_intro_stays_story() -> None:
    # The copies share the story and little else: the story is most of every copy.
    _, first, second = STORIES[0]
    docs = [
        Document(f"c{n}", f"{STORIES[n][0]}\n\n{first}\n\n{second}\n")
        for n in range(CORPUS_LINE_MIN_DOCS + 3)
    ]
    assert repeated_lines_in_corpus(docs) == frozenset()


# --- generated bios and persona lines -----------------------------------------------------


def test_generated_bios_are_known_by_their_form_in_either_layout() -> None:
    story = frozenset({"harbour", "wall", "fishermen"})
    assert generated_bio("Weekend cyclist. Certified pasta lover. Podcast nerd. Thinker.", story)
    assert generated_bio("Lifelong gardener, amateur baker and reluctant runner.", story)


def test_lists_and_headings_of_a_story_are_not_bios() -> None:
    story = frozenset({"wheat", "barley", "oats", "farmers"})
    # A story's list of crops, nouns without persona heads and with the story's words.
    assert not generated_bio("Wheat, barley and oats.", story)
    # Two phrases are a heading, not a list.
    assert not generated_bio("Keen walker. Gardener.", story)
    # Function words make a sentence.
    assert not generated_bio("He was a runner, a reader and a teacher.", story)
    # Digits belong to results and scores.
    assert not generated_bio("Winner, 2019. Runner-up, 2020. Finalist, 2021.", story)


def test_a_bio_that_shares_the_storys_words_is_story() -> None:
    story = frozenset({"gardener", "baker", "runner"})
    assert not generated_bio("Lifelong gardener, amateur baker and reluctant runner.", story)


def test_persona_lines_name_an_author_with_a_role() -> None:
    assert persona_line("Written by Rowan Voss")
    assert persona_line("Ingrid Pike is our staff contributor")
    assert persona_line("Cassidy Quill, Contributor")
    assert not persona_line("Written by hand, the letters were kept in a drawer for years")
    assert not persona_line("The writer said the book took ten years")


def test_a_page_alone_marks_its_bio_and_byline_and_not_its_story() -> None:
    text = page(3, "Posted by Lena Brandt", "Weekend cyclist. Certified pasta lover. Thinker.")
    found = marked(text)
    assert found == {
        "Posted by Lena Brandt": "author_bio",
        "Weekend cyclist. Certified pasta lover. Thinker.": "author_bio",
    }
