"""HTML pages: the article's paragraphs without the page around them, with title, date,
site and URL from the page's metadata."""

from __future__ import annotations

from pathlib import Path

from unspin.ingest import iter_records, read_document
from unspin.model import Reject

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
