"""JSON Lines corpora: one article per line; every bad line becomes a reject that names
the line and what is wrong, and the counts always add up."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from unspin.ingest import iter_records, read_corpus
from unspin.model import Document, Reject

ARTICLE = (
    "Moscow - Russian President Vladimir Putin said a military alliance with China is possible."
)


def write_lines(path: Path, lines: list[str | bytes]) -> Path:
    data = b"\n".join(line if isinstance(line, bytes) else line.encode() for line in lines)
    path.write_bytes(data + b"\n")
    return path


def test_every_kind_of_bad_line_is_rejected_with_its_line_number(tmp_path: Path) -> None:
    path = write_lines(
        tmp_path / "corpus.jsonl",
        [
            json.dumps({"id": "good", "text": ARTICLE}),
            '{"id": "broken", "text": ',  # 2: invalid JSON
            json.dumps(["an", "array"]),  # 3: not an object
            json.dumps({"id": "nothing"}),  # 4: neither text nor html
            json.dumps({"id": "number", "text": 42}),  # 5: text not a string
            json.dumps({"id": "blank", "text": "  \n "}),  # 6: empty text
            b'{"id": "latin1", "text": "caf\xe9"}',  # 7: not UTF-8
            json.dumps({"id": "good", "text": ARTICLE}),  # 8: line 1 again
            "",  # 9: blank lines are not records
            json.dumps({"text": ARTICLE}),  # 10: no id, named after file and line
        ],
    )

    documents, rejects, summary = read_corpus([path])

    assert [doc.id for doc in documents] == ["good", "corpus:10"]
    reasons = {reject.position: reject.reason for reject in rejects}
    assert reasons["2"].startswith("invalid JSON: ")
    assert reasons["3"] == "expected a JSON object per line, got array"
    assert reasons["4"] == "record has neither a 'text' nor an 'html' field"
    assert reasons["5"] == "field 'text' must be a string, got number"
    assert reasons["6"] == "empty text"
    assert reasons["7"].startswith("undecodable bytes")
    assert reasons["8"] == (
        f"duplicate id 'good' (first seen at {path}:1): the same text again, kept once"
    )
    assert set(reasons) == {"2", "3", "4", "5", "6", "7", "8"}
    assert all(reject.source == str(path) for reject in rejects)
    assert summary.read == summary.kept + summary.rejected == 9


def test_rejects_carry_the_record_id_when_there_is_one(tmp_path: Path) -> None:
    path = write_lines(tmp_path / "c.jsonl", [json.dumps({"id": 7, "text": ""})])

    (reject,) = list(iter_records([path]))

    assert isinstance(reject, Reject)
    assert reject.record_id == "7"


def test_fields_are_kept_and_normalized(tmp_path: Path) -> None:
    record = {
        "id": "a1",
        "text": ARTICLE,
        "title": " Putin on China ",
        "url": "https://www.Example.com/world/1",
        "date": "2020-10-22T18:00:00+03:00",
        "lang": "en",
        "extra": "ignored",
    }
    path = write_lines(tmp_path / "c.jsonl", [json.dumps(record)])

    (doc,) = list(iter_records([path]))

    assert doc == Document(
        id="a1",
        text=ARTICLE,
        title="Putin on China",
        url="https://www.Example.com/world/1",
        site="example.com",  # from the URL, since the record names no site
        date="2020-10-22",
        lang="en",
        origin=f"{path}:1",
        date_source="metadata",
    )


@pytest.mark.parametrize(
    ("date", "reason"),
    [
        ("soon", "date 'soon' is not a date unspin can read"),
        ("05/01/2005", "date '05/01/2005' is ambiguous (day/month order)"),
        ("2005-13-45", "date '2005-13-45' is not a day of the calendar"),
        (
            42,
            "date 42 is a number but not a Unix time (seconds or milliseconds) between 1980 "
            "and 2100",
        ),
    ],
)
def test_an_unreadable_date_keeps_the_document_without_a_date_and_says_why(
    tmp_path: Path, date: object, reason: str
) -> None:
    path = write_lines(
        tmp_path / "c.jsonl", [json.dumps({"id": "d", "text": ARTICLE, "date": date})]
    )

    documents, rejects, summary = read_corpus([path])

    assert [(doc.id, doc.date, doc.date_source) for doc in documents] == [("d", None, None)]
    assert rejects == [
        Reject(str(path), "1", f"{reason}; kept without a date", record_id="d", kept=True)
    ]
    assert (summary.read, summary.kept, summary.rejected, summary.warnings) == (1, 1, 0, 1)


@pytest.mark.parametrize(
    ("date", "day"),
    [("13/01/2005", "2005-01-13"), (1105574400, "2005-01-13"), ("20050113", "2005-01-13")],
)
def test_dates_that_are_plain_whatever_their_form_are_read(
    tmp_path: Path, date: object, day: str
) -> None:
    path = write_lines(tmp_path / "c.jsonl", [json.dumps({"text": ARTICLE, "date": date})])

    (doc,) = list(iter_records([path]))

    assert isinstance(doc, Document)
    assert (doc.date, doc.date_source) == (day, "metadata")


def test_an_html_record_is_not_dated_from_a_year_in_its_text(tmp_path: Path) -> None:
    html = (
        "<html><head><title>Harvest report</title></head><body><article>"
        f"<p>The harvest of 2003 was the best in memory. {ARTICLE}</p><p>{ARTICLE}</p>"
        "</article><footer>Copyright 2003</footer></body></html>"
    )
    path = write_lines(tmp_path / "c.jsonl", [json.dumps({"id": "h", "html": html})])

    (doc,) = list(iter_records([path]))

    assert isinstance(doc, Document)
    assert (doc.date, doc.date_source) == (None, None)


def test_an_html_record_takes_its_pages_date_when_it_has_none_of_its_own(tmp_path: Path) -> None:
    meta = "<meta property='article:published_time' content='2020-10-25T10:00:00Z'>"
    html = f"<html><head>{meta}</head><body><article><p>{ARTICLE}</p></article></body></html>"
    lines = [
        json.dumps({"id": "page", "html": html}),
        json.dumps({"id": "own", "html": html, "date": "2020-10-24"}),
        json.dumps({"id": "bad", "html": html, "date": "05/01/2005"}),
    ]
    path = write_lines(tmp_path / "c.jsonl", lines)

    documents, rejects, _ = read_corpus([path])

    assert [(doc.id, doc.date, doc.date_source) for doc in documents] == [
        ("page", "2020-10-25", "metadata"),
        ("own", "2020-10-24", "metadata"),  # what the record says of itself comes first
        ("bad", "2020-10-25", "metadata"),
    ]
    assert [r.reason for r in rejects] == [
        "date '05/01/2005' is ambiguous (day/month order); kept with its page's date 2020-10-25"
    ]


def test_html_records_go_through_the_extractor(tmp_path: Path) -> None:
    html = (
        "<html><head><title>Putin on China | Example</title></head><body>"
        f"<nav>Home | World</nav><article><p>{ARTICLE}</p><p>{ARTICLE}</p></article></body></html>"
    )
    record = {"id": "h", "html": html, "url": "https://news.example.org/a", "site": "Example"}
    path = write_lines(tmp_path / "c.jsonl", [json.dumps(record)])

    (doc,) = list(iter_records([path]))

    assert isinstance(doc, Document)
    assert ARTICLE in doc.text
    assert "<p>" not in doc.text
    assert doc.site == "Example"  # the record's own site wins over the URL's host
    assert doc.url == "https://news.example.org/a"


def test_an_empty_text_beside_the_page_falls_back_to_the_page(tmp_path: Path) -> None:
    html = f"<html><body><article><p>{ARTICLE}</p></article></body></html>"
    path = write_lines(tmp_path / "c.jsonl", [json.dumps({"text": "", "html": html})])

    (doc,) = list(iter_records([path]))

    assert isinstance(doc, Document)
    assert doc.text == ARTICLE


def test_gzipped_jsonl_reads_like_plain_jsonl(tmp_path: Path) -> None:
    path = tmp_path / "corpus.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as out:
        out.write(json.dumps({"text": ARTICLE}) + "\n")
        out.write("not json\n")

    records = list(iter_records([path]))

    assert isinstance(records[0], Document)
    assert records[0].id == "corpus:1"  # the stem drops both extensions
    assert isinstance(records[1], Reject)
    assert records[1].position == "2"


def test_a_truncated_gzip_keeps_what_was_read_and_says_where_it_broke(tmp_path: Path) -> None:
    lines = "".join(json.dumps({"text": f"{ARTICLE} {n}"}) + "\n" for n in range(2000))
    data = gzip.compress(lines.encode())
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(data[: len(data) // 2])

    records = list(iter_records([path]))

    assert isinstance(records[-1], Reject)
    assert "cannot be read after line" in records[-1].reason
    assert all(isinstance(record, Document) for record in records[:-1])
    assert len(records) > 1


@pytest.mark.parametrize("name", ["c.ndjson", "C.JSONL"])
def test_other_json_lines_names(tmp_path: Path, name: str) -> None:
    path = write_lines(tmp_path / name, [json.dumps({"text": ARTICLE})])

    (doc,) = list(iter_records([path]))

    assert isinstance(doc, Document)
