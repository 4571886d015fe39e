"""What the web tests share: an index holding seed 000 among a few hundred real BBC
articles (and the families of a scan of them), a real `unspin serve` process on a free
loopback port, and headless Chromium driven by Selenium.

Chromium comes from Debian (`chromium`, `chromium-driver`; `.ci/run` installs them):
nothing is downloaded by the test tools. Without them the browser tests are skipped, except
where ``UNSPIN_REQUIRE_BROWSER`` is set (CI), where that is a failure.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import tarfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx2 as httpx
import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
WIRE, SPUN = "000_d1e9f2ba145d541d", "002_5904dd556c9162f6"
BBC_TAR = ROOT.parent / "shared" / "data" / "bbc-news" / "bbc-fulltext.tar.gz"
# A few hundred BBC articles, every eighth of the 2,225 across the five categories.
BBC_EVERY = 8
CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
# How long a server may take to answer its first request (it loads WordNet first).
SERVER_START_S = 60.0
# How long a page may take to show what a test waits for.
WAIT_S = 60


def bbc_records(every: int = BBC_EVERY) -> list[dict[str, str]]:
    records = []
    with tarfile.open(BBC_TAR) as archive:
        members = sorted(
            (m for m in archive if m.isfile() and m.name.endswith(".txt")), key=lambda m: m.name
        )
        for member in members[::every]:
            raw = archive.extractfile(member).read()  # type: ignore[union-attr]
            text = raw.decode("utf-8", errors="replace")
            category, name = member.name.split("/")[-2:]
            records.append({"id": f"bbc/{category}/{name[:-4]}", "text": text, "site": "bbc"})
    return records


def unspin(*args: str | os.PathLike[str]) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "unspin.cli", *map(str, args)]
    return subprocess.run(command, capture_output=True, text=True, check=True)


@pytest.fixture(scope="session")
def bbc_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Seed 000 and every eighth BBC article, indexed, with the families of their scan."""
    if not BBC_TAR.is_file():
        pytest.skip(f"BBC News data not found at {BBC_TAR}")
    folder = tmp_path_factory.mktemp("served")
    corpus = folder / "bbc.jsonl"
    corpus.write_text("".join(json.dumps(r) + "\n" for r in bbc_records()))
    wire = folder / f"{WIRE}.txt"
    shutil.copy(EXAMPLES / wire.name, wire)
    db = folder / "index.db"
    unspin("scan", corpus, wire, "--out", folder / "scan", "--db", db, "--workers", "2")
    return db


@dataclass(frozen=True)
class Server:
    url: str
    process: subprocess.Popen[str]

    def get(self, path: str) -> Any:
        response = httpx.get(self.url + path, timeout=60)
        response.raise_for_status()
        return response.json()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def start_server(db: Path, *extra: str) -> Server:
    port = free_port()
    command = [sys.executable, "-m", "unspin.cli", "serve", "--db", str(db), "--port", str(port)]
    process = subprocess.Popen([*command, *extra], stderr=subprocess.PIPE, text=True)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + SERVER_START_S
    while True:  # poll until it answers: no fixed sleep
        if process.poll() is not None:
            raise AssertionError(f"unspin serve exited: {process.stderr.read()}")  # type: ignore[union-attr]
        try:
            httpx.get(url + "/api/stats", timeout=5).raise_for_status()
            return Server(url, process)
        except httpx.TransportError:
            if time.monotonic() > deadline:
                process.kill()
                raise
            time.sleep(0.1)


def stop_server(server: Server) -> None:
    server.process.terminate()
    try:
        server.process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.process.kill()


@pytest.fixture(scope="session")
def server(bbc_index: Path) -> Iterator[Server]:
    found = start_server(bbc_index)
    yield found
    stop_server(found)


def browser_missing() -> str | None:
    missing = [str(p) for p in (CHROMIUM, CHROMEDRIVER) if not p.exists()]
    try:
        import selenium  # noqa: F401
    except ImportError:
        missing.append("selenium (pip install -e '.[dev]')")
    return ", ".join(missing) or None


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    missing = browser_missing()
    if missing:
        if os.environ.get("UNSPIN_REQUIRE_BROWSER"):
            fix = "apt-get install chromium chromium-driver"
            pytest.fail(f"the browser tests need {missing} ({fix})")
        pytest.skip(f"no headless browser here: {missing}")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage"):
        options.add_argument(flag)
    options.add_argument("--window-size=1400,1000")
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    driver.set_script_timeout(60)
    yield driver
    driver.quit()


def wait_for(driver: Any, css: str) -> Any:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as seen
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, WAIT_S).until(
        seen.presence_of_element_located((By.CSS_SELECTOR, css))
    )


def texts(driver: Any, css: str) -> list[str]:
    found: list[str] = driver.execute_script(
        "return [...document.querySelectorAll(arguments[0])].map((e) => e.textContent)", css
    )
    return found
