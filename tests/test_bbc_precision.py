"""Issue 8's gate: pair precision on hand-labelled BBC News pairs (benchmarks/bbc_pairs).

The whole archive (2,225 articles) is unpacked into a temporary folder and scanned once
(~45 s on 2 cores); the reported pairs are scored against benchmarks/bbc_pairs/labels.jsonl.
Targets: precision ≥ 0.95 for reported ``duplicate`` and ``rewrite``, ≥ 0.90 for ``partial``,
and at least 90% of the labelled reuse pairs still reported. Skips without ../shared/data.
"""

from __future__ import annotations

import pytest
from benchmarks.bbc_pairs.score import (
    RECALL_FLOOR,
    TARGETS,
    Score,
    read_labels,
    relations,
    score,
)
from benchmarks.datasets import BBC, bbc_duplicate_groups, unpack_bbc

from unspin.api import scan

pytestmark = pytest.mark.skipif(
    not (BBC / "bbc-fulltext.tar.gz").is_file(), reason=f"BBC News data not found at {BBC}"
)


@pytest.fixture(scope="module")
def result(tmp_path_factory: pytest.TempPathFactory) -> Score:
    folder = unpack_bbc(tmp_path_factory.mktemp("bbc"))
    run = scan([folder], tmp_path_factory.mktemp("bbc-out"), html=False)
    return score(relations(run.result.pairs), read_labels(), bbc_duplicate_groups())


@pytest.mark.parametrize("relation", sorted(TARGETS))
def test_reported_relation_is_precise_on_labelled_pairs(result: Score, relation: str) -> None:
    r = result.relations[relation]
    wrong = "; ".join(f"{lab.a} {lab.b} is {lab.label}" for lab, _ in r.wrong)
    assert r.ok, (
        f"{relation}: {r.correct}/{r.reported} labelled pairs right, precision "
        f"{r.precision:.2f} < {r.target:.2f}; wrong: {wrong}"
    )


def test_labelled_reuse_pairs_are_still_reported(result: Score) -> None:
    lost = "; ".join(f"{lab.a} {lab.b} ({lab.label})" for lab in result.lost)
    assert result.recall_ok, (
        f"{len(result.lost)} of {result.reuse_labelled} labelled reuse pairs no longer "
        f"reported (recall {result.recall:.2f} < {RECALL_FLOOR:.2f}): {lost}"
    )
