"""Fixtures for the ingest tests: where the seeds and the shared real corpora live."""

from __future__ import annotations

import tarfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
# The real corpora sit beside the repository, never inside it (their licences forbid it).
SHARED_DATA = REPO / ".." / "shared" / "data"
CLOUGH = SHARED_DATA / "clough-stevenson-plagiarised-short-answers" / "corpus-20090418"
BBC_ARCHIVE = SHARED_DATA / "bbc-news" / "bbc-fulltext.tar.gz"


@pytest.fixture
def seeds() -> Path:
    folder = REPO / "examples"
    if not (folder / "000_d1e9f2ba145d541d.txt").exists():
        pytest.skip(f"the seed articles are missing from {folder}")
    return folder


@pytest.fixture
def clough() -> Path:
    if not CLOUGH.is_dir():
        pytest.skip(f"the Clough & Stevenson corpus is not at {CLOUGH}")
    return CLOUGH


@pytest.fixture(scope="session")
def bbc(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The BBC corpus unpacked once per session: bbc/<class>/<NNN>.txt."""
    if not BBC_ARCHIVE.is_file():
        pytest.skip(f"the BBC corpus is not at {BBC_ARCHIVE}")
    target = tmp_path_factory.mktemp("bbc")
    with tarfile.open(BBC_ARCHIVE) as archive:
        archive.extractall(target, filter="data")
    return target / "bbc"
