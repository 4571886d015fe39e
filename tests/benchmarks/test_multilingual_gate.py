"""The multilingual gate: news in eight languages and four scripts, scanned as a corpus.

Each language's corpus (`benchmarks.multilingual`: real news articles with labelled exact,
cut, reordered and edited copies made from them) must keep its copies found and report
no pair the labels cannot explain, as `python -m benchmarks.multilingual run` checks. A
change to how passages merge once made BBC Hindi's app footer, broken into lines
differently on two pages, pair 17 unrelated pages: this gate catches that in CI.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from benchmarks.multilingual.__main__ import (
    PRECISION_TARGET,
    RECALL_TARGET,
    scan_language,
    score_language,
)
from benchmarks.multilingual.generate import DEFAULT_SEED, LANGUAGES, data_dir


@pytest.mark.parametrize("lang", LANGUAGES)
def test_copies_are_found_and_nothing_else_is_reported(lang: str, tmp_path: Path) -> None:
    if not (data_dir() / f"{lang}.jsonl").is_file():
        pytest.skip(f"multilingual data not found in {data_dir()} (../shared/data)")
    scan_language(lang, tmp_path, DEFAULT_SEED, workers=1)
    result = score_language(lang, tmp_path, DEFAULT_SEED)
    for transform in ("exact", "edit"):
        found, total = result["recall"][transform]
        assert found >= RECALL_TARGET * total, (transform, result)
    assert result["precision"] >= PRECISION_TARGET, result
    assert result["wrong"] == 0, result
