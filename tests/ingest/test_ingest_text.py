"""Plain-text articles: the text is kept byte for byte (offsets index into it) but for
stray control characters, each replaced by one space with a warning, and a headline and
byline date are picked up when the file has them."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from unspin.ingest import iter_records, read_document
from unspin.ingest.text import guess_date, guess_title
from unspin.model import Document, Reject


def only_record(path: Path) -> Document | Reject:
    records = list(iter_records([path]))
    assert len(records) == 1
    return records[0]


def test_spun_seed_has_its_headline_and_byline_date(seeds: Path) -> None:
    doc = read_document(seeds / "002_5904dd556c9162f6.txt")

    assert doc.id == "002_5904dd556c9162f6"
    assert doc.title == "Putin says ready to strengthen Russia-China cooperation"
    assert (doc.date, doc.date_source) == ("2020-10-25", "text")  # its byline's date line
    assert doc.text == (seeds / "002_5904dd556c9162f6.txt").read_text(encoding="utf-8")


def test_wire_copy_seed_has_a_headline_but_no_date(seeds: Path) -> None:
    doc = read_document(seeds / "000_d1e9f2ba145d541d.txt")

    assert doc.id == "000_d1e9f2ba145d541d"
    assert doc.title == "Russia-China military alliance cannot be excluded"
    assert (doc.date, doc.date_source) == (None, None)
    assert doc.origin == str(seeds / "000_d1e9f2ba145d541d.txt")


def test_windows_1252_file_falls_back_instead_of_failing(tmp_path: Path) -> None:
    path = tmp_path / "answer.txt"
    path.write_bytes(b"It\x92s the \x93best\x94 answer \x96 honestly.")

    doc = read_document(path)

    assert doc.text == "It’s the “best” answer – honestly."


def test_real_clough_answer_with_windows_1252_quotes_reads(clough: Path) -> None:
    # g1pB_taska.txt has a 0x92 apostrophe: not UTF-8, so it tests the fallback for real.
    doc = read_document(clough / "g1pB_taska.txt")

    assert "’" in doc.text
    assert "\ufffd" not in doc.text


def test_bbc_sport_199_with_its_latin_1_pound_sign_reads(bbc: Path) -> None:
    doc = read_document(bbc / "sport" / "199.txt")

    assert "£" in doc.text
    assert doc.title == "Chelsea sack Mutu"


def test_bytes_neither_utf8_nor_windows_1252_are_rejected_with_the_offset(tmp_path: Path) -> None:
    path = tmp_path / "broken.txt"
    path.write_bytes(b"abc\x81def")  # 0x81 is unassigned in Windows-1252

    reject = only_record(path)

    assert isinstance(reject, Reject)
    assert reject.reason.startswith("undecodable bytes")
    assert "at byte 3" in reject.reason
    assert reject.source == str(path)
    assert reject.record_id == "broken"


def test_many_nul_bytes_mean_binary_content(tmp_path: Path) -> None:
    path = tmp_path / "image.txt"
    path.write_bytes(b"GIF89a\x00\x01\x02 not really text")

    reject = only_record(path)

    assert isinstance(reject, Reject)
    assert reject.reason == (
        "binary content (3 of 25 bytes are NUL or other control bytes, first at byte 6)"
    )


def test_a_few_control_characters_in_an_article_become_spaces(tmp_path: Path) -> None:
    # A 12 KB article with two NULs and an escape, as broken CMS exports have them.
    text = "Headline\n\n" + "A sentence of the article. " * 450
    broken = text[:3000] + "\x00" + text[3001:6000] + "\x1b" + text[6001:9000] + "\x00"
    broken += text[9001:]
    path = tmp_path / "glitch.txt"
    path.write_bytes(broken.encode())

    doc, warning = iter_records([path])

    assert isinstance(doc, Document)
    assert len(doc.text) == len(broken)  # one for one, so offsets still point into the file
    assert [doc.text[at] for at in (3000, 6000, 9000)] == [" "] * 3
    assert doc.title == "Headline"
    assert isinstance(warning, Reject)
    assert (warning.kept, warning.record_id, warning.position) == (True, "glitch", "file")
    assert warning.reason.startswith("3 control characters (NUL, U+001B) in the text replaced")


@pytest.mark.parametrize("content", [b"", b"   \n\r\n\t  \n", b"\xef\xbb\xbf\n"])
def test_empty_or_blank_text_is_rejected(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(content)

    reject = only_record(path)

    assert isinstance(reject, Reject)
    assert reject.reason == "empty text"


def test_utf8_bom_is_not_part_of_the_text(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes("\ufeffHeadline\n\nBody text.".encode())

    doc = read_document(path)

    assert doc.text == "Headline\n\nBody text."
    assert doc.title == "Headline"


def test_utf16_with_bom_is_text_not_binary(tmp_path: Path) -> None:
    path = tmp_path / "notepad.txt"
    path.write_bytes("Headline\r\n\r\nBody text.".encode("utf-16"))

    assert read_document(path).text == "Headline\r\n\r\nBody text."


def test_crlf_line_endings_are_kept_so_offsets_match_the_file(tmp_path: Path) -> None:
    path = tmp_path / "windows.txt"
    path.write_bytes(b"Headline\r\n\r\nFirst paragraph.\r\nSecond paragraph.\r\n")

    doc = read_document(path)

    assert doc.text == "Headline\r\n\r\nFirst paragraph.\r\nSecond paragraph.\r\n"
    assert doc.title == "Headline"


def test_markdown_files_are_read_as_text(tmp_path: Path) -> None:
    path = tmp_path / "Post.MD"
    path.write_text("# A post\n\nSome words.", encoding="utf-8")

    doc = read_document(path)

    assert doc.id == "Post"
    assert doc.title == "A post"
    assert doc.text == "# A post\n\nSome words."


# C0 control characters other than tab and line breaks are replaced (see above).
CONTROLS = "".join(chr(code) for code in range(0x20) if chr(code) not in "\t\n\x0c\r")


@settings(max_examples=60, deadline=None)
@given(st.text(st.characters(blacklist_categories=["Cs"], blacklist_characters=CONTROLS)))
def test_any_utf8_text_is_read_back_unchanged(text: str) -> None:
    if not text.strip() or text.startswith("\ufeff"):
        return  # rejected as empty, or starts with what reads as a byte order mark
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "doc.txt"
        path.write_bytes(text.encode("utf-8"))

        assert read_document(path).text == text


class TestTitle:
    def test_headline_followed_by_a_blank_line(self) -> None:
        assert guess_title("\n  Could Yukos be a blessing in disguise?\n\nBody.") == (
            "Could Yukos be a blessing in disguise?"
        )

    def test_first_sentence_is_not_a_title(self) -> None:
        assert guess_title("Putin spoke on Thursday.\nHe said more.") is None

    def test_hard_wrapped_prose_is_not_a_title(self) -> None:
        text = "In probability theory, the prior and conditional probabilities\nof two events"
        assert guess_title(text) is None

    def test_overlong_first_line_is_not_a_title(self) -> None:
        assert guess_title("word " * 60 + "\n\nBody.") is None

    def test_a_date_line_is_not_a_title(self) -> None:
        assert guess_title("October 25, 2020\n\nBody.") is None


class TestBylineDate:
    @pytest.mark.parametrize(
        "line",
        [
            "October 25, 2020",
            "25 October 2020",
            "2020-10-25",
            "Oct. 25, 2020",
            "Sunday, October 25th, 2020",
            "Published: 25 Oct 2020 10:31 GMT",
        ],
    )
    def test_common_byline_forms(self, line: str) -> None:
        assert guess_date(f"Headline\n\nBy Someone\n{line}\n\nBody.") == "2020-10-25"

    def test_a_date_inside_a_sentence_is_not_the_byline(self) -> None:
        assert guess_date("Headline\n\nOn October 25, 2020 Putin spoke.") is None

    def test_only_the_opening_lines_are_searched(self) -> None:
        text = "\n".join(f"Paragraph {n}." for n in range(6)) + "\nOctober 25, 2020\n"
        assert guess_date(text) is None

    def test_impossible_dates_are_not_dates(self) -> None:
        assert guess_date("Headline\nFebruary 30, 2020\n") is None
