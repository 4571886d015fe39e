"""Fuzz ingest with hostile files: zero crashes, zero hangs, every record accounted for.

    .venv/bin/python benchmarks/fuzz_ingest.py                   # 1,000 inputs per format
    .venv/bin/python benchmarks/fuzz_ingest.py -n 3000 --seed 7 jsonl warc

Inputs come from Hypothesis strategies: random bytes, and files of each format (JSON Lines,
HTML, WARC, plain text, gzipped variants) built from real-looking parts and then damaged:
invalid UTF-8 and mixed encodings, BOMs, NUL bytes, right-to-left and combining characters,
non-English text, wrong types in records, broken headers, truncation. Each input is read by
a worker process under a watchdog: an input still running after INPUT_TIMEOUT_S is a hang,
reported and saved, and the worker is replaced. Crashing inputs are saved too, under
out/fuzz/, so that they can be replayed with `unspin scan`.

The checks (`check_file`): reading never raises; each record is a Document with non-empty,
NUL-free text and an id, or a Reject with a reason and its source; ids are unique; and the
records add up to what the file holds: one for a .txt or .html file, one per non-blank
line for JSON Lines (unless a file-level reject says where reading stopped).
"""

from __future__ import annotations

import argparse
import gzip
import json
import multiprocessing
import sys
import tempfile
import time
import traceback
from collections import Counter
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import seed as hypothesis_seed
from hypothesis import strategies as st

from unspin.ingest import iter_records
from unspin.model import Document, Reject

ROOT = Path(__file__).resolve().parents[1]
# Every input here is under 200 KB and reads in milliseconds (the slowest seen in 12,000
# inputs was ~1 s, a deeply nested page parsed twice); ten times that is a hang, not a
# slow page, and still short enough to fuzz thousands of inputs.
INPUT_TIMEOUT_S = 10.0

_WORD_LIST = (
    "the port strike union minister said on monday talks collapsed ships waited grain fuel "
    "prices rose government police election court report agency officials warned of a new "
    "crisis after weeks protests Moscow Beijing Putin Valmera 4,200 2021 percent"
)
WORDS = _WORD_LIST.split()
# Characters that break naive text handling: right-to-left scripts and overrides, combining
# marks, NUL and other controls, every line break str.splitlines() knows, emoji with
# joiners, typographic quotes, and non-Latin scripts.
# fmt: off
HOSTILE_TEXT = [
    "مرحبا بالعالم", "שלום עולם", "\u202eevil\u202c", "\u200f", "e\u0301\u0301\u0301",
    "Z\u0351\u0358\u0360a\u0317lgo", "\x00", "\r", "\r\n", "\u2028", "\u2029",
    "\x0b\x0c\x1c\x85", "👩‍👩‍👧‍👦", "🇺🇦", "\ufeff", "\u00a0", "“quoted”", "Путин заявил",
    "習近平主席", "Ελληνικά", "\ufffd",
]
HOSTILE_BYTES = [
    b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\x00", b"\xff", b"\xc3\x28", b"\xed\xa0\x80",
    b"\xe9t\xe9", b"\x80\x81\x82", b"\r", b"\n", b'"', b"{", b"<", b"\x1f\x8b", b"WARC/1.1\r\n",
]
# fmt: on
ENCODINGS = [
    "utf-8",
    "utf-8",
    "utf-8",
    "utf-16",
    "utf-16-le",
    "cp1252",
    "latin-1",
    "shift_jis",
    "koi8-r",
]


@st.composite
def prose(draw: st.DrawFn, max_sentences: int = 8) -> str:
    """Sentences from a word list, with hostile characters mixed in."""
    sentences = []
    for _ in range(draw(st.integers(0, max_sentences)) or draw(st.integers(0, max_sentences))):
        words = draw(st.lists(st.sampled_from(WORDS + HOSTILE_TEXT), min_size=1, max_size=14))
        sentences.append(" ".join(words).capitalize() + draw(st.sampled_from([".", "?", "", "!"])))
    separator = draw(st.sampled_from([" ", "\n", "\n\n", "\r\n", "\r", "\u2028", ""]))
    return separator.join(sentences)


@st.composite
def encoded(draw: st.DrawFn, text: str) -> bytes:
    encoding = draw(st.sampled_from(ENCODINGS))
    data = text.encode(encoding, errors="replace")
    if draw(st.booleans()):  # mixed encodings: a second piece in another one
        other = draw(st.sampled_from(ENCODINGS))
        data += draw(prose(3)).encode(other, errors="replace")
    return data


