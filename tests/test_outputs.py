"""Finished work is never lost: outputs are proven writable before the work, written whole
(or not at all) before anything is printed, never mixed with a previous run's, and neither
a reader that stops reading nor Ctrl-C turns a run into a traceback.
"""

from __future__ import annotations

import json
import os
import random
import re
import select
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from tests.stories import DOCK_STRIKE, HEART_STUDY

from unspin.cli import main
from unspin.report.files import write_jsonl

WIRE = "Dockers strike at Valmera\n\n2021-03-01\n\n" + "\n\n".join(DOCK_STRIKE) + "\n"
FARM = (
    "Valmera port strike\n\nMarch 2, 2021\n\n"
    + "\n\n".join([*DOCK_STRIKE[:2], HEART_STUDY, *DOCK_STRIKE[2:]])
    + "\n"
)
RECORDS = ("documents.jsonl", "pairs.jsonl", "families.jsonl", "rejects.jsonl", "sites.jsonl")
UNSPIN = [sys.executable, "-m", "unspin.cli"]


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args])


def one_error_line(result: Result) -> str:
    assert result.exit_code not in (0, None), result.output
    assert "Traceback" not in result.output
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith("unspin: error: ")
    return line


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "wire.txt").write_text(WIRE, encoding="utf-8")
    (folder / "farm.txt").write_text(FARM, encoding="utf-8")
    return folder


# --- paths that cannot be written fail first, in one line -----------------------------------


def test_a_folder_where_an_output_file_must_go_fails_before_any_work(
    corpus: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    (out / "report.html").mkdir(parents=True)
    line = one_error_line(run("scan", corpus, "--out", out))
    assert str(out / "report.html") in line and "Fix:" in line
    assert sorted(p.name for p in out.iterdir()) == ["report.html"]  # nothing was written


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="needs Linux /proc")
def test_an_out_folder_that_cannot_be_created_fails_before_any_work(corpus: Path) -> None:
    # Even root, for whom os.access says yes to everything, cannot create folders in /proc.
    line = one_error_line(run("scan", corpus, "--out", "/proc/unspin-test/out"))
    assert "/proc/unspin-test/out" in line and "Fix:" in line


def test_compare_html_onto_a_folder_fails_before_comparing(corpus: Path, tmp_path: Path) -> None:
    taken = tmp_path / "cmp.html"
    taken.mkdir()
    result = run("compare", corpus / "wire.txt", corpus / "farm.txt", "--html", taken)
    assert str(taken) in one_error_line(result)
    assert result.stdout == ""


def test_a_failed_run_leaves_no_folder_behind(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text("not json\n", encoding="utf-8")
    out = tmp_path / "new" / "out"
    one_error_line(run("scan", bad, "--out", out))
    assert not (tmp_path / "new").exists()


# --- written whole, or not at all ------------------------------------------------------------


def test_a_write_that_fails_half_way_keeps_the_old_file_and_no_debris(tmp_path: Path) -> None:
    target = tmp_path / "pairs.jsonl"
    target.write_text('{"old": true}\n', encoding="utf-8")

    def records() -> Iterator[dict[str, Any]]:
        yield {"new": 1}
        raise RuntimeError("the run broke while writing")

    with pytest.raises(RuntimeError):
        write_jsonl(target, records())
    assert target.read_text(encoding="utf-8") == '{"old": true}\n'
    assert [p.name for p in tmp_path.iterdir()] == ["pairs.jsonl"]


def test_a_scan_leaves_exactly_its_outputs(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / ".pairs.jsonl.k2j4x1.tmp").write_text("{", encoding="utf-8")  # a killed run's
    result = run("scan", corpus, "--out", out)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [*RECORDS, "report.html", "manifest.json"]
    )
    assert all(p.stat().st_mode & 0o044 for p in out.iterdir())  # readable like any file


