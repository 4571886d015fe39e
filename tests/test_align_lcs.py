"""The compiled word alignment gives exactly the alignment of the plain dynamic programme it
replaced: same matched positions, same exact/synonym flags."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from unspin.align.lcs import weighted_lcs
from unspin.lexicon import equivalent

# Words with synonyms and inflections among them, and stop words, so all three gains occur.
WORDS = [
    "the",
    "a",
    "of",
    "and",
    "to",
    "in",
    "said",
    "alliance",
    "union",
    "russia",
    "russian",
    "federation",
    "military",
    "army",
    "forces",
    "technologies",
    "techs",
    "tech",
    "president",
    "leader",
    "talks",
    "discussion",
    "weapons",
    "arms",
    "agreement",
    "deal",
    "treaty",
    "china",
    "beijing",
    "moscow",
    "close",
    "near",
    "strong",
    "powerful",
]


def reference(a: list[str], b: list[str], lang: str = "en") -> list[tuple[int, int, bool]]:
    """The table exactly as unspin filled it in Python before it was compiled."""
    n, m = len(a), len(b)
    score = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            best = max(score[i + 1][j], score[i][j + 1])
            if a[i] == b[j]:
                gain = 3 + score[i + 1][j + 1]
            elif equivalent(a[i], b[j], lang):
                gain = 2 + score[i + 1][j + 1]
            else:
                gain = 0
            score[i][j] = gain if gain > best else best
    path = []
    i = j = 0
    while i < n and j < m:
        exact = a[i] == b[j]
        gain = 3 if exact else 2
        if (exact or equivalent(a[i], b[j], lang)) and score[i][j] == gain + score[i + 1][j + 1]:
            path.append((i, j, exact))
            i, j = i + 1, j + 1
        elif score[i + 1][j] >= score[i][j + 1]:
            i += 1
        else:
            j += 1
    return path


texts = st.lists(st.sampled_from(WORDS), max_size=40)


@given(texts, texts)
@settings(max_examples=200, deadline=None)
def test_the_compiled_alignment_equals_the_plain_one(a: list[str], b: list[str]) -> None:
    assert weighted_lcs(a, b, "en") == reference(a, b)


def test_synonyms_match_and_exact_words_are_preferred() -> None:
    a = ["russia", "signed", "the", "alliance", "with", "china"]
    b = ["russian", "federation", "signed", "the", "union", "with", "china"]
    path = weighted_lcs(a, b, "en")
    assert (0, 0, False) in path  # russia ~ russian: an inflection
    # alliance / union are not synonyms to the lexicon: left unmatched, a substitution.
    assert not [m for m in path if m[0] == 3]
    assert [(i, j) for i, j, exact in path if exact] == [(1, 2), (2, 3), (4, 5), (5, 6)]


def test_long_windows_agree_too() -> None:
    rng = random.Random(5)
    a = [rng.choice(WORDS) for _ in range(300)]
    b = [rng.choice(WORDS) if rng.random() < 0.3 else w for w in a]
    assert weighted_lcs(a, b, "en") == reference(a, b)
