"""Folders and whole runs: a fixed reading order, ids that do not collide across
subfolders, and every file accounted for as a document or a reject."""

from __future__ import annotations

import json
from pathlib import Path

from unspin.ingest import iter_records, read_corpus
from unspin.ingest.formats import SUPPORTED_EXTENSIONS
from unspin.model import Document, Reject


def make_tree(root: Path, files: dict[str, str]) -> Path:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
    return root


def test_folder_ids_are_relative_paths_in_sorted_order(tmp_path: Path) -> None:
    root = make_tree(
        tmp_path / "corpus",
        {
            "sport/001.txt": "Sport one.",
            "business/001.txt": "Business one.",
            "business/002.TXT": "Business two.",
            "a.md": "Top level.",
        },
    )

    ids = [record.id for record in iter_records([root]) if isinstance(record, Document)]

    assert ids == ["a", "business/001", "business/002", "sport/001"]


def test_unsupported_files_are_rejected_and_hidden_ones_ignored(tmp_path: Path) -> None:
    root = make_tree(
        tmp_path / "corpus",
        {
            "story.txt": "A story.",
            "notes.docx": "binary really",
            "LICENSE": "no extension",
            ".DS_Store": "finder junk",
            ".git/config": "[core]",
        },
    )

    records = list(iter_records([root]))

    rejects = {Path(r.source).name: r.reason for r in records if isinstance(r, Reject)}
    supported = ", ".join(SUPPORTED_EXTENSIONS)
    assert rejects == {
        "LICENSE": f"unsupported file type (no extension) (supported: {supported})",
        "notes.docx": f"unsupported file type '.docx' (supported: {supported})",
    }
    assert [r.id for r in records if isinstance(r, Document)] == ["story"]


def test_record_files_in_folders_name_id_less_records_by_relative_path(tmp_path: Path) -> None:
    root = make_tree(tmp_path / "corpus", {"part/a.jsonl": json.dumps({"text": "Words."})})

    (doc,) = list(iter_records([root]))

    assert isinstance(doc, Document)
    assert doc.id == "part/a:1"


def test_the_same_id_twice_in_a_run_is_a_reject_pointing_at_the_first(tmp_path: Path) -> None:
    first = make_tree(tmp_path / "one", {"story.txt": "First telling."}) / "story.txt"
    second = make_tree(tmp_path / "two", {"story.txt": "Second telling."}) / "story.txt"

    documents, rejects, summary = read_corpus([first, second])

    assert [doc.text for doc in documents] == ["First telling."]
    (reject,) = rejects
    assert reject.source == str(second)
    assert reject.record_id == "story"
    assert reject.reason == f"duplicate id 'story' (first seen at {first})"
    assert summary.read == 2


def test_inputs_are_read_in_the_order_given(tmp_path: Path) -> None:
    root = make_tree(tmp_path, {"b.txt": "Bee.", "a.txt": "Ay."})

    ids = [r.id for r in iter_records([root / "b.txt", root / "a.txt"]) if isinstance(r, Document)]

    assert ids == ["b", "a"]


def test_clough_corpus_keeps_all_100_files(clough: Path) -> None:
    documents, rejects, summary = read_corpus([clough])

    assert rejects == []
    assert summary.read == summary.kept == 100
    assert {doc.id for doc in documents} >= {"g0pA_taska", "orig_taske"}


def test_bbc_ids_keep_same_named_files_of_different_classes_apart(bbc: Path) -> None:
    documents, rejects, _ = read_corpus([bbc])

    ids = {doc.id for doc in documents}
    assert {"business/001", "sport/001", "tech/401"} <= ids
    assert len(ids) == len(documents) == 2226  # 2,225 articles and the corpus README.TXT
    assert rejects == []
