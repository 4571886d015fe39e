"""Listings of an `ArticleIndex` for people browsing it (`unspin serve`): articles by id or
title, sites, and the families of the last `unspin scan --db`, a page at a time.

Only ids and metadata are read: no text is decompressed to list articles.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Generic, TypeVar

from unspin.index.articles import ArticleIndex, family_from_record
from unspin.model import Family
from unspin.report.schema import SiteRecord
from unspin.sites import site_name

# The most rows one page may ask for: a page of 500 titles is ~50 KB of JSON.
PAGE_MAX = 500


@dataclass(frozen=True)
class ArticleSummary:
    id: str
    title: str | None
    site: str | None
    date: str | None


@dataclass(frozen=True)
class SiteCount:
    site: str | None
    documents: int


T = TypeVar("T")


@dataclass(frozen=True)
class Page(Generic[T]):
    total: int  # rows matching, over all pages
    offset: int
    items: tuple[T, ...]


def _like(text: str) -> str:
    """``text`` as a LIKE pattern matching it anywhere, its wildcards taken literally."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def articles(
    index: ArticleIndex,
    query: str = "",
    site: str | None = None,
    offset: int = 0,
    limit: int = 50,
) -> Page[ArticleSummary]:
    """Articles whose id or title contains ``query`` (any case), of ``site`` if given, by id.

    ``site`` is a site as the articles give it, or as `unspin.sites` names it (a host's
    registered domain): ``bbc.co.uk`` finds the articles of ``news.bbc.co.uk`` too."""
    where = ["(id LIKE ? ESCAPE '\\' OR json_extract(meta, '$.title') LIKE ? ESCAPE '\\')"]
    args: list[object] = [_like(query), _like(query)]
    db = index.store.connection
    if site is not None:
        held = [
            s for (s,) in db.execute("SELECT DISTINCT site FROM articles WHERE site IS NOT NULL")
        ]
        named = sorted({site, *(s for s in held if site_name(s) == site)})
        where.append(f"site IN ({', '.join('?' * len(named))})")
        args.extend(named)
    condition = " AND ".join(where)
    total = db.execute(f"SELECT COUNT(*) FROM articles WHERE {condition}", args).fetchone()[0]
    rows = db.execute(
        f"SELECT id, site, date, json_extract(meta, '$.title') FROM articles WHERE {condition} "
        "ORDER BY id LIMIT ? OFFSET ?",
        [*args, min(limit, PAGE_MAX), offset],
    )
    found = tuple(ArticleSummary(i, title, s, d) for i, s, d, title in rows)
    return Page(total, offset, found)


def summaries(index: ArticleIndex, ids: list[str]) -> list[ArticleSummary]:
    """The summaries of those of ``ids`` the index holds, in the order given."""
    db = index.store.connection
    found = []
    for doc_id in ids:
        row = db.execute(
            "SELECT id, site, date, json_extract(meta, '$.title') FROM articles WHERE id = ?",
            (doc_id,),
        ).fetchone()
        if row is not None:
            found.append(ArticleSummary(row[0], row[3], row[1], row[2]))
    return found


def sites(index: ArticleIndex) -> list[SiteCount]:
    """Every site with its number of articles, the largest first (``None``: no site)."""
    rows = index.store.connection.execute(
        "SELECT site, COUNT(*) AS n FROM articles GROUP BY site ORDER BY n DESC, site"
    )
    return [SiteCount(site, n) for site, n in rows]


def site_scores(index: ArticleIndex) -> list[SiteRecord]:
    """The site records of the last `scan --db`, highest farm score first, as in
    ``sites.jsonl`` (none before a scan)."""
    rows = index.store.connection.execute(
        "SELECT record FROM sites ORDER BY json_extract(record, '$.farm_score') DESC, site"
    )
    records: list[SiteRecord] = [json.loads(r) for (r,) in rows]
    return records


def families(index: ArticleIndex, offset: int = 0, limit: int = 50) -> Page[Family]:
    """The families of the last `scan --db`, the largest first, then by id."""
    db = index.store.connection
    total = db.execute("SELECT COUNT(*) FROM families").fetchone()[0]
    rows = db.execute(
        "SELECT record FROM families "
        "ORDER BY json_array_length(json_extract(record, '$.members')) DESC, id "
        "LIMIT ? OFFSET ?",
        (min(limit, PAGE_MAX), offset),
    )
    return Page(total, offset, tuple(family_from_record(json.loads(r)) for (r,) in rows))


def family(index: ArticleIndex, family_id: str) -> Family | None:
    row = index.store.connection.execute(
        "SELECT record FROM families WHERE id = ?", (family_id,)
    ).fetchone()
    return family_from_record(json.loads(row[0])) if row else None
