"""The generated corpus: labels that tell the truth about every character, reproducibly."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from benchmarks.spun_news import bbc
from benchmarks.spun_news.generate import generate
from benchmarks.spun_news.labels import TRANSFORMATIONS, Label, read_labels, read_texts

from unspin.ingest import read_corpus

SIZE = 80
SEED = 11
_WORD = re.compile(r"\w+")


@pytest.fixture(scope="module")
def corpus(bbc_data: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("spun_news")
    generate(folder, SIZE, SEED, bbc_data)
    return folder


@pytest.fixture(scope="module")
def labels(corpus: Path) -> dict[str, Label]:
    return read_labels(corpus / "labels.jsonl")


@pytest.fixture(scope="module")
def texts(corpus: Path) -> dict[str, str]:
    return read_texts(corpus / "corpus.jsonl")


def test_same_seed_gives_the_same_corpus(corpus: Path, bbc_data: Path, tmp_path: Path) -> None:
    generate(tmp_path, SIZE, SEED, bbc_data)
    for name in ("corpus.jsonl", "labels.jsonl"):
        assert (tmp_path / name).read_bytes() == (corpus / name).read_bytes()


def test_unspin_reads_every_record(corpus: Path) -> None:
    documents, rejects, _ = read_corpus([corpus / "corpus.jsonl"])
    assert len(documents) == SIZE and not rejects


def test_every_transformation_is_present(labels: dict[str, Label]) -> None:
    derived = {label.transformation for label in labels.values() if label.role == "derived"}
    assert derived == set(TRANSFORMATIONS)


def test_every_character_of_a_derived_document_is_labelled(
    labels: dict[str, Label], texts: dict[str, str]
) -> None:
    for doc_id, label in labels.items():
        if label.role != "derived":
            continue
        text = texts[doc_id]
        covered = bytearray(len(text))
        for start, end in [(s.start, s.end) for s in label.segments] + [
            (m.start, m.end) for m in label.marks
        ]:
            assert not any(covered[start:end]), f"{doc_id}: overlapping labels at {start}"
            covered[start:end] = b"\x01" * (end - start)
        loose = "".join(c for c, flag in zip(text, covered, strict=True) if not flag)
        assert not loose.strip(), f"{doc_id}: unlabelled text {loose.strip()[:40]!r}"


def test_copied_segments_are_the_source_text(
    labels: dict[str, Label], texts: dict[str, str]
) -> None:
    for doc_id, label in labels.items():
        if label.transformation in ("excerpt", "compilation", "wrapped"):
            for s in label.segments:
                assert texts[doc_id][s.start : s.end] == texts[s.source][s.src_start : s.src_end]


def test_spun_copies_reach_their_spin_rate(labels: dict[str, Label]) -> None:
    for name, target in (("spun20", 0.2), ("spun40", 0.4), ("spun60", 0.6)):
        rates = [x.spin_rate for x in labels.values() if x.transformation == name]
        assert rates and all(r is not None for r in rates)
        mean = sum(r for r in rates if r is not None) / len(rates)
        assert target - 0.1 <= mean <= target + 0.01, (name, mean)


def test_sources_are_never_byte_identical_bbc_duplicates(labels: dict[str, Label]) -> None:
    duplicates = bbc.exact_duplicates()
    assert not {o for label in labels.values() for o in label.origins} & duplicates


def test_host_and_splice_articles_stay_out_of_the_corpus_and_serve_once(
    labels: dict[str, Label],
) -> None:
    in_corpus = {label.origins[0] for label in labels.values() if label.role != "derived"}
    withheld = [
        m.origin for label in labels.values() for m in label.marks if m.kind in ("host", "spliced")
    ]
    assert withheld and not set(withheld) & in_corpus
    users = {
        origin: {doc_id for doc_id, x in labels.items() for m in x.marks if m.origin == origin}
        for origin in set(withheld)
    }
    assert all(len(docs) == 1 for docs in users.values())


def _eight_grams(text: str) -> set[str]:
    words = _WORD.findall(text.lower())
    return {" ".join(words[i : i + 8]) for i in range(len(words) - 7)}


def test_distractors_reuse_nothing_from_the_derived_documents(
    labels: dict[str, Label], texts: dict[str, str], corpus: Path
) -> None:
    import json

    natural = {
        frozenset(p) for p in json.loads((corpus / "meta.json").read_text())["natural_overlaps"]
    }
    for doc_id, label in labels.items():
        if label.role != "distractor":
            continue
        grams = _eight_grams(texts[doc_id])
        for other_id, other in labels.items():
            if other.role != "derived" or any(
                frozenset((label.origins[0], o)) in natural for o in other.origins
            ):
                continue
            shared = grams & _eight_grams(texts[other_id])
            assert len(shared) <= 1, (doc_id, other_id, sorted(shared)[:2])


def test_compilations_label_splices_and_everything_but_the_main_source_as_inserted(
    labels: dict[str, Label],
) -> None:
    for label in labels.values():
        if label.transformation != "compilation":
            continue
        assert any(m.kind == "spliced" for m in label.marks)
        main = str(label.main_source)
        assert all(label.chars_from(main) >= label.chars_from(s) for s in label.sources)
        inserted = set(label.inserted())
        for segment in label.segments:
            assert ((segment.start, segment.end) in inserted) == (segment.source != main)


def test_wrapped_documents_label_their_boilerplate(
    labels: dict[str, Label], texts: dict[str, str]
) -> None:
    for doc_id, label in labels.items():
        if label.transformation == "wrapped":
            kinds = {m.kind for m in label.boilerplate()}
            assert {"related_link", "caption", "author_bio", "comment_form"} <= kinds
            lines = [
                texts[doc_id][m.start : m.end] for m in label.marks if m.kind == "related_link"
            ]
            assert all(line.startswith("READ  ") for line in lines)
