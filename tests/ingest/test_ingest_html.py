"""HTML pages: the article's paragraphs without the page around them, with title, date,
site and URL from the page's metadata."""

from __future__ import annotations

from pathlib import Path

from unspin.ingest import iter_records, read_document
from unspin.model import Document, Reject

PARAGRAPHS = [
    "Moscow - Russian President Vladimir Putin said on Thursday that a military alliance "
    "with China could not be ruled out, speaking to foreign policy experts by video link.",
    "Russia has shared important military technologies with China, he said, adding that "
    "the details were sensitive and that time would show how cooperation develops.",
]

PAGE = f"""<!DOCTYPE html>
<html lang="en-GB"><head>
<meta charset="utf-8">
<title>Putin: alliance with China cannot be excluded | World News</title>
<meta property="og:title" content="Putin: alliance with China cannot be excluded">
<meta property="og:site_name" content="World News">
<meta property="article:published_time" content="2020-10-22T19:05:00+03:00">
<link rel="canonical" href="https://www.worldnews.example/russia/putin-china">
</head><body>
<nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<article><h1>Putin: alliance with China cannot be excluded</h1>
<p>{PARAGRAPHS[0]}</p><p>{PARAGRAPHS[1]}</p></article>
<footer>© World News. All rights reserved.</footer>
</body></html>"""


def test_article_text_and_metadata_come_out_of_the_page(tmp_path: Path) -> None:
    path = tmp_path / "putin.html"
    path.write_text(PAGE, encoding="utf-8")

    doc = read_document(path)

    assert doc.id == "putin"
    assert doc.title == "Putin: alliance with China cannot be excluded"
    assert doc.date == "2020-10-22"
    assert doc.url == "https://www.worldnews.example/russia/putin-china"
    assert doc.site == "worldnews.example"  # the host, stable across a site's pages
    assert doc.lang == "en"
    assert "All rights reserved" not in doc.text


def test_paragraphs_stay_on_separate_lines(tmp_path: Path) -> None:
    path = tmp_path / "putin.htm"
    path.write_text(PAGE, encoding="utf-8")

    lines = read_document(path).text.splitlines()

    assert PARAGRAPHS[0] in lines
    assert PARAGRAPHS[1] in lines


def test_declared_legacy_charset_is_honoured(tmp_path: Path) -> None:
    page = PAGE.replace('charset="utf-8"', 'charset="iso-8859-1"').replace(
        "Moscow - ", "Moscow - Défense: "
    )
    path = tmp_path / "latin.html"
    path.write_bytes(page.replace("©", "(c)").encode("latin-1"))

    assert "Moscow - Défense: " in read_document(path).text


def test_a_site_name_stands_in_when_the_page_has_no_url(tmp_path: Path) -> None:
    path = tmp_path / "no-url.html"
    path.write_text(PAGE.replace('<link rel="canonical"', "<link"), encoding="utf-8")

    assert read_document(path).site == "World News"


def test_a_page_without_article_text_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "empty-page.html"
    path.write_text("<html><head><title>Nothing</title></head><body></body></html>")

    (reject,) = list(iter_records([path]))

    assert isinstance(reject, Reject)
    assert reject.reason == "no article text found in HTML"
    assert reject.record_id == "empty-page"


def dated_page(head: str = "", body: str = "", footer: str = "") -> str:
    """A page of the two paragraphs, with whatever date markup a test puts around them."""
    paragraphs = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return (
        f"<html><head><title>Putin on China</title>{head}</head><body>"
        f"<article><h1>Putin on China</h1>{body}{paragraphs}</article>"
        f"<footer>{footer}</footer></body></html>"
    )


def date_of(tmp_path: Path, page: str) -> tuple[str | None, str | None]:
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    doc = read_document(path)
    return doc.date, doc.date_source


