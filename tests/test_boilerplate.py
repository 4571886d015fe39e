"""The boilerplate stage: template lines are marked, story lines never are."""

from __future__ import annotations

import tarfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from unspin.boilerplate import (
    KINDS,
    REPEATED_LINE_MAX_CHARS,
    REPEATED_LINE_MIN_DOCS,
    REPEATED_LINE_MIN_SHARE,
    MarkedChars,
    line_key,
    mark_boilerplate,
    repeated_lines_by_site,
)
from unspin.boilerplate.shapes import whole_lines
from unspin.model import BoilerplateSpan, Document

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
SHARED = ROOT / ".." / "shared"
BBC_TAR = SHARED / "data" / "bbc-news" / "bbc-fulltext.tar.gz"

SEED_000 = "000_d1e9f2ba145d541d.txt"
SEED_002 = "002_5904dd556c9162f6.txt"

STORY_BEFORE = (
    "Moscow — Russian President Vladimir Putin said on Thursday that a military alliance "
    "with China was not needed for now, but could not be ruled out in the future."
)
STORY_AFTER = (
    "Russia and China have welcomed a strategic partnership but have so far rejected any "
    "talk of forming a military alliance, officials said."
)


def read_example(name: str) -> str:
    return (EXAMPLES / name).read_text(encoding="utf-8")


def marked(text: str, repeated: frozenset[str] = frozenset()) -> list[tuple[str, str]]:
    return [(s.kind, text[s.start : s.end]) for s in mark_boilerplate(text, repeated)]


def in_story(line: str) -> str:
    return f"{STORY_BEFORE}\n\n{line}\n\n{STORY_AFTER}\n"


def assert_well_formed(text: str, spans: tuple[BoilerplateSpan, ...]) -> None:
    previous_end = 0
    for span in spans:
        assert 0 <= span.start < span.end <= len(text)
        assert previous_end <= span.start, "spans overlap or are out of order"
        piece = text[span.start : span.end]
        assert piece == piece.strip()
        assert "\n" not in piece and "\r" not in piece
        assert span.kind in KINDS
        assert span.evidence
        previous_end = span.end


# --- the seeds ----------------------------------------------------------------------------

SEED_000_EXPECTED = [
    ("caption", "Chinese President Xi Jinping"),
    ("photo_credit", "Chinese President Xi JinpingCarlos Garcia Rollins / Reuters"),
    (
        "related_link",
        "READ\xa0 Mexico surpasses Italy to become country with fourth-most COVID-19 fatalities",
    ),
    (
        "related_link",
        "READ\xa0 Brazil has more than a thousand deaths in a single day and is approaching "
        "210 thousand",
    ),
    ("caption", "Russian President Vladimir Putin shakes hands with Chinese President Xi Jinping"),
    (
        "photo_credit",
        "Russian President Vladimir Putin shakes hands with Chinese President Xi Jinping"
        "Sputnik/Ramil Sitdikov/Kremlin via Reuters",
    ),
    ("also_like", "You May Also Like"),
    ("author_bio", "About the Author: Mortimer Nelson"),
    (
        "author_bio",
        "Evil tv buff. Troublemaker. Coffee practitioner. Unapologetic problem solver. "
        "Bacon ninja. Thinker. Professional food enthusiast.",
    ),
    ("comment_form", "Leave a Reply"),
    ("comment_form", "Your email address will not be published. Required fields are marked *"),
]


def test_seed_000_marks_exactly_the_template_lines() -> None:
    assert marked(read_example(SEED_000)) == SEED_000_EXPECTED


def test_seed_002_marks_only_other_reports() -> None:
    assert marked(read_example(SEED_002)) == [("other_reports", "Other reports by iNewsToday")]


@pytest.mark.parametrize("name", [SEED_000, SEED_002])
def test_seed_spans_are_well_formed(name: str) -> None:
    text = read_example(name)
    assert_well_formed(text, mark_boilerplate(text))


def test_seed_evidence_names_the_rule() -> None:
    spans = mark_boilerplate(read_example(SEED_000))
    read_span = next(s for s in spans if s.kind == "related_link")
    assert "'READ' followed by a headline" in read_span.evidence
    assert "Mexico" in read_span.evidence


def test_crlf_spans_exclude_the_carriage_return() -> None:
    lf = read_example(SEED_000).replace("\r\n", "\n")
    crlf = lf.replace("\n", "\r\n")
    spans = mark_boilerplate(crlf)
    assert_well_formed(crlf, spans)
    assert [(s.kind, crlf[s.start : s.end]) for s in spans] == marked(lf)
    for span in spans:
        assert crlf[span.end : span.end + 2] in ("\r\n", "")


