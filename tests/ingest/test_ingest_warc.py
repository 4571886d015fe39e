"""Web archives: every response record is a page read like an .html file, with the site
from its target URI; request and bookkeeping records are skipped; a response that cannot be
used, or a broken archive, ends up in the rejects with its reason."""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Callable
from pathlib import Path

import brotli  # type: ignore[import-untyped]
import pytest
from warcs import (
    article_page,
    http_response,
    page_record,
    record,
    request,
    warcinfo,
    write_warc,
)

from unspin.ingest import iter_records, read_corpus
from unspin.model import Document, Reject

WIRE = [
    "Dock workers at the port of Valmera walked off the job on Monday, halting the loading "
    "of container ships in a dispute over automation.",
    "The Valmera Dockers' Union said about 4,200 members joined the strike after talks with "
    "the port authority collapsed late on Sunday.",
]
DATED = "<meta property='article:published_time' content='2021-03-01T08:00:00Z'>"
WIRE_URI = "https://www.wire.example/world/valmera-strike"
FARM_URI = "http://newsfarm.example/world/port-strike"


def crawl(path: Path) -> Path:
    return write_warc(
        path,
        [
            warcinfo(),
            request(WIRE_URI),
            page_record(WIRE_URI, article_page("Dockers strike at Valmera", WIRE, DATED)),
            request(FARM_URI),
            page_record(FARM_URI, article_page("Valmera port strike", list(reversed(WIRE)))),
        ],
    )


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_response_records_become_documents_with_site_title_and_date(
    tmp_path: Path, name: str
) -> None:
    documents, rejects, summary = read_corpus([crawl(tmp_path / name)])

    assert rejects == []
    # Request and warcinfo records are not articles: not kept, not rejected, not counted.
    assert (summary.read, summary.kept, summary.rejected) == (2, 2, 0)
    wire, farm = documents
    assert (wire.id, wire.url, wire.site) == (WIRE_URI, WIRE_URI, "wire.example")
    assert wire.title == "Dockers strike at Valmera"
    assert (wire.date, wire.date_source) == ("2021-03-01", "metadata")
    assert wire.text.splitlines()[-2:] == WIRE
    assert wire.origin == f"{tmp_path / name}:record 3"
    # Without a date on the page, the capture date (WARC-Date), marked as only that.
    assert (farm.site, farm.date, farm.date_source) == ("newsfarm.example", "2021-03-05", "crawl")


def test_a_page_in_its_declared_charset_is_decoded(tmp_path: Path) -> None:
    html = article_page("Café crème à Paris", ["Le café coûte désormais trois euros à Paris."])
    block = http_response(html.encode("cp1252"), "text/html; charset=windows-1252")
    path = write_warc(tmp_path / "latin.warc", [record("response", block, WIRE_URI)])

    (doc,) = iter_records([path])

    assert isinstance(doc, Document)
    assert "coûte désormais" in doc.text


def test_a_gzip_encoded_body_is_decoded(tmp_path: Path) -> None:
    html = article_page("Dockers strike at Valmera", WIRE).encode("utf-8")
    block = http_response(gzip.compress(html), extra_headers=("Content-Encoding: gzip",))
    path = write_warc(tmp_path / "gz-body.warc", [record("response", block, WIRE_URI)])

    (doc,) = iter_records([path])

    assert isinstance(doc, Document)
    assert WIRE[0] in doc.text


def test_a_resource_record_and_a_plain_text_page_are_articles_too(tmp_path: Path) -> None:
    text = "\n\n".join(WIRE).encode("utf-8")
    page = article_page("Dockers strike at Valmera", WIRE).encode("utf-8")
    path = write_warc(
        tmp_path / "mixed.warc",
        [
            record("resource", page, "file:///saved/strike.html", "text/html"),
            record("response", http_response(text, "text/plain"), "https://txt.example/a"),
        ],
    )

    html_doc, text_doc = iter_records([path])

    assert isinstance(html_doc, Document) and WIRE[1] in html_doc.text
    assert isinstance(text_doc, Document) and text_doc.text == "\n\n".join(WIRE)
    assert text_doc.site == "txt.example"


def test_a_plain_text_page_is_dated_from_its_byline_before_the_crawl(tmp_path: Path) -> None:
    text = "\n\n".join(["Dockers strike at Valmera", "March 1, 2021", *WIRE]).encode()
    path = write_warc(
        tmp_path / "text.warc",
        [record("response", http_response(text, "text/plain"), "https://txt.example/a")],
    )

    (doc,) = iter_records([path])

    assert isinstance(doc, Document)
    assert (doc.date, doc.date_source) == ("2021-03-01", "text")


