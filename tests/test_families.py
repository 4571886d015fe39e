"""Reuse families: documents joined by copies and rewrites, each family with a likely original.

Families must be deterministic: the same pairs in any order give the same ids and originals.
"""

from __future__ import annotations

import itertools
import random

import pytest

from unspin.families import build_families, family_id
from unspin.model import Direction, Document, Family, PairResult, Relation


def pair(
    a: str,
    b: str,
    relation: Relation = "rewrite",
    coverage_a: float = 0.8,
    coverage_b: float = 0.8,
    direction: Direction | None = None,
) -> PairResult:
    return PairResult(
        a=a,
        b=b,
        relation=relation,
        score=min(coverage_a, coverage_b),
        coverage_a=coverage_a,
        coverage_b=coverage_b,
        direction=direction,
        passages=(),
    )


def docs(*ids: str, dates: dict[str, str] | None = None) -> dict[str, Document]:
    dates = dates or {}
    return {i: Document(id=i, text=f"text of {i}", date=dates.get(i)) for i in ids}


def summary(families: tuple[Family, ...]) -> list[tuple[str, tuple[str, ...], str]]:
    return [(f.id, f.members, f.original) for f in families]


def test_a_chain_of_copies_is_one_family() -> None:
    families = build_families(
        [pair("a", "b", "duplicate"), pair("b", "c", "rewrite")], docs("a", "b", "c")
    )
    assert len(families) == 1
    assert families[0].members == ("a", "b", "c")
    assert families[0].id == family_id(["a", "b", "c"])


def test_unconnected_copies_are_separate_families() -> None:
    families = build_families([pair("a", "b"), pair("x", "y")], docs("a", "b", "x", "y"))
    assert [f.members for f in families] == [("a", "b"), ("x", "y")]
    assert families[0].id != families[1].id


def test_documents_without_pairs_are_in_no_family() -> None:
    assert build_families([], docs("a", "b")) == ()


def test_partial_reuse_does_not_make_a_family() -> None:
    assert build_families([pair("a", "b", "partial")], docs("a", "b")) == ()


def test_partial_reuse_does_not_join_two_families() -> None:
    # A shared paragraph between two stories must not chain their copies together.
    pairs = [pair("a", "b"), pair("c", "d"), pair("b", "c", "partial", 0.1, 0.1)]
    families = build_families(pairs, docs("a", "b", "c", "d"))
    assert [f.members for f in families] == [("a", "b"), ("c", "d")]


def test_family_id_depends_on_the_members_not_their_order() -> None:
    assert family_id(["b", "a", "c"]) == family_id(["c", "b", "a"]) == family_id(("a", "b", "c"))
    assert family_id(["a", "b"]) != family_id(["a", "b", "c"])
    assert family_id(["a", "b"]).startswith("f")


CORPUS_PAIRS = [
    pair("wire", "farm1", "duplicate", 1.0, 1.0),
    pair("farm1", "farm2", "rewrite", 0.9, 0.6),
    pair("wire", "farm3", "rewrite", 0.55, 0.95),
    pair("blog", "forum", "rewrite", 0.7, 0.9),
    pair("farm3", "blog", "partial", 0.1, 0.2),
]


def _swapped(p: PairResult) -> PairResult:
    flipped: Direction | None = {"a->b": "b->a", "b->a": "a->b", None: None}[p.direction]
    return pair(p.b, p.a, p.relation, p.coverage_b, p.coverage_a, flipped)


CORPUS_IDS = ("wire", "farm1", "farm2", "farm3", "blog", "forum")
CORPUS_DATES = {
    "wire": "2020-10-22",
    "farm1": "2020-10-23",
    "farm2": "2020-10-25",
    "farm3": "2020-10-22",  # same day as "wire": coverage breaks the tie
    "blog": "2021-01-02",
    "forum": "2020-12-31",
}


