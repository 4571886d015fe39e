"""The spun_news benchmark lives in ``benchmarks/`` at the repository root, outside ``src``."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.spun_news import bbc  # noqa: E402
from benchmarks.spun_news.thesaurus import available  # noqa: E402


@pytest.fixture(scope="session")
def bbc_data() -> Path:
    """The shared BBC tarball, read in place; tests that need it skip without it."""
    if not bbc.TARBALL.is_file():
        pytest.skip(f"BBC News data not found at {bbc.TARBALL} (../shared/data is not checked out)")
    if not available():
        pytest.skip("WordNet not found (neither unspin's shipped table nor wordnet-base)")
    return bbc.TARBALL
