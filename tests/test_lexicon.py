"""Word-level knowledge: which words a spinner may swap for each other, and canonical forms.

Synonyms come from WordNet 3.0, shipped with unspin as a table (``tests/test_lexicon_table.py``
checks it against WordNet's own files). Without any WordNet unspin still runs, with stems
only, and says once on stderr how to get it back.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from unspin import lexicon
from unspin.lexicon import STOPWORDS, canonical, equivalent, stem

# Pairs a spinner produces: synonyms, inflections, derivations.
SPUN_PAIRS = [
    ("especially", "particularly"),
    ("talk", "discussion"),
    ("russia", "russian"),
    ("capabilities", "capability"),
]
# Pairs that must never count as the same word.
DIFFERENT_PAIRS = [("dog", "cat"), ("the", "a"), ("company", "alliance")]
# Pairs that need no thesaurus: the same word, or the same stem.
INFLECTIONS = [("russia", "russian"), ("capabilities", "capability"), ("warheads", "warhead")]


def _all_pairs() -> list[tuple[str, str]]:
    return [*SPUN_PAIRS, *DIFFERENT_PAIRS, *INFLECTIONS, ("union", "alliance"), ("said", "told")]


def _clear_caches() -> None:
    lexicon.clear_caches()


@pytest.mark.parametrize(("a", "b"), _all_pairs())
def test_equivalent_is_symmetric(a: str, b: str) -> None:
    assert equivalent(a, b) == equivalent(b, a)


@pytest.mark.parametrize("word", ["alliance", "the", "1,550", "russia"])
def test_a_word_is_equivalent_to_itself(word: str) -> None:
    assert equivalent(word, word)


@pytest.mark.parametrize(("a", "b"), SPUN_PAIRS)
def test_words_a_spinner_swaps_are_equivalent(a: str, b: str) -> None:
    assert equivalent(a, b)


@pytest.mark.parametrize(("a", "b"), INFLECTIONS)
def test_inflections_are_equivalent_even_without_a_thesaurus(a: str, b: str) -> None:
    assert equivalent(a, b)


@pytest.mark.parametrize(("a", "b"), DIFFERENT_PAIRS)
def test_different_words_are_not_equivalent(a: str, b: str) -> None:
    assert not equivalent(a, b)


def test_stop_words_are_only_equivalent_to_themselves() -> None:
    assert not equivalent("the", "these")
    assert not equivalent("which", "whichever")


def test_a_number_loses_its_grouping_separators() -> None:
    assert canonical("1,550") == "1550"
    assert canonical("1,550") == canonical("1550")


@pytest.mark.parametrize("word", ["the", "with", "said", "would", "a"])
def test_a_stop_word_is_its_own_canonical_form(word: str) -> None:
    assert word in STOPWORDS
    assert canonical(word) == word


def test_a_possessive_has_the_canonical_form_of_its_word() -> None:
    assert canonical("china's") == canonical("china")


def test_synonyms_share_a_canonical_form_when_wordnet_knows_them() -> None:
    # "talk" and "discussion" are equivalent through a related synset, but these two share
    # WordNet's most frequent sense and so one canonical spelling.
    assert canonical("capabilities") == canonical("capability")
    assert canonical("especially") == canonical("particularly")


# --- without WordNet -----------------------------------------------------------------------


@pytest.fixture
def no_wordnet(
    monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[None]:
    """Neither the shipped table nor a system WordNet; caches emptied before and after."""
    monkeypatch.delenv(lexicon.WORDNET_ENV, raising=False)
    monkeypatch.setattr(lexicon, "SHIPPED_TABLE", tmp_path_factory.mktemp("no-table") / "x.gz")
    monkeypatch.setattr(lexicon, "WORDNET_DIRS", ())
    monkeypatch.setattr(lexicon, "_notice_shown", False)
    _clear_caches()
    yield
    # The next test that asks gets the real WordNet again (monkeypatch restores the table's
    # path before anyone calls wordnet() again).
    _clear_caches()


def test_find_wordnet_looks_only_where_the_env_var_points(
    monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> None:
    monkeypatch.setenv(lexicon.WORDNET_ENV, str(tmp_path_factory.mktemp("no-wordnet")))
    assert lexicon.find_wordnet(dirs=["/usr/share/wordnet"]) is None


def test_find_wordnet_accepts_a_folder_with_index_files(
    monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> None:
    folder = tmp_path_factory.mktemp("dict")
    (folder / "index.noun").write_text("", encoding="utf-8")
    monkeypatch.setenv(lexicon.WORDNET_ENV, str(folder))
    assert lexicon.find_wordnet() == folder
    monkeypatch.delenv(lexicon.WORDNET_ENV)
    assert lexicon.find_wordnet(dirs=[str(folder)]) == folder
    assert lexicon.find_wordnet(dirs=[]) is None


def test_without_wordnet_a_one_line_notice_says_how_to_install_it(
    no_wordnet: None, capsys: pytest.CaptureFixture[str]
) -> None:
    assert lexicon.wordnet() is None
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.endswith("\n")
    assert "reinstall unspin" in err
    assert "apt-get install wordnet-base" in err
    assert lexicon.WORDNET_ENV in err
    # Loaded once per process: asking again says nothing more.
    assert lexicon.wordnet() is None
    assert capsys.readouterr().err == ""


def test_without_wordnet_canonical_forms_fall_back_to_stems(
    no_wordnet: None, capsys: pytest.CaptureFixture[str]
) -> None:
    assert canonical("capabilities") == stem("capabilities") == canonical("capability")
    assert canonical("1,550") == "1550"
    assert canonical("the") == "the"
    # Inflections still match; synonyms and stop words do not.
    assert equivalent("russia", "russian")
    assert not equivalent("talk", "discussion")
    assert not equivalent("the", "a")
    assert "wordnet-base" in capsys.readouterr().err


def test_wordnet_comes_back_after_the_caches_are_cleared(
    monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> None:
    monkeypatch.setenv(lexicon.WORDNET_ENV, str(tmp_path_factory.mktemp("no-wordnet")))
    monkeypatch.setattr(lexicon, "_notice_shown", True)
    _clear_caches()
    assert not equivalent("talk", "discussion")
    monkeypatch.delenv(lexicon.WORDNET_ENV)
    _clear_caches()
    assert lexicon.wordnet() is not None
    assert equivalent("talk", "discussion")