@st.composite
def damaged(draw: st.DrawFn, data: bytes) -> bytes:
    """``data`` with hostile bytes inserted, a BOM, or cut short."""
    for _ in range(draw(st.integers(0, 3))):
        at = draw(st.integers(0, len(data)))
        data = data[:at] + draw(st.sampled_from(HOSTILE_BYTES)) + data[at:]
    if draw(st.integers(0, 9)) == 0:
        data = data[: draw(st.integers(0, len(data)))]
    return data


def random_bytes() -> st.SearchStrategy[bytes]:
    return st.binary(max_size=2048)


@st.composite
def text_file(draw: st.DrawFn) -> bytes:
    text = (
        draw(st.sampled_from(["", "   \n\t ", "\u3000\u2028"]))
        if draw(st.integers(0, 9)) == 0
        else ""
    )
    return draw(damaged(draw(encoded(text + draw(prose())))))


@st.composite
def html_file(draw: st.DrawFn) -> bytes:
    charset = draw(st.sampled_from(["utf-8", "windows-1252", "shift_jis", "base64", "x-junk", ""]))
    head = f"<head><meta charset='{charset}'><title>{draw(prose(1))}</title></head>"
    if draw(st.booleans()):
        head += "<script>" + "var a = '</scr' + 'ipt>';" * draw(st.integers(0, 20)) + "</script>"
    depth = draw(st.sampled_from([0, 3, 40, 300, 2000]))
    tag = draw(st.sampled_from(["div", "font", "b", "span", "table"]))
    close = draw(st.booleans())
    paragraphs = draw(st.lists(prose(10), min_size=1, max_size=6))
    inner = "".join(f"<p>{p}</p>" for p in paragraphs)
    body = f"<{tag}>" * depth + inner + (f"</{tag}>" * depth if close else "")
    page = f"<!DOCTYPE html><html lang='xx'>{head}<body><article>{body}</article></body></html>"
    page = draw(_mostly(page, page[: len(page) // 2], "<script>x</script>" * 50))
    data = draw(encoded(page))
    return draw(damaged(data)) if draw(st.booleans()) else data


def _json_value() -> st.SearchStrategy[object]:
    scalars = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20)
    return st.recursive(scalars, lambda inner: st.lists(inner, max_size=3), max_leaves=5)


@st.composite
def jsonl_record(draw: st.DrawFn) -> bytes:
    record: dict[str, object] = {}
    for name in ("id", "text", "html", "title", "url", "site", "date", "lang"):
        choice = draw(st.integers(0, 5))
        if choice == 0:
            continue
        if choice == 1:
            record[name] = draw(_json_value())
        elif name == "html":
            record[name] = f"<html><body><p>{draw(prose(4))}</p></body></html>"
        elif name == "id":
            record[name] = draw(st.sampled_from(["a", "b", "dup", "", " ", "x/y", "١٢٣"]))
        else:
            record[name] = draw(prose(3))
    line = json.dumps(record, ensure_ascii=draw(st.booleans()))
    line = draw(st.sampled_from([line, line[: len(line) // 2], "[1, 2]", "null", "{bad json"]))
    return line.encode("utf-8")


@st.composite
def jsonl_file(draw: st.DrawFn) -> bytes:
    lines = draw(st.lists(jsonl_record() | damaged(b'{"text": "x"}'), max_size=8))
    newline = draw(st.sampled_from([b"\n", b"\r\n", b"\n\n"]))
    return draw(damaged(newline.join(lines)))


def _mostly(good: object, *bad: object) -> st.SearchStrategy[object]:
    """Mostly ``good``: damaged records are only interesting next to good ones."""
    return st.sampled_from([good] * 6 + list(bad))


@st.composite
def warc_record(draw: st.DrawFn) -> bytes:
    """A response record of a page; in two of five, one of its parts is wrong."""
    good = {
        "kind": "response",
        "status": "200 OK",
        "ctype": "text/html; charset=utf-8",
        "coding": "",
        "extra": 0,
        "uri": "https://news.example/a",
        "wtype": "application/http; msgtype=response",
    }
    bad: dict[str, list[object]] = {
        "kind": ["resource", "request", "metadata", "revisit", "news"],
        "status": ["404 Not Found", "301 Moved", "banana"],
        "ctype": ["text/html; charset=base64", "text/plain", "image/png", "", "text/html;x="],
        "coding": [
            "Content-Encoding: gzip\r\n",
            "Transfer-Encoding: chunked\r\n",
            "Content-Encoding: br\r\n",
        ],
        "extra": [-5, 7, 10**6],
        "uri": ["http://[::1/x", "", "dns:x", "😀://ü"],
        "wtype": ["text/html", ""],
    }
    field = draw(st.sampled_from([None, None, None, *bad]))
    part = dict(good, uri=f"https://news.example/{draw(st.integers(0, 50))}")
    if field is not None:
        part[field] = draw(st.sampled_from(bad[field]))
    body = draw(html_file() if draw(st.integers(0, 5)) else text_file() | random_bytes())
    if str(part["coding"]).startswith("Content-Encoding: gzip") and draw(st.booleans()):
        body = gzip.compress(body)
    http = f"HTTP/1.1 {part['status']}\r\nContent-Type: {part['ctype']}\r\n{part['coding']}\r\n"
    block = http.encode() + body if part["kind"] == "response" else body
    head = (
        f"WARC/1.1\r\nWARC-Type: {part['kind']}\r\nWARC-Target-URI: {part['uri']}\r\n"
        f"WARC-Record-ID: <urn:uuid:{draw(st.uuids())}>\r\nContent-Type: {part['wtype']}\r\n"
        f"Content-Length: {len(block) + int(str(part['extra']))}\r\n\r\n"
    )
    return head.encode("utf-8") + block + b"\r\n\r\n"


@st.composite
def warc_file(draw: st.DrawFn, compressed: bool = False) -> bytes:
    records = draw(st.lists(warc_record(), max_size=5))
    data = b"".join(gzip.compress(r) for r in records) if compressed else b"".join(records)
    return draw(damaged(data)) if draw(st.booleans()) else data


@st.composite
def gzipped(draw: st.DrawFn, inner: st.SearchStrategy[bytes]) -> bytes:
    return draw(damaged(gzip.compress(draw(inner))))


FORMATS: dict[str, tuple[str, st.SearchStrategy[bytes]]] = {
    "txt": (".txt", text_file() | random_bytes()),
    "html": (".html", html_file() | random_bytes()),
    "jsonl": (".jsonl", jsonl_file() | random_bytes()),
    "jsonl.gz": (".jsonl.gz", gzipped(jsonl_file()) | random_bytes()),
    "warc": (".warc", warc_file() | random_bytes()),
    "warc.gz": (".warc.gz", warc_file(compressed=True) | random_bytes()),
}


def expected_records(extension: str, data: bytes) -> int | None:
    """How many records the file holds, where the format says so without parsing it."""
    if extension in (".txt", ".html"):
        return 1
    if extension == ".jsonl":
        lines = data.removeprefix(b"\xef\xbb\xbf").split(b"\n")  # a BOM opens no record
        return sum(1 for line in lines if line.strip())
    return None


def check_file(path: Path, data: bytes) -> tuple[int, int, list[str]]:
    """Read ``path`` (holding ``data``); (documents, rejects, problems). Raises on a crash."""
    # Warnings are about records that were kept: not records of their own.
    records = [r for r in iter_records([path]) if not (isinstance(r, Reject) and r.kept)]
    problems: list[str] = []
    ids: Counter[str] = Counter()
    rejects = 0
    for record in records:
        if isinstance(record, Document):
            ids[record.id] += 1
            if not record.id or not record.text.strip() or "\x00" in record.text:
                problems.append(f"bad document {record.id!r}: empty id, empty text or NUL")
        elif isinstance(record, Reject):
            rejects += 1
            if not record.reason or record.source != str(path):
                problems.append(f"reject without reason or source: {record}")
        else:
            problems.append(f"neither a document nor a reject: {record!r}")
    problems += [f"id {i!r} kept {n} times" for i, n in ids.items() if n > 1]
    expected = expected_records(path.name[path.name.index(".") :], data)
    stopped = any(isinstance(r, Reject) and r.reason.startswith("file cannot") for r in records)
    if expected is not None and len(records) != expected and not stopped:
        problems.append(f"{len(records)} records for {expected} in the file")
    return len(records) - rejects, rejects, problems


def _worker(conn: Connection, folder: str) -> None:
    while True:
        extension, data = conn.recv()
        path = Path(folder) / f"input{extension}"
        path.write_bytes(data)
        started = time.perf_counter()
        try:
            kept, rejected, problems = check_file(path, data)
            conn.send(("ok", kept, rejected, problems, time.perf_counter() - started))
        except BaseException:
            conn.send(("crash", 0, 0, [traceback.format_exc()], time.perf_counter() - started))


@dataclass
class Tally:
    inputs: int = 0
    documents: int = 0
    rejects: int = 0
    crashes: int = 0
    hangs: int = 0
    problems: int = 0
    slowest_s: float = 0.0
    findings: list[str] = field(default_factory=list)


class Watchdog:
    """A worker process that reads one input at a time and is replaced when it hangs."""

    def __init__(self, folder: str) -> None:
        self.folder = folder
        self.context = multiprocessing.get_context("fork")
        self._start()

    def _start(self) -> None:
        self.conn, child = self.context.Pipe()
        self.process = self.context.Process(target=_worker, args=(child, self.folder), daemon=True)
        self.process.start()

    def run(self, extension: str, data: bytes) -> tuple[str, int, int, list[str], float]:
        self.conn.send((extension, data))
        if self.conn.poll(INPUT_TIMEOUT_S):
            result: tuple[str, int, int, list[str], float] = self.conn.recv()
            return result
        self.process.kill()
        self.process.join()
        self._start()
        return ("hang", 0, 0, [f"no answer within {INPUT_TIMEOUT_S} s"], INPUT_TIMEOUT_S)

    def close(self) -> None:
        self.process.kill()
        self.process.join()


def fuzz(name: str, count: int, seed: int, watchdog: Watchdog, saved: Path) -> Tally:
    extension, strategy = FORMATS[name]
    tally = Tally()

    @settings(
        max_examples=count,
        deadline=None,
        database=None,
        derandomize=False,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(strategy)
    def one(data: bytes) -> None:
        outcome, kept, rejected, problems, seconds = watchdog.run(extension, data)
        tally.inputs += 1
        tally.documents += kept
        tally.rejects += rejected
        tally.slowest_s = max(tally.slowest_s, seconds)
        if outcome != "ok" or problems:
            tally.crashes += outcome == "crash"
            tally.hangs += outcome == "hang"
            tally.problems += outcome == "ok"
            target = saved / f"{name}-{outcome}-{len(tally.findings)}{extension}"
            saved.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
            tally.findings.append(f"{target}: {problems[0].strip().splitlines()[-1]}")

    hypothesis_seed(seed)(one)()
    return tally


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("formats", nargs="*", help=f"any of {', '.join(FORMATS)} (default: all)")
    parser.add_argument("-n", "--count", type=int, default=1000, help="inputs per format")
    parser.add_argument("--seed", type=int, default=20201025)
    parser.add_argument("--saved", type=Path, default=ROOT / "out" / "fuzz")
    args = parser.parse_args()
    unknown = set(args.formats) - set(FORMATS)
    if unknown:
        parser.error(f"unknown formats {sorted(unknown)}: choose from {', '.join(FORMATS)}")
    formats = args.formats or list(FORMATS)
    totals = Tally()
    print(
        f"{'format':<9} {'inputs':>7} {'docs':>7} {'rejects':>8} {'crash':>6} {'hang':>5} "
        f"{'other':>6} {'slowest':>8}"
    )
    with tempfile.TemporaryDirectory(prefix="unspin-fuzz-") as folder:
        watchdog = Watchdog(folder)
        try:
            for name in formats:
                started = time.perf_counter()
                t = fuzz(name, args.count, args.seed, watchdog, args.saved)
                print(
                    f"{name:<9} {t.inputs:>7} {t.documents:>7} {t.rejects:>8} {t.crashes:>6} "
                    f"{t.hangs:>5} {t.problems:>6} {t.slowest_s * 1000:>6.0f}ms "
                    f"({time.perf_counter() - started:.0f} s)"
                )
                for finding in t.findings[:10]:
                    print("   ", finding)
                for key in ("inputs", "documents", "rejects", "crashes", "hangs", "problems"):
                    setattr(totals, key, getattr(totals, key) + getattr(t, key))
        finally:
            watchdog.close()
    print(
        f"{'total':<9} {totals.inputs:>7} {totals.documents:>7} {totals.rejects:>8} "
        f"{totals.crashes:>6} {totals.hangs:>5} {totals.problems:>6}"
    )
    return 1 if totals.crashes or totals.hangs or totals.problems else 0


if __name__ == "__main__":
    sys.exit(main())
