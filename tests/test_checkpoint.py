"""The alignment checkpoint: pairs round-trip exactly, a line cut short by a kill is ignored,
and a checkpoint written for another run is not read."""

from __future__ import annotations

from pathlib import Path

from unspin.engines.checkpoint import AlignCheckpoint
from unspin.model import PairResult, Passage
from unspin.relate import PairEvidence

FOUND = PairEvidence(
    PairResult(
        a="a",
        b="b",
        relation="rewrite",
        score=0.7123,
        coverage_a=0.61,
        coverage_b=0.8,
        direction="a->b",
        passages=(Passage(0, 10, 5, 17, "spun", 0.83, (("alliance", "union"),)),),
        paraphrase_a=0.05,
    ),
    frozenset({0, 2}),
    frozenset({1}),
)


def test_pairs_are_read_back_as_they_were_recorded(tmp_path: Path) -> None:
    first = AlignCheckpoint(tmp_path / "c.jsonl", "key1")
    first.start({})
    first.record(("a", "b"), FOUND)
    first.record(("a", "c"), None)
    first.close()
    assert AlignCheckpoint(tmp_path / "c.jsonl", "key1").load() == {
        ("a", "b"): FOUND,
        ("a", "c"): None,
    }


def test_a_line_cut_short_is_ignored_and_another_key_reads_nothing(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    first = AlignCheckpoint(path, "key1")
    first.start({("a", "b"): FOUND})
    first.close()
    with path.open("a", encoding="utf-8") as out:
        out.write('{"a": "a", "b": "d", "fou')  # the kill came mid-line
    assert list(AlignCheckpoint(path, "key1").load()) == [("a", "b")]
    assert AlignCheckpoint(path, "key2").load() == {}
    assert AlignCheckpoint(tmp_path / "missing.jsonl", "key1").load() == {}