def reasons(path: Path) -> list[tuple[str, str]]:
    out = []
    for item in iter_records([path]):
        assert isinstance(item, Reject), item
        out.append((item.position, item.reason))
    return out


def test_responses_that_are_not_articles_are_rejected_with_their_reason(tmp_path: Path) -> None:
    page = article_page("Dockers strike at Valmera", WIRE).encode("utf-8")
    path = write_warc(
        tmp_path / "junk.warc",
        [
            record("response", http_response(page, status="404 Not Found"), WIRE_URI),
            record("response", http_response(b"\x89PNG\r\n", "image/png"), WIRE_URI + ".png"),
            record("response", b"wire.example. 300 IN A 10.0.0.1", "dns:wire.example", "text/dns"),
            record("response", http_response(b"<html><body></body></html>"), FARM_URI),
            record("response", http_response(b"<p>\x00\x00\x00</p>"), FARM_URI + "/nul"),
        ],
    )

    found = reasons(path)

    assert found == [
        ("record 1", "HTTP status 404: not a page"),
        ("record 2", "not an article: content type image/png"),
        ("record 3", "not an HTTP response (text/dns)"),
        ("record 4", "no article text found in HTML"),
        (
            "record 5",
            "binary content (3 of 10 bytes are NUL or other control bytes, first at byte 3)",
        ),
    ]


@pytest.mark.parametrize("name", ["cut.warc", "cut.warc.gz"])
def test_a_truncated_archive_keeps_what_was_read_and_rejects_the_cut_record(
    tmp_path: Path, name: str
) -> None:
    cut = crawl(tmp_path / name)
    whole = cut.read_bytes()
    cut.write_bytes(whole[: len(whole) - 200])

    records = list(iter_records([cut]))

    kept = [r for r in records if isinstance(r, Document)]
    (reject,) = [r for r in records if isinstance(r, Reject)]
    assert [d.id for d in kept] == [WIRE_URI]
    assert reject.position == "record 5"
    assert reject.reason.startswith(("record cut short", "file cannot be read after record 4"))


@pytest.mark.parametrize(
    ("data", "where"),
    [
        (b"this is not a web archive\n" * 20, "file cannot be read at the start"),
        (b"\x1f\x8b" + bytes(range(40)), "file cannot be read at the start"),
        (b"WARC/1.1\r\n\r\n", "not a WARC record: no WARC-Type header"),
        (b"WARC/1.1\r\nWARC-Type: news\r\nContent-Length: 0\r\n\r\n", "not a WARC record"),
    ],
    ids=["not-warc", "corrupt-gzip", "no-type", "unknown-type"],
)
def test_a_file_that_is_not_an_archive_is_one_reject(
    tmp_path: Path, data: bytes, where: str
) -> None:
    path = tmp_path / "bad.warc.gz"
    path.write_bytes(data)

    ((position, reason),) = reasons(path)

    assert position == "record 1"
    assert reason.startswith(where)


def test_garbage_after_good_records_is_rejected_where_it_starts(tmp_path: Path) -> None:
    path = crawl(tmp_path / "crawl.warc")
    path.write_bytes(path.read_bytes() + b"\x00garbage that is no record\r\n\r\n")

    records = list(iter_records([path]))

    assert [type(r) for r in records] == [Document, Document, Reject]
    assert records[-1].reason == "file cannot be read after record 5: Invalid WARC header"


def test_the_same_page_captured_twice_is_kept_once(tmp_path: Path) -> None:
    page = article_page("Dockers strike at Valmera", WIRE)
    path = write_warc(tmp_path / "twice.warc", [page_record(WIRE_URI, page)] * 2)

    first, second = iter_records([path])

    assert isinstance(first, Document)
    assert isinstance(second, Reject)
    assert (second.position, second.kept) == ("record 2", False)
    assert second.reason == (
        f"duplicate id '{WIRE_URI}' (first seen at {path}:record 1): the same text again, kept once"
    )


