"""Issue #2's targets on the real corpora in ../shared/data, small enough for every run.

Clough & Stevenson is scanned whole (100 short files); BBC News is checked on its
byte-identical pairs among one category's articles. Both skip when the data is absent.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from benchmarks.datasets import (
    BBC,
    CLOUGH,
    HEAVY_LEXICAL_FLOOR,
    bbc_duplicate_groups,
    clough_answers,
    clough_corpus,
    cut_answers_in_source,
    unpack_bbc,
)

from unspin.api import scan
from unspin.model import PairResult

needs_clough = pytest.mark.skipif(
    not CLOUGH.is_dir(), reason=f"Clough & Stevenson data not found at {CLOUGH}"
)
needs_bbc = pytest.mark.skipif(not BBC.is_dir(), reason=f"BBC News data not found at {BBC}")


@pytest.fixture(scope="module")
def clough_pairs(tmp_path_factory: pytest.TempPathFactory) -> dict[frozenset[str], PairResult]:
    run = scan([clough_corpus()], tmp_path_factory.mktemp("clough"), html=False)
    return {frozenset((p.a, p.b)): p for p in run.result.pairs}


def _found_share(pairs: dict[frozenset[str], PairResult], category: str) -> float:
    answers = [a for a in clough_answers() if a.category == category]
    found = Counter(frozenset((a.id, a.source)) in pairs for a in answers)
    return found[True] / len(answers)


@needs_clough
@pytest.mark.parametrize(("category", "floor"), [("light", 0.95), ("heavy", HEAVY_LEXICAL_FLOOR)])
def test_revised_answers_are_paired_with_their_source(
    clough_pairs: dict[frozenset[str], PairResult], category: str, floor: float
) -> None:
    assert _found_share(clough_pairs, category) >= floor


@needs_clough
def test_every_cut_answer_whose_text_is_in_its_source_is_paired_with_it(
    clough_pairs: dict[frozenset[str], PairResult],
) -> None:
    in_source = cut_answers_in_source()
    assert len(in_source) == 17  # the other two copy pages that are not in the corpus
    missed = [
        answer.id
        for answer in clough_answers()
        if answer.id in in_source and frozenset((answer.id, answer.source)) not in clough_pairs
    ]
    assert missed == []


@needs_clough
def test_independent_answers_are_rarely_paired_with_the_source(
    clough_pairs: dict[frozenset[str], PairResult],
) -> None:
    assert _found_share(clough_pairs, "non") <= 0.10


@needs_clough
def test_answers_to_different_questions_are_not_paired(
    clough_pairs: dict[frozenset[str], PairResult],
) -> None:
    task = {a.id: a.task for a in clough_answers()}
    task.update({f"orig_task{t}": t for t in "abcde"})
    crossed = [sorted(key) for key in clough_pairs if len({task[m] for m in key}) > 1]
    assert crossed == []


@needs_bbc
def test_byte_identical_bbc_articles_are_duplicates(tmp_path: Path) -> None:
    folder = unpack_bbc(tmp_path / "data")
    # Ids are relative to the folder scanned: "entertainment/007" becomes "007".
    groups = [
        [m.removeprefix("entertainment/") for m in g]
        for g in bbc_duplicate_groups()
        if all(m.startswith("entertainment/") for m in g)
    ]
    assert groups, "the entertainment category has byte-identical pairs"
    run = scan([folder / "entertainment"], tmp_path / "out", html=False)
    found = {frozenset((p.a, p.b)): p.relation for p in run.result.pairs}
    assert all(found.get(frozenset(g)) == "duplicate" for g in groups)
    # Duplicates join one family whose original is one of them.
    for group in groups:
        family = next(f for f in run.result.families if group[0] in f.members)
        assert set(group) <= set(family.members)