def test_a_scan_without_html_removes_the_report_of_an_earlier_scan(
    corpus: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    assert run("scan", corpus, "--out", out).exit_code == 0
    assert (out / "report.html").is_file()
    assert run("scan", corpus, "--out", out, "--no-html").exit_code == 0
    assert not (out / "report.html").exists()  # it would describe another run
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert "report.html" not in manifest["outputs"]


def test_a_report_html_that_unspin_did_not_write_is_left_alone(
    corpus: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    mine = "<!DOCTYPE html><title>My notes</title>"
    (out / "report.html").write_text(mine, encoding="utf-8")
    assert run("scan", corpus, "--out", out, "--no-html").exit_code == 0
    assert (out / "report.html").read_text(encoding="utf-8") == mine


# --- a reader that stops early loses nothing -------------------------------------------------


def closed_stdout_run(args: list[str | Path]) -> subprocess.CompletedProcess[str]:
    """Run unspin with a stdout whose reader is already gone, as `| head` leaves it."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        return subprocess.run(
            [*UNSPIN, *map(str, args)],
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            timeout=120,
            check=False,
        )
    finally:
        os.close(write_end)


@pytest.mark.parametrize("as_json", [False, True], ids=["terminal", "json"])
def test_compare_into_a_closed_pipe_still_writes_its_html(
    corpus: Path, tmp_path: Path, as_json: bool
) -> None:
    page = tmp_path / "r.html"
    args: list[str | Path] = ["compare", corpus / "wire.txt", corpus / "farm.txt", "--html", page]
    done = closed_stdout_run(args + (["--json"] if as_json else []))
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert page.read_text(encoding="utf-8").rstrip().endswith("</html>")


def test_scan_into_a_closed_pipe_still_writes_everything(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    done = closed_stdout_run(["scan", corpus, "--out", out])
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    for name in (*RECORDS, "report.html", "manifest.json"):
        assert (out / name).is_file(), name


# --- Ctrl-C ----------------------------------------------------------------------------------


def big_corpus(path: Path, documents: int) -> Path:
    """Unrelated made-up articles: enough work for the worker pool to be busy a while."""
    rng = random.Random(8)
    syllables = ["ka", "lo", "mi", "ne", "ru", "sa", "to", "vi", "ze", "po", "dar", "vel"]
    vocabulary = [a + b + c for a in syllables for b in syllables for c in syllables]
    with path.open("w", encoding="utf-8") as out:
        for n in range(documents):
            sentences = [
                " ".join(rng.choices(vocabulary, k=rng.randint(8, 16))).capitalize() + "."
                for _ in range(30)
            ]
            out.write(json.dumps({"id": f"doc{n}", "text": " ".join(sentences)}) + "\n")
    return path


_ANSI = re.compile(rb"\x1b\[[0-9;?]*[A-Za-z]")
_PREPARE = re.compile(rb"prepare\D*(\d+)/(\d+)")


def read_terminal(fd: int, until: re.Pattern[bytes] | None, seen: bytearray) -> bool:
    """Read what the program draws on its terminal until ``until`` shows a stage under way
    (True) or the program closes the terminal (False). A program still drawing after two
    minutes has hung: that fails the test."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], max(0.0, deadline - time.monotonic()))
        if not ready:
            break
        try:
            chunk = os.read(fd, 4096)
        except OSError:  # EIO: the program closed its end
            return False
        if not chunk:
            return False
        seen.extend(chunk)
        if until is not None:
            for match in until.finditer(_ANSI.sub(b"", bytes(seen))):
                if 0 < int(match.group(1)) < int(match.group(2)):
                    return True
    raise AssertionError("unspin hung: " + _ANSI.sub(b"", bytes(seen)).decode(errors="replace"))


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX terminal")
def test_ctrl_c_during_a_scan_is_one_line_and_exit_130(tmp_path: Path) -> None:
    import pty

    corpus = big_corpus(tmp_path / "big.jsonl", 600)
    out = tmp_path / "out"
    terminal, program_side = pty.openpty()  # progress bars are drawn on a terminal only
    proc = subprocess.Popen(
        [*UNSPIN, "scan", str(corpus), "--out", str(out), "--workers", "2", "--no-html"],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=program_side,
        start_new_session=True,  # its own process group, as a shell gives a job
        # A shell that runs tests in the background may ignore SIGINT; a user's shell does not.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
        env={**os.environ, "TERM": "xterm", "COLUMNS": "100"},
    )
    os.close(program_side)
    drawn = bytearray()
    try:
        started = read_terminal(terminal, _PREPARE, drawn)
        assert started, "the scan ended before its workers were seen at work: " + drawn.decode(
            errors="replace"
        )
        os.killpg(proc.pid, signal.SIGINT)  # what Ctrl-C does: the whole foreground group
        read_terminal(terminal, None, drawn)
        stdout, _ = proc.communicate(timeout=120)
    finally:
        os.close(terminal)
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)  # the program and its workers
            proc.wait()
    shown = _ANSI.sub(b"", bytes(drawn)).decode("utf-8", errors="replace")
    assert proc.returncode == 130, shown
    assert "Traceback" not in shown and "KeyboardInterrupt" not in shown, shown
    assert shown.rstrip().endswith("unspin: interrupted"), shown
    assert stdout == b""
    assert not out.exists()  # it was created for this run, which wrote nothing
