"""`ArticleIndex`: a persistent, incremental collection of articles in one SQLite file.

It holds each article (text and metadata), its lexical features and postings
(`SqliteStore`), and the site templates in force, so that one article can be traced
against the collection without re-reading it (`unspin.trace`).

- **Incremental and idempotent by id**: `add` prepares only new and changed articles; an
  article whose record (text and metadata) is unchanged is left alone, a changed one
  replaces the old.
- **Crash-safe**: articles are committed in batches of `ADD_BATCH`, each batch one
  transaction holding both the articles and their postings; a killed `add` leaves the
  file with exactly the batches it committed, and running it again completes it.
- **Site templates, recomputed on add and remove** (`docs/index.md`): repeated lines are
  counted over the whole collection as it will be, exactly as a scan of the same articles
  counts them; articles already held whose template lines changed are prepared again, so
  the file holds what one `add` of everything would have made, whatever the order of adds.
  The templates are written last: a stopped `add` run again sees the same change and
  finishes it.
"""

from __future__ import annotations

import hashlib
import json
import os
import zlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import closing, contextmanager
from dataclasses import asdict, dataclass, fields
from itertools import islice
from pathlib import Path
from typing import Any

from unspin.boilerplate.repeated import CORPUS_KEY_PREFIX, NO_SITE, document_line_keys
from unspin.copies import group_copies
from unspin.errors import InputNotFoundError, UsageError
from unspin.fingerprint import fingerprint
from unspin.index.features import DocFeatures
from unspin.index.lexical import LexicalIndex
from unspin.index.sqlite import SqliteStore
from unspin.model import Document, Family, PairResult
from unspin.pipeline import site_templates
from unspin.progress import NoProgress, Progress
from unspin.report.schema import SiteRecord

# Articles committed per transaction. A transaction is what a crash can lose; its cost is
# one fsync (WAL, synchronous=NORMAL: at checkpoints). 500 articles are ~1 s of preparing on
# two cores, so a killed add loses about a second of work.
ADD_BATCH = 500

# Set in `meta` while an add or remove is under way, cleared with the templates it writes.
_PENDING = "templates"
# Set instead while a fill (a Spark scan's `--db`) is under way: a fill that stopped can be
# run again, and goes on after its last committed batch.
_FILLING = "fill"
_META_FIELDS = tuple(f.name for f in fields(Document) if f.name not in ("id", "text"))


@dataclass(frozen=True)
class AddSummary:
    added: int = 0  # ids the index did not hold
    replaced: int = 0  # ids it held with another text or metadata
    unchanged: int = 0  # ids it held with exactly this record: left alone
    refreshed: int = 0  # articles already held, prepared again for a change of template


@dataclass(frozen=True)
class IndexStats:
    documents: int
    sites: int
    families: int  # of the last `unspin scan --db` (0 when none ran)
    pairs: int  # idem
    text_bytes: int  # the articles' texts, UTF-8
    file_bytes: int  # the index file with its write-ahead log


