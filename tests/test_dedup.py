"""`unspin dedup`: the corpus without its copies, in its own format, nothing lost unaccounted.

Each test builds a small corpus (a wire story, its copies, unrelated stories), runs the real
scan and checks what is written back: records byte for byte, every field and column, the
removed documents tied to the one kept, and read = kept + removed + rejected.
"""

from __future__ import annotations

import gzip
import json
import random
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner
from tests.ingest.warcs import article_page, page_record, request, warcinfo, write_warc
from tests.stories import DOCK_STRIKE, FLOODS, HEART_STUDY, ORCHESTRA, SPUN_DOCK_STRIKE

from unspin.cli import main
from unspin.dedup import Removal, choose_removals, dedup, parse_relations
from unspin.errors import UnwritableOutputError, UsageError
from unspin.ingest import read_corpus
from unspin.model import Document, PairResult

WIRE = "\n\n".join(DOCK_STRIKE)
# A content farm's spun copy, with a share prompt.
SPUN = SPUN_DOCK_STRIKE + "\n\nShare this story with your friends and family on social media today."
# A page that merely holds several stories: no version of any of them.
DIGEST = "\n\n".join([WIRE, ORCHESTRA, FLOODS, HEART_STUDY])


def jsonl(path: Path, records: list[object]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def lines_of(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    return jsonl(
        tmp_path / "corpus.jsonl",
        [
            {"id": "wire", "text": WIRE, "date": "2024-03-01", "desk": {"editor": "ak"}},
            {"id": "farm-copy", "text": WIRE, "site": "farm.example"},
            {"id": "farm-spun", "text": SPUN, "site": "spin.example", "date": "2024-03-04"},
            {"id": "orchestra", "text": ORCHESTRA},
            "not a record",
            {"id": "floods", "text": FLOODS},
        ],
    )


def test_copies_are_removed_and_kept_records_are_written_byte_for_byte(
    corpus: Path, tmp_path: Path
) -> None:
    out = tmp_path / "clean" / "corpus.jsonl"
    done = dedup([corpus], out, keep="earliest")
    original_lines = corpus.read_bytes().splitlines(keepends=True)
    written = out.read_bytes().splitlines(keepends=True)
    assert written == [original_lines[i] for i in (0, 3, 5)]  # wire, orchestra, floods
    assert lines_of(out)[0]["desk"] == {"editor": "ak"}  # fields unspin never reads stay
    removed = lines_of(out.parent / "removed.jsonl")
    assert [(r["id"], r["kept"], r["relation"]) for r in removed] == [
        ("farm-copy", "wire", "duplicate"),
        ("farm-spun", "wire", removed[1]["relation"]),
    ]
    assert removed[1]["relation"] in {"duplicate", "rewrite"}
    assert all(0 < float(str(r["score"])) <= 1 for r in removed)
    rejects = lines_of(out.parent / "rejects.jsonl")
    assert [(r["position"], r["kept"]) for r in rejects] == [("5", False)]
    assert done.summary.read == done.kept + len(done.removals) + done.summary.rejected == 6


def test_the_deduplicated_corpus_reads_back_as_the_kept_documents(
    corpus: Path, tmp_path: Path
) -> None:
    out = tmp_path / "clean.jsonl"
    done = dedup([corpus], out)
    documents, rejects, _ = read_corpus([out])
    removed = {r.id for r in done.removals}
    assert not rejects
    assert sorted(d.id for d in documents) == sorted(
        {"wire", "farm-copy", "farm-spun", "orchestra", "floods"} - removed
    )
    assert len(removed) == 2  # two of the three versions of the wire story go


def test_keep_chooses_which_version_stays(corpus: Path, tmp_path: Path) -> None:
    kept = {}
    for keep in ("earliest", "longest"):
        done = dedup([corpus], tmp_path / keep / "c.jsonl", keep=keep)
        kept[keep] = {r.kept for r in done.removals}
    assert kept == {"earliest": {"wire"}, "longest": {"farm-spun"}}  # the spun copy grew


def test_a_digest_of_several_stories_neither_removes_them_nor_is_removed(
    tmp_path: Path,
) -> None:
    corpus = jsonl(
        tmp_path / "digest.jsonl",
        [
            {"id": "digest", "text": DIGEST},
            {"id": "wire", "text": WIRE},
            {"id": "orchestra", "text": ORCHESTRA},
            {"id": "floods", "text": FLOODS},
        ],
    )
    done = dedup([corpus], tmp_path / "out.jsonl")
    assert done.removals == ()
    assert done.kept == 4


def test_only_duplicates_are_removed_when_asked(corpus: Path, tmp_path: Path) -> None:
    done = dedup([corpus], tmp_path / "d.jsonl", keep="earliest", relations=("duplicate",))
    assert [(r.id, r.relation) for r in done.removals if r.relation != "duplicate"] == []
    assert "farm-copy" in {r.id for r in done.removals}


def test_a_folder_of_files_becomes_a_folder_of_the_kept_files(tmp_path: Path) -> None:
    source = tmp_path / "site"
    (source / "world").mkdir(parents=True)
    (source / "culture").mkdir()
    (source / "world" / "strike.txt").write_text(WIRE, encoding="utf-8")
    (source / "world" / "strike-copy.html").write_text(
        article_page("Dock strike", DOCK_STRIKE), encoding="utf-8"
    )
    (source / "culture" / "orchestra.md").write_text(ORCHESTRA, encoding="utf-8")
    (source / "notes.pdf").write_bytes(b"%PDF-1.4")  # not an article: a reject, not copied
    out = tmp_path / "deduped"
    done = dedup([source], out, keep="longest")
    files = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    removed = {r.id for r in done.removals}
    assert len(removed) == 1 and removed < {"world/strike", "world/strike-copy"}
    expected = {"culture/orchestra.md", "world/strike.txt", "world/strike-copy.html"}
    assert files == sorted(f for f in expected if f.rsplit(".", 1)[0] not in removed)
    for name in files:
        assert (out / name).read_bytes() == (source / name).read_bytes()
    assert (tmp_path / "rejects.jsonl").read_text(encoding="utf-8").count("unsupported") == 1
    assert done.summary.read == done.kept + len(done.removals) + done.summary.rejected


def test_several_input_files_become_a_folder_that_mirrors_them(tmp_path: Path) -> None:
    (tmp_path / "wire").mkdir()
    (tmp_path / "farm").mkdir()
    first = jsonl(tmp_path / "wire" / "a.jsonl", [{"id": "w", "text": WIRE, "date": "2024-01-01"}])
    second = jsonl(
        tmp_path / "farm" / "b.jsonl", [{"id": "f", "text": WIRE}, {"id": "o", "text": ORCHESTRA}]
    )
    out = tmp_path / "deduped"
    done = dedup([first, second], out, keep="earliest")
    assert [(r.id, r.kept) for r in done.removals] == [("f", "w")]
    assert (out / "wire" / "a.jsonl").read_bytes() == first.read_bytes()
    assert lines_of(out / "farm" / "b.jsonl") == [{"id": "o", "text": ORCHESTRA}]


def test_parquet_rows_keep_every_column_of_the_schema(tmp_path: Path) -> None:
    table = pa.table(
        {
            "id": ["wire", "copy", "orchestra"],
            "text": [WIRE, WIRE, ORCHESTRA],
            "date": ["2024-03-01", "2024-03-02", None],
            "embedding": [[0.1, 0.2], [0.1, 0.2], [0.3, 0.4]],  # a column unspin never reads
        }
    )
    source = tmp_path / "corpus.parquet"
    pq.write_table(table, source, row_group_size=2)
    out = tmp_path / "out" / "clean.parquet"
    done = dedup([source], out, keep="earliest")
    written = pq.read_table(out)
    assert written.schema == table.schema
    assert written.to_pylist() == [table.to_pylist()[0], table.to_pylist()[2]]
    assert [(r.id, r.kept) for r in done.removals] == [("copy", "wire")]


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_warc_records_are_copied_as_they_were_with_the_crawl_bookkeeping(
    tmp_path: Path, name: str
) -> None:
    records = [
        warcinfo(),
        request("https://wire.example/strike"),
        page_record("https://wire.example/strike", article_page("Strike", DOCK_STRIKE)),
        page_record("https://farm.example/strike", article_page("Strike!", DOCK_STRIKE)),
        page_record("https://arts.example/orchestra", article_page("Season", [ORCHESTRA])),
    ]
    source = write_warc(tmp_path / name, records)
    out = tmp_path / "out" / name
    done = dedup([source], out)
    (gone,) = done.removals
    kept_pages = [r for r in records[2:] if gone.id.encode() not in r]
    expected = [records[0], records[1], *kept_pages]
    raw = out.read_bytes()
    if name.endswith(".gz"):
        raw = gzip.decompress(raw)
    assert raw == b"".join(expected)
    documents, _, _ = read_corpus([out])
    assert sorted(d.id for d in documents) == sorted(
        {"https://wire.example/strike", "https://farm.example/strike"} - {gone.id}
        | {"https://arts.example/orchestra"}
    )


def test_a_broken_tail_of_an_archive_is_not_copied(tmp_path: Path) -> None:
    page = page_record("https://arts.example/orchestra", article_page("Season", [ORCHESTRA]))
    source = tmp_path / "crawl.warc"
    source.write_bytes(page + b"WARC/1.1\r\nthis is not a header block")
    out = tmp_path / "out.warc"
    done = dedup([source], out)
    assert out.read_bytes() == page
    assert done.summary.rejected == 1 and done.kept == 1


def test_gzipped_json_lines_stay_gzipped(tmp_path: Path) -> None:
    source = tmp_path / "c.jsonl.gz"
    lines = [json.dumps({"id": i, "text": t}) for i, t in (("a", WIRE), ("b", WIRE))]
    source.write_bytes(gzip.compress(("\n".join(lines) + "\n").encode()))
    out = tmp_path / "o" / "c.jsonl.gz"
    done = dedup([source], out)
    assert len(done.removals) == 1
    assert gzip.decompress(out.read_bytes()).decode().count('"id"') == 1


def test_outputs_that_would_mix_with_inputs_or_other_runs_are_refused(
    corpus: Path, tmp_path: Path
) -> None:
    with pytest.raises(UsageError, match="input's own format"):
        dedup([corpus], tmp_path / "clean.parquet")
    with pytest.raises(UsageError, match="inside the input"):
        dedup([tmp_path], tmp_path / "deduped")
    with pytest.raises(UsageError, match="inside the input"):
        dedup([corpus], corpus)
    taken = tmp_path / "taken"
    taken.mkdir()
    (taken / "old.txt").write_text("an earlier run", encoding="utf-8")
    other = jsonl(tmp_path / "other.jsonl", [{"id": "floods-2", "text": FLOODS}])
    with pytest.raises(UnwritableOutputError, match="not an empty folder"):
        dedup([corpus, other], taken)
    assert sorted(p.name for p in taken.iterdir()) == ["old.txt"]


def test_relations_are_parsed_and_partial_is_refused() -> None:
    assert parse_relations("rewrite, duplicate") == ("duplicate", "rewrite")
    with pytest.raises(UsageError, match="lose a story"):
        parse_relations("duplicate,partial")
    with pytest.raises(UsageError, match="comma-separated"):
        parse_relations("copies")


def version(a: str, b: str, coverage_a: float = 0.9, coverage_b: float = 0.9) -> PairResult:
    return PairResult(
        a, b, "rewrite", min(coverage_a, coverage_b), coverage_a, coverage_b, None, ()
    )


def test_a_copy_of_a_copy_is_tied_to_the_kept_document_through_it() -> None:
    documents = {
        i: Document(i, "x" * n, date=d)
        for i, n, d in [("a", 100, "2024-01-01"), ("b", 90, "2024-01-02"), ("c", 80, "2024-01-03")]
    }
    pairs = [version("a", "b"), version("b", "c"), version("a", "d")]  # d is not a document
    removals = choose_removals(documents, pairs, keep="earliest")
    assert removals == [
        Removal("b", "a", "rewrite", 0.9),
        Removal("c", "a", "rewrite", 0.9, via="b"),
    ]


def test_removals_do_not_depend_on_the_order_of_the_pairs() -> None:
    ids = [f"d{i}" for i in range(12)]
    documents = {i: Document(i, "text " * (k + 1)) for k, i in enumerate(ids)}
    rng = random.Random(7)
    pairs = [
        version(a, b, rng.uniform(0.4, 1), rng.uniform(0.4, 1))
        for a in ids
        for b in ids
        if a < b and rng.random() < 0.3
    ]
    first = choose_removals(documents, pairs)
    for _ in range(5):
        rng.shuffle(pairs)
        flipped = [p.swapped() if rng.random() < 0.5 else p for p in pairs]
        assert choose_removals(documents, flipped) == first


def test_the_command_prints_the_counts_that_reconcile(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "clean.jsonl"
    result = CliRunner().invoke(
        main, ["dedup", str(corpus), "--out", str(out), "--keep", "earliest"]
    )
    assert result.exit_code == 0, result.output
    assert "read 6 = kept 3 + removed 2" in result.output
    assert "+ rejected 1" in result.output
    refused = CliRunner().invoke(
        main, ["dedup", str(corpus), "--out", str(out), "--relations", "partial"]
    )
    assert refused.exit_code != 0
    assert "lose a story" in refused.output


def test_a_linked_folder_is_written_as_the_reader_reads_it(tmp_path: Path) -> None:
    # The reader follows a link to a folder; the writer must list the same files, or the
    # documents read through it would be neither written nor removed.
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "orchestra.txt").write_text(ORCHESTRA, encoding="utf-8")
    source = tmp_path / "site"
    source.mkdir()
    (source / "strike.txt").write_text(WIRE, encoding="utf-8")
    (source / "linked").symlink_to(elsewhere, target_is_directory=True)
    done = dedup([source], tmp_path / "deduped")
    assert done.kept == 2
    assert (tmp_path / "deduped" / "linked" / "orchestra.txt").read_text() == ORCHESTRA


# --- reusing a scan's pairs ---------------------------------------------------------------


def scan_into(folder: Path, *inputs: Path) -> Path:
    result = CliRunner().invoke(
        main, ["scan", *map(str, inputs), "--out", str(folder), "--workers", "1"]
    )
    assert result.exit_code == 0, result.output
    return folder


def test_a_scans_pairs_give_what_a_fresh_scan_gives(corpus: Path, tmp_path: Path) -> None:
    scanned = scan_into(tmp_path / "scan", corpus)
    fresh = dedup([corpus], tmp_path / "fresh" / "corpus.jsonl")
    reused = dedup([corpus], tmp_path / "reused" / "corpus.jsonl", pairs_from=scanned)
    assert reused.removals == fresh.removals and reused.removals
    assert reused.out.read_bytes() == fresh.out.read_bytes()
    assert reused.removed_file.read_bytes() == fresh.removed_file.read_bytes()


def test_a_scan_of_the_same_files_elsewhere_is_used(corpus: Path, tmp_path: Path) -> None:
    # Inputs are matched by content: the same file under another path is the same input.
    moved = tmp_path / "moved" / "corpus.jsonl"
    moved.parent.mkdir()
    moved.write_bytes(corpus.read_bytes())
    scanned = scan_into(tmp_path / "scan", moved)
    done = dedup([corpus], tmp_path / "out" / "corpus.jsonl", pairs_from=scanned)
    fresh = dedup([corpus], tmp_path / "fresh" / "corpus.jsonl")
    assert done.removals == fresh.removals and len(done.removals) == 2


def test_a_scan_of_other_inputs_or_another_configuration_is_refused(
    corpus: Path, tmp_path: Path
) -> None:
    other = jsonl(tmp_path / "other.jsonl", [{"id": "floods", "text": FLOODS}])
    scanned = scan_into(tmp_path / "scan", other)
    with pytest.raises(UsageError, match="read other inputs than these"):
        dedup([corpus], tmp_path / "a" / "corpus.jsonl", pairs_from=scanned)
    mine = scan_into(tmp_path / "mine", corpus)
    manifest = json.loads((mine / "manifest.json").read_text())
    manifest["configuration"]["fingerprint"] = "0" * 64
    (mine / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(UsageError, match="another configuration"):
        dedup([corpus], tmp_path / "b" / "corpus.jsonl", pairs_from=mine)


def test_a_folder_that_is_no_scan_output_is_refused_with_the_fix(
    corpus: Path, tmp_path: Path
) -> None:
    result = CliRunner().invoke(
        main,
        ["dedup", str(corpus), "--out", str(tmp_path / "o.jsonl"), "--pairs", str(tmp_path)],
    )
    assert result.exit_code != 0
    assert "is not the output folder of a finished scan" in result.output
    assert "Fix:" in result.output
