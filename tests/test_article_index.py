"""The persistent index: incremental and idempotent by id, site templates that do not
depend on the order of adds, schema migrations, and a file that survives SIGKILL and serves
readers while a writer adds."""

from __future__ import annotations

import random
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.stories import DOCK_STRIKE, HEART_STUDY, ORCHESTRA

from unspin.engines.local import LocalEngine
from unspin.errors import IndexMismatchError, InputNotFoundError, UsageError
from unspin.fingerprint import fingerprint
from unspin.index import browse
from unspin.index.articles import ArticleIndex
from unspin.index.features import DocFeatures
from unspin.index.schema import SCHEMA_VERSION
from unspin.ingest import read_corpus
from unspin.model import Document
from unspin.report.schema import SiteRecord
from unspin.trace import trace

FOOTER = "The Valmera Gazette, local news from the harbour towns since 1921"
BODIES = ["\n\n".join(DOCK_STRIKE), HEART_STUDY, ORCHESTRA]


def site_article(n: int, body: str) -> Document:
    return Document(f"gazette-{n}", f"{body}\n\n{FOOTER}\n", site="gazette.example")


def features_by_id(index: ArticleIndex) -> dict[str, bytes]:
    found = {}
    for doc_id in index.lexical.ids():
        features = index.store.features(doc_id)
        assert features is not None
        found[doc_id] = features.to_bytes()
    return found


def test_adding_again_is_a_no_op_and_a_changed_text_replaces_the_old(tmp_path: Path) -> None:
    docs = [site_article(n, body) for n, body in enumerate(BODIES)]
    with ArticleIndex(tmp_path / "i.db") as index:
        first = index.add(docs, workers=1)
        assert (first.added, first.replaced, first.unchanged) == (3, 0, 0)
        again = index.add(docs, workers=1)
        assert (again.added, again.replaced, again.unchanged) == (0, 0, 3)
        changed = Document("gazette-0", "A different story about the harbour.\n", site="x.org")
        third = index.add([changed], workers=1)
        assert (third.added, third.replaced) == (0, 1)
        assert index.document("gazette-0") == changed
        assert len(index) == 3 and len(index.lexical) == 3
        assert index.stats().sites == 2


def test_removing_deletes_the_article_and_its_postings(tmp_path: Path) -> None:
    docs = [site_article(n, body) for n, body in enumerate(BODIES)]
    copy = Document("copy", docs[0].text, site="other.example")
    with ArticleIndex(tmp_path / "i.db") as index:
        index.add([*docs, copy], workers=1)
        assert [s.id for s in trace(index, copy).trace.sources] == ["gazette-0"]
        assert index.remove(["gazette-0", "nobody"]) == ["nobody"]
        assert "gazette-0" not in index and "gazette-0" not in index.lexical
        assert trace(index, copy).trace.sources == ()
        assert index.document("gazette-0") is None


def test_site_templates_are_the_same_whatever_the_order_of_adds(tmp_path: Path) -> None:
    docs = [site_article(n, body) for n, body in enumerate(BODIES)]
    with ArticleIndex(tmp_path / "once.db") as once:
        once.add(docs, workers=1)
        expected_templates, expected_features = once.templates(), features_by_id(once)
        marked = trace(once, once.document("gazette-1") or docs[1]).trace.article.boilerplate
    # The footer is on three of the site's articles: template (REPEATED_LINE_MIN_DOCS).
    assert any(m.kind == "repeated_line" for m in marked)
    with ArticleIndex(tmp_path / "steps.db") as steps:
        assert steps.add(docs[:2], workers=1).refreshed == 0  # two are not yet a template
        assert steps.templates().get("gazette.example", frozenset()) == frozenset()
        # The third makes the footer template: the two held articles are marked again.
        assert steps.add(docs[2:], workers=1).refreshed == 2
        assert steps.templates() == expected_templates
        assert features_by_id(steps) == expected_features
        # And removing one undoes it, as an index built without it would hold.
        steps.remove(["gazette-2"])
        assert steps.templates().get("gazette.example", frozenset()) == frozenset()


SITE_RECORD: SiteRecord = {
    "site": "gazette.example",
    "articles": 1,
    "reused": 0.0,
    "spun": 0.0,
    "spliced": 0.0,
    "boilerplate": 0.0,
    "median_delay_days": None,
    "farm_score": 0.0,
    "evidence": [{"signal": "reused", "value": 0.0, "weight": 0.5}],
}


