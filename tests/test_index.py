"""The lexical index: features per document, insert / query / remove, and a batch scan that
agrees with querying each document."""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import pytest
from tests import stories

from unspin.candidates import BEST_SOURCES, best_sources, candidate_pairs, worth_aligning
from unspin.errors import IndexMismatchError
from unspin.index import DocFeatures, LexicalIndex, doc_features, lexical
from unspin.index.cached import ReadCache
from unspin.index.hashing import PERM_A, PERM_B, shingle_key, splitmix64
from unspin.index.lexical import RARE_FULL_DF
from unspin.index.sqlite import SqliteStore
from unspin.model import Document
from unspin.prepare import prepare


def features(doc_id: str, text: str) -> DocFeatures:
    return doc_features(prepare(Document(doc_id, text)))


def test_hash_parameters_are_fixed_and_documented() -> None:
    # SplitMix64's reference output from state 0 (Vigna's splitmix64.c).
    assert splitmix64(0, 1) == [0xE220A8397B1DCDAF]
    assert PERM_A.dtype == np.uint64 and len(PERM_A) == len(PERM_B) == 128
    assert all(int(a) % 2 == 1 and int(a) < 2**32 for a in PERM_A)
    # The same words hash the same in every process: a constant, not Python's hash().
    assert shingle_key(["the", "harbour", "authority"]) == shingle_key(
        ["the", "harbour", "authority"]
    )


def test_features_round_trip_through_bytes() -> None:
    one = features("heart", stories.HEART_STUDY)
    back = DocFeatures.from_bytes("heart", one.to_bytes())
    assert back.to_bytes() == one.to_bytes()
    assert back.bands == one.bands and len(one.bands) == 32
    assert np.array_equal(back.rare, one.rare) and np.array_equal(back.spin, one.spin)
    assert len(one.to_bytes()) < 8 * (len(one.rare) + len(one.spin) + 32) + 16


def test_features_depend_on_the_document_alone() -> None:
    alone = features("heart", stories.HEART_STUDY)
    again = features("heart", stories.HEART_STUDY)
    assert alone.to_bytes() == again.to_bytes()


def test_a_copy_finds_its_original_and_not_itself() -> None:
    index = LexicalIndex()
    index.insert(features("wire", stories.HEART_STUDY))
    index.insert(features("other", stories.ORCHESTRA))
    found = index.query(features("copy", stories.HEART_STUDY))
    assert [c.id for c in found] == ["wire"]
    evidence = found[0].evidence
    assert evidence.bands == 32 and evidence.rare > 20 and worth_aligning(evidence)
    index.insert(features("copy", stories.HEART_STUDY))
    assert "copy" not in [c.id for c in index.query(features("copy", stories.HEART_STUDY))]


def test_remove_forgets_a_document_and_insert_replaces_one() -> None:
    index = LexicalIndex()
    index.insert(features("wire", stories.HEART_STUDY))
    index.insert(features("copy", stories.HEART_STUDY))
    assert index.remove("wire") and not index.remove("wire")
    assert index.query(features("probe", stories.HEART_STUDY))[0].id == "copy"
    index.insert(features("copy", "Nothing of the study is left in this one at all."))
    assert index.query(features("probe", stories.HEART_STUDY)) == []
    assert list(index.ids()) == ["copy"] and len(index) == 1


def _vocabulary(rng: random.Random, size: int) -> list[str]:
    letters = "bcdfghjklmnprstvz"
    vowels = "aeiou"
    words = set()
    while len(words) < size:
        n = rng.randint(2, 4)
        words.add("".join(rng.choice(letters) + rng.choice(vowels) for _ in range(n)))
    return sorted(words)


def _article(rng: random.Random, vocabulary: list[str], sentences: int = 12) -> str:
    return " ".join(
        " ".join(rng.choice(vocabulary) for _ in range(rng.randint(10, 18))).capitalize() + "."
        for _ in range(sentences)
    )


def _spun(rng: random.Random, text: str, vocabulary: list[str], rate: float) -> str:
    return " ".join(rng.choice(vocabulary) if rng.random() < rate else w for w in text.split())


@pytest.fixture(scope="module")
def syndicated() -> tuple[list[DocFeatures], int]:
    """One article, 500 lightly spun copies of it, 5,000 unrelated articles."""
    rng = random.Random(7)
    vocabulary = _vocabulary(rng, 6000)
    original = _article(rng, vocabulary)
    docs = [features("original", original)]
    docs += [features(f"copy{n:03d}", _spun(rng, original, vocabulary, 0.1)) for n in range(500)]
    docs += [features(f"other{n:04d}", _article(rng, vocabulary)) for n in range(5000)]
    return docs, 500


def test_a_story_copied_500_times_pairs_every_copy_with_the_original(
    syndicated: tuple[list[DocFeatures], int],
) -> None:
    docs, copies = syndicated
    index = LexicalIndex()
    for item in docs:
        index.insert(item)
    pairs = index.self_join()
    # Shingles of the story are held by hundreds of documents: far past the full-weight df.
    assert copies > 10 * RARE_FULL_DF
    with_original = {a for (a, b) in pairs if b == "original"}
    assert {f"copy{n:03d}" for n in range(copies)} <= with_original
    chosen = best_sources({p: e for p, e in pairs.items() if worth_aligning(e)}, BEST_SOURCES)
    assert {f"copy{n:03d}" for n in range(copies)} <= {a for a, b in chosen if b == "original"}
    # Best sources: each copy is aligned with a dozen documents, not with all 500.
    assert len(chosen) <= copies * BEST_SOURCES
    # ... and the copies and the original are one family (one connected component).
    parent = {doc_id: doc_id for pair in chosen for doc_id in pair}

    def root(x: str) -> str:
        while parent[x] != x:
            x = parent[x]
        return x

    for a, b in chosen:
        parent[root(a)] = root(b)
    assert len({root(x) for x in parent}) == 1 and len(parent) == copies + 1
    # Nothing pairs with an unrelated article.
    assert not [p for p in chosen if any(side.startswith("other") for side in p)]


