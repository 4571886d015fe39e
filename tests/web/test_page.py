"""The page, used as a person uses it, in headless Chromium against a real `unspin serve`:
paste the seeds' spun rewrite into a server whose index holds the wire story among a few
hundred BBC articles, and read the answer off the rendered page.

Screenshots of each view are written to ``UNSPIN_SCREENSHOTS`` (a folder) when it is set:
``UNSPIN_SCREENSHOTS=docs/images pytest tests/web/test_page.py`` refreshes those in docs/.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx2 as httpx
import pytest
from tests.web.conftest import (
    EXAMPLES,
    SPUN,
    WIRE,
    Server,
    start_server,
    stop_server,
    texts,
    unspin,
    wait_for,
)

SPUN_TEXT = (EXAMPLES / f"{SPUN}.txt").read_text()
SPLICES = (
    "States Parties to the Chemical Weapons Convention deem the use of chemical weapons",
    "We urge you to hold those accountable for this heinous act",
    "U.S. Senator Mitt Romney (R-UT) today joined Senators Ben Cardin",
)


def screenshot(driver: Any, name: str) -> None:
    folder = os.environ.get("UNSPIN_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        driver.save_screenshot(str(Path(folder) / f"{name}.png"))


def open_form(driver: Any, url: str) -> None:
    """A fresh trace form (loading the URL the browser is on would keep the old page)."""
    driver.get(url + "/#/")
    driver.refresh()


def paste_and_trace(driver: Any, url: str, text: str) -> None:
    open_form(driver, url)
    box = wait_for(driver, "#article-text-input")
    driver.execute_script("arguments[0].value = arguments[1]", box, text)
    driver.find_element("id", "trace-button").click()
    wait_for(driver, "#side-by-side .col")


@pytest.fixture(scope="module")
def traced(browser: Any, server: Server) -> Any:
    paste_and_trace(browser, server.url, SPUN_TEXT)
    return browser


def test_the_source_ranked_first_is_the_wire_story_with_its_share(
    traced: Any, server: Server
) -> None:
    api = httpx.post(server.url + "/api/trace", json={"text": SPUN_TEXT}, timeout=60).json()
    rows = traced.find_elements("css selector", "#sources tbody tr")
    assert len(rows) == len(api["sources"]) >= 1
    first = rows[0]
    assert WIRE in first.text
    share = f"{100 * api['sources'][0]['matched']:.1f}%"
    assert share in first.find_element("css selector", ".matched").text
    width = first.find_element("css selector", ".bar > span").get_attribute("style")
    assert f"{100 * api['sources'][0]['matched']:.1f}%" in width
    screenshot(traced, "trace")


def test_passages_are_highlighted_by_kind_on_both_sides(traced: Any) -> None:
    for side in ("#article-text", "#source-text"):
        kinds = set(
            traced.execute_script(
                "return [...document.querySelectorAll(arguments[0] + ' [data-p]')]"
                ".flatMap((e) => [...e.classList].filter((c) => c.startsWith('k-')))",
                side,
            )
        )
        assert {"k-verbatim", "k-spun"} <= kinds, side
    article = "".join(texts(traced, "#article-text .k-verbatim"))
    assert "Putin's statement was a sign that relations between Moscow and Beijing" in article


def test_a_substitution_is_shown_on_both_sides(traced: Any) -> None:
    mine = texts(traced, "#article-text .sub")
    theirs = texts(traced, "#source-text .sub")
    assert "Russian Federation" in mine and "Russia" in theirs
    titles = traced.execute_script(
        "return [...document.querySelectorAll('#article-text .sub')].map((e) => e.title)"
    )
    assert any("substituted: Russian Federation → Russia" in t for t in titles)


def test_the_three_spliced_paragraphs_are_marked_inserted(traced: Any) -> None:
    inserted = " ".join(texts(traced, "#article-text .ins"))
    for splice in SPLICES:
        assert splice in inserted, splice
    listed = texts(traced, "#inserted li")
    assert all(any(splice in item for item in listed) for splice in SPLICES)
    assert "Other reports by iNewsToday" in " ".join(texts(traced, "#article-text .bp"))
    traced.execute_script(
        "window.scrollTo(0, document.getElementById('side-by-side').offsetTop - 100)"
    )
    screenshot(traced, "side-by-side")


def test_a_click_on_a_passage_scrolls_the_other_side_to_it(traced: Any) -> None:
    last = traced.execute_script(
        "const ps = [...document.querySelectorAll('#article-text [data-n]')];"
        "return ps[ps.length - 1].getAttribute('data-p').split(' ')[0]"
    )
    source = traced.find_element("id", "source-text")
    traced.execute_script("arguments[0].scrollTop = 0", source)
    span = traced.find_element("css selector", f"#article-text [data-n='{int(last) + 1}']")
    traced.execute_script("arguments[0].scrollIntoView({block: 'center'})", span)
    span.click()
    assert traced.execute_script("return arguments[0].scrollTop", source) > 0
    flashed = traced.execute_script(
        "return [...document.querySelectorAll('#source-text .flash')]"
        ".map((e) => e.getAttribute('data-p'))"
    )
    assert flashed and all(last in p.split(" ") for p in flashed)
    visible = traced.execute_script(
        "const box = arguments[0].getBoundingClientRect();"
        "const mark = arguments[0].querySelector('.flash').getBoundingClientRect();"
        "return mark.top >= box.top && mark.top <= box.bottom",
        source,
    )
    assert visible, "the partner passage is scrolled into the source's view"


def test_the_family_graph_marks_the_original_and_points_to_the_copy(traced: Any) -> None:
    wait_for(traced, "#family-graph")
    nodes = traced.execute_script(
        "return [...document.querySelectorAll('#family-graph .node')]"
        ".map((n) => [n.getAttribute('data-id'), n.getAttribute('class')])"
    )
    assert dict(nodes)[WIRE] == "node original"
    assert "me" in dict(nodes)["article"]
    lines = traced.find_elements("css selector", "#family-graph line")
    assert len(lines) >= 1
    traced.execute_script("document.getElementById('family').scrollIntoView()")
    screenshot(traced, "family")


def test_families_and_documents_can_be_browsed(browser: Any, server: Server) -> None:
    families = server.get("/api/families")
    browser.get(server.url + "/#/families")
    wait_for(browser, "#families tbody tr")
    assert len(browser.find_elements("css selector", "#families tbody tr")) == min(
        50, families["total"]
    )
    screenshot(browser, "families")
    biggest = families["families"][0]
    browser.find_element("link text", biggest["id"]).click()
    wait_for(browser, "#family-graph")
    drawn = browser.find_elements("css selector", "#family-graph .node")
    assert len(drawn) == len(biggest["members"])
    browser.get(server.url + "/#/documents?q=military%20alliance")
    wait_for(browser, "#documents tbody tr")
    browser.find_element("link text", WIRE).click()
    wait_for(browser, "#summary h1")
    assert "Russia-China military alliance" in browser.find_element("css selector", "h1").text


def test_sites_show_their_farm_scores_in_a_chart_and_a_table(browser: Any, server: Server) -> None:
    scores = server.get("/api/sites/scores")
    assert scores, "the served index was scanned with sites"
    browser.get(server.url + "/#/sites")
    wait_for(browser, "#sites tbody tr")
    rows = browser.find_elements("css selector", "#sites tbody tr")
    assert [r.find_element("css selector", "td a").text for r in rows] == [
        s["site"] for s in scores
    ]
    bars = browser.find_elements("css selector", "#site-chart .site-bar")
    assert [b.get_attribute("data-site") for b in bars] == [s["site"] for s in scores][:30]
    screenshot(browser, "sites")
    rows[0].find_element("css selector", "td a").click()
    wait_for(browser, "#documents tbody tr")
    shown = browser.find_elements("css selector", "#documents tbody tr td:nth-child(3)")
    assert shown and {cell.text for cell in shown} == {scores[0]["site"]}


def test_nothing_is_loaded_from_the_network(traced: Any, server: Server) -> None:
    loaded = traced.execute_script(
        "return performance.getEntriesByType('resource').map((e) => e.name)"
    )
    assert loaded and all(u.startswith(server.url) or u.startswith("data:") for u in loaded)


HOSTILE = (
    "Breaking: <script>window.__pwned = 'script'</script> a report said. "
    "<img src=x onerror=\"window.__pwned = 'onerror'\"> "
    "<b onmouseover=\"window.__pwned = 'hover'\">bold</b> & more.\n\n"
) * 3 + "The council approved the new budget for the city library on Monday evening."


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Server, Path]]:
    folder = tmp_path_factory.mktemp("hostile")
    articles = folder / "articles"
    articles.mkdir()
    (articles / "hostile.txt").write_text(HOSTILE + "\n")
    (articles / "copy.txt").write_text(HOSTILE + "\nThe library opens again in May.\n")
    db = folder / "index.db"
    unspin("scan", articles, "--out", folder / "scan", "--db", db)
    found = start_server(db)
    yield found, folder / "scan" / "report.html"
    stop_server(found)


def test_article_text_with_markup_renders_as_text_and_runs_nothing(
    browser: Any, hostile_server: tuple[Server, Path]
) -> None:
    server, report = hostile_server
    paste_and_trace(browser, server.url, HOSTILE)
    shown = browser.find_element("id", "article-text").text
    assert "<script>window.__pwned = 'script'</script>" in shown
    assert '<img src=x onerror="' in shown
    assert browser.execute_script("return window.__pwned === undefined")
    injected = "#view img, #view script, #view [onerror], #view [onmouseover]"
    assert browser.find_elements("css selector", injected) == []
    browser.get(server.url + "/#/document/hostile")
    wait_for(browser, "#article-text")
    assert browser.execute_script("return window.__pwned === undefined")
    browser.get(report.as_uri())
    wait_for(browser, "body")
    assert re.search(r"<script>window.__pwned", browser.find_element("tag name", "body").text)
    assert browser.execute_script("return window.__pwned === undefined")


def test_trace_html_shows_the_served_view_offline(
    browser: Any, server: Server, bbc_index: Path, tmp_path: Path
) -> None:
    page = tmp_path / "trace.html"
    unspin("trace", EXAMPLES / f"{SPUN}.txt", "--db", bbc_index, "--html", page)
    paste_and_trace(browser, server.url, SPUN_TEXT)
    served = texts(browser, "#sources tbody tr .matched")
    served_subs = texts(browser, "#source-text .sub")
    browser.get(page.as_uri())
    wait_for(browser, "#side-by-side .col")
    assert texts(browser, "#sources tbody tr .matched") == served
    assert texts(browser, "#source-text .sub") == served_subs
    inserted = " ".join(texts(browser, "#article-text .ins"))
    assert all(splice in inserted for splice in SPLICES)
    assert browser.execute_script("return performance.getEntriesByType('resource').length") == 0, (
        "the page loads nothing"
    )


def test_an_uploaded_page_is_traced_as_html(browser: Any, server: Server, tmp_path: Path) -> None:
    paragraphs = "".join(f"<p>{line}</p>" for line in SPUN_TEXT.splitlines() if line.strip())
    page = tmp_path / "saved.html"
    page.write_text(
        "<html><head><title>Saved page</title></head><body><nav>Home | World | Sport</nav>"
        f"<article>{paragraphs}</article></body></html>"
    )
    open_form(browser, server.url)
    wait_for(browser, "#article-file").send_keys(str(page))
    browser.execute_script("document.getElementById('article-text-input').value = ''")
    browser.find_element("id", "trace-button").click()
    wait_for(browser, "#sources tbody tr")
    assert WIRE in browser.find_element("css selector", "#sources tbody tr").text
    shown = browser.find_element("id", "article-text").text
    assert "<p>" not in shown and "Putin" in shown, "the page's text, not its markup"


def test_an_error_is_shown_as_one_line(browser: Any, server: Server) -> None:
    open_form(browser, server.url)
    wait_for(browser, "#article-text-input")
    browser.find_element("id", "trace-button").click()
    alert = wait_for(browser, "#result .error")
    assert alert.text == (
        "the article cannot be traced: empty text. Fix: paste or upload the text or page of "
        "one article (HTTP 422)"
    )
