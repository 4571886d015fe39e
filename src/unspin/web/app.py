"""The routes of `unspin serve`. Response models are the JSON contract's own record types
(`unspin.report.schema`), so ``/openapi.json`` describes exactly what ``unspin trace --json``
prints and ``scan`` writes.

Requests borrow a connection to the index from a small pool (`CONNECTIONS`); a trace reads
inside one snapshot, so an ``unspin index add`` running meanwhile in another process never
shows it half an add.

(No ``from __future__ import annotations`` here: FastAPI reads the annotations of the
route functions at run time.)
"""

import os
import queue
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

from fastapi import FastAPI, Query, Request
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, ConfigDict, Field

from unspin import __version__
from unspin.errors import InputNotFoundError, UnreadableInputError, UnspinError, UsageError
from unspin.index import browse
from unspin.index.articles import ArticleIndex, IndexStats
from unspin.ingest import RejectedInputError, document_from_record
from unspin.lexicon import wordnet
from unspin.model import Document
from unspin.report.jsonl import article_record, family_link_record, family_record, trace_record
from unspin.report.schema import (
    ArticleRecord,
    FamilyLinkRecord,
    FamilyRecord,
    SiteRecord,
    TraceRecord,
)
from unspin.trace import TraceOptions, before_day, trace
from unspin.web.limits import BodyLimit

# The largest request body accepted (413 above it): an article pasted or uploaded as a
# saved HTML page. Saved news pages run to 0.3-2 MB with their inline scripts; 8 MB leaves
# room for the heaviest while one request cannot hold the server's memory.
MAX_BODY_BYTES = 8 * 1024 * 1024
# Connections to the index, and so requests served at once; the others wait their turn.
# Two cores here: 4 keeps a cheap request (a document, a page of families) from waiting
# behind two long traces. tests/web/test_load.py runs 20 clients against it.
CONNECTIONS = 4
_STATIC = Path(__file__).parent / "static"

# The HTTP status of each kind of error; the body is {"detail": the CLI's one-line message}.
_STATUS: tuple[tuple[type[UnspinError], int], ...] = (
    (InputNotFoundError, 404),
    (UnreadableInputError, 422),  # an article that cannot be a document (empty, binary...)
    (UsageError, 400),
)


class TraceRequest(BaseModel):
    """An article to trace: ``text`` or ``html`` (a saved page, extracted as `scan` does),
    optional metadata, and the filters of ``unspin trace``."""

    model_config = ConfigDict(extra="forbid")

    text: str | None = None
    html: str | None = None
    id: str | None = None
    title: str | None = None
    url: str | None = None
    site: str | None = None
    date: str | None = None
    lang: str | None = None
    min_words: int = Field(0, ge=0, description="ignore passages with fewer words")
    exclude_quotes: bool = Field(False, description="ignore passages mostly in quotation")
    before: str | None = Field(None, description="only sources published before YYYY-MM-DD")
    exclude_sites: list[str] = Field(default_factory=list, description="never these sites")


class ArticleSummaryModel(BaseModel):
    id: str
    title: str | None
    site: str | None
    date: str | None


class ArticlePage(BaseModel):
    total: int
    offset: int
    documents: list[ArticleSummaryModel]


class FamilyPage(BaseModel):
    total: int
    offset: int
    families: list[FamilyRecord]


class FamilyView(BaseModel):
    family: FamilyRecord
    members: list[ArticleSummaryModel]
    links: list[FamilyLinkRecord]


class SiteModel(BaseModel):
    site: str | None
    documents: int


class _Connections:
    """A pool of `ArticleIndex` connections, opened as needed, at most ``size``: a request
    borrows one and gives it back. Traces are CPU-bound and hold the GIL, so more at once
    would only share it; and each connection caches up to 64 MB of pages."""

    def __init__(self, db: Path, size: int) -> None:
        self.db = db
        self._idle: queue.LifoQueue[ArticleIndex] = queue.LifoQueue()
        self._slots = threading.BoundedSemaphore(size)
        self._opened: list[ArticleIndex] = []
        self._lock = threading.Lock()

    @contextmanager
    def borrow(self) -> Iterator[ArticleIndex]:
        with self._slots:
            try:
                index = self._idle.get_nowait()
            except queue.Empty:
                index = ArticleIndex(self.db, create=False)
                with self._lock:
                    self._opened.append(index)
            try:
                yield index
            finally:
                self._idle.put(index)

    def close(self) -> None:
        with self._lock:
            for index in self._opened:
                index.close()
            self._opened.clear()


