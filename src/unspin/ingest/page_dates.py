"""A page's publication date, from its metadata only, never from its text.

trafilatura asks htmldate for a date, and htmldate falls back on the page's text when the
markup has none: a footer's "Copyright 2019" dates an undated page 2019-01-01, and any year
in an article's body can become its date. A wrong date points the direction of reuse the
wrong way, so unspin ignores that guess and reads only what the page declares, in this
order (the first that gives a real day wins):

1. ``<meta>`` tags for the publication date (``article:published_time``, Open Graph, Dublin
   Core ``dc.date``, ``pubdate``, Parsely, Sailthru, citation tags; PUBLISHED_META);
2. JSON-LD ``datePublished``, preferring an article's over a page's (ARTICLE_TYPES);
3. microdata: any element with ``itemprop="datePublished"`` (its content or datetime
   attribute, or its text if that is nothing but a date);
4. ``<time datetime>``: one marked as the publication time (``pubdate``, or a class such as
   ``published`` or ``entry-date``), else the first inside ``<article>``, else the only day
   the page's ``<time>`` elements outside navigation, sidebars and footers agree on.

Dates in URLs and modification times (``article:modified_time``, ``dateModified``) are not
publication dates and are not used: an update makes an original look newer than its copies.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import lxml.html  # type: ignore[import-untyped]

from unspin.ingest.dates import normalize_date

# Names, properties and itemprops of <meta> tags that hold the publication date (lower case).
PUBLISHED_META = frozenset(
    {
        "article:published_time",
        "article:published",
        "article.published",
        "article:published_date",
        "og:published_time",
        "og:article:published_time",
        "og:pubdate",
        "og:publish_date",
        "datepublished",
        "date_published",
        "date",
        "dc.date",
        "dc.date.issued",
        "dc.date.created",
        "dc.created",
        "dc:date",
        "dc:created",
        "dcterms.date",
        "dcterms.issued",
        "dcterms.created",
        "pubdate",
        "publishdate",
        "publish_date",
        "publish-date",
        "published_time",
        "published-date",
        "publication_date",
        "parsely-pub-date",
        "sailthru.date",
        "citation_publication_date",
        "citation_date",
        "cxenseparse:recs:publishtime",
        "rnews:datepublished",
    }
)
# JSON-LD types whose datePublished is the article's own (a page's may be the section's).
ARTICLE_TYPES = frozenset(
    {
        "article",
        "newsarticle",
        "reportagenewsarticle",
        "analysisnewsarticle",
        "opinionnewsarticle",
        "blogposting",
        "liveblogposting",
        "socialmediaposting",
        "report",
    }
)
# Classes of a <time> element that mark it as the publication time.
PUBLISHED_CLASSES = ("publish", "entry-date", "post-date", "article-date", "dateline")
# Where <time> elements are other articles' dates, not this one's.
_ELSEWHERE = frozenset({"nav", "aside", "footer"})
# JSON-LD nested deeper than this is not metadata but an attack on the parser.
MAX_JSON_LD_DEPTH = 50


def page_date(html: str) -> str | None:
    """The publication day a page's markup declares, or None (see the module notes)."""
    root = _parse(html)
    if root is None:
        return None
    return _meta_date(root) or _json_ld_date(root) or _microdata_date(root) or _time_date(root)


def _parse(html: str) -> Any:
    try:
        return lxml.html.document_fromstring(html)
    except ValueError:  # "Unicode strings with encoding declaration are not supported"
        try:
            return lxml.html.document_fromstring(html.encode("utf-8", "surrogatepass"))
        except Exception:  # lxml on untrusted markup: no tree, so no date
            return None
    except Exception:  # lxml.etree.ParserError for a page of nothing but a comment, etc.
        return None


def _meta_date(root: Any) -> str | None:
    for meta in root.iter("meta"):
        key = meta.get("property") or meta.get("name") or meta.get("itemprop") or ""
        if key.strip().lower() in PUBLISHED_META:
            day = normalize_date(meta.get("content") or meta.get("datetime"))
            if day:
                return day
    return None


def _json_ld_date(root: Any) -> str | None:
    fallback = None
    for script in root.iter("script"):
        if "ld+json" not in (script.get("type") or "").lower() or not script.text:
            continue
        try:
            data = json.loads(script.text)
        except (ValueError, RecursionError):  # broken JSON-LD is common and says nothing
            continue
        for node in _objects(data):
            day = normalize_date(node.get("datePublished"))
            if day is None:
                continue
            if _types(node) & ARTICLE_TYPES:
                return day
            fallback = fallback or day
    return fallback


def _objects(data: object) -> Iterator[dict[str, Any]]:
    """Every JSON object in ``data``, in document order, without recursion."""
    stack: list[tuple[object, int]] = [(data, 0)]
    while stack:
        item, depth = stack.pop()
        if depth > MAX_JSON_LD_DEPTH:
            continue
        if isinstance(item, dict):
            yield item
            children = list(item.values())
        elif isinstance(item, list):
            children = item
        else:
            continue
        stack.extend((child, depth + 1) for child in reversed(children))


def _types(node: dict[str, Any]) -> set[str]:
    found = node.get("@type")
    names = found if isinstance(found, list) else [found]
    return {name.lower() for name in names if isinstance(name, str)}


def _microdata_date(root: Any) -> str | None:
    for element in root.xpath("//*[@itemprop]"):
        if element.get("itemprop", "").strip().lower() != "datepublished":
            continue
        value = element.get("content") or element.get("datetime") or element.text_content()
        day = normalize_date(value)
        if day:
            return day
    return None


def _time_date(root: Any) -> str | None:
    times = [element for element in root.iter("time") if element.get("datetime")]
    for element in times:
        marked = element.get("pubdate") is not None or any(
            mark in (element.get("class") or "").lower() for mark in PUBLISHED_CLASSES
        )
        day = normalize_date(element.get("datetime")) if marked else None
        if day:
            return day
    for element in times:
        if _inside(element, {"article"}) and not _inside(element, _ELSEWHERE):
            day = normalize_date(element.get("datetime"))
            if day:
                return day
    days = {normalize_date(e.get("datetime")) for e in times if not _inside(e, _ELSEWHERE)}
    days.discard(None)
    return days.pop() if len(days) == 1 else None


def _inside(element: Any, tags: set[str] | frozenset[str]) -> bool:
    return any(ancestor.tag in tags for ancestor in element.iterancestors())
