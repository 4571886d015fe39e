"""Sites: how much of what each site publishes comes from elsewhere, and a content-farm score
with its evidence (``sites.jsonl``).

Read from the records a scan writes, pairs first and then documents, one record at a time,
so that both engines compute it alike from their own outputs and a corpus of millions
holds in memory only the copies' sources and one tally per site. For each site:

- ``reused``: the share of its articles that are a version of another document: the copy
  side of a pair whose direction is known and that covers at least half of the copy
  (`families.COPY_MIN_COVERAGE`);
- ``spun``: the share that are such copies with words swapped (substitutions in any of the
  pair's passages: a light spin leaves a passage `verbatim` with a few swaps);
- ``spliced``: the share with inserted spans (story its main source does not explain);
- ``boilerplate``: the share of its text that is boilerplate;
- ``median_delay_days``: how long its copies came after their sources, when both are dated.

The farm score is a weighted sum of the four shares (boilerplate scaled by
``BOILERPLATE_FULL_SHARE``), in [0, 1]; each part is listed as evidence. A site comes from
the record's ``site`` (a host name is cut to its registered domain with ``tldextract`` and
its bundled suffix list: ``news.bbc.co.uk`` is ``bbc.co.uk``); documents without a site
belong to none.
"""

from __future__ import annotations

import datetime
import json
import statistics
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from unspin.families import COPY_MIN_COVERAGE
from unspin.report.files import write_jsonl
from unspin.report.schema import SiteRecord

# The farm score's parts. Copying is what makes a farm, so reuse weighs most; spinning and
# wrapping in boilerplate are how farms hide it and monetise it; splices are rarer. Set by
# reasoning and checked on the spun-news corpus with its sources spread over writer sites
# (`python -m benchmarks.sites`: AUC of farms over writers); re-run it after a change.
REUSED_WEIGHT = 0.5
SPUN_WEIGHT = 0.2
BOILERPLATE_WEIGHT = 0.2
SPLICED_WEIGHT = 0.1
# A site whose text is this share boilerplate scores the boilerplate part in full (the
# seed farm page is about a fifth boilerplate; a plain news page's extracted text 0-5%).
BOILERPLATE_FULL_SHARE = 0.2


@dataclass(frozen=True)
class _Copy:
    source: str
    spun: bool
    score: float


@dataclass
class _Tally:
    articles: int = 0
    reused: int = 0
    spun: int = 0
    spliced: int = 0
    boilerplate_chars: int = 0
    chars: int = 0
    delays: list[int] = field(default_factory=list)


def copies_from(pairs: Iterable[Mapping[str, Any]]) -> dict[str, _Copy]:
    """Each copy's strongest source, from pair records (see the module notes)."""
    found: dict[str, _Copy] = {}
    for pair in pairs:
        direction = pair.get("direction")
        if direction not in ("a->b", "b->a") or pair["relation"] not in ("duplicate", "rewrite"):
            continue
        source, copy = (pair["a"], pair["b"]) if direction == "a->b" else (pair["b"], pair["a"])
        coverage = pair["coverage_b"] if direction == "a->b" else pair["coverage_a"]
        if coverage < COPY_MIN_COVERAGE:
            continue
        spun = any(p["substitutions"] for p in pair["passages"])
        known = found.get(copy)
        if known is None or (pair["score"], source) > (known.score, known.source):
            found[copy] = _Copy(source, spun, pair["score"])
    return found