def build_app(db: str | os.PathLike[str], *, max_body: int) -> FastAPI:
    path = Path(db)
    ArticleIndex(path, create=False).close()  # no index, or another configuration: stop now
    wordnet()  # loaded once, before the first request waits for it
    connections = _Connections(path, CONNECTIONS)
    app = FastAPI(
        title="unspin",
        version=__version__,
        summary="Where did this article come from? Trace it against an index.",
    )
    app.add_middleware(BodyLimit, limit=max_body)
    app.router.add_event_handler("shutdown", connections.close)

    @app.exception_handler(UnspinError)
    async def one_line(request: Request, err: UnspinError) -> JSONResponse:
        status = next((code for kind, code in _STATUS if isinstance(err, kind)), 400)
        return JSONResponse({"detail": str(err)}, status_code=status)

    @app.get("/", include_in_schema=False)
    def page() -> FileResponse:
        return FileResponse(_STATIC / "index.html")

    app.mount("/static", StaticFiles(directory=_STATIC), name="static")

    @app.get("/api/stats")
    def stats() -> IndexStats:
        """Documents, sites, families and sizes on disk, as ``unspin index stats --json``."""
        with connections.borrow() as index:
            return index.stats()

    @app.post("/api/trace")
    def trace_article(request: TraceRequest) -> TraceRecord:
        """Where the article came from: its sources in the index, best first."""
        if (request.text is None) == (request.html is None):
            raise UsageError('give the article as "text" or as "html" (one of them)')
        fields = request.model_dump(
            include={"text", "html", "id", "title", "url", "site", "date", "lang"},
            exclude_none=True,
        )
        try:
            doc, _warnings = document_from_record(fields, "request")
        except RejectedInputError as err:
            raise UnreadableInputError(
                f"the article cannot be traced: {err.reject.reason}. Fix: paste or upload "
                "the text or page of one article"
            ) from err
        options = TraceOptions(
            request.min_words,
            request.exclude_quotes,
            before_day(request.before),
            frozenset(request.exclude_sites),
        )
        with connections.borrow() as index, index.snapshot():
            traced = trace(index, doc, options)
        return trace_record(traced.trace, traced.documents)

    @app.get("/api/documents")
    def documents(
        q: Annotated[str, Query(description="part of the id or title, any case")] = "",
        site: str | None = None,
        offset: Annotated[int, Query(ge=0)] = 0,
        limit: Annotated[int, Query(ge=1, le=browse.PAGE_MAX)] = 50,
    ) -> ArticlePage:
        """The articles held, by id, a page at a time."""
        with connections.borrow() as index:
            found = browse.articles(index, q, site, offset, limit)
        members = [ArticleSummaryModel(**vars(a)) for a in found.items]
        return ArticlePage(total=found.total, offset=found.offset, documents=members)

    @app.get("/api/documents/{doc_id:path}/trace")
    def document_trace(doc_id: str) -> TraceRecord:
        """The trace of an article the index holds: what a scan reports for it."""
        with connections.borrow() as index, index.snapshot():
            doc = _held(index, doc_id)
            traced = trace(index, doc)
        return trace_record(traced.trace, traced.documents)

    @app.get("/api/documents/{doc_id:path}")
    def document(doc_id: str) -> ArticleRecord:
        """One article: its metadata and text, and the family of the last scan it is in."""
        with connections.borrow() as index, index.snapshot():
            doc = _held(index, doc_id)
            family = next(iter(index.families_with([doc_id])), None)
        return article_record(doc, doc, family.id if family else None)

    @app.get("/api/families")
    def families(
        offset: Annotated[int, Query(ge=0)] = 0,
        limit: Annotated[int, Query(ge=1, le=browse.PAGE_MAX)] = 50,
    ) -> FamilyPage:
        """The families of the last ``unspin scan --db``, the largest first."""
        with connections.borrow() as index:
            found = browse.families(index, offset, limit)
        records = [family_record(f) for f in found.items]
        return FamilyPage(total=found.total, offset=found.offset, families=records)

    @app.get("/api/families/{family_id}")
    def family(family_id: str) -> FamilyView:
        """One family: its members and the pairs that join them."""
        with connections.borrow() as index, index.snapshot():
            found = browse.family(index, family_id)
            if found is None:
                raise InputNotFoundError(f"no family {family_id!r} in the index")
            members = browse.summaries(index, list(found.members))
            links = [family_link_record(p) for p in index.pairs_among(found.members)]
        return FamilyView(
            family=family_record(found),
            members=[ArticleSummaryModel(**vars(m)) for m in members],
            links=links,
        )

    @app.get("/api/sites")
    def sites() -> list[SiteModel]:
        """Every site with its number of articles, the largest first."""
        with connections.borrow() as index:
            return [SiteModel(**vars(s)) for s in browse.sites(index)]

    @app.get("/api/sites/scores")
    def site_scores() -> list[SiteRecord]:
        """The sites of the last ``unspin scan --db`` as ``sites.jsonl`` has them: shares
        reused, spun, spliced and boilerplate, and the content-farm score, highest first."""
        with connections.borrow() as index:
            return browse.site_scores(index)

    return app


def _held(index: ArticleIndex, doc_id: str) -> Document:
    doc = index.document(doc_id)
    if doc is None:
        raise InputNotFoundError(f"no document {doc_id!r} in the index")
    return doc
