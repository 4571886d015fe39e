"""Sites: per site, the share of its articles copied, spun, spliced and wrapped, and a
content-farm score; computed from the records a scan writes (``sites.jsonl``)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.stories import DOCK_STRIKE, HEART_STUDY, ORCHESTRA, SPUN_DOCK_STRIKE

from unspin.api import scan
from unspin.sites import copies_from, site_name, site_records

WIRE = "\n\n".join(DOCK_STRIKE)
SPUN = SPUN_DOCK_STRIKE


def pair(a: str, b: str, direction: str | None, coverage: float, kind: str = "verbatim") -> Any:
    substitutions = [["said", "stated"]] if kind == "spun" else []
    return {
        "a": a,
        "b": b,
        "relation": "rewrite",
        "score": coverage,
        "coverage_a": 1.0,
        "coverage_b": coverage,
        "direction": direction,
        "passages": [{"kind": kind, "substitutions": substitutions}],
    }


def doc(doc_id: str, site: str | None, date: str | None = None, **extra: Any) -> Any:
    return {
        "id": doc_id,
        "site": site,
        "date": date,
        "date_source": "metadata" if date else None,
        "text": "x" * 100,
        "boilerplate": [],
        "inserted": [],
        **extra,
    }


def test_a_site_of_spun_copies_scores_above_the_site_they_copy() -> None:
    pairs = [
        pair("wire-1", "farm-1", "a->b", 0.9, "spun"),
        pair("wire-2", "farm-2", "a->b", 0.8),
        pair("wire-3", "farm-3", None, 0.9),  # no direction: not counted as a copy
        pair("wire-4", "farm-4", "a->b", 0.3),  # the farm took a third: not a version
    ]
    documents = [
        doc("wire-1", "wire.example", "2024-01-01"),
        doc("wire-2", "wire.example", "2024-01-02"),
        doc("wire-3", "wire.example"),
        doc("wire-4", "wire.example"),
        doc("farm-1", "www.farm.co.uk", "2024-01-03"),
        doc("farm-2", "news.farm.co.uk", "2024-01-09", boilerplate=[{"start": 0, "end": 30}]),
        doc("farm-3", "farm.co.uk", inserted=[{"start": 0, "end": 10}]),
        doc("farm-4", "farm.co.uk"),
        doc("loose", None),
    ]
    farm, wire = site_records(documents, copies_from(pairs))
    assert farm["site"] == "farm.co.uk" and farm["articles"] == 4  # one registered domain
    assert (farm["reused"], farm["spun"], farm["spliced"]) == (0.5, 0.25, 0.25)
    assert farm["boilerplate"] == 30 / 400
    assert farm["median_delay_days"] == 4.5  # 2 and 7 days after their sources
    assert wire == {**wire, "site": "wire.example", "reused": 0.0, "median_delay_days": None}
    assert farm["farm_score"] > wire["farm_score"] == 0.0
    weights = {e["signal"]: e["value"] * e["weight"] for e in farm["evidence"]}
    assert round(sum(weights.values()), 4) == farm["farm_score"]


def test_crawl_dates_do_not_make_a_delay() -> None:
    documents = [
        {**doc("wire", "wire.example", "2024-01-01"), "date_source": "crawl"},
        doc("farm", "farm.example", "2024-01-05"),
    ]
    (farm, _) = site_records(documents, copies_from([pair("wire", "farm", "a->b", 1.0)]))
    assert farm["reused"] == 1.0 and farm["median_delay_days"] is None


def test_site_names_are_registered_domains_when_they_are_host_names() -> None:
    assert site_name("news.bbc.co.uk") == site_name("www.bbc.co.uk") == "bbc.co.uk"
    assert site_name("someone.blogspot.com") == "someone.blogspot.com"  # a private suffix
    assert site_name("Valmera Herald") == "Valmera Herald"  # a name, not a host
    assert site_name("farm.example") == "farm.example"  # no public suffix: as given
    assert site_name(None) is None and site_name("") is None


def test_a_scan_writes_sites_and_ranks_the_farm_first(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    records = [
        {"id": "wire-1", "text": WIRE, "site": "valmeraherald.com", "date": "2024-03-01"},
        {"id": "wire-2", "text": ORCHESTRA, "site": "valmeraherald.com", "date": "2024-03-02"},
        {"id": "farm-1", "text": SPUN, "site": "www.newsfarm.net", "date": "2024-03-03"},
        {
            "id": "farm-2",
            "text": ORCHESTRA + "\n\n" + HEART_STUDY,
            "site": "newsfarm.net",
            "date": "2024-03-05",
        },
    ]
    corpus.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    run = scan([corpus], tmp_path / "out", workers=1, html=False)
    lines = (tmp_path / "out" / "sites.jsonl").read_text(encoding="utf-8").splitlines()
    sites = [json.loads(line) for line in lines]
    assert [s["site"] for s in sites] == ["newsfarm.net", "valmeraherald.com"]
    assert sites[0]["reused"] == 1.0 and sites[0]["spun"] == 0.5
    assert sites[0]["spliced"] == 0.5 and sites[0]["median_delay_days"] == 2.5
    assert "sites.jsonl" in run.outputs