@pytest.mark.parametrize(
    ("dates", "originals"),
    [
        pytest.param({}, ["blog", "wire"], id="undated"),
        pytest.param(CORPUS_DATES, ["forum", "wire"], id="dated"),
    ],
)
def test_families_are_the_same_under_any_permutation_of_the_pairs(
    dates: dict[str, str], originals: list[str]
) -> None:
    documents = docs(*CORPUS_IDS, dates=dates)
    expected = summary(build_families(CORPUS_PAIRS, documents))
    assert [(members, original) for _, members, original in expected] == [
        (("blog", "forum"), originals[0]),
        (("farm1", "farm2", "farm3", "wire"), originals[1]),
    ]
    for order in itertools.permutations(CORPUS_PAIRS):
        assert summary(build_families(list(order), documents)) == expected
    # Which side of a pair is "a" must not matter either.
    rng = random.Random(7)
    for _ in range(20):
        shuffled = [_swapped(p) if rng.random() < 0.5 else p for p in CORPUS_PAIRS]
        rng.shuffle(shuffled)
        assert summary(build_families(shuffled, documents)) == expected


def test_the_earliest_document_is_the_original_when_all_are_dated() -> None:
    # Coverage points at "b" as the source; the dates win.
    pairs = [pair("a", "b", coverage_a=0.95, coverage_b=0.5), pair("b", "c")]
    dates = {"a": "2020-10-20", "b": "2020-10-25", "c": "2020-10-22"}
    (family,) = build_families(pairs, docs("a", "b", "c", dates=dates))
    assert family.original == "a"


def test_the_earliest_date_wins_over_the_smallest_id() -> None:
    dates = {"a": "2020-10-25", "z": "2020-10-01"}
    (family,) = build_families([pair("a", "z")], docs("a", "z", dates=dates))
    assert family.original == "z"


def test_without_dates_the_member_that_covers_its_partners_more_is_the_original() -> None:
    # "z-source" keeps material its copy dropped, so the copy is almost all aligned (0.95)
    # while the source is only partly (0.6): the source explains its partner.
    pairs = [pair("a-copy", "z-source", coverage_a=0.95, coverage_b=0.6)]
    (family,) = build_families(pairs, docs("a-copy", "z-source"))
    assert family.original == "z-source"


def test_without_dates_the_source_of_several_copies_is_the_original() -> None:
    pairs = [
        pair("m-source", "a-copy", coverage_a=0.5, coverage_b=0.9),
        pair("m-source", "b-copy", coverage_a=0.6, coverage_b=0.95),
        pair("a-copy", "b-copy", coverage_a=0.8, coverage_b=0.8),
    ]
    (family,) = build_families(pairs, docs("a-copy", "b-copy", "m-source"))
    assert family.original == "m-source"


def test_when_only_some_members_are_dated_coverage_decides() -> None:
    pairs = [pair("a-copy", "z-source", coverage_a=0.95, coverage_b=0.6)]
    documents = docs("a-copy", "z-source", dates={"a-copy": "2020-10-20"})
    (family,) = build_families(pairs, documents)
    assert family.original == "z-source"


def test_with_no_evidence_either_way_the_smallest_id_is_the_original() -> None:
    (family,) = build_families([pair("y", "x", "duplicate", 1.0, 1.0)], docs("x", "y"))
    assert family.original == "x"


@pytest.mark.parametrize(("copy_coverage", "joined"), [(0.3, False), (0.5, True), (0.9, True)])
def test_a_dated_copy_joins_its_source_only_if_it_is_mostly_that_source(
    copy_coverage: float, joined: bool
) -> None:
    # "b" is the later document: it quotes all of "a" (coverage_a 1.0) inside a story of its
    # own when its coverage is low; it is a version of "a" when it is high.
    found = pair("a", "b", coverage_a=1.0, coverage_b=copy_coverage, direction="a->b")
    families = build_families([found], docs("a", "b"))
    assert bool(families) == joined


def test_an_undated_rewrite_always_joins() -> None:
    assert build_families([pair("a", "b", coverage_a=1.0, coverage_b=0.3)], docs("a", "b"))