def test_filling_an_empty_index_with_features_made_elsewhere_equals_adding(
    tmp_path: Path,
) -> None:
    docs = [site_article(n, body) for n, body in enumerate([*BODIES, HEART_STUDY])]
    with ArticleIndex(tmp_path / "added.db") as added:
        added.add(docs, workers=1)
        templates = added.templates()
        made = list(LocalEngine(1).features(docs, templates))  # as a Spark scan makes them

    with ArticleIndex(tmp_path / "filled.db") as filled:
        stored = filled.fill(zip(docs, made, strict=True), templates)

        assert stored == len(docs) and filled.templates() == templates
        with ArticleIndex(tmp_path / "added.db") as added:
            assert list(filled.documents()) == list(added.documents())
            assert features_by_id(filled) == features_by_id(added)
        with pytest.raises(UsageError, match="already holds 4 articles"):
            filled.fill([], templates)


def test_a_fill_that_stopped_goes_on_after_its_last_committed_batch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    docs = [site_article(n, body) for n, body in enumerate([*BODIES, HEART_STUDY])]
    with ArticleIndex(tmp_path / "added.db") as added:
        added.add(docs, workers=1)
        templates = added.templates()
        made = list(LocalEngine(1).features(docs, templates))
    monkeypatch.setattr("unspin.index.articles.ADD_BATCH", 2)

    def stopping() -> Iterator[tuple[Document, DocFeatures]]:
        yield from zip(docs[:3], made[:3], strict=True)
        raise KeyboardInterrupt  # as a killed scan, in the second batch

    with ArticleIndex(tmp_path / "filled.db") as filled:
        with pytest.raises(KeyboardInterrupt):
            filled.fill(stopping(), templates)
        assert [d.id for d in filled.documents()] == [d.id for d in docs[:2]]

        assert filled.fill(zip(docs, made, strict=True), templates) == len(docs)
        with ArticleIndex(tmp_path / "added.db") as added:
            assert list(filled.documents()) == list(added.documents())
            assert features_by_id(filled) == features_by_id(added)
            assert filled.templates() == templates
        with pytest.raises(UsageError, match="already holds 4 articles"):  # finished now
            filled.fill([], templates)