def test_old_mac_line_breaks_and_surrounding_spaces() -> None:
    text = "Story line one.\r  You May Also Like  \rStory line two."
    spans = mark_boilerplate(text)
    assert [(s.kind, text[s.start : s.end]) for s in spans] == [("also_like", "You May Also Like")]


# --- each kind, in the middle of a story ---------------------------------------------------

POSITIVE_LINES = [
    ("related_link", "READ  Mexico surpasses Italy to become country with most deaths"),
    ("related_link", "Read more: Putin says alliance with China possible"),
    ("related_link", "READ ALSO: Kremlin rejects claims"),
    ("related_link", "Related: New START treaty talks stall"),
    ("related_link", "See also"),
    ("also_like", "You May Also Like"),
    ("also_like", "You might also like"),
    ("also_like", "Recommended for you"),
    ("also_like", "More from Politics"),
    ("comment_form", "Leave a Reply"),
    ("comment_form", "Leave a Reply Cancel reply"),
    ("comment_form", "Your email address will not be published. Required fields are marked *"),
    ("comment_form", "Post Comment"),
    ("comment_form", "Cancel reply"),
    ("photo_credit", "Photo: AP"),
    ("photo_credit", "(Getty Images)"),
    ("photo_credit", "Image copyright Getty Images"),
    ("photo_credit", "Sputnik/Ramil Sitdikov/Kremlin via Reuters"),
    ("photo_credit", "Chinese President Xi JinpingCarlos Garcia Rollins / Reuters"),
    ("share_prompt", "Share this article"),
    ("share_prompt", "Share on Facebook"),
    ("share_prompt", "Click to share on Twitter (Opens in new window)"),
    ("share_prompt", "Follow us on Twitter"),
    ("share_prompt", "Share this article: Facebook Twitter WhatsApp Email"),
    ("caption", "Pictured: Ministers agree a new deal on steel tariffs"),
    ("caption", "Archive image: the port of Valmera in 2019"),
    ("other_reports", "Other reports by iNewsToday"),
    ("other_reports", "More stories by Jane Doe"),
]


@pytest.mark.parametrize(("kind", "line"), POSITIVE_LINES)
def test_template_line_in_a_story_is_marked(kind: str, line: str) -> None:
    assert marked(in_story(line)) == [(kind, line)]


NEGATIVE_LINES = [
    "Putin pointed out the war games held by the armies of China and Russia as a sign.",
    "Readers will remember the last time the treaty was extended.",
    "Read my lips, he said.",
    "Share prices fell 5% on Monday after the announcement.",
    "Shares in Cairn Energy have jumped 6%",
    "Picture the scene - Wales are camped on the England line.",
    "About the author's claims, critics were silent.",
    "No comments were made by the minister",
    "Follow us on Twitter, she told fans.",
    "More power to the people says HP",
    "Related to this, the ministry published figures on Friday.",
    "Pictures by the thousand flooded in",
    "(seeds in brackets)",
    "(Kremlin spokesman Dmitry Peskov)",
    "Award for Reuters",
    "Reading v Stockport/Swansea",
    "Website",
    "Trump says he is weak in Russia.",
    "Pictured: the scene was chaotic. Police arrived and arrested two men.",
]


@pytest.mark.parametrize("line", NEGATIVE_LINES)
def test_story_line_is_not_marked(line: str) -> None:
    assert marked(in_story(line)) == []


def test_headline_like_line_is_not_a_caption_without_a_credit() -> None:
    text = (
        f"{STORY_BEFORE}\n\nChinese President Xi Jinping\n"
        "Chinese President Xi Jinping arrived in Moscow on Thursday for talks\n\n"
        f"{STORY_AFTER}\n"
    )
    assert marked(text) == []


def test_repeated_title_is_not_a_caption() -> None:
    text = "Russia-China alliance cannot be excluded\n\nRussia-China alliance cannot be excluded\n"
    assert marked(text) == []


def test_caption_pair_separated_by_one_blank_line() -> None:
    text = f"{STORY_BEFORE}\n\nPutin in Moscow\n\nPutin in MoscowAFP via Getty Images\n"
    assert marked(text) == [
        ("caption", "Putin in Moscow"),
        ("photo_credit", "Putin in MoscowAFP via Getty Images"),
    ]


def test_bio_in_the_same_block_as_its_header() -> None:
    text = f"{STORY_BEFORE}\n\nAbout the Author\nAnalyst. Coffee fan. Writer.\n\n{STORY_AFTER}"
    assert marked(text) == [
        ("author_bio", "About the Author"),
        ("author_bio", "Analyst. Coffee fan. Writer."),
    ]


def test_bio_header_at_the_end_of_the_page() -> None:
    assert marked(f"{STORY_BEFORE}\n\nAbout the Author: Jane Doe\n") == [
        ("author_bio", "About the Author: Jane Doe")
    ]