def test_a_page_captured_again_after_an_update_is_kept_under_a_new_id(tmp_path: Path) -> None:
    before = article_page("Dockers strike at Valmera", WIRE)
    after = article_page("Dockers strike at Valmera", [*WIRE, "Talks resume on Friday."])
    path = write_warc(
        tmp_path / "update.warc", [page_record(WIRE_URI, before), page_record(WIRE_URI, after)]
    )

    first, second, warning = iter_records([path])

    assert isinstance(first, Document) and isinstance(second, Document)
    assert (first.id, second.id) == (WIRE_URI, f"{WIRE_URI}~2")
    assert "Talks resume on Friday." in second.text
    assert isinstance(warning, Reject) and warning.kept
    assert warning.reason == (
        f"duplicate id '{WIRE_URI}' (first seen at {path}:record 1); kept as '{WIRE_URI}~2'"
    )


def test_a_record_without_target_uri_is_named_after_file_and_record(tmp_path: Path) -> None:
    page = article_page("Dockers strike at Valmera", WIRE).encode("utf-8")
    path = write_warc(
        tmp_path / "anon.warc", [warcinfo(), record("resource", page, None, "text/html")]
    )

    (doc,) = iter_records([path])

    assert isinstance(doc, Document)
    assert (doc.id, doc.url, doc.site) == ("anon:record 2", None, None)


def test_warc_files_are_read_inside_folders(tmp_path: Path) -> None:
    crawl(tmp_path / "crawl.warc.gz")
    (tmp_path / "note.txt").write_text("A short note about the strike at the port.\n")

    documents, rejects, _ = read_corpus([tmp_path])

    assert rejects == []
    assert sorted(d.id for d in documents) == sorted([WIRE_URI, FARM_URI, "note"])


def chunked(data: bytes, size: int = 100) -> bytes:
    parts = [data[i : i + size] for i in range(0, len(data), size)]
    return b"".join(b"%x\r\n%s\r\n" % (len(p), p) for p in parts) + b"0\r\n\r\n"


@pytest.mark.parametrize(
    ("encode", "headers"),
    [
        (chunked, ("Transfer-Encoding: chunked",)),
        # Stored decoded with the original header kept, as many crawlers do.
        (lambda page: page, ("Transfer-Encoding: chunked",)),
        (lambda page: page, ("Content-Encoding: gzip",)),
        (
            lambda page: chunked(gzip.compress(page)),
            ("Transfer-Encoding: chunked", "Content-Encoding: gzip"),
        ),
        (lambda page: brotli.compress(page), ("Content-Encoding: br",)),
        (lambda page: zlib.compress(page), ("Content-Encoding: deflate",)),
    ],
    ids=["chunked", "chunked-header-only", "gzip-header-only", "chunked-gzip", "brotli", "deflate"],
)
def test_http_bodies_are_decoded_whatever_the_crawler_stored(
    tmp_path: Path, encode: Callable[[bytes], bytes], headers: tuple[str, ...]
) -> None:
    page = article_page("Dockers strike at Valmera", WIRE).encode("utf-8")
    block = http_response(encode(page), extra_headers=headers)
    path = write_warc(tmp_path / "enc.warc", [record("response", block, WIRE_URI)])

    (doc,) = iter_records([path])

    assert isinstance(doc, Document), doc
    assert WIRE[0] in doc.text


def test_a_decompression_bomb_is_rejected_not_expanded(tmp_path: Path) -> None:
    bomb = gzip.compress(b"<p>" + b"a" * (40 * 1024 * 1024))  # 40 MiB in about 40 KB
    block = http_response(bomb, extra_headers=("Content-Encoding: gzip",))
    path = write_warc(tmp_path / "bomb.warc", [record("response", block, WIRE_URI)])

    assert reasons(path) == [("record 1", "page larger than 16 MiB once decompressed")]


def test_an_unknown_content_encoding_is_named(tmp_path: Path) -> None:
    block = http_response(b"\x28\xb5\x2f\xfd junk", extra_headers=("Content-Encoding: zstd",))
    path = write_warc(tmp_path / "zstd.warc", [record("response", block, WIRE_URI)])

    assert reasons(path) == [("record 1", "unsupported content encoding 'zstd'")]


def test_a_body_over_the_size_limit_is_rejected_by_size(tmp_path: Path) -> None:
    huge = b"<html><body><p>" + b"word " * (17 * 1024 * 1024 // 5) + b"</p></body></html>"
    path = write_warc(tmp_path / "huge.warc", [record("response", http_response(huge), WIRE_URI)])

    assert reasons(path) == [("record 1", "page larger than 16 MiB")]
