"""The HTML report: segmenting, highlighting, escaping, self-containment."""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

import pytest
from hypothesis import given
from hypothesis import strategies as st

from unspin.model import (
    BoilerplateSpan,
    Document,
    DocumentReport,
    Family,
    InsertedSpan,
    PairResult,
    Passage,
    Reject,
    RunResult,
)
from unspin.report.html import Mark, find_word, render_html, segments

TEXT_A = (
    "Russia & China <b>allies</b>\r\n\r\n"
    "Putin said a Russia-China military alliance cannot be excluded.\r\n"
    "READ MORE: Other story\r\n"
    "Russia is sharing sensitive military technologies with China."
)
TEXT_B = (
    "Putin says ready\n\n"
    "Putin said a Russian Federation-China military union cannot be excluded.\n"
    "<script>alert(1)</script> Senators urge sanctions.\n"
    "Russian Federation is sharing sensitive military techs with China."
)


def span(text: str, needle: str) -> tuple[int, int]:
    start = text.index(needle)
    return start, start + len(needle)


@dataclass
class Chunk:
    text: str
    classes: frozenset[str]
    pids: str | None
    title: str | None


class DocParser(HTMLParser):
    """Collects, for each `.doc` column, its text chunks with the classes of their span."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.docs: list[list[Chunk]] = []
        self.inside = False  # within a .doc div
        self.span: dict[str, str | None] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "div" and "doc" in (a.get("class") or "").split():
            self.docs.append([])
            self.inside = True
        elif self.inside:
            assert tag == "span", f"unexpected <{tag}> inside a document column"
            assert self.span is None, "segments must not nest"
            self.span = a

    def handle_endtag(self, tag: str) -> None:
        if self.inside and tag == "span":
            self.span = None
        elif self.inside and tag == "div":
            self.inside = False

    def handle_data(self, data: str) -> None:
        if not self.inside:
            return
        a = self.span or {}
        classes = frozenset((a.get("class") or "").split())
        self.docs[-1].append(Chunk(data, classes, a.get("data-p"), a.get("title")))


def parse_docs(html: str) -> list[list[Chunk]]:
    parser = DocParser()
    parser.feed(html)
    parser.close()
    return parser.docs


def text_with(chunks: list[Chunk], cls: str, pid: str | None = None) -> list[str]:
    """Maximal runs of text whose span has class `cls` (and passage label `pid`)."""
    runs: list[str] = []
    prev = False
    for c in chunks:
        hit = cls in c.classes and (pid is None or pid in (c.pids or "").split())
        if hit and prev:
            runs[-1] += c.text
        elif hit:
            runs.append(c.text)
        prev = hit
    return runs


def make_result(pairs: tuple[PairResult, ...] | None = None) -> RunResult:
    a1 = span(TEXT_A, "Putin said a Russia-China military alliance cannot be excluded.")
    b1 = span(TEXT_B, "Putin said a Russian Federation-China military union cannot be excluded.")
    a2 = span(TEXT_A, "sharing sensitive military")
    b2 = span(TEXT_B, "sharing sensitive military")
    passages = (
        Passage(*a1, *b1, "spun", 0.82, (("Russia", "Russian Federation"), ("alliance", "union"))),
        Passage(*a2, *b2, "verbatim", 1.0),
    )
    if pairs is None:
        pairs = (PairResult("a", "b", "rewrite", 0.71, 0.45, 0.62, "a->b", passages),)
    return RunResult(
        documents=(
            DocumentReport(
                "a",
                None,
                None,
                "2020-10-22",
                boilerplate=(
                    BoilerplateSpan(
                        *span(TEXT_A, "READ MORE: Other story"), "related_link", "READ"
                    ),
                ),
            ),
            DocumentReport(
                "b",
                "Putin says ready",
                None,
                None,
                inserted=(
                    InsertedSpan(*span(TEXT_B, "Senators urge sanctions."), None, True, 0.08),
                ),
            ),
        ),
        pairs=pairs,
        families=(Family("f1", ("a", "b"), "a"),),
        rejects=(Reject("bad.jsonl", "3", "no text field"),),
    )


DOCS = {
    "a": Document("a", TEXT_A, title="Russia & China <b>allies</b>"),
    "b": Document("b", TEXT_B, title="Putin says ready"),
}


@pytest.fixture(scope="module")
def html() -> str:
    return render_html(make_result(), DOCS, notes=["baseline: MinHash Jaccard 0.03 < 0.5"])


def test_self_contained(html: str) -> None:
    assert html.startswith("<!DOCTYPE html>")
    assert html.count("<html") == 1 and html.rstrip().endswith("</html>")
    assert 'src="http' not in html and "src='http" not in html
    assert '<link rel="stylesheet"' not in html
    assert "<style>" in html
    assert "@import" not in html
    assert re.findall(r"url\((?!#)", html) == [], "only references inside the page"


def test_header_counts_notes_and_pair_line(html: str) -> None:
    assert "2 documents · 1 pairs · 1 families" in html
    assert "baseline: MinHash Jaccard 0.03 &lt; 0.5" in html
    assert "rewrite · score 0.71 · coverage A 45%, B 62%" in html
    assert "A is the likely source" in html
    assert "a — Russia &amp; China &lt;b&gt;allies&lt;/b&gt; ↔ b — Putin says ready" in html


def test_every_character_round_trips(html: str) -> None:
    docs = parse_docs(html)
    assert len(docs) == 2
    assert "".join(c.text for c in docs[0]) == TEXT_A  # CRLF kept as is
    assert "".join(c.text for c in docs[1]) == TEXT_B


def test_passages_wrap_exactly_their_text(html: str) -> None:
    a, b = parse_docs(html)
    assert text_with(a, "p", "1") == [
        "Putin said a Russia-China military alliance cannot be excluded."
    ]
    assert text_with(b, "p", "1") == [
        "Putin said a Russian Federation-China military union cannot be excluded."
    ]
    assert text_with(a, "k-spun") == text_with(a, "p", "1")
    assert text_with(a, "k-verbatim") == ["sharing sensitive military"]
    assert text_with(b, "p", "2") == ["sharing sensitive military"]
    # the label is shown once per passage and side, at its start
    assert html.count('data-n="1"') == 2 and html.count('data-n="2"') == 2


def test_substitutions_emphasized(html: str) -> None:
    a, b = parse_docs(html)
    # whole word, case-sensitive: "Russia" in "Russia-China" but not outside the passage
    assert text_with(a, "sub") == ["Russia", "alliance"]
    assert text_with(b, "sub") == ["Russian Federation", "union"]
    subs = [c for c in a if "sub" in c.classes]
    assert all("k-spun" in c.classes for c in subs)
    assert subs[1].title is not None and "alliance → union" in subs[1].title


def test_boilerplate_and_inserted(html: str) -> None:
    a, b = parse_docs(html)
    assert text_with(a, "bp") == ["READ MORE: Other story"]
    bp = next(c for c in a if "bp" in c.classes)
    assert bp.title is not None and "related_link" in bp.title
    assert text_with(b, "ins") == ["Senators urge sanctions."]
    ins = next(c for c in b if "ins" in c.classes)
    assert ins.title is not None and "unattributed" in ins.title and "0.08" in ins.title
    assert "off-topic" in ins.title
    assert text_with(a, "ins") == [] and text_with(b, "bp") == []


def test_script_in_document_is_escaped(html: str) -> None:
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    # the report's own: its data (inert JSON) and its code
    assert html.count("<script") == 2
    assert html.count('<script type="application/json" id="report-data">') == 1
    assert "<b>allies</b>" not in html
    assert "Russia &amp; China" in html


def test_passage_table_families_rejects(html: str) -> None:
    assert "Russia → Russian Federation, alliance → union" in html
    assert '<tr data-p="2">' in html
    assert 'id="families"' in html and "f1" in html
    assert "bad.jsonl" in html and "no text field" in html


def test_zero_pairs_renders() -> None:
    result = RunResult(documents=(), pairs=(), families=())
    html = render_html(result, {})
    assert "0 documents · 0 pairs · 0 families" in html
    assert "No pairs" in html
    assert parse_docs(html) == []
    assert 'id="rejects"' not in html


def test_pair_cap_and_missing_text() -> None:
    pair = PairResult(
        "a", "zz", "partial", 0.3, 0.1, 0.2, None, (Passage(0, 5, 0, 5, "verbatim", 1.0),)
    )
    html = render_html(make_result(pairs=(pair,) * 5), DOCS, max_pairs=3)
    assert html.count('<section class="pair"') == 3
    assert "2 more pairs not shown" in html
    assert "Text not available." in html
    assert "direction" not in html.split('id="pair-1"')[1].split("</p>")[0]


def test_overlapping_spans_render() -> None:
    text = "one two three four five"
    passages = (
        Passage(0, 13, 0, 13, "verbatim", 1.0),
        Passage(4, 18, 4, 18, "spun", 0.8, (("three", "three"),)),
    )
    pair = PairResult("x", "y", "duplicate", 1.0, 1.0, 1.0, None, passages)
    report = DocumentReport(
        "x", None, None, None, boilerplate=(BoilerplateSpan(8, 30, "caption", ""),)
    )
    docs = {"x": Document("x", text), "y": Document("y", text)}
    html = render_html(RunResult((report,), (pair,), ()), docs)
    a, b = parse_docs(html)
    assert "".join(c.text for c in a) == text
    assert text_with(a, "p", "1") == ["one two three"]
    assert text_with(a, "p", "2") == ["two three four"]
    assert text_with(a, "bp") == ["three four five"]  # clipped to the text
    both = [c.text for c in a if c.pids == "1 2"]
    assert "".join(both) == "two three"
    assert text_with(b, "p", "2") == ["two three four"]
    assert text_with(b, "sub") == ["three"]
    assert text_with(b, "bp") == []


def test_segments_split_at_every_boundary() -> None:
    m1, m2, m3 = Mark(2, 8, "x"), Mark(5, 12, "y"), Mark(5, 5, "empty")
    segs = segments("abcdefghijklmno", [m1, m2, m3])
    assert [(s.start, s.end, s.text) for s in segs] == [
        (0, 2, "ab"),
        (2, 5, "cde"),
        (5, 8, "fgh"),
        (8, 12, "ijkl"),
        (12, 15, "mno"),
    ]
    assert [s.marks for s in segs] == [(), (m1,), (m1, m2), (m2,), ()]
    assert segs[2].classes == "x y"
    assert segments("", [Mark(0, 3, "x")]) == []
    out_of_range = segments("abc", [Mark(-2, 99, "x", "1")])
    assert [(s.start, s.end, s.starts) for s in out_of_range] == [(0, 3, "1")]


def test_find_word() -> None:
    text = "Russia and Russian, russia. Russia"
    assert find_word(text, "Russia", 0, len(text)) == [(0, 6), (28, 34)]
    assert find_word(text, "Russia", 7, 27) == [(20, 26)]  # case-insensitive fallback
    assert find_word(text, "", 0, len(text)) == []
    assert find_word("a.b a.b", "a.b", 0, 7) == [(0, 3), (4, 7)]


def test_find_word_matches_whole_tokens_only() -> None:
    text = "Revenue rose to $10.9bn from 10 in 2010, said 10-year veteran Russian Federation."
    # "10" is a token on its own twice ("10", the "10" of "10-year"), never inside a number.
    found = find_word(text, "10", 0, len(text))
    assert [text[s - 1 : e + 1] for s, e in found] == [" 10 ", " 10-"]
    assert find_word(text, "Russia", 0, len(text)) == []  # not the start of "Russian"
    (federation,) = find_word(text, "Russian Federation", 0, len(text))
    assert text[slice(*federation)] == "Russian Federation"


def test_a_substituted_number_is_not_lit_inside_a_larger_one() -> None:
    a_text = "The firm earned $10.9bn, up 10 per cent."
    b_text = "The company earned $10.9bn, up 12 per cent."
    passage = Passage(
        0, len(a_text), 0, len(b_text), "spun", 0.8, (("firm", "company"), ("10", "12"))
    )
    pair = PairResult("a", "b", "rewrite", 0.8, 1.0, 1.0, None, (passage,))
    docs = {"a": Document("a", a_text), "b": Document("b", b_text)}
    a, b = parse_docs(render_html(RunResult((), (pair,), ()), docs))
    assert text_with(a, "sub") == ["firm", "10"]
    assert "$10.9bn" in "".join(c.text for c in a if "sub" not in c.classes)
    assert text_with(b, "sub") == ["company", "12"]


@given(
    st.text(alphabet="ab \r\n<&", max_size=40),
    st.lists(st.tuples(st.integers(-5, 45), st.integers(-5, 45)), max_size=6),
)
def test_segments_property(text: str, bounds: list[tuple[int, int]]) -> None:
    marks = [Mark(s, e, f"m{i}") for i, (s, e) in enumerate(bounds)]
    segs = segments(text, marks)
    assert "".join(s.text for s in segs) == text
    assert all(s.start < s.end for s in segs)
    for s in segs:
        for m in marks:
            covers = max(0, m.start) <= s.start and s.end <= min(len(text), m.end)
            assert (f"m{marks.index(m)}" in s.classes.split()) == covers