def test_long_block_after_bio_header_is_not_taken_for_a_bio() -> None:
    paragraph = " ".join([STORY_AFTER] * 6)
    text = f"About the Author: Jane Doe\n\n{paragraph}\n"
    assert marked(text) == [("author_bio", "About the Author: Jane Doe")]


def test_comment_form_fields_follow_the_form() -> None:
    text = f"{STORY_BEFORE}\n\nLeave a Reply\nComment\nName *\nEmail *\nWebsite\nPost Comment\n"
    assert [kind for kind, _ in marked(text)] == ["comment_form"] * 6


# --- repeated lines ----------------------------------------------------------------------

# A footer that no pattern explains (a copyright footer would be marked as `copyright`
# whatever the repetition says): only repetition across the site can find it.
FOOTER = "Example News (since 2020) is part of Example Media Group"
# Distinct first lines: line_key maps digits to "0", so "Story 1." and "Story 2." would
# share a key.
TOPICS = ["Alpha", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot", "Golf", "Hotel"]


def story(n: int) -> str:
    return f"Story about {TOPICS[n % len(TOPICS)]} {TOPICS[n // len(TOPICS) % len(TOPICS)]}."


def _site_docs() -> list[Document]:
    docs = []
    for n in range(6):
        lines = [story(n), STORY_AFTER if n < 2 else ""]
        if n < 5:
            lines.append(FOOTER.replace("2020", str(2015 + n)))  # years differ per page
        docs.append(Document(id=f"a{n}", text="\n\n".join(lines), site="example.com"))
    return docs


def test_footer_on_five_of_six_articles_is_found() -> None:
    result = repeated_lines_by_site(_site_docs())
    assert whole_lines(result["example.com"]) == frozenset({line_key(FOOTER)})


def test_line_shared_by_two_articles_is_not_found() -> None:
    # STORY_AFTER is on exactly two of the six articles: reuse, not template.
    assert line_key(STORY_AFTER) not in repeated_lines_by_site(_site_docs())["example.com"]


def test_line_repeated_within_one_document_counts_once() -> None:
    docs = [Document(id="x", text="\n".join(["Sign up now"] * 10), site="s.com")] + [
        Document(id=f"y{n}", text=story(n), site="s.com") for n in range(3)
    ]
    assert repeated_lines_by_site(docs) == {"s.com": frozenset()}


def test_documents_without_a_site_are_ignored() -> None:
    docs = [Document(id=f"n{n}", text=FOOTER, site=None) for n in range(10)]
    docs.append(Document(id="s", text=FOOTER, site="one.com"))
    assert repeated_lines_by_site(docs) == {"one.com": frozenset()}


def test_sites_are_counted_separately() -> None:
    docs = [Document(id=f"a{n}", text=f"{story(n)}\n{FOOTER}", site="a.com") for n in range(3)]
    docs += [Document(id=f"b{n}", text=f"{story(n)}\n{FOOTER}", site="b.com") for n in range(2)]
    result = repeated_lines_by_site(docs)
    assert line_key(FOOTER) in result["a.com"]
    assert result["b.com"] == frozenset()


def test_long_repeated_paragraph_is_reuse_not_template() -> None:
    paragraph = " ".join([STORY_BEFORE, STORY_AFTER])
    assert len(paragraph) > REPEATED_LINE_MAX_CHARS
    docs = [Document(id=f"a{n}", text=f"{story(n)}\n{paragraph}", site="a.com") for n in range(8)]
    assert repeated_lines_by_site(docs)["a.com"] == frozenset()


def test_share_threshold_applies_on_large_sites() -> None:
    n_docs = 100
    holders = max(REPEATED_LINE_MIN_DOCS, int(REPEATED_LINE_MIN_SHARE * n_docs) - 1)
    docs = [
        Document(
            id=str(n), text=f"{story(n)}\nSponsored by Acme" if n < holders else story(n), site="s"
        )
        for n in range(n_docs)
    ]
    assert line_key("Sponsored by Acme") not in repeated_lines_by_site(docs)["s"]
    docs.append(Document(id="more", text="Sponsored by Acme", site="s"))
    docs.append(Document(id="more2", text="Sponsored by Acme", site="s"))
    assert line_key("Sponsored by Acme") in repeated_lines_by_site(docs)["s"]


def test_repeated_line_is_marked_when_no_pattern_explains_it() -> None:
    keys = repeated_lines_by_site(_site_docs())["example.com"]
    text = f"{STORY_BEFORE}\n\nExample News (since 2024) is part of Example Media Group\n"
    spans = mark_boilerplate(text, keys)
    assert [(s.kind, text[s.start : s.end]) for s in spans] == [
        ("repeated_line", "Example News (since 2024) is part of Example Media Group")
    ]
    assert "repeated" in spans[0].evidence


def test_pattern_kind_wins_over_repeated_line() -> None:
    text = in_story("You May Also Like")
    assert marked(text, frozenset({line_key("You May Also Like")})) == [
        ("also_like", "You May Also Like")
    ]


def test_line_key_normalisation() -> None:
    assert line_key("  Ｓｈａｒｅ\u00a0 THIS   Story ") == "share this story"
    assert line_key("It’s “Great” — 2020") == line_key('it\'s "great" - 1999')
    assert line_key("12 Comments") == line_key("3 comments") == "0 comments"
    assert line_key(" \t ") == ""


# --- real background corpus ---------------------------------------------------------------


def _bbc_articles(count: int) -> list[tuple[str, str]]:
    if not BBC_TAR.is_file():
        pytest.skip(f"shared data not found at {BBC_TAR} (it lives outside the repository)")
    with tarfile.open(BBC_TAR) as tar:
        members = sorted(
            (m for m in tar.getmembers() if m.isfile() and m.name.endswith(".txt")),
            key=lambda m: m.name,
        )
        members = [m for m in members if "README" not in m.name.upper()]
        step = max(1, len(members) // count)
        articles = []
        for member in members[::step][:count]:
            handle = tar.extractfile(member)
            assert handle is not None
            articles.append((member.name, handle.read().decode("utf-8", errors="replace")))
    return articles


def test_no_marks_on_real_bbc_articles() -> None:
    articles = _bbc_articles(50)
    assert len(articles) == 50
    for name, text in articles:
        assert marked(text) == [], name
    docs = [Document(id=name, text=text, site="bbc.co.uk") for name, text in articles]
    assert repeated_lines_by_site(docs) == {"bbc.co.uk": frozenset()}


# --- robustness ---------------------------------------------------------------------------

TEMPLATE_PIECES = [line for _, line in POSITIVE_LINES] + NEGATIVE_LINES + ["", " ", "\xa0"]


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(
        st.text(),
        st.lists(
            st.one_of(st.sampled_from(TEMPLATE_PIECES), st.text(max_size=40)), max_size=20
        ).map(lambda parts: "\n".join(parts)),
        st.lists(st.sampled_from(TEMPLATE_PIECES), max_size=12).map(lambda p: "\r\n".join(p)),
    )
)
def test_spans_are_valid_for_any_text(text: str) -> None:
    repeated = frozenset(line_key(line) for line in text.splitlines()[:3])
    spans = mark_boilerplate(text, repeated)
    for span in spans:
        assert 0 <= span.start < span.end <= len(text)
        assert text[span.start : span.end] == text[span.start : span.end].strip()
    assert_well_formed(text, spans)


def test_a_five_megabyte_text_is_marked_like_its_parts() -> None:
    seed = read_example(SEED_000) + "\n\n"
    big = seed * (5_000_000 // len(seed))
    spans = mark_boilerplate(big)
    assert len(spans) == len(SEED_000_EXPECTED) * (5_000_000 // len(seed))


@pytest.mark.parametrize(
    "line",
    [
        "a/" * 140,
        "READ " + "x. " * 90,
        "Photo: " + "A " * 140,
        "Follow " + "Us " * 90 + "on",
        "(" * 150 + ")" * 150,
        "Leave a reply to " + "x " * 140,
        "JinpingC" * 30 + "/Reuters",
    ],
)
def test_adversarial_lines_are_handled(line: str) -> None:
    """Lines built to make a careless regex backtrack; a hang here fails the run by timeout."""
    text = "\n".join([line] * 2000)
    assert_well_formed(text, mark_boilerplate(text))


@settings(max_examples=80, deadline=None)
@given(
    st.lists(
        st.one_of(st.sampled_from(TEMPLATE_PIECES), st.text(max_size=30)), min_size=1, max_size=30
    ).map(lambda parts: "\n".join(parts)),
    st.lists(st.tuples(st.integers(0, 400), st.integers(0, 80)), max_size=10),
)
def test_marked_chars_counts_what_a_sum_over_every_span_counts(
    text: str, ranges: list[tuple[int, int]]
) -> None:
    spans = mark_boilerplate(text)
    marked = MarkedChars(spans)
    for start, length in ranges:
        end = start + length
        naive = sum(max(0, min(end, s.end) - max(start, s.start)) for s in spans)
        assert marked(start, end) == naive


def test_a_page_of_thousands_of_template_lines_without_blank_lines_is_all_marked() -> None:
    # Each "About the Author" header used to walk the rest of a page without blank lines.
    lines = ["About the Author: Mortimer Nelson", "Leave a Reply", "You May Also Like"] * 3000
    spans = mark_boilerplate("\n".join(lines))
    assert len(spans) == len(lines)