def test_the_batch_scan_equals_inserting_all_then_querying_each(
    syndicated: tuple[list[DocFeatures], int],
) -> None:
    docs, _ = syndicated
    sample = docs[:120] + docs[501:700]
    index = LexicalIndex()
    for item in sample:
        index.insert(item)
    queried = {}
    for item in sample:
        for candidate in index.query(item):
            queried[tuple(sorted((item.id, candidate.id)))] = candidate.evidence
    assert index.self_join() == queried


def test_a_query_from_outside_the_index_equals_one_from_inside() -> None:
    texts = {
        "heart": stories.HEART_STUDY,
        "copy": stories.HEART_STUDY,
        "half": stories.HEART_STUDY[: len(stories.HEART_STUDY) // 2],
    }
    outside = LexicalIndex()
    for doc_id in ("heart", "copy"):
        outside.insert(features(doc_id, texts[doc_id]))
    probe = features("half", texts["half"])
    before = outside.query(probe)
    outside.insert(probe)
    assert outside.query(probe) == before


def test_candidate_pairs_do_not_depend_on_the_input_order(
    syndicated: tuple[list[DocFeatures], int],
) -> None:
    docs, _ = syndicated
    sample = docs[:60] + docs[501:600]
    shuffled = list(sample)
    random.Random(3).shuffle(shuffled)
    assert candidate_pairs(shuffled) == candidate_pairs(sample)


def test_a_sqlite_index_answers_as_the_memory_index_does(
    syndicated: tuple[list[DocFeatures], int], tmp_path: Path
) -> None:
    docs, _ = syndicated
    sample = docs[:40] + docs[501:560]
    store = SqliteStore(tmp_path / "i.db", "fp1")
    memory, on_disk = LexicalIndex(), LexicalIndex(store)
    for item in sample:
        memory.insert(item)
    with store.batch():
        for item in sample:
            on_disk.insert(item)
    assert on_disk.self_join() == memory.self_join()
    probe = docs[45]  # a copy that neither holds
    assert on_disk.query(probe) == memory.query(probe)
    assert on_disk.remove("original") and memory.remove("original")
    assert on_disk.query(probe) == memory.query(probe)
    assert list(on_disk.ids()) == list(memory.ids())


def test_capped_posting_lists_and_a_read_cache_change_no_answer(
    syndicated: tuple[list[DocFeatures], int], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A query reads at most MAX_POSTINGS + 1 documents of a key (a longer list is never
    used), and a trace reads through a cache; neither changes what a query answers."""
    monkeypatch.setattr(lexical, "MAX_POSTINGS", 50)
    docs, _ = syndicated
    sample = docs[:120] + docs[501:560]
    store = SqliteStore(tmp_path / "i.db", "fp1")
    memory, on_disk, cached = LexicalIndex(), LexicalIndex(store), LexicalIndex(ReadCache(store))
    for item in sample:
        memory.insert(item)
    with store.batch():
        for item in sample:
            on_disk.insert(item)
    keys = np.unique(docs[0].rare)
    full = store.postings("rare", keys)
    capped = store.postings("rare", keys, limit=50)
    assert max(len(p) for p in full) > 51, "some story shingles are held by more than 51"
    assert all(np.array_equal(c, f[:51]) for c, f in zip(capped, full, strict=True))
    for probe in (docs[0], docs[7], docs[130], docs[502]):  # held, held, outside, held
        assert cached.query(probe) == on_disk.query(probe) == memory.query(probe)
        assert cached.query(probe) == memory.query(probe), "asked again, from the cache"


def test_a_sqlite_index_keeps_its_documents_and_checks_its_configuration(
    tmp_path: Path,
) -> None:
    path = tmp_path / "i.db"
    store = SqliteStore(path, "fp1")
    store.add(features("heart", stories.HEART_STUDY))
    store.close()
    reopened = SqliteStore(path, "fp1")
    assert "heart" in reopened and len(reopened) == 1
    kept = reopened.features("heart")
    assert kept is not None
    assert kept.to_bytes() == features("heart", stories.HEART_STUDY).to_bytes()
    reopened.close()
    with pytest.raises(IndexMismatchError, match="rebuild"):
        SqliteStore(path, "fp2")
    (tmp_path / "not.db").write_text("just some text, not a database\n" * 100)
    with pytest.raises(IndexMismatchError, match="not an unspin index"):
        SqliteStore(tmp_path / "not.db", "fp1")


def test_a_failed_batch_leaves_the_index_as_it_was(tmp_path: Path) -> None:
    store = SqliteStore(tmp_path / "i.db", "fp1")
    store.add(features("heart", stories.HEART_STUDY))
    with pytest.raises(ValueError, match="already in the index"), store.batch():
        store.add(features("orchestra", stories.ORCHESTRA))
        store.add(features("heart", stories.HEART_STUDY))
    assert list(store.ids()) == ["heart"]


def test_past_the_join_limit_each_document_is_queried_for_the_same_pairs(
    syndicated: tuple[list[DocFeatures], int], monkeypatch: pytest.MonkeyPatch
) -> None:
    from unspin.index import lexical

    docs, _ = syndicated
    index = LexicalIndex()
    for item in docs[:80] + docs[501:600]:
        index.insert(item)
    joined = index.all_pairs()
    assert index.findings() > 0
    monkeypatch.setattr(lexical, "JOIN_MAX_FINDINGS", 0)
    assert index.all_pairs() == joined
