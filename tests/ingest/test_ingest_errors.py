"""Problems with the inputs themselves raise before anything is read, and each message
says what is wrong and how to fix it."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from unspin.errors import (
    EmptyCorpusError,
    InputNotFoundError,
    UnknownFormatError,
    UnreadableInputError,
    UnspinError,
    UsageError,
)
from unspin.ingest import RejectedInputError, iter_records, read_corpus, read_document
from unspin.model import Document, Reject

running_as_root = hasattr(os, "geteuid") and os.geteuid() == 0


def test_a_missing_file_is_named_with_a_guess_at_the_intended_one(tmp_path: Path) -> None:
    (tmp_path / "000_d1e9f2ba145d541d.txt").write_text("Story.")

    with pytest.raises(InputNotFoundError) as raised:
        iter_records([tmp_path / "000_d1e9f2ba145d541e.txt"])

    message = str(raised.value)
    assert "000_d1e9f2ba145d541e.txt" in message
    assert f"Did you mean '{tmp_path / '000_d1e9f2ba145d541d.txt'}'?" in message


def test_a_typo_in_a_folder_name_is_guessed_too(tmp_path: Path) -> None:
    (tmp_path / "examples").mkdir()
    (tmp_path / "examples" / "story.txt").write_text("Story.")

    with pytest.raises(InputNotFoundError, match=r"Did you mean '.*examples/story\.txt'"):
        iter_records([tmp_path / "exmaples" / "story.txt"])


def test_path_problems_raise_before_any_record_is_read(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("Fine.")

    # iter_records raises at the call, not lazily after yielding good.txt's record.
    with pytest.raises(InputNotFoundError):
        iter_records([good, tmp_path / "missing.txt"])


def test_several_bad_inputs_are_reported_together(tmp_path: Path) -> None:
    with pytest.raises(InputNotFoundError) as raised:
        iter_records([tmp_path / "one.txt", tmp_path / "two.txt"])

    assert "2 of the inputs cannot be read" in str(raised.value)
    assert "one.txt" in str(raised.value)
    assert "two.txt" in str(raised.value)


def test_an_unsupported_extension_lists_the_supported_ones(tmp_path: Path) -> None:
    path = tmp_path / "report.docx"
    path.write_bytes(b"PK")

    with pytest.raises(UnknownFormatError) as raised:
        iter_records([path])

    message = str(raised.value)
    assert "'.docx'" in message
    assert all(ext in message for ext in (".txt", ".md", ".html", ".jsonl.gz", ".parquet"))


def test_an_archive_is_to_be_unpacked_first(tmp_path: Path) -> None:
    path = tmp_path / "bbc-fulltext.tar.gz"
    path.write_bytes(b"\x1f\x8b")

    with pytest.raises(UnknownFormatError, match=r"'\.tar\.gz'.*Fix: unpack the archive"):
        iter_records([path])


@pytest.mark.skipif(running_as_root, reason="root can read files whatever their permissions")
def test_an_unreadable_file_says_to_check_permissions(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("Hidden.")
    path.chmod(0)

    with pytest.raises(UnreadableInputError, match="permission"):
        iter_records([path])


@pytest.mark.skipif(running_as_root, reason="root can read folders whatever their permissions")
def test_an_unreadable_folder_says_to_check_permissions(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0)
    try:
        with pytest.raises(UnreadableInputError, match="permission"):
            iter_records([folder])
    finally:
        folder.chmod(0o755)


def deny_listing(monkeypatch: pytest.MonkeyPatch, locked: Path) -> None:
    """Make one folder unlistable, as chmod would for a user other than root."""
    real_scandir = os.scandir

    def scandir(path: str | os.PathLike[str]) -> object:
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)


def test_an_unlistable_folder_given_as_input_raises(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    deny_listing(monkeypatch, tmp_path)

    with pytest.raises(UnreadableInputError, match=r"permission denied.*Fix: check its perm"):
        iter_records([tmp_path])


def test_an_unlistable_subfolder_is_a_reject_and_the_rest_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "locked").mkdir()
    (tmp_path / "open.txt").write_text("Readable.")
    deny_listing(monkeypatch, tmp_path / "locked")

    records = list(iter_records([tmp_path]))

    locked, readable = records
    assert isinstance(locked, Reject)
    assert locked.source == str(tmp_path / "locked")
    assert locked.reason == "cannot read folder: Permission denied"
    assert isinstance(readable, Document)
    assert readable.id == "open"


def test_a_device_or_pipe_is_not_an_input(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)

    with pytest.raises(UnreadableInputError, match="neither a regular file nor a folder"):
        iter_records([fifo])


def test_every_error_is_one_the_cli_can_report(tmp_path: Path) -> None:
    with pytest.raises(UnspinError):
        iter_records([tmp_path / "nope"])
    with pytest.raises(UsageError, match="no input"):
        iter_records([])


class TestEmptyCorpus:
    def test_all_rejected_says_how_many_and_where_to_look(self, tmp_path: Path) -> None:
        for name in ("a.txt", "b.txt", "c.txt"):
            (tmp_path / name).write_text("  ")

        with pytest.raises(EmptyCorpusError) as raised:
            read_corpus([tmp_path])

        message = str(raised.value)
        assert "all 3 records were rejected" in message
        assert "see the rejects" in message
        assert "empty text (3)" in message

    def test_an_empty_folder_says_there_was_nothing_to_read(self, tmp_path: Path) -> None:
        with pytest.raises(EmptyCorpusError, match="no records"):
            read_corpus([tmp_path])


class TestReadDocument:
    def test_a_record_file_with_one_record_is_one_document(self, tmp_path: Path) -> None:
        path = tmp_path / "one.jsonl"
        path.write_text(json.dumps({"id": "x", "text": "Words."}) + "\n")

        assert read_document(path).id == "x"

    def test_a_rejected_record_raises_with_its_reason(self, tmp_path: Path) -> None:
        path = tmp_path / "blank.txt"
        path.write_text("\n\n")

        with pytest.raises(RejectedInputError, match="empty text") as raised:
            read_document(path)

        assert raised.value.reject.source == str(path)

    def test_more_than_one_record_is_a_usage_error(self, tmp_path: Path) -> None:
        path = tmp_path / "two.jsonl"
        path.write_text('{"text": "One."}\n{"text": "Two."}\n')

        with pytest.raises(UsageError, match="more than one record"):
            read_document(path)

    def test_a_folder_is_a_usage_error(self, tmp_path: Path) -> None:
        with pytest.raises(UsageError, match="is a folder"):
            read_document(tmp_path)

    def test_a_file_without_records_says_so(self, tmp_path: Path) -> None:
        path = tmp_path / "none.jsonl"
        path.write_text("\n")

        with pytest.raises(EmptyCorpusError, match="no records"):
            read_document(path)