def test_a_stopped_fill_is_not_finished_with_other_articles(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    docs = [site_article(n, body) for n, body in enumerate(BODIES)]
    made = list(LocalEngine(1).features(docs, {}))
    monkeypatch.setattr("unspin.index.articles.ADD_BATCH", 1)

    def stopping() -> Iterator[tuple[Document, DocFeatures]]:
        yield docs[0], made[0]
        raise KeyboardInterrupt

    with ArticleIndex(tmp_path / "filled.db") as filled:
        with pytest.raises(KeyboardInterrupt):
            filled.fill(stopping(), {})
        changed = Document(docs[0].id, docs[1].text, site=docs[0].site)
        with pytest.raises(UsageError, match="other articles: 'gazette-0' is held with"):
            filled.fill([(changed, made[0])], {})
        with pytest.raises(UsageError, match="other articles: 'gazette-0' is not among"):
            filled.fill([(docs[1], made[1])], {})


def test_an_index_of_an_older_schema_is_migrated_and_a_newer_one_refused(tmp_path: Path) -> None:
    old = tmp_path / "v1.db"
    db = sqlite3.connect(old)
    db.executescript(
        "CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);"
        "CREATE TABLE documents (ordinal INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL "
        "UNIQUE, n_rare INTEGER NOT NULL, n_spin INTEGER NOT NULL, features BLOB NOT NULL);"
        "CREATE TABLE bands (band INTEGER NOT NULL, key INTEGER NOT NULL, id TEXT NOT NULL, "
        "PRIMARY KEY (band, key, id)) WITHOUT ROWID;"
        "CREATE TABLE postings (kind INTEGER NOT NULL, key INTEGER NOT NULL, doc INTEGER NOT "
        "NULL, PRIMARY KEY (kind, key, doc)) WITHOUT ROWID;"
    )
    db.executemany(
        "INSERT INTO meta VALUES (?, ?)", [("schema", "1"), ("fingerprint", fingerprint())]
    )
    db.commit()
    db.close()
    with ArticleIndex(old) as index:
        index.add([site_article(0, BODIES[0])], workers=1)
        assert len(index) == 1
        # Version 3's table: the site records of a scan.
        index.record_scan([], [], [SITE_RECORD])
        assert browse.site_scores(index) == [SITE_RECORD]
    version = sqlite3.connect(old).execute("SELECT value FROM meta WHERE name = 'schema'")
    assert version.fetchone()[0] == str(SCHEMA_VERSION)
    db = sqlite3.connect(old)
    db.execute("UPDATE meta SET value = '99' WHERE name = 'schema'")
    db.commit()
    db.close()
    with pytest.raises(IndexMismatchError, match=r"schema 99.*rebuild"):
        ArticleIndex(old)


def test_a_missing_index_is_not_created_by_a_reader(tmp_path: Path) -> None:
    with pytest.raises(InputNotFoundError, match="unspin index add"):
        ArticleIndex(tmp_path / "none.db", create=False)
    assert not (tmp_path / "none.db").exists()


# --- a real process, killed or paused in the middle of a batch ---------------------------

WORDS = [
    "harbour",
    "council",
    "ferry",
    "budget",
    "minister",
    "strike",
    "union",
    "court",
    "police",
    "river",
    "bridge",
    "school",
    "hospital",
    "election",
    "mayor",
    "market",
    "farmers",
    "drought",
    "storm",
    "festival",
    "museum",
    "railway",
    "airport",
    "factory",
    "workers",
    "wages",
    "housing",
    "tenants",
    "energy",
    "prices",
    "tax",
    "plan",
    "vote",
    "report",
    "study",
    "health",
]
ARTICLES = 300
BATCH = 50


def write_articles(folder: Path) -> list[str]:
    """ARTICLES distinct made-up articles; their ids in the order `index add` reads them."""
    rng = random.Random(7)
    folder.mkdir()
    for n in range(ARTICLES):
        sentences = [" ".join(rng.choices(WORDS, k=14)).capitalize() + "." for _ in range(8)]
        (folder / f"a{n:03d}.txt").write_text(" ".join(sentences) + "\n")
    documents, _, _ = read_corpus([folder])
    return [d.id for d in documents]


# The `unspin index add` command, in a child process, with small batches and a hook at
# one article: `kill` sends SIGKILL to itself there (mid-batch, inside the transaction),
# `pause` says so on stdout and waits for a line on stdin before it goes on.
CHILD = """
import os, signal, sys
import unspin.index.articles as articles
articles.ADD_BATCH = {batch}
action, at = sys.argv[1], int(sys.argv[2])
put, seen = articles.ArticleIndex._put, [0]
def hooked(self, doc):
    seen[0] += 1
    if seen[0] == at:
        if action == "kill":
            os.kill(os.getpid(), signal.SIGKILL)
        print("in a batch", flush=True)
        sys.stdin.readline()
    put(self, doc)
articles.ArticleIndex._put = hooked
from unspin.cli import main
sys.argv = ["unspin", "index", "add", *sys.argv[3:], "--workers", "1"]
main()
"""


def child(action: str, at: int, folder: Path, db: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [
            sys.executable,
            "-c",
            CHILD.format(batch=BATCH),
            action,
            str(at),
            str(folder),
            "--db",
            str(db),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )


def test_an_add_killed_mid_batch_keeps_its_committed_batches_and_completes_on_rerun(
    tmp_path: Path,
) -> None:
    ids = write_articles(tmp_path / "in")
    db = tmp_path / "i.db"
    killed = child("kill", 2 * BATCH + 30, tmp_path / "in", db)
    killed.communicate()
    assert killed.returncode == -9
    check = sqlite3.connect(db)
    assert check.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    check.close()
    with ArticleIndex(db) as index:
        assert sorted(d.id for d in index.documents()) == sorted(ids[: 2 * BATCH])
        assert sorted(index.lexical.ids()) == sorted(ids[: 2 * BATCH])
        rerun = index.add(read_corpus([tmp_path / "in"])[0], workers=1)
        assert (rerun.added, rerun.unchanged) == (ARTICLES - 2 * BATCH, 2 * BATCH)
        assert sorted(d.id for d in index.documents()) == sorted(ids)
        completed = features_by_id(index), index.templates()
    with ArticleIndex(tmp_path / "fresh.db") as fresh:
        fresh.add(read_corpus([tmp_path / "in"])[0], workers=1)
        assert (features_by_id(fresh), fresh.templates()) == completed


def test_a_reader_traces_while_another_process_is_inside_a_write_batch(tmp_path: Path) -> None:
    ids = write_articles(tmp_path / "in")
    db = tmp_path / "i.db"
    writer = child("pause", BATCH + 20, tmp_path / "in", db)
    assert writer.stdout is not None and writer.stdin is not None
    assert writer.stdout.readline().strip() == "in a batch"  # batch 2 is open, uncommitted
    with ArticleIndex(db, create=False) as index:
        assert len(index) == BATCH  # only the committed batch is visible
        first = index.document(ids[0])
        assert first is not None
        copy = Document("copy", first.text.replace(".", ";", 2))
        assert [s.id for s in trace(index, copy).trace.sources] == [ids[0]]
    writer.stdin.write("go\n")
    writer.stdin.flush()
    out, _ = writer.communicate()
    assert writer.returncode == 0, out
    with ArticleIndex(db, create=False) as index:
        assert len(index) == ARTICLES
