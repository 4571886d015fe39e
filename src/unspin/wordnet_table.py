"""WordNet 3.0 as a compact table shipped inside unspin, and the reader of WordNet's own files.

No PyPI package ships WordNet's synsets, so unspin carries the part of WordNet 3.0 it reads
(``data/wordnet-3.0.txt.gz``, built by ``scripts/build_lexicon.py`` from the dict folder of
Debian's ``wordnet-base``; the licence notice is ``data/WORDNET-LICENSE``). The same
`read_dict_folder` serves the build and the ``UNSPIN_WORDNET`` override, so a table and the
folder it was built from hold the same `Table`.

The table is UTF-8 text, gzip-compressed (``gzip -dc`` shows it): a header line, then
sections, each opened by a line ``<name> <count of lines that follow>``::

    unspin-wordnet 1 <pointer symbols kept, space-separated>
    lemmas 147306
    'hood n08641944                     lemma, then its synset keys: the senses of
    ...                                 index.noun, index.verb, index.adj, index.adv in turn
    synsets 117659
    n08641944 'hood|@n08641113          key, member lemmas in data-file order, "|", pointers
    ...                                 (symbol then target key) in data-file order
    exceptions.n 2050                   one per part of speech: n, v, a, r
    aardwolves aardwolf                 inflected form, base form (the first one listed)

A synset key is the part of speech (``n v a r``; satellite adjectives are ``a``) followed by
the 8-digit byte offset of the synset in its data file, as WordNet's index files spell it.
Member lemmas are spelled as in the index files: lower case, adjective markers such as
``(a)`` dropped. Only the pointers in `POINTERS` are kept.
"""

from __future__ import annotations

import gzip
import zlib
from dataclasses import dataclass
from operator import methodcaller
from pathlib import Path

FORMAT = "unspin-wordnet 1"
SHIPPED_TABLE = Path(__file__).parent / "data" / "wordnet-3.0.txt.gz"
POS_FILES = {"n": "noun", "v": "verb", "a": "adj", "r": "adv"}
KEY_LENGTH = 9  # part of speech + 8-digit offset

# Pointer symbols of wndb(5WN) that the table keeps: those `unspin.lexicon` follows one step
# for its synonym neighbourhood (hypernym @, instance hypernym @i, similar-to &, verb group $,
# derivation +, pertainym \), which include the hypernyms that the spun-news benchmark's
# spinner offers as broader words. Other pointers (antonyms, meronyms, ...) are left out.
POINTERS = frozenset({"@", "@i", "&", "$", "+", "\\"})

# gzip level of the shipped table. Measured on WordNet 3.0 (9.8 MB of text): level 9 gives
# 3.5 MB and decompresses in 0.04 s; xz gives 2.6 MB but takes 0.15 s, a third of the time
# unspin spends loading the table, on every run.
_GZIP_LEVEL = 9

_split_first = methodcaller("split", " ", 1)


@dataclass(frozen=True)
class Table:
    """What unspin reads of WordNet, as strings that are split only when a word is looked up.

    ``senses``: lemma → space-separated synset keys, most frequent sense first within each
    part of speech, parts of speech in the order n, v, a, r. ``synsets``: key → member
    lemmas (space-separated), ``|``, kept pointers (space-separated ``symbol + key``).
    ``exceptions``: part of speech → inflected form → base form (morphy's ``*.exc`` lists).
    """

    senses: dict[str, str]
    synsets: dict[str, str]
    exceptions: dict[str, dict[str, str]]
    pointers: frozenset[str]


def members(entry: str) -> list[str]:
    """Member lemmas of a `Table.synsets` entry, in data-file order."""
    return entry.partition("|")[0].split()


def pointers(entry: str) -> list[tuple[str, str]]:
    """``(symbol, target key)`` of a `Table.synsets` entry, in data-file order."""
    return [(token[:-KEY_LENGTH], token[-KEY_LENGTH:]) for token in entry.partition("|")[2].split()]


