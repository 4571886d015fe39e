"""Exact copies collapse to one representative, and every copy still gets its pair."""

from __future__ import annotations

import random
from pathlib import Path

from unspin.copies import group_copies
from unspin.engines import get_engine
from unspin.model import Document
from unspin.pipeline import NoProgress

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
SEED = (EXAMPLES / "000_d1e9f2ba145d541d.txt").read_text(encoding="utf-8")
OTHER = (EXAMPLES / "002_5904dd556c9162f6.txt").read_text(encoding="utf-8")


def test_the_representative_is_the_smallest_id_whatever_the_order() -> None:
    docs = [Document("c", "same text"), Document("a", "same text"), Document("b", "other")]
    groups = group_copies(docs)
    assert [docs[i].id for i in groups.representatives] == ["a", "b"]
    assert {
        docs[rep].id: [docs[i].id for i in others] for rep, others in groups.copies.items()
    } == {"a": ["c"]}


def test_the_same_text_on_two_sites_is_not_collapsed() -> None:
    docs = [Document("a", "same text", site="x.example"), Document("b", "same text")]
    assert group_copies(docs).copy_count == 0


def test_every_copy_is_a_duplicate_of_the_representative_in_one_family() -> None:
    copies = [Document(f"copy{i}", SEED) for i in range(5)]
    docs = [Document("other", OTHER), *copies]
    random.Random(7).shuffle(docs)
    result = get_engine("local", workers=1).run(docs, NoProgress())
    duplicates = {(p.a, p.b) for p in result.pairs if p.relation == "duplicate"}
    assert duplicates == {("copy0", f"copy{i}") for i in range(1, 5)}
    copy_pairs = [p for p in result.pairs if p.b.startswith("copy")]
    assert copy_pairs
    assert all(p.coverage_a == p.coverage_b == 1.0 for p in copy_pairs)
    # Nothing is lost: a report for every input document, in input order.
    assert [d.id for d in result.documents] == [d.id for d in docs]
    family = next(f for f in result.families if "copy3" in f.members)
    assert {f"copy{i}" for i in range(5)} <= set(family.members)


def test_copies_on_one_site_do_not_turn_the_article_into_site_template() -> None:
    copies = [Document(f"copy{i:02d}", SEED, site="farm.example") for i in range(40)]
    result = get_engine("local", workers=1).run(copies, NoProgress())
    alone = get_engine("local", workers=1).run(copies[:1], NoProgress())
    assert result.documents[0].boilerplate == alone.documents[0].boilerplate
    assert all(p.relation == "duplicate" for p in result.pairs)
    assert len(result.pairs) == 39
