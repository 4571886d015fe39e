"""Readers for the paraphrase data in ../shared/data (read in place, never copied)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT.parent / "shared" / "data"
CROSSLINGUAL = ROOT / "tests" / "semantic" / "data" / "crosslingual.json"
NEWS_GENRE = "main-news"


@dataclass(frozen=True)
class Pair:
    first: str
    second: str
    label: float  # MSRP: 1.0 paraphrase / 0.0 not; STS: 0..5 similarity
    subset: str = ""


def msrp(split: str) -> list[Pair]:
    """MSRP ``train`` or ``test``: tab-separated, UTF-8 with a BOM, CRLF, quotes not escaped."""
    path = DATA / "msrp" / f"msr_paraphrase_{split}.txt"
    # split on line ends only: str.splitlines() would also break at U+2028 and friends
    lines = path.read_text(encoding="utf-8-sig").replace("\r\n", "\n").split("\n")
    pairs = []
    for line in lines[1:]:
        if not line.strip():
            continue
        fields = line.split("\t")
        if len(fields) == 4:  # two train lines lack the tab between the sentences (README)
            strings = _msrp_sentences()
            fields = [*fields[:3], strings[fields[1]], strings[fields[2]]]
        quality, _id1, _id2, first, second = fields
        pairs.append(Pair(first, second, float(quality), "msrp"))
    return pairs


def _msrp_sentences() -> dict[str, str]:
    """Sentence id -> string, from ``msr_paraphrase_data.txt``."""
    path = DATA / "msrp" / "msr_paraphrase_data.txt"
    lines = path.read_text(encoding="utf-8-sig").replace("\r\n", "\n").split("\n")
    return {f[0]: f[1] for f in (line.split("\t") for line in lines[1:]) if len(f) > 1}


def sts_news(split: str) -> list[Pair]:
    """The news pairs (genre ``main-news``: headlines, MSRpar, deft-news) of an STS split."""
    path = DATA / "stsbenchmark" / f"sts-{split}.csv"
    pairs = []
    for line in path.read_text(encoding="utf-8").split("\n"):
        fields = line.split("\t")
        if len(fields) < 7 or fields[0] != NEWS_GENRE:
            continue
        pairs.append(Pair(fields[5], fields[6], float(fields[4]), fields[1]))
    return pairs


def crosslingual() -> list[dict[str, list[str]]]:
    """The hand-written paragraphs of the tests: ``{"en": [...], "de": [...], "fr": [...]}``."""
    data = json.loads(CROSSLINGUAL.read_text(encoding="utf-8"))
    return list(data["paragraphs"])


def bbc(category: str) -> dict[str, str]:
    """The BBC News articles of one category, read from the tarball: id -> text."""
    import tarfile

    out = {}
    with tarfile.open(DATA / "bbc-news" / "bbc-fulltext.tar.gz") as archive:
        for member in archive.getmembers():
            parts = member.name.split("/")
            if member.isfile() and len(parts) == 3 and parts[1] == category:
                handle = archive.extractfile(member)
                if handle is not None:
                    text = handle.read().decode("utf-8", errors="replace")
                    out[f"{category}/{parts[2].removesuffix('.txt')}"] = text
    return out


def bbc_duplicates(category: str) -> set[tuple[str, str]]:
    """Pairs of byte-identical articles of a category (``derived_exact_duplicate_groups.tsv``)."""
    pairs = set()
    path = DATA / "bbc-news" / "derived_exact_duplicate_groups.tsv"
    for line in path.read_text(encoding="utf-8").splitlines()[1:]:
        files = [
            f.removeprefix("bbc/").removesuffix(".txt") for f in line.split("\t")[2].split(",")
        ]
        files = sorted(f for f in files if f.startswith(f"{category}/"))
        pairs |= {(a, b) for i, a in enumerate(files) for b in files[i + 1 :]}
    return pairs
