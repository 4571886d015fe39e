"""The PAN 2013 text alignment training corpus, streamed from its tarball into memory.

The tarball (12.5 MB packed, 32 MB of text) is read in place from ``../shared/data`` each
time; nothing is unpacked to disk and nothing of it is written into the repository.
"""

from __future__ import annotations

import os
import random
import tarfile
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA_DIR = Path(
    os.environ.get("UNSPIN_PAN13_DIR", ROOT.parent / "shared/data/pan13-text-alignment-train")
)
TARBALL = DATA_DIR / "pan13-text-alignment-training-corpus-2013-01-21.tar.gz"
TOP = "pan13-text-alignment-training-corpus-2013-01-21"
CLASSES = (
    "01-no-plagiarism",
    "02-no-obfuscation",
    "03-random-obfuscation",
    "04-translation-obfuscation",
    "05-summary-obfuscation",
)
SHORT = {
    "01-no-plagiarism": "none-plag",
    "02-no-obfuscation": "no-obf",
    "03-random-obfuscation": "random",
    "04-translation-obfuscation": "translation",
    "05-summary-obfuscation": "summary",
}

Span = tuple[int, int]


@dataclass(frozen=True)
class Case:
    """One labelled reused passage: ``susp`` span of the suspicious document, ``src`` span of
    the source document (character offsets, end exclusive)."""

    susp: Span
    src: Span


@dataclass(frozen=True)
class Pair:
    klass: str
    susp: str  # file name, e.g. suspicious-document00005.txt
    src: str
    cases: tuple[Case, ...]

    @property
    def key(self) -> str:
        return f"{self.susp}|{self.src}"


@dataclass
class Corpus:
    pairs: list[Pair]
    texts: dict[str, str]  # file name -> text

    def by_class(self) -> dict[str, list[Pair]]:
        out: dict[str, list[Pair]] = {k: [] for k in CLASSES}
        for p in self.pairs:
            out[p.klass].append(p)
        return out


def available(path: Path = TARBALL) -> bool:
    return path.is_file()


def parse_cases(xml: bytes) -> tuple[Case, ...]:
    cases = []
    for f in ET.fromstring(xml).iter("feature"):
        if f.get("name") != "plagiarism":
            continue
        to, tl = int(f.get("this_offset", 0)), int(f.get("this_length", 0))
        so, sl = int(f.get("source_offset", 0)), int(f.get("source_length", 0))
        cases.append(Case((to, to + tl), (so, so + sl)))
    return tuple(sorted(cases, key=lambda c: c.susp))


def load(path: Path = TARBALL) -> Corpus:
    """Every pair of the five sub-corpora with its cases, and every text they name."""
    texts: dict[str, str] = {}
    pair_lists: dict[str, list[tuple[str, str]]] = {}
    xmls: dict[tuple[str, str], bytes] = {}
    with tarfile.open(path, "r:gz") as tar:
        for member in tar:
            if not member.isfile():
                continue
            parts = member.name.split("/")
            if len(parts) != 3 or parts[0] != TOP:
                continue
            _, folder, name = parts
            handle = tar.extractfile(member)
            if handle is None:
                continue
            data = handle.read()
            if folder in ("src", "susp"):
                texts[name] = data.decode("utf-8")
            elif folder in CLASSES and name == "pairs":
                lines = data.decode("utf-8").split("\n")
                pair_lists[folder] = [
                    (w[0], w[1]) for w in (line.split() for line in lines) if len(w) == 2
                ]
            elif folder in CLASSES and name.endswith(".xml"):
                xmls[(folder, name)] = data
    pairs = []
    for klass in CLASSES:
        for susp, src in pair_lists.get(klass, []):
            xml = xmls.get((klass, f"{susp[:-4]}-{src[:-4]}.xml"))
            cases = parse_cases(xml) if xml is not None else ()
            pairs.append(Pair(klass, susp, src, cases))
    return Corpus(pairs, texts)


def sample(
    corpus: Corpus, per_class: int | None, seed: int, classes: Sequence[str] = CLASSES
) -> list[Pair]:
    """``per_class`` pairs of each class drawn with ``seed`` (all of them when ``None``),
    in corpus order."""
    out: list[Pair] = []
    for klass, pairs in corpus.by_class().items():
        if klass not in classes:
            continue
        if per_class is None or per_class >= len(pairs):
            out.extend(pairs)
            continue
        chosen = set(random.Random(f"{seed}:{klass}").sample(range(len(pairs)), per_class))
        out.extend(p for i, p in enumerate(pairs) if i in chosen)
    return out