def site_records(
    documents: Iterable[Mapping[str, Any]], copies: Mapping[str, _Copy]
) -> list[SiteRecord]:
    """One record a site, highest farm score first, from document records."""
    tallies: dict[str, _Tally] = {}
    dates: dict[str, str] = {}  # publication dates of the documents copies came from
    needed = {c.source for c in copies.values()}
    waiting: list[tuple[str, str, str]] = []  # (site, copy's date, source) for delays
    for doc in documents:
        published = doc["date"] if doc.get("date_source") != "crawl" else None
        if doc["id"] in needed and published:
            dates[doc["id"]] = published
        site = site_name(doc.get("site"))
        if site is None:
            continue
        tally = tallies.setdefault(site, _Tally())
        tally.articles += 1
        text = doc.get("text") or ""
        tally.chars += len(text)
        tally.boilerplate_chars += sum(b["end"] - b["start"] for b in doc["boilerplate"])
        tally.spliced += bool(doc["inserted"])
        copy = copies.get(doc["id"])
        if copy is not None:
            tally.reused += 1
            tally.spun += copy.spun
            if published:
                waiting.append((site, published, copy.source))
    for site, published, source in waiting:
        if source in dates:
            tallies[site].delays.append(_days(dates[source], published))
    records = [_record(site, tally) for site, tally in tallies.items()]
    return sorted(records, key=lambda r: (-r["farm_score"], r["site"]))


def _days(earlier: str, later: str) -> int:
    return (datetime.date.fromisoformat(later) - datetime.date.fromisoformat(earlier)).days


def _record(site: str, tally: _Tally) -> SiteRecord:
    n = max(1, tally.articles)
    shares = {
        "reused": tally.reused / n,
        "spun": tally.spun / n,
        "spliced": tally.spliced / n,
        "boilerplate": tally.boilerplate_chars / max(1, tally.chars),
    }
    parts = [
        ("reused", shares["reused"], REUSED_WEIGHT),
        ("spun", shares["spun"], SPUN_WEIGHT),
        (
            "boilerplate",
            min(1.0, shares["boilerplate"] / BOILERPLATE_FULL_SHARE),
            BOILERPLATE_WEIGHT,
        ),
        ("spliced", shares["spliced"], SPLICED_WEIGHT),
    ]
    return {
        "site": site,
        "articles": tally.articles,
        "reused": round(shares["reused"], 4),
        "spun": round(shares["spun"], 4),
        "spliced": round(shares["spliced"], 4),
        "boilerplate": round(shares["boilerplate"], 4),
        "median_delay_days": statistics.median(tally.delays) if tally.delays else None,
        "farm_score": round(sum(value * weight for _, value, weight in parts), 4),
        "evidence": [
            {"signal": name, "value": round(value, 4), "weight": weight}
            for name, value, weight in parts
        ],
    }


def site_name(site: str | None) -> str | None:
    """The site a document belongs to: its registered domain when ``site`` is a host name
    under a public suffix, else ``site`` as given; None without one."""
    if not site:
        return None
    return _registered(site.strip().lower()) or site.strip()


@lru_cache(maxsize=1 << 14)
def _registered(host: str) -> str | None:
    extracted = _extractor()(host)
    found = getattr(extracted, "top_domain_under_public_suffix", None)
    if found is None:  # tldextract before 5.3
        found = extracted.registered_domain
    return str(found) if found else None


@lru_cache(maxsize=1)
def _extractor() -> Any:
    import tldextract

    # The suffix list bundled with the package, never fetched; private suffixes count, so
    # two blogs on blogspot.com are two sites.
    return tldextract.TLDExtract(
        suffix_list_urls=(), cache_dir=None, include_psl_private_domains=True
    )


SITES = "sites.jsonl"


def write_sites(folder: Path) -> Path:
    """``sites.jsonl`` in ``folder``, from the ``pairs.jsonl`` and ``documents.jsonl`` a scan
    wrote there (each read as a stream), written atomically."""
    copies = copies_from(read_jsonl(folder / "pairs.jsonl"))
    records = site_records(read_jsonl(folder / "documents.jsonl"), copies)
    write_jsonl(folder / SITES, records)
    return folder / SITES


def read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    """The records of a JSON Lines file unspin wrote, one at a time."""
    for line in read_jsonl_lines(path):
        yield json.loads(line)


def read_jsonl_lines(path: Path) -> Iterator[str]:
    with path.open(encoding="utf-8") as lines:
        yield from lines


def read_sites(path: Path) -> list[SiteRecord]:
    """The records of a ``sites.jsonl``."""
    records: list[SiteRecord] = [json.loads(line) for line in read_jsonl_lines(path)]
    return records
