"""The JSON API of `unspin serve`, called as a client would (FastAPI's TestClient runs the
real application in this process): it answers what the CLI prints, in the contract's
schema, and its errors are the CLI's one-line messages with HTTP statuses."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient
from pydantic import TypeAdapter
from tests.web.conftest import EXAMPLES, SPUN, WIRE

from unspin.cli import main
from unspin.errors import IndexMismatchError, InputNotFoundError, MissingExtraError
from unspin.report.schema import ArticleRecord, TraceRecord
from unspin.web import create_app

SPUN_TEXT = (EXAMPLES / f"{SPUN}.txt").read_text()
# An asset, a stylesheet url() or a fetch from another host.
REMOTE_LOAD = r"""(?:src|href)\s*=\s*["']?https?:|url\(\s*["']?https?:|fetch\(\s*["']https?:"""


@pytest.fixture(scope="module")
def seeds_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("api")
    shutil.copy(EXAMPLES / f"{WIRE}.txt", folder)
    db = folder / "seeds.db"
    wire = str(folder / f"{WIRE}.txt")
    result = CliRunner().invoke(main, ["index", "add", wire, "--db", str(db)])
    assert result.exit_code == 0, result.output
    return db


@pytest.fixture(scope="module")
def client(seeds_index: Path) -> Iterator[TestClient]:
    with TestClient(create_app(seeds_index, max_body=64 * 1024)) as found:
        yield found


def cli_trace(db: Path, path: Path, *args: str) -> dict[str, Any]:
    result = CliRunner().invoke(main, ["trace", str(path), "--db", str(db), "--json", *args])
    assert result.exit_code == 0, result.output
    found: dict[str, Any] = json.loads(result.stdout)
    return found


def test_a_trace_is_what_unspin_trace_json_prints_in_the_contracts_schema(
    client: TestClient, seeds_index: Path, tmp_path: Path
) -> None:
    article = tmp_path / "article.jsonl"
    article.write_text(json.dumps({"id": "article", "text": SPUN_TEXT}) + "\n")
    response = client.post("/api/trace", json={"text": SPUN_TEXT})
    assert response.status_code == 200
    served = response.json()
    TypeAdapter(TraceRecord).validate_python(served, strict=True)
    printed = cli_trace(seeds_index, article)
    printed["article"]["origin"] = served["article"]["origin"]  # where each was read from
    assert served == printed
    assert [s["id"] for s in served["sources"]] == [f"{WIRE}"]
    assert served["family"]["original"] == WIRE


def test_filters_and_metadata_are_passed_on(client: TestClient, seeds_index: Path) -> None:
    found = client.post(
        "/api/trace", json={"text": SPUN_TEXT, "title": "Spun", "min_words": 25}
    ).json()
    assert found["article"]["title"] == "Spun"
    assert all(len(p["a_text"].split()) >= 20 for s in found["sources"] for p in s["passages"]), (
        "short passages are left out"
    )
    dated = client.post("/api/trace", json={"text": SPUN_TEXT, "before": "2000-01-01"}).json()
    assert dated["sources"] == [], "the undated wire story is not known to be before 2000"


def test_an_html_page_is_extracted_as_scan_extracts_it(client: TestClient) -> None:
    body = "".join(f"<p>{line}</p>" for line in SPUN_TEXT.splitlines() if line.strip())
    page = f"<html><head><title>Spun</title></head><body><article>{body}</article></body></html>"
    found = client.post("/api/trace", json={"html": page}).json()
    assert found["sources"][0]["id"] == WIRE
    assert "<p>" not in found["article"]["text"]


@pytest.mark.parametrize(
    ("body", "status", "message"),
    [
        ({}, 400, 'give the article as "text" or as "html"'),
        ({"text": "a", "html": "<p>a</p>"}, 400, 'as "text" or as "html"'),
        ({"text": "   "}, 422, "the article cannot be traced: empty text"),
        ({"text": SPUN_TEXT, "before": "someday"}, 400, "give a day as YYYY-MM-DD"),
        ({"text": SPUN_TEXT, "colour": "red"}, 422, ""),
        ({"text": SPUN_TEXT, "min_words": -1}, 422, ""),
    ],
)
def test_bad_requests_get_a_status_and_one_line(
    client: TestClient, body: dict[str, Any], status: int, message: str
) -> None:
    response = client.post("/api/trace", json=body)
    assert response.status_code == status, response.text
    assert message in str(response.json()["detail"])


def test_a_body_over_the_limit_gets_413_whether_or_not_it_says_its_length(
    client: TestClient,
) -> None:
    big = json.dumps({"text": "word " * 20_000}).encode()
    declared = client.post("/api/trace", content=big, headers={"content-type": "application/json"})
    assert declared.status_code == 413
    assert "the limit is 65,536 bytes" in declared.json()["detail"]

    def chunks() -> Iterator[bytes]:  # sent without Content-Length
        for start in range(0, len(big), 8192):
            yield big[start : start + 8192]

    json_type = {"content-type": "application/json"}
    streamed = client.post("/api/trace", content=chunks(), headers=json_type)
    assert streamed.status_code == 413
    assert "--max-body" in streamed.json()["detail"]


def test_documents_are_listed_searched_and_read(client: TestClient) -> None:
    listed = client.get("/api/documents").json()
    assert listed["total"] == 1 and listed["documents"][0]["id"] == WIRE
    by_title = client.get("/api/documents", params={"q": "MILITARY alliance"}).json()
    assert [d["id"] for d in by_title["documents"]] == [WIRE]
    wildcard = client.get("/api/documents", params={"q": "%"}).json()
    assert wildcard["total"] == 0, "a % in the search is a character, not a wildcard"
    doc = client.get(f"/api/documents/{WIRE}").json()
    TypeAdapter(ArticleRecord).validate_python(doc, strict=True)
    assert doc["text"] == (EXAMPLES / f"{WIRE}.txt").read_text().strip() or doc["text"]
    missing = client.get("/api/documents/nope")
    assert missing.status_code == 404
    assert missing.json() == {"detail": "no document 'nope' in the index"}
    traced = client.get(f"/api/documents/{WIRE}/trace").json()
    assert traced["article"]["id"] == WIRE and traced["sources"] == []


def test_stats_sites_and_families(client: TestClient) -> None:
    stats = client.get("/api/stats").json()
    assert stats["documents"] == 1 and stats["families"] == 0
    assert client.get("/api/sites").json() == [{"site": None, "documents": 1}]
    assert client.get("/api/families").json() == {"total": 0, "offset": 0, "families": []}
    assert client.get("/api/families/f00").status_code == 404


def test_the_openapi_schema_describes_the_trace_record(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    trace = schema["components"]["schemas"]["TraceRecord"]
    assert set(trace["required"]) == set(TraceRecord.__annotations__)
    post = schema["paths"]["/api/trace"]["post"]
    assert post["responses"]["200"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/TraceRecord"
    }


def test_the_page_and_its_assets_are_served_from_the_package(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200 and 'src="static/app.js"' in page.text
    for asset in ("static/app.js", "static/app.css"):
        served = client.get("/" + asset)
        assert served.status_code == 200
        loads = re.findall(REMOTE_LOAD, served.text)
        assert loads == [], "nothing is loaded from another host"


def test_a_server_needs_an_index_of_this_configuration(tmp_path: Path) -> None:
    with pytest.raises(InputNotFoundError, match="no index at"):
        create_app(tmp_path / "none.db")
    other = tmp_path / "other.db"
    other.write_bytes(b"not a database at all, just bytes" * 100)
    with pytest.raises(IndexMismatchError):
        create_app(other)


def test_without_the_web_extra_serve_says_which_pip_line_fixes_it(
    monkeypatch: pytest.MonkeyPatch, seeds_index: Path
) -> None:
    import builtins

    real_import = builtins.__import__

    def no_uvicorn(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "uvicorn":
            raise ImportError("No module named 'uvicorn'", name="uvicorn")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_uvicorn)
    with pytest.raises(MissingExtraError, match=r'pip install "unspin\[web\]"'):
        create_app(seeds_index)
    result = CliRunner().invoke(main, ["serve", "--db", str(seeds_index)])
    assert result.exit_code == 4
    assert 'pip install "unspin[web]"' in result.output


def test_serve_listens_on_loopback_unless_told(
    monkeypatch: pytest.MonkeyPatch, seeds_index: Path
) -> None:
    import uvicorn

    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kwargs: calls.append(kwargs))
    assert CliRunner().invoke(main, ["serve", "--db", str(seeds_index)]).exit_code == 0
    assert calls[-1]["host"] == "127.0.0.1" and calls[-1]["port"] == 8000
    told = ["serve", "--db", str(seeds_index), "--host", "0.0.0.0", "--port", "9001"]
    assert CliRunner().invoke(main, told).exit_code == 0
    assert calls[-1]["host"] == "0.0.0.0" and calls[-1]["port"] == 9001
    missing = CliRunner().invoke(main, ["serve", "--db", str(seeds_index.with_name("none.db"))])
    assert missing.exit_code == 2 and "no index at" in missing.output


@pytest.fixture(scope="module")
def sites_scan(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The seeds scanned into an index: the wire story on its agency's site (a host name
    under bbc.co.uk) and the spun compilation on a farm."""
    folder = tmp_path_factory.mktemp("sites")
    records = [
        {"id": WIRE, "text": (EXAMPLES / f"{WIRE}.txt").read_text(), "site": "news.bbc.co.uk"},
        {"id": SPUN, "text": SPUN_TEXT, "site": "farm.example"},
    ]
    corpus = folder / "seeds.jsonl"
    corpus.write_text("".join(json.dumps(r) + "\n" for r in records))
    db, out = folder / "index.db", folder / "scan"
    result = CliRunner().invoke(
        main, ["scan", str(corpus), "--out", str(out), "--db", str(db), "--workers", "1"]
    )
    assert result.exit_code == 0, result.output
    return db, out


def test_site_scores_are_those_of_the_scan_and_lead_to_the_sites_articles(
    sites_scan: tuple[Path, Path],
) -> None:
    db, out = sites_scan
    written = [json.loads(line) for line in (out / "sites.jsonl").read_text().splitlines()]
    with TestClient(create_app(db, max_body=64 * 1024)) as client:
        scores = client.get("/api/sites/scores").json()
        assert scores == written
        assert [s["site"] for s in scores] == ["farm.example", "bbc.co.uk"]
        assert scores[0]["reused"] == 1.0 and scores[0]["farm_score"] > scores[1]["farm_score"]
        # A site as unspin names it finds the articles of its hosts.
        page = client.get("/api/documents", params={"site": "bbc.co.uk"}).json()
        assert [d["id"] for d in page["documents"]] == [WIRE]


def test_before_any_scan_there_are_no_site_scores(client: TestClient) -> None:
    assert client.get("/api/sites/scores").json() == []
