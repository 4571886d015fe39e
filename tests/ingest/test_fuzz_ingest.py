"""Hostile input never crashes ingest, and every record ends up kept or rejected with a reason.

A fast run of `benchmarks/fuzz_ingest.py` (same strategies and checks, a few dozen inputs per
format, in process), then the hostile cases of issue 4 one by one.
"""

from __future__ import annotations

import codecs
import json
import os
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
from benchmarks.fuzz_ingest import FORMATS, check_file
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from unspin.ingest import iter_records, read_corpus
from unspin.model import Document, Reject

# Enough to run every branch of the strategies a few times; the benchmark runs thousands.
EXAMPLES_PER_FORMAT = 20


def records_without_warnings(
    inputs: Sequence[str | os.PathLike[str]],
) -> Iterator[Document | Reject]:
    """The benchmark's view of a file: one item per record, so warnings (about records that
    were kept, and not records themselves) are checked here and left out of its count."""
    for record in iter_records(inputs):
        if isinstance(record, Reject) and record.kept:
            assert record.reason and record.record_id, record
            continue
        yield record


@pytest.mark.parametrize("name", list(FORMATS))
def test_fuzzed_files_are_read_without_crash_and_fully_accounted_for(
    name: str, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The benchmark leaves warnings out of its count; this also checks each names its record.
    monkeypatch.setattr("benchmarks.fuzz_ingest.iter_records", records_without_warnings)
    extension, strategy = FORMATS[name]
    folder = tmp_path_factory.mktemp("fuzz")

    @settings(
        max_examples=EXAMPLES_PER_FORMAT,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(strategy)
    def check(data: bytes) -> None:
        path = folder / f"input{extension}"
        path.write_bytes(data)
        _, _, problems = check_file(path, data)
        assert problems == []

    check()


def read_one(path: Path) -> Document | Reject:
    (record,) = iter_records([path])
    return record


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


STORY = (
    "Dock workers at the port of Valmera walked off the job on Monday, halting the loading of "
    "container ships in a dispute over automation that could disrupt supplies of fuel."
)


class TestHostileText:
    @pytest.mark.parametrize(
        ("bom", "encoding"),
        [
            (codecs.BOM_UTF8, "utf-8"),
            (codecs.BOM_UTF16_LE, "utf-16-le"),
            (codecs.BOM_UTF16_BE, "utf-16-be"),
        ],
        ids=["utf-8", "utf-16-le", "utf-16-be"],
    )
    def test_a_bom_is_dropped_and_the_text_kept(
        self, tmp_path: Path, bom: bytes, encoding: str
    ) -> None:
        doc = read_one(write(tmp_path, "a.txt", bom + STORY.encode(encoding)))
        assert isinstance(doc, Document)
        assert doc.text == STORY

    def test_mostly_control_bytes_are_a_reject_saying_binary(self, tmp_path: Path) -> None:
        reject = read_one(write(tmp_path, "a.txt", STORY.encode() + b"\x00\x01\x02"))
        assert isinstance(reject, Reject)
        assert reject.reason == (
            "binary content (3 of 173 bytes are NUL or other control bytes, first at byte 170)"
        )

    def test_a_stray_nul_in_a_long_text_is_replaced_and_reported(self, tmp_path: Path) -> None:
        text = (STORY + "\n\n") * 60
        broken = text[:5000] + "\x00" + text[5001:]
        doc, warning = iter_records([write(tmp_path, "a.txt", broken.encode())])
        assert isinstance(doc, Document)
        assert doc.text == text[:5000] + " " + text[5001:]  # one for one: offsets unchanged
        assert isinstance(warning, Reject)
        assert warning.kept
        assert (warning.record_id, warning.reason) == (
            "a",
            "1 control character (NUL) in the text replaced by spaces, one for one, so offsets "
            "are unchanged",
        )

    def test_mixed_encodings_fall_back_to_windows_1252(self, tmp_path: Path) -> None:
        data = "Café in Zürich — ".encode() + "naïve".encode("cp1252")
        doc = read_one(write(tmp_path, "a.txt", data))
        assert isinstance(doc, Document)
        assert doc.text.endswith("naïve")

    def test_a_ten_megabyte_single_line_is_one_document(self, tmp_path: Path) -> None:
        line = ("word " * 2_000_000).encode()
        doc = read_one(write(tmp_path, "a.txt", line))
        assert isinstance(doc, Document)
        assert len(doc.text) == len(line)

    @pytest.mark.parametrize("blank", ["", " ", "\n\n\t  \r\n", "\u3000\u2028\u00a0"])
    def test_empty_and_whitespace_only_files_are_rejected_as_empty(
        self, tmp_path: Path, blank: str
    ) -> None:
        reject = read_one(write(tmp_path, "a.txt", blank.encode()))
        assert isinstance(reject, Reject)
        assert reject.reason == "empty text"

    @pytest.mark.parametrize(
        "text",
        [
            "بوتين: لا يمكن استبعاد تحالف عسكري بين روسيا والصين.\nقال الرئيس الروسي ذلك.",
            "פוטין אמר כי ברית צבאית עם סין אפשרית.",
            "Путин не исключил военного союза с Китаем.",
            "普京表示不排除与中国结成军事同盟。",
            "e\u0301\u0301 Z\u0351\u0358a\u0317lgo \u202eevil\u202c 👩‍👩‍👧‍👦 \u200f",
        ],
        ids=["arabic", "hebrew", "russian", "chinese", "combining-and-controls"],
    )
    def test_non_english_and_rtl_text_is_kept_unchanged(self, tmp_path: Path, text: str) -> None:
        doc = read_one(write(tmp_path, "a.txt", text.encode()))
        assert isinstance(doc, Document)
        assert doc.text == text


class TestHostileHtml:
    def test_a_page_of_only_scripts_is_rejected_for_having_no_text(self, tmp_path: Path) -> None:
        page = "<html><head><script>var a = 1;</script></head><body>"
        page += "<script>document.write('<p>hi</p>')</script>" * 500 + "</body></html>"
        reject = read_one(write(tmp_path, "a.html", page.encode()))
        assert isinstance(reject, Reject)
        assert reject.reason == "no article text found in HTML"

    @pytest.mark.parametrize("depth", [300, 1000, 100_000])
    def test_deeply_nested_html_is_read_or_rejected_without_crashing(
        self, tmp_path: Path, depth: int
    ) -> None:
        paragraph = f"<p>{STORY}</p>"
        page = f"<html><body>{'<div>' * depth}{paragraph}{'</div>' * depth}</body></html>"
        record = read_one(write(tmp_path, "a.html", page.encode()))
        if depth <= 1000:  # past libxml2's 256 levels, parsed again without the limit
            assert isinstance(record, Document)
            assert STORY in record.text
        else:  # beyond even that parser's limits: a reject that says so, not a crash
            assert isinstance(record, Reject)
            assert record.reason == "no article text found in HTML"

    def test_a_page_declaring_a_codec_that_is_no_text_encoding(self, tmp_path: Path) -> None:
        page = f"<html><head><meta charset='base64'></head><body><article><p>{STORY}</p>"
        page += f"<p>{STORY}</p></article></body></html>"
        doc = read_one(write(tmp_path, "a.html", page.encode()))
        assert isinstance(doc, Document)
        assert STORY in doc.text


class TestHostileJsonl:
    def test_every_line_is_kept_or_rejected_with_a_reason(self, tmp_path: Path) -> None:
        lines = [
            json.dumps({"id": "a", "text": STORY}).encode(),
            b"\xff\xfe not utf-8",
            b'{"id": "b", "text": "\\u0000 nul inside"}',
            b"[1, 2, 3]",
            b'{"id": "a", "text": "a duplicate id"}',
            b'{"id": ["list"], "text": "bad id"}',
            b'{"id": "c", "text": "   "}',
            json.dumps({"id": "d", "text": "ש" * 10}).encode(),
            b'{"id": "e", "text": ' + json.dumps("x " * 5_000_000).encode() + b"}",
        ]
        path = write(tmp_path, "a.jsonl", b"\n".join(lines))

        documents, rejects, summary = read_corpus([path])

        assert [d.id for d in documents] == ["a", "a~2", "d", "e"]  # line 5 reuses id "a"
        assert [(r.position, r.kept) for r in rejects] == [
            ("2", False),
            ("3", False),
            ("4", False),
            ("5", True),  # the warning that line 5 was kept under another id
            ("6", False),
            ("7", False),
        ]
        assert all(r.reason for r in rejects)
        assert summary.read == summary.kept + summary.rejected == len(lines)
        assert (summary.warnings, summary.renamed) == (1, 1)


@given(
    st.lists(
        st.tuples(st.sampled_from(["a", "b", "a~2", "1", 1, None]), st.sampled_from("xyz")),
        min_size=1,
        max_size=12,
    )
)
@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
def test_duplicate_ids_lose_no_text(records: list[tuple[object, str]]) -> None:
    lines = [{"id": value, "text": f"Story {text}."} for value, text in records]
    data = "\n".join(json.dumps(line) for line in lines).encode()
    with tempfile.TemporaryDirectory() as folder:
        documents, rejects, summary = read_corpus([write(Path(folder), "dups.jsonl", data)])

    assert len({doc.id for doc in documents}) == len(documents)
    by_line = {int((doc.origin or "").rsplit(":", 1)[1]): doc for doc in documents}
    read: set[tuple[str, str]] = set()
    renamed = 0
    for line, (value, letter) in enumerate(records, start=1):
        given, text = (str(value) if value is not None else f"dups:{line}"), f"Story {letter}."
        doc = by_line.get(line)
        if doc is None:  # only an exact repeat of an earlier record is not kept
            assert (given, text) in read
        else:
            assert doc.text == text
            assert doc.id == given or doc.id.startswith(given + "~")
            renamed += doc.id != given
        read.add((given, text))
    warnings = [r for r in rejects if r.kept]
    assert len(warnings) == summary.renamed == summary.warnings == renamed
    assert all(r.reason.startswith("duplicate id") for r in rejects)
    assert summary.read == summary.kept + summary.rejected == len(records)
