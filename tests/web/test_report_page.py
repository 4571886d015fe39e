"""A scan's report.html with many pairs, in headless Chromium: searched by id or title,
sorted by score, shown a page of pairs at a time, each family drawn as a graph; titles with
markup stay text."""

from __future__ import annotations

from typing import Any

import pytest
from tests.web.conftest import texts, wait_for

from unspin.model import Document, DocumentReport, Family, PairResult, Passage, RunResult
from unspin.report.html import PAGE_PAIRS, render_html

PAIRS = 60
TEXT = "The council approved a new budget for the city library on Monday evening."


def corpus() -> tuple[RunResult, dict[str, Document]]:
    text = TEXT
    documents = {
        f"doc-{i:03d}": Document(f"doc-{i:03d}", text, title=f"Story number {i}")
        for i in range(PAIRS + 1)
    }
    documents["doc-000"] = Document("doc-000", text, title='<img src=x onerror="window.__x=1">')
    pairs = tuple(
        PairResult(
            "doc-000" if i % 2 else f"doc-{i - 1:03d}",
            f"doc-{i:03d}",
            "duplicate",
            round(0.5 + (i * 37 % PAIRS) / (2 * PAIRS), 4),
            1.0,
            1.0,
            "a->b" if i % 3 else None,
            (Passage(0, len(text), 0, len(text), "verbatim", 1.0),),
        )
        for i in range(1, PAIRS + 1)
    )
    odd = tuple(sorted({"doc-000", *(f"doc-{i:03d}" for i in range(1, PAIRS + 1, 2))}))
    families = (
        Family("f-odd", odd, "doc-000"),
        Family("f-two", ("doc-001", "doc-002"), "doc-001"),
    )
    reports = tuple(DocumentReport(d, documents[d].title, None, None) for d in documents)
    return RunResult(reports, pairs, families), documents


@pytest.fixture(scope="module")
def report(browser: Any, tmp_path_factory: pytest.TempPathFactory) -> Any:
    result, documents = corpus()
    page = tmp_path_factory.mktemp("report") / "report.html"
    page.write_text(render_html(result, documents), encoding="utf-8")
    browser.get(page.as_uri())
    wait_for(browser, "#pair-index")
    return browser


def visible_pairs(driver: Any) -> list[str]:
    found: list[str] = driver.execute_script(
        "return [...document.querySelectorAll('section.pair')]"
        ".filter((s) => !s.hidden).map((s) => s.id)"
    )
    return found


def test_a_page_of_pairs_is_shown_and_the_pager_moves_through_them(report: Any) -> None:
    assert visible_pairs(report) == [f"pair-{n}" for n in range(1, PAGE_PAIRS + 1)]
    assert f"pairs 1–{PAGE_PAIRS} of {PAIRS}" in report.find_element("id", "pair-pager").text
    report.find_element("link text", "next →").click()
    assert visible_pairs(report)[0] == f"pair-{PAGE_PAIRS + 1}"


def test_pairs_are_searched_by_title_and_sorted_by_score(report: Any) -> None:
    search = report.find_element("id", "pair-search")
    search.send_keys("Story number 42")
    assert visible_pairs(report) == ["pair-42"]
    report.execute_script(
        "arguments[0].value = ''; arguments[0].dispatchEvent(new Event('input'))", search
    )
    assert len(visible_pairs(report)) == PAGE_PAIRS
    report.find_element("css selector", "th[data-sort=score]").click()
    scores = [
        float(s)
        for s in report.execute_script(
            "return [...document.querySelectorAll('#pair-index tbody tr')]"
            ".filter((r) => !r.hidden).map((r) => r.dataset.score)"
        )
    ]
    assert len(scores) == PAGE_PAIRS and scores == sorted(scores, reverse=True)
    top = visible_pairs(report)[0]
    assert report.find_element("css selector", "#pair-index tbody tr:not([hidden])").get_attribute(
        "data-num"
    ) == top.removeprefix("pair-")


def test_a_link_to_a_pair_on_another_page_shows_it(report: Any) -> None:
    report.execute_script("location.hash = '#pair-59'")
    assert "pair-59" in visible_pairs(report)


def test_each_family_is_drawn_with_its_original_marked(report: Any) -> None:
    nodes = report.find_elements("css selector", "#family-graph .node")
    assert len(nodes) == PAIRS // 2 + 1
    assert (
        report.find_element("css selector", "#family-graph .node.original").get_attribute("data-id")
        == "doc-000"
    )
    arrows = report.find_elements("css selector", "#family-graph line.directed")
    assert arrows and all(a.get_attribute("marker-end") == "url(#arrow)" for a in arrows)
    report.find_element("css selector", "tr.family[data-family=f-two]").click()
    drawn = report.execute_script(
        "return [...document.querySelectorAll('#family-graph .node')].map((n) => n.dataset.id)"
    )
    assert sorted(drawn) == ["doc-001", "doc-002"]


def test_a_title_with_markup_stays_text(report: Any) -> None:
    assert report.execute_script("return window.__x === undefined")
    assert report.find_elements("css selector", "main img") == []
    report.find_element("css selector", "tr.family[data-family=f-odd]").click()
    labels = texts(report, "#family-graph .node text")
    assert any('<img src=x onerror="window' in label for label in labels)