def read_dict_folder(root: Path, kept: frozenset[str] = POINTERS) -> Table:
    """Read WordNet's ``index.*``, ``data.*`` and ``*.exc`` files (wndb(5WN), morphy(7WN)).

    Raises `FileNotFoundError` when an index or data file is missing; exception lists are
    optional, as in WordNet's own morphy.
    """
    senses: dict[str, list[str]] = {}
    synsets: dict[str, str] = {}
    exceptions: dict[str, dict[str, str]] = {}
    for pos, name in POS_FILES.items():
        with (root / f"index.{name}").open(encoding="utf-8", errors="replace") as lines:
            for line in lines:
                if line.startswith(" "):  # licence header
                    continue
                fields = line.split()
                n_synsets = int(fields[2])
                senses.setdefault(fields[0], []).extend(
                    pos + offset for offset in fields[-n_synsets:]
                )
        with (root / f"data.{name}").open(encoding="utf-8", errors="replace") as lines:
            for line in lines:
                if line.startswith(" "):
                    continue
                fields = line.split("|", 1)[0].split()
                n_words = int(fields[3], 16)
                words = [fields[4 + 2 * i].split("(")[0].lower() for i in range(n_words)]
                at = 4 + 2 * n_words
                related = []
                for k in range(int(fields[at])):
                    symbol, offset, target_pos = fields[at + 1 + 4 * k : at + 4 + 4 * k]
                    if symbol in kept:
                        related.append(symbol + ("a" if target_pos == "s" else target_pos) + offset)
                synsets[pos + fields[0]] = " ".join(words) + "|" + " ".join(related)
        table: dict[str, str] = {}
        path = root / f"{name}.exc"
        if path.exists():
            with path.open(encoding="utf-8", errors="replace") as lines:
                for line in lines:
                    fields = line.split()
                    if len(fields) >= 2:
                        table.setdefault(fields[0], fields[1])
        exceptions[pos] = table
    return Table(
        {lemma: " ".join(keys) for lemma, keys in senses.items()}, synsets, exceptions, kept
    )


def dumps(table: Table) -> bytes:
    """The table's file: text as described in the module docstring, gzip-compressed.

    The same table gives the same bytes (no timestamp in the gzip header).
    """
    for lemma in table.senses:
        if " " in lemma or "\n" in lemma:
            raise ValueError(f"lemma {lemma!r} cannot be written to the table")
    lines = [" ".join([FORMAT, *sorted(table.pointers)])]
    lines.append(f"lemmas {len(table.senses)}")
    lines += [f"{lemma} {keys}" for lemma, keys in table.senses.items()]
    lines.append(f"synsets {len(table.synsets)}")
    lines += [f"{key} {entry}" for key, entry in table.synsets.items()]
    for pos in POS_FILES:
        forms = table.exceptions.get(pos, {})
        lines.append(f"exceptions.{pos} {len(forms)}")
        lines += [f"{form} {base}" for form, base in forms.items()]
    text = "\n".join(lines) + "\n"
    return gzip.compress(text.encode("utf-8"), compresslevel=_GZIP_LEVEL, mtime=0)


def loads(blob: bytes) -> Table:
    """Parse a table written by `dumps`; `ValueError` if it is not one."""
    try:
        text = gzip.decompress(blob).decode("utf-8")
    except (OSError, EOFError, zlib.error, UnicodeDecodeError) as error:
        raise ValueError(f"not an unspin WordNet table: {error}") from None
    lines = text.split("\n")
    header = lines[0].split(" ")
    if " ".join(header[:2]) != FORMAT:
        raise ValueError(f"not an unspin WordNet table (header {lines[0][:40]!r})")
    sections: dict[str, list[str]] = {}
    at = 1
    try:
        while at < len(lines) and lines[at]:
            name, count = lines[at].split(" ")
            sections[name] = lines[at + 1 : at + 1 + int(count)]
            if len(sections[name]) != int(count):
                raise ValueError(f"section {name} is cut short")
            at += 1 + int(count)
        senses: dict[str, str] = dict(map(_split_first, sections["lemmas"]))
        synsets: dict[str, str] = dict(map(_split_first, sections["synsets"]))
        exceptions = {
            pos: dict(map(_split_first, sections[f"exceptions.{pos}"])) for pos in POS_FILES
        }
    except (KeyError, ValueError) as error:
        raise ValueError(f"a damaged unspin WordNet table (near line {at + 1}: {error})") from None
    return Table(senses, synsets, exceptions, frozenset(header[2:]))


def load(path: Path = SHIPPED_TABLE) -> Table:
    """Read a table file (by default the one shipped with unspin)."""
    return loads(path.read_bytes())