class TestPageDates:
    """Only what the markup declares dates a page: a year in its text or its footer does not
    (trafilatura's own guess dated this undated page 2019-01-01 from its copyright line)."""

    def test_an_undated_page_with_a_copyright_year_has_no_date(self, tmp_path: Path) -> None:
        page = dated_page(footer="Copyright 2019 World News. All rights reserved.")
        assert date_of(tmp_path, page) == (None, None)

    def test_years_and_dates_in_the_text_do_not_date_the_page(self, tmp_path: Path) -> None:
        body = "<p>Published: October 25, 2020</p><p>Back in 2003, talks had failed.</p>"
        assert date_of(tmp_path, dated_page(body=body)) == (None, None)

    def test_a_date_in_the_url_is_not_a_publication_date(self, tmp_path: Path) -> None:
        head = "<link rel='canonical' href='https://news.example/2019/05/03/putin-china'>"
        assert date_of(tmp_path, dated_page(head=head)) == (None, None)

    def test_the_published_time_meta_tag(self, tmp_path: Path) -> None:
        head = '<meta property="article:published_time" content="2020-10-25T10:00:00Z">'
        page = dated_page(head=head, footer="Copyright 2019")
        assert date_of(tmp_path, page) == ("2020-10-25", "metadata")

    def test_dublin_core_and_other_meta_names(self, tmp_path: Path) -> None:
        for head in (
            '<meta name="dc.date" content="2020-10-25">',
            '<meta name="pubdate" content="20201025">',
            '<meta itemprop="datePublished" content="2020-10-25T10:00">',
        ):
            assert date_of(tmp_path, dated_page(head=head)) == ("2020-10-25", "metadata"), head

    def test_a_modified_time_alone_is_no_publication_date(self, tmp_path: Path) -> None:
        head = '<meta property="article:modified_time" content="2021-01-01T10:00:00Z">'
        assert date_of(tmp_path, dated_page(head=head)) == (None, None)

    def test_json_ld_date_published_of_the_article(self, tmp_path: Path) -> None:
        graph = (
            '{"@context": "https://schema.org", "@graph": ['
            '{"@type": "WebPage", "datePublished": "2019-01-01"},'
            '{"@type": "NewsArticle", "headline": "Putin on China",'
            ' "datePublished": "2020-10-25T10:00:00+03:00", "dateModified": "2021-01-01"}]}'
        )
        head = f'<script type="application/ld+json">{graph}</script>'
        assert date_of(tmp_path, dated_page(head=head)) == ("2020-10-25", "metadata")

    def test_broken_json_ld_is_no_date(self, tmp_path: Path) -> None:
        head = '<script type="application/ld+json">{"datePublished": "2020-10-25",</script>'
        assert date_of(tmp_path, dated_page(head=head)) == (None, None)

    def test_a_time_element_in_the_article(self, tmp_path: Path) -> None:
        body = '<p class="byline">By A. Reporter, <time datetime="2020-10-25">Sunday</time></p>'
        assert date_of(tmp_path, dated_page(body=body)) == ("2020-10-25", "metadata")

    def test_a_time_marked_as_published_beats_other_times(self, tmp_path: Path) -> None:
        body = (
            '<time datetime="2020-10-26T08:00">Updated</time>'
            '<time class="published" datetime="2020-10-25T10:00">Published</time>'
        )
        assert date_of(tmp_path, dated_page(body=body)) == ("2020-10-25", "metadata")

    def test_times_of_other_articles_in_a_sidebar_date_nothing(self, tmp_path: Path) -> None:
        page = dated_page().replace(
            "<footer>", '<aside><time datetime="2018-03-01">Related story</time></aside><footer>'
        )
        assert date_of(tmp_path, page) == (None, None)

    def test_a_nul_in_the_page_is_replaced_and_reported(self, tmp_path: Path) -> None:
        path = tmp_path / "page.html"
        path.write_text(PAGE.replace(PARAGRAPHS[0][:6], PARAGRAPHS[0][:6] + "\x00"))

        doc, warning = iter_records([path])

        assert isinstance(doc, Document)
        assert PARAGRAPHS[1] in doc.text  # the page is read past the NUL
        assert isinstance(warning, Reject) and warning.kept
        assert warning.reason.startswith("1 control character (NUL) in the page replaced")
