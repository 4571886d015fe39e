"""What counts as a word swap: one to three words for one to three, aligned around them.

Each case is a sentence pair a reader would judge; the swap list is what `unspin compare`
shows a fact-checker, so a junk swap ("January" -> "4 favourite to win") costs trust.
"""

from __future__ import annotations

from unspin.align.tokens import align_tokens
from unspin.normalize import tokenize


def swaps(a: str, b: str) -> set[tuple[str, str]]:
    ta, tb = tokenize(a), tokenize(b)
    return set(align_tokens(ta, list(range(len(ta))), tb, list(range(len(tb)))).substitutions)


def test_a_word_swapped_inside_a_copied_sentence_is_a_substitution() -> None:
    found = swaps(
        "The minister stated on Monday that the tax would rise next year.",
        "The minister said on Monday that the tax would rise next year.",
    )
    # "said" is a stopword for candidates, but the copy has still swapped a word.
    assert found == {("stated", "said")}


def test_synonyms_are_reported_as_matched_not_with_the_words_around_them() -> None:
    found = swaps(
        "They have so far rejected any talk of the possibility of forming a union.",
        "They have so far rejected any discussion related about the potential of forming a union.",
    )
    assert ("talk", "discussion") in found
    assert ("talk", "discussion related") not in found


def test_a_name_keeps_the_words_of_the_name_it_became() -> None:
    found = swaps(
        "Russia offered to extend the agreement without conditions.",
        "Russian Federation had offered to extend the agreement without conditions.",
    )
    assert found == {("Russia", "Russian Federation")}


def test_no_swap_reaches_across_a_sentence_end() -> None:
    found = swaps(
        "The first convictions were handed out in the US in January. William Trowbridge "
        "pleaded guilty to the charges.",
        "The first convictions were handed out in the US. New Yorker William Trowbridge "
        "pleaded guilty to the charges.",
    )
    assert ("January", "New Yorker") not in found
    assert found == set()


def test_a_description_is_not_a_swap_for_a_name_at_the_start_of_a_sentence() -> None:
    found = swaps(
        "Levy tipped for prize\nNovelist Andrea Levy is favourite to win the prize.",
        "Levy takes prize\nOrange Prize winner Andrea Levy is favourite to win the prize.",
    )
    assert not any(a == "Novelist" for a, _ in found), found


def test_a_longer_difference_is_rewriting_not_a_swap() -> None:
    found = swaps(
        "If we decide we do not need a partner, we cannot stop them, he said.",
        "If our partners decide that they do not need it, well, so be it, we cannot stop "
        "them, he said.",
    )
    assert ("partner", "well") not in found


def test_a_word_swapped_before_a_sentence_end_is_still_a_swap() -> None:
    found = swaps(
        "The director called the walkout irresponsible. At least 14 ships were waiting.",
        "The director called the walkout reckless. At least 14 ships were waiting.",
    )
    assert found == {("irresponsible", "reckless")}
