"""Language identification for the ``lang`` field (needs the extra)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytest.importorskip("py3langid", reason="the semantic extra is not installed")

from unspin.semantic import detect_language

CROSSLINGUAL = Path(__file__).resolve().parent / "data" / "crosslingual.json"
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.mark.parametrize("lang", ["en", "de", "fr"])
def test_paragraphs_in_each_language(lang: str) -> None:
    for paragraph in json.loads(CROSSLINGUAL.read_text(encoding="utf-8"))["paragraphs"]:
        assert detect_language(" ".join(paragraph[lang])) == lang


def test_the_seeds_are_english() -> None:
    for path in sorted(EXAMPLES.glob("*.txt")):
        assert detect_language(path.read_text(encoding="utf-8")) == "en"


@pytest.mark.parametrize("text", ["", "   ", "12,5 % — 2020", "Merkel Macron"])
def test_too_little_text_has_no_language(text: str) -> None:
    assert detect_language(text) is None
