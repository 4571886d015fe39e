"""Build the WordNet table that ships inside unspin, from a WordNet 3.0 dict folder.

    python scripts/build_lexicon.py [DICT_FOLDER] [--out FOLDER]

``DICT_FOLDER`` defaults to Debian's ``/usr/share/wordnet`` (``apt-get install
wordnet-base``); ``--out`` to ``src/unspin/data``. Writes ``wordnet-3.0.txt.gz`` (the table,
format in ``unspin.wordnet_table``) and ``WORDNET-LICENSE`` (the licence notice from the
header of WordNet's own ``index.noun``, which its licence asks to keep with every copy).
The same folder always gives the same bytes, so a rebuild shows in ``git status`` only when
WordNet or the format changed.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from unspin import wordnet_table

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DICT = Path("/usr/share/wordnet")
DEFAULT_OUT = REPO / "src" / "unspin" / "data"
LICENSE_NAME = "WORDNET-LICENSE"
# The line of the licence header that names the release; a folder without it is another
# WordNet (3.1 has other synset offsets) and would be mislabelled as 3.0.
VERSION_LINE = "WordNet 3.0 Copyright 2006 by Princeton University."


def licence_notice(root: Path) -> str:
    """The licence header of ``index.noun`` (its numbered lines that start with a space)."""
    header: list[str] = []
    with (root / "index.noun").open(encoding="utf-8", errors="replace") as lines:
        for line in lines:
            if not line.startswith(" "):
                break
            number, _, text = line.strip("\n").lstrip().partition(" ")
            if not number.isdigit():
                raise ValueError(f"unexpected licence header line in index.noun: {line!r}")
            header.append(text.rstrip())
    if not any(VERSION_LINE in line for line in header):
        raise ValueError(f"{root} is not WordNet 3.0: its licence header lacks {VERSION_LINE!r}")
    intro = (
        f"unspin's {wordnet_table.SHIPPED_TABLE.name} holds the lemmas, synsets, pointers and\n"
        "exception lists of WordNet 3.0, read from its index.*, data.* and *.exc files by\n"
        "scripts/build_lexicon.py. WordNet is distributed under the following licence:\n"
    )
    return intro + "\n" + "\n".join(header).strip("\n") + "\n"


def build(root: Path, out: Path) -> tuple[Path, Path]:
    notice = licence_notice(root)
    table = wordnet_table.read_dict_folder(root)
    blob = wordnet_table.dumps(table)
    if wordnet_table.loads(blob) != table:
        raise AssertionError("the table does not read back as written")
    out.mkdir(parents=True, exist_ok=True)
    table_path = out / wordnet_table.SHIPPED_TABLE.name
    licence_path = out / LICENSE_NAME
    table_path.write_bytes(blob)
    licence_path.write_text(notice, encoding="utf-8")
    return table_path, licence_path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dict_folder", nargs="?", type=Path, default=DEFAULT_DICT)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    if not (args.dict_folder / "index.noun").is_file():
        print(f"build_lexicon: no WordNet dict folder at {args.dict_folder}", file=sys.stderr)
        return 2
    started = time.perf_counter()
    table_path, licence_path = build(args.dict_folder, args.out)
    table = wordnet_table.load(table_path)
    print(
        f"{table_path}: {table_path.stat().st_size / 1e6:.2f} MB, {len(table.senses)} lemmas, "
        f"{len(table.synsets)} synsets ({time.perf_counter() - started:.1f} s)\n{licence_path}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
