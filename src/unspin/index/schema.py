"""The tables of an index file, their version, and the migrations between versions.

One SQLite file holds a whole index: the lexical store's features and postings
(`unspin.index.sqlite`) and the articles themselves with what was decided about the corpus
when they were added (`unspin.index.articles`). ``meta`` records the schema version and the
configuration fingerprint (`unspin.fingerprint`). Opening an older file runs the
migrations from its version up, in one transaction; a file of a newer version, or built
by another configuration, is refused with a line saying how to rebuild it.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from unspin.errors import IndexMismatchError

SCHEMA_VERSION = 3

_STORE = """
CREATE TABLE IF NOT EXISTS documents (
    ordinal INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    n_rare INTEGER NOT NULL,
    n_spin INTEGER NOT NULL,
    features BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS bands (
    band INTEGER NOT NULL, key INTEGER NOT NULL, id TEXT NOT NULL,
    PRIMARY KEY (band, key, id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS postings (
    kind INTEGER NOT NULL, key INTEGER NOT NULL, doc INTEGER NOT NULL,
    PRIMARY KEY (kind, key, doc)
) WITHOUT ROWID;
"""

# Version 2: the articles (text zlib-compressed, metadata as JSON, a digest of both to
# tell an unchanged re-add from a changed one), the site templates in force, and the pairs
# and families of the last `scan --db`.
_ARTICLES = """
CREATE TABLE IF NOT EXISTS articles (
    id TEXT PRIMARY KEY,
    digest TEXT NOT NULL,
    site TEXT,
    date TEXT,
    size INTEGER NOT NULL,
    meta TEXT NOT NULL,
    text BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS articles_site ON articles (site);
CREATE TABLE IF NOT EXISTS templates (
    site TEXT NOT NULL, key TEXT NOT NULL, PRIMARY KEY (site, key)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS pairs (
    a TEXT NOT NULL, b TEXT NOT NULL, record TEXT NOT NULL, PRIMARY KEY (a, b)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS pairs_b ON pairs (b);
CREATE TABLE IF NOT EXISTS families (id TEXT PRIMARY KEY, record TEXT NOT NULL);
"""

# Version 3: the site records (`sites.jsonl`) of the last `scan --db`, for `unspin serve`.
_SITES = """
CREATE TABLE IF NOT EXISTS sites (site TEXT PRIMARY KEY, record TEXT NOT NULL);
"""

# From version N to N + 1.
MIGRATIONS = {1: _ARTICLES, 2: _SITES}

_FIX = "Fix: rebuild it, e.g. delete the file and add the documents again."


def open_database(path: Path, fingerprint: str) -> sqlite3.Connection:
    """The index file at ``path`` (created if missing), at the current schema version and
    checked against ``fingerprint``. Autocommit: callers open their own transactions."""
    db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    try:
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")
        # A reader waits for a writer's commit instead of failing at once.
        db.execute("PRAGMA busy_timeout=30000")
        # 64 MB of page cache (the default is 2 MB): the postings B-tree of a large index
        # keeps its inner pages in memory while a batch is written. On BBC's 2,225 articles
        # `index add` went from 459 to 477 documents/s (`python -m benchmarks.trace`).
        db.execute("PRAGMA cache_size=-65536")
        _upgrade(db, path, fingerprint)
    except sqlite3.DatabaseError as error:
        db.close()
        raise IndexMismatchError(f"{path} is not an unspin index ({error}). {_FIX}") from error
    except BaseException:
        db.close()
        raise
    return db


def _upgrade(db: sqlite3.Connection, path: Path, fingerprint: str) -> None:
    # An index at the current version is only read here, so that opening one never waits
    # for a writer; creating or migrating one takes the write lock and looks again.
    if _checked(_meta(db), path, fingerprint) == SCHEMA_VERSION:
        return
    db.execute("BEGIN IMMEDIATE")
    try:
        stored = _meta(db)
        version = _checked(stored, path, fingerprint)
        if not stored:
            for script in (_STORE, _ARTICLES, _SITES):
                _run_script(db, script)
            db.executemany(
                "INSERT INTO meta VALUES (?, ?)",
                [("schema", str(SCHEMA_VERSION)), ("fingerprint", fingerprint)],
            )
        elif version is not None:
            for step in range(version, SCHEMA_VERSION):
                _run_script(db, MIGRATIONS[step])
            db.execute("UPDATE meta SET value = ? WHERE name = 'schema'", (str(SCHEMA_VERSION),))
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


def _meta(db: sqlite3.Connection) -> dict[str, str]:
    if not db.execute("SELECT 1 FROM sqlite_master WHERE name = 'meta'").fetchone():
        db.execute("CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)")
        return {}
    return dict(db.execute("SELECT name, value FROM meta").fetchall())


def _checked(stored: dict[str, str], path: Path, fingerprint: str) -> int | None:
    """The file's schema version (None for a new file), once it is known to be readable
    and of this configuration."""
    if not stored:
        return None
    version = int(stored.get("schema", "0"))
    if version != SCHEMA_VERSION and version not in MIGRATIONS:
        raise IndexMismatchError(
            f"{path} has index schema {version}; this unspin reads schema {SCHEMA_VERSION} "
            f"and migrates from schema {min(MIGRATIONS)}. {_FIX}"
        )
    if stored.get("fingerprint") != fingerprint:
        raise IndexMismatchError(
            f"{path} was built by another unspin configuration "
            f"({stored.get('fingerprint')}; this one is {fingerprint}). {_FIX}"
        )
    return version


def _run_script(db: sqlite3.Connection, script: str) -> None:
    """Each statement of ``script`` inside the open transaction (``executescript`` would
    commit it first)."""
    for statement in script.split(";"):
        if statement.strip():
            db.execute(statement)
