"""Folders and whole runs: a fixed reading order, ids that do not collide across
subfolders or across inputs, and every file accounted for as a document or a reject."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

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


def bbc_like(root: Path) -> Path:
    """Two classes that reuse file names, as the BBC corpus does."""
    return make_tree(
        root / "bbc",
        {
            "business/001.txt": "Business one.",
            "business/002.txt": "Business two.",
            "sport/001.txt": "Sport one.",
        },
    )


def kept_ids(inputs: list[Path]) -> list[str]:
    documents, rejects, _ = read_corpus(inputs)
    assert rejects == []
    return [doc.id for doc in documents]


def test_several_folders_are_named_from_the_folder_they_share(tmp_path: Path) -> None:
    bbc = bbc_like(tmp_path)

    ids = kept_ids([bbc / "business", bbc / "sport"])

    assert ids == ["business/001", "business/002", "sport/001"]


def test_files_of_a_shell_glob_are_named_from_the_folder_they_share(tmp_path: Path) -> None:
    bbc = bbc_like(tmp_path)

    ids = kept_ids(sorted(bbc.glob("*/*.txt")))  # unspin scan bbc/*/*.txt

    assert ids == ["business/001", "business/002", "sport/001"]


def test_one_folder_or_files_of_one_folder_keep_the_short_ids(tmp_path: Path) -> None:
    bbc = bbc_like(tmp_path)

    assert kept_ids([bbc / "business"]) == ["001", "002"]
    assert kept_ids([bbc / "business" / "002.txt"]) == ["002"]
    assert kept_ids(sorted((bbc / "business").glob("*.txt"))) == ["001", "002"]


def test_inputs_that_share_only_the_root_are_named_from_it(tmp_path: Path) -> None:
    first = make_tree(tmp_path / "a", {"x.txt": "One telling."}) / "x.txt"
    second = make_tree(tmp_path / "b", {"x.txt": "Another telling."}) / "x.txt"

    ids = kept_ids([first, second])

    assert ids == ["a/x", "b/x"]


def test_relative_inputs_are_named_like_absolute_ones(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bbc = bbc_like(tmp_path)
    monkeypatch.chdir(bbc / "sport")

    ids = kept_ids([Path("."), Path("../business/001.txt")])

    assert ids == ["sport/001", "business/001"]


def test_the_same_file_given_twice_is_kept_once(tmp_path: Path) -> None:
    story = make_tree(tmp_path, {"story.txt": "The one telling."}) / "story.txt"

    documents, rejects, summary = read_corpus([story, story])

    assert [doc.id for doc in documents] == ["story"]
    (reject,) = rejects
    assert not reject.kept
    assert reject.reason == (
        f"duplicate id 'story' (first seen at {story}): the same text again, kept once"
    )
    assert (summary.read, summary.kept, summary.rejected) == (2, 1, 1)


def test_a_taken_id_with_another_text_is_kept_under_a_new_id(tmp_path: Path) -> None:
    first = make_tree(tmp_path, {"a.jsonl": json.dumps({"id": "7", "text": "First."})})
    lines = [{"id": "7", "text": "Second."}, {"id": "7~2", "text": "Third."}]
    make_tree(tmp_path, {"b.jsonl": "\n".join(json.dumps(line) for line in lines)})

    documents, rejects, summary = read_corpus([first / "a.jsonl", tmp_path / "b.jsonl"])

    assert [(doc.id, doc.text) for doc in documents] == [
        ("7", "First."),
        ("7~2", "Second."),
        ("7~2~2", "Third."),  # its own id was given out to the record before it
    ]
    assert [(r.source, r.position, r.record_id, r.reason, r.kept) for r in rejects] == [
        (
            str(tmp_path / "b.jsonl"),
            "1",
            "7~2",
            f"duplicate id '7' (first seen at {tmp_path / 'a.jsonl'}:1); kept as '7~2'",
            True,
        ),
        (
            str(tmp_path / "b.jsonl"),
            "2",
            "7~2~2",
            f"duplicate id '7~2' (first seen at {tmp_path / 'b.jsonl'}:1); kept as '7~2~2'",
            True,
        ),
    ]
    assert (summary.read, summary.kept, summary.rejected) == (3, 3, 0)
    assert (summary.warnings, summary.renamed) == (2, 2)


def test_warnings_about_a_renamed_record_name_its_new_id(tmp_path: Path) -> None:
    lines = [{"id": "7", "text": "First."}, {"id": "7", "text": "Second.", "date": "05/01/2005"}]
    path = make_tree(tmp_path, {"a.jsonl": "\n".join(json.dumps(line) for line in lines)})

    _, rejects, _ = read_corpus([path / "a.jsonl"])

    assert [(r.record_id, r.reason) for r in rejects] == [
        ("7~2", f"duplicate id '7' (first seen at {path / 'a.jsonl'}:1); kept as '7~2'"),
        ("7~2", "date '05/01/2005' is ambiguous (day/month order); kept without a date"),
    ]


class Recorder:
    def __init__(self) -> None:
        self.calls: list[tuple[str, object]] = []

    def start(self, stage: str, total: int | None) -> None:
        self.calls.append((stage, total))

    def advance(self, n: int = 1) -> None:
        self.calls.append(("advance", n))


def test_progress_counts_the_files_to_read(tmp_path: Path) -> None:
    bbc = bbc_like(tmp_path)
    (bbc / "notes.docx").write_text("not an article")  # unsupported: a reject, not read
    progress = Recorder()

    read_corpus([bbc], progress)

    assert progress.calls == [("read", 3), ("advance", 1), ("advance", 1), ("advance", 1)]


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


def test_bbc_classes_given_one_by_one_keep_every_article(bbc: Path) -> None:
    classes = ["business", "entertainment", "politics", "sport", "tech"]

    documents, rejects, summary = read_corpus([bbc / name for name in classes])

    assert rejects == []
    assert summary.read == summary.kept == len(documents) == 2225
    assert {"business/001", "sport/001", "tech/401"} <= {doc.id for doc in documents}