def record_digest(doc: Document) -> str:
    """Equal for two records with the same text and metadata. Where a record was read
    from (``origin``) is left out: the same article read from another copy of a file is
    unchanged."""
    fields_ = {k: v for k, v in asdict(doc).items() if k != "origin"}
    encoded = json.dumps(fields_, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(encoded.encode("utf-8", "surrogatepass")).hexdigest()


def _template_change(
    old: Mapping[str, frozenset[str]], new: Mapping[str, frozenset[str]]
) -> dict[str, frozenset[str]]:
    """Per site, the template keys that were added or dropped."""
    changed = {}
    for site in set(old) | set(new):
        delta = old.get(site, frozenset()) ^ new.get(site, frozenset())
        if delta:
            changed[site] = frozenset(k.removeprefix(CORPUS_KEY_PREFIX) for k in delta)
    return changed


class ArticleIndex:
    """An index file, opened (and created unless ``create`` is off)."""

    def __init__(self, path: str | os.PathLike[str], *, create: bool = True) -> None:
        self.path = Path(path)
        if not create and not self.path.is_file():
            raise InputNotFoundError(
                f"no index at {self.path}. Fix: create it with `unspin index add INPUT... "
                f"--db {self.path}`"
            )
        self.store = SqliteStore(self.path, fingerprint())
        self.lexical = LexicalIndex(self.store)
        self._db = self.store.connection

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> ArticleIndex:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __len__(self) -> int:
        count: int = self._db.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
        return count

    def __contains__(self, doc_id: object) -> bool:
        found = self._db.execute("SELECT 1 FROM articles WHERE id = ?", (doc_id,))
        return found.fetchone() is not None

    # --- reading -------------------------------------------------------------------

    @contextmanager
    def snapshot(self) -> Iterator[None]:
        """Every read inside sees the index as it was at the first one, whatever another
        process commits meanwhile (a read transaction: WAL keeps that version for it)."""
        self._db.execute("BEGIN")
        try:
            yield
        finally:
            self._db.execute("COMMIT")

    def document(self, doc_id: str) -> Document | None:
        row = self._db.execute(
            "SELECT id, meta, text FROM articles WHERE id = ?", (doc_id,)
        ).fetchone()
        return _document(*row) if row else None

    def documents(self, ids: Iterable[str] | None = None) -> Iterator[Document]:
        """The articles held (in id order), or those of ``ids`` that are held."""
        if ids is None:
            rows = self._db.execute("SELECT id, meta, text FROM articles ORDER BY id")
            yield from (_document(*row) for row in rows)
            return
        for doc_id in ids:
            found = self.document(doc_id)
            if found is not None:
                yield found

    def digest(self, doc_id: str) -> str | None:
        row = self._db.execute("SELECT digest FROM articles WHERE id = ?", (doc_id,)).fetchone()
        return row[0] if row else None

    def templates(self) -> dict[str, frozenset[str]]:
        """The site templates the articles were prepared with (as `site_templates`)."""
        found: dict[str, set[str]] = {}
        for site, key in self._db.execute("SELECT site, key FROM templates"):
            found.setdefault(site, set()).add(key)
        return {site: frozenset(keys) for site, keys in found.items()}

    def stats(self) -> IndexStats:
        def count(sql: str) -> int:
            value: int = self._db.execute(sql).fetchone()[0] or 0
            return value

        files = [self.path, self.path.with_name(self.path.name + "-wal")]
        return IndexStats(
            documents=count("SELECT COUNT(*) FROM articles"),
            sites=count("SELECT COUNT(DISTINCT site) FROM articles"),
            families=count("SELECT COUNT(*) FROM families"),
            pairs=count("SELECT COUNT(*) FROM pairs"),
            text_bytes=count("SELECT SUM(size) FROM articles"),
            file_bytes=sum(f.stat().st_size for f in files if f.exists()),
        )

    def families_with(self, ids: Iterable[str]) -> list[Family]:
        """The families of the last `scan --db` that hold any of ``ids``."""
        wanted = set(ids)
        found: list[Family] = []
        for (record,) in self._db.execute("SELECT record FROM families ORDER BY id"):
            family = family_from_record(json.loads(record))
            if wanted.intersection(family.members):
                found.append(family)
        return found

    def pairs_among(self, ids: Iterable[str]) -> list[PairResult]:
        """The pairs of the last `scan --db` whose two sides are both among ``ids``."""
        wanted = set(ids)
        found: list[PairResult] = []
        for doc_id in sorted(wanted):
            rows = self._db.execute("SELECT b, record FROM pairs WHERE a = ?", (doc_id,))
            found.extend(_pair(json.loads(r)) for b, r in rows if b in wanted)
        return found

    def record_scan(
        self,
        pairs: Sequence[PairResult],
        families: Sequence[Family],
        sites: Sequence[SiteRecord] = (),
    ) -> None:
        """Keep a scan's pairs, families and site records (`unspin.sites`), replacing the
        last scan's: traces then report whole families, and `unspin serve` shows sites."""
        with self.store.batch():
            self._db.execute("DELETE FROM pairs")
            self._db.execute("DELETE FROM families")
            self._db.execute("DELETE FROM sites")
            self._db.executemany(
                "INSERT INTO sites VALUES (?, ?)",
                [(r["site"], json.dumps(r, ensure_ascii=False)) for r in sites],
            )
            self._db.executemany(
                "INSERT INTO pairs VALUES (?, ?, ?)",
                [(p.a, p.b, json.dumps(asdict(p), ensure_ascii=False)) for p in pairs],
            )
            self._db.executemany(
                "INSERT INTO families VALUES (?, ?)",
                [(f.id, json.dumps(asdict(f), ensure_ascii=False)) for f in families],
            )

    # --- writing -------------------------------------------------------------------

    def add(
        self,
        documents: Sequence[Document],
        *,
        workers: int | None = None,
        progress: Progress | None = None,
    ) -> AddSummary:
        """Add or replace ``documents`` (ids unique among them); unchanged ones are no-ops."""
        progress = progress or NoProgress()
        stored = dict(self._db.execute("SELECT id, digest FROM articles"))
        changed = [d for d in documents if stored.get(d.id) != record_digest(d)]
        replaced = sum(1 for d in changed if d.id in stored)
        # Nothing changed, so neither can the templates: a re-add is a no-op.
        refreshed = (
            self._write(changed, {d.id for d in changed}, workers, progress) if changed else 0
        )
        return AddSummary(
            added=len(changed) - replaced,
            replaced=replaced,
            unchanged=len(documents) - len(changed),
            refreshed=refreshed,
        )

    def remove(self, ids: Iterable[str], *, workers: int | None = None) -> list[str]:
        """Forget the articles of ``ids``; returns those that were not in the index."""
        wanted = list(dict.fromkeys(ids))
        missing = [i for i in wanted if i not in self]
        gone = set(wanted) - set(missing)
        if gone:
            self._write([], gone, workers, NoProgress())
        return missing

    def _write(
        self,
        changed: Sequence[Document],
        leaving: set[str],
        workers: int | None,
        progress: Progress,
    ) -> int:
        """Store ``changed`` (added or replaced) and drop the other ids of ``leaving``; then
        bring the templates up to date. Returns how many held articles were refreshed."""
        kept = [d for d in self.documents() if d.id not in leaving]
        collection = kept + list(changed)
        groups = group_copies(collection)
        new = site_templates([collection[i] for i in groups.representatives])
        delta = _template_change(self.templates(), new)
        stale = [d for d in kept if _touched(d, delta)]
        gone = leaving - {d.id for d in changed}
        with self.store.batch():
            self._db.execute("INSERT OR REPLACE INTO meta VALUES ('pending', ?)", (_PENDING,))
            for doc_id in sorted(gone):
                self._delete(doc_id)
        self._prepare_and_store([*changed, *stale], new, workers, progress)
        self._finish(new)
        return len(stale)

    def fill(
        self,
        computed: Iterable[tuple[Document, DocFeatures]],
        templates: Mapping[str, frozenset[str]],
        progress: Progress | None = None,
    ) -> int:
        """Store articles whose features were computed elsewhere (by a Spark scan) under
        ``templates``, the site templates of the same articles: what `add` makes of them in
        an empty index, without preparing them again. Returns how many the index holds.

        Only into an empty index, or one a fill of the same articles stopped in (its
        committed batches are kept, and skipped): in one that holds other articles, the
        templates of the whole collection (and so the features of some held articles) would
        change."""
        self.check_fillable()
        progress = progress or NoProgress()
        held = dict(self._db.execute("SELECT id, digest FROM articles"))
        with self.store.batch():
            self._db.execute("INSERT OR REPLACE INTO meta VALUES ('pending', ?)", (_FILLING,))
        items = iter(computed)
        while batch := list(islice(items, ADD_BATCH)):
            with self.store.batch():
                for doc, features in batch:
                    assert features.id == doc.id, "each article comes with its own features"
                    if doc.id in held:
                        if record_digest(doc) != held.pop(doc.id):
                            raise self._other_fill(
                                f"{doc.id!r} is held with another text or metadata"
                            )
                        continue
                    self._put(doc)
                    self.lexical.insert(features)
            progress.advance(len(batch))
        if held:  # the stopped fill held articles this one does not have
            raise self._other_fill(f"{min(held)!r} is not among the articles given")
        self._finish(templates)
        return len(self)

    def check_fillable(self) -> None:
        """Raise unless `fill` can write here: the index holds no article, or a fill
        stopped in it."""
        if len(self) and self._pending() != _FILLING:
            raise UsageError(
                f"the index {self.path} already holds {len(self):,} articles, and a scan on "
                "Spark fills a new one. Fix: pass a new --db file, or add the articles to this "
                "one with `unspin index add`."
            )

    def _other_fill(self, what: str) -> UsageError:
        """The error of a fill that goes on with other articles than the stopped one's."""
        return UsageError(
            f"the index {self.path} holds a stopped fill of other articles: {what}. Fix: pass "
            "a new --db file, or run the scan that stopped again."
        )

    def _finish(self, templates: Mapping[str, frozenset[str]]) -> None:
        """Write the templates in force, which ends an add or remove."""
        with self.store.batch():
            self._db.execute("DELETE FROM meta WHERE name = 'pending'")
            self._db.execute("DELETE FROM templates")
            self._db.executemany(
                "INSERT INTO templates VALUES (?, ?)",
                [(site, key) for site, keys in sorted(templates.items()) for key in sorted(keys)],
            )

    def _pending(self) -> str | None:
        """What stopped before it wrote the templates: an add or remove (`_PENDING`), a
        fill (`_FILLING`), or nothing (None)."""
        row = self._db.execute("SELECT value FROM meta WHERE name = 'pending'").fetchone()
        return None if row is None else str(row[0])

    def _prepare_and_store(
        self,
        documents: Sequence[Document],
        templates: Mapping[str, frozenset[str]],
        workers: int | None,
        progress: Progress,
    ) -> None:
        from unspin.engines.local import LocalEngine

        progress.start("index", len(documents))
        made = LocalEngine(workers).features(documents, templates)
        with closing(made):
            for start in range(0, len(documents), ADD_BATCH):
                batch = documents[start : start + ADD_BATCH]
                with self.store.batch():
                    for doc, features in zip(batch, made, strict=False):
                        assert features.id == doc.id, "features come back in input order"
                        self._put(doc)
                        self.lexical.insert(features)
                progress.advance(len(batch))

    def _put(self, doc: Document) -> None:
        meta = json.dumps({name: getattr(doc, name) for name in _META_FIELDS}, ensure_ascii=False)
        text = doc.text.encode("utf-8", "surrogatepass")
        self._db.execute(
            "INSERT OR REPLACE INTO articles VALUES (?, ?, ?, ?, ?, ?, ?)",
            (doc.id, record_digest(doc), doc.site, doc.date, len(text), meta, zlib.compress(text)),
        )
        # The pairs of a scan no longer describe a changed text.
        self._db.execute("DELETE FROM pairs WHERE a = ? OR b = ?", (doc.id, doc.id))

    def _delete(self, doc_id: str) -> None:
        self._db.execute("DELETE FROM articles WHERE id = ?", (doc_id,))
        self._db.execute("DELETE FROM pairs WHERE a = ? OR b = ?", (doc_id, doc_id))
        self.lexical.remove(doc_id)


def _touched(doc: Document, delta: Mapping[str, frozenset[str]]) -> bool:
    """Whether a changed template of ``doc``'s site is one of its lines."""
    changed = delta.get(doc.site or NO_SITE)
    return changed is not None and not changed.isdisjoint(document_line_keys(doc.text))


def _pair(record: dict[str, Any]) -> PairResult:
    return PairResult.from_fields(record)


def family_from_record(record: dict[str, Any]) -> Family:
    return Family(record["id"], tuple(record["members"]), record["original"])


def _document(doc_id: str, meta: str, text: bytes) -> Document:
    values: dict[str, Any] = json.loads(meta)
    return Document(
        id=doc_id, text=zlib.decompress(text).decode("utf-8", "surrogatepass"), **values
    )
