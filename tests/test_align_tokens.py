"""Word-level alignment: the prefix/suffix shortcut never changes the best alignment."""

from __future__ import annotations

from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from unspin.align.lcs import weighted_lcs
from unspin.align.tokens import _lcs_path

# Synonym pairs (alliance/union, talks/discussion) make exact and equivalent matches compete.
WORDS = ["the", "strike", "port", "union", "alliance", "talks", "discussion", "russia", "ships"]
sentences = st.lists(st.sampled_from(WORDS), max_size=14)


def _score(path: list[tuple[int, int, bool]]) -> int:
    return sum(3 if exact else 2 for _, _, exact in path)


@settings(max_examples=300, deadline=None)
@given(sentences, sentences, sentences, sentences)
def test_matching_shared_ends_first_keeps_the_best_score(
    head: list[str], a: list[str], b: list[str], tail: list[str]
) -> None:
    left, right = head + a + tail, head + b + tail
    path = _lcs_path(left, right)
    assert _score(path) == _score(weighted_lcs(left, right, "en"))
    # A path pairs increasing positions on both sides.
    assert all(i0 < i1 and j0 < j1 for (i0, j0, _), (i1, j1, _) in pairwise(path))


def test_identical_sentences_align_word_for_word() -> None:
    words = ["russia", "and", "china", "talks"] * 50
    assert _lcs_path(words, words) == [(k, k, True) for k in range(len(words))]
