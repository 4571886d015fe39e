"""A thesaurus in the way article spinners use one, read from WordNet 3.0's own files.

Written independently of ``unspin.lexicon`` (which also reads WordNet) so that the benchmark
shares the word list with unspin but not its code or its choices: a spinner here takes lemmas
of *any* sense of a word, multi-word lemmas, and sometimes a hypernym, which unspin's
synonym classes do not all cover. Without the system WordNet it reads the same facts from
the table shipped with unspin (``unspin.wordnet_table``); both give the same `Thesaurus`
(``tests/test_lexicon_table.py``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from unspin import wordnet_table

WORDNET_DIR = Path("/usr/share/wordnet")
_POS_NAMES = {"n": "noun", "v": "verb", "a": "adj", "r": "adv"}
# morphy(7WN) suffix rules, used to find the lemma of an inflected word.
_SUFFIXES = {
    "n": (("ies", "y"), ("ches", "ch"), ("shes", "sh"), ("ses", "s"), ("xes", "x"), ("s", "")),
    "v": (("ies", "y"), ("ing", "e"), ("ing", ""), ("ed", "e"), ("ed", ""), ("es", ""), ("s", "")),
    "a": (("est", ""), ("er", ""), ("est", "e"), ("er", "e")),
    "r": (),
}


@dataclass
class Thesaurus:
    """Lemma -> synsets (most frequent sense first), synset -> lemmas and hypernyms."""

    senses: dict[tuple[str, str], tuple[str, ...]] = field(default_factory=dict)
    members: dict[str, tuple[str, ...]] = field(default_factory=dict)
    hypernyms: dict[str, tuple[str, ...]] = field(default_factory=dict)
    exceptions: dict[tuple[str, str], str] = field(default_factory=dict)

    def lemma(self, word: str) -> tuple[str, str, str] | None:
        """``(lemma, part of speech, suffix removed)`` for the first reading WordNet knows."""
        # Irregular forms first, so "said" reads as the verb "say", not the adjective "said".
        for pos in ("v", "n", "a"):
            base = self.exceptions.get((word, pos))
            if base and (base, pos) in self.senses:
                return base, pos, "irregular"
        for pos in ("n", "v", "a", "r"):
            if (word, pos) in self.senses:
                return word, pos, ""
        for pos in ("n", "v", "a"):
            for suffix, ending in _SUFFIXES[pos]:
                if word.endswith(suffix) and len(word) - len(suffix) >= 3:
                    base = word[: len(word) - len(suffix)] + ending
                    if (base, pos) in self.senses:
                        return base, pos, suffix
        return None

    def synonyms(self, lemma: str, pos: str) -> list[str]:
        """Lemmas of every sense of ``lemma``, in sense order, without ``lemma`` itself."""
        found: list[str] = []
        for key in self.senses.get((lemma, pos), ()):
            for member in self.members[key]:
                if member != lemma and member not in found:
                    found.append(member)
        return found

    def broader(self, lemma: str, pos: str) -> list[str]:
        """Lemmas of the hypernyms of the word's first two senses ("car" -> "motor vehicle")."""
        found: list[str] = []
        for key in self.senses.get((lemma, pos), ())[:2]:
            for parent in self.hypernyms.get(key, ()):
                found.extend(m for m in self.members[parent] if m not in found)
        return found


def available() -> bool:
    """Whether `load` finds WordNet: the system's dict folder or unspin's shipped table."""
    return (WORDNET_DIR / "index.noun").is_file() or wordnet_table.SHIPPED_TABLE.is_file()


def load(root: Path | None = None) -> Thesaurus | None:
    """WordNet from ``root``, or by default from `WORDNET_DIR` if it is installed, else from
    the table shipped with unspin; ``None`` if there is neither."""
    folder = WORDNET_DIR if root is None else root
    if (folder / "index.noun").is_file():
        return load_folder(folder)
    if root is None and wordnet_table.SHIPPED_TABLE.is_file():
        return from_table(wordnet_table.load())
    return None


def from_table(table: wordnet_table.Table) -> Thesaurus:
    """The thesaurus of an unspin WordNet table (the same facts as the dict folder's)."""
    thesaurus = Thesaurus()
    for lemma, keys in table.senses.items():
        by_pos: dict[str, list[str]] = {}
        for key in keys.split():
            by_pos.setdefault(key[0], []).append(key)
        for pos, pos_keys in by_pos.items():
            thesaurus.senses[(lemma, pos)] = tuple(pos_keys)
    for key, entry in table.synsets.items():
        thesaurus.members[key] = tuple(wordnet_table.members(entry))
        parents = [t for symbol, t in wordnet_table.pointers(entry) if symbol in ("@", "@i")]
        if parents:
            thesaurus.hypernyms[key] = tuple(parents)
    for pos, forms in table.exceptions.items():
        for form, base in forms.items():
            thesaurus.exceptions[(form, pos)] = base
    return thesaurus


def load_folder(root: Path) -> Thesaurus:
    """Parse ``index.*``, ``data.*`` and ``*.exc`` (wndb(5WN)) of a WordNet dict folder."""
    thesaurus = Thesaurus()
    for pos, name in _POS_NAMES.items():
        _read_data(root / f"data.{name}", pos, thesaurus)
        _read_index(root / f"index.{name}", pos, thesaurus)
        exc = root / f"{name}.exc"
        if exc.is_file():
            for line in exc.read_text(encoding="utf-8", errors="replace").splitlines():
                parts = line.split()
                if len(parts) >= 2:
                    thesaurus.exceptions.setdefault((parts[0], pos), parts[1])
    return thesaurus


def _read_index(path: Path, pos: str, thesaurus: Thesaurus) -> None:
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        if line.startswith(" "):  # the licence header
            continue
        fields = line.split()
        count = int(fields[2])
        thesaurus.senses[(fields[0], pos)] = tuple(pos + offset for offset in fields[-count:])


def _read_data(path: Path, pos: str, thesaurus: Thesaurus) -> None:
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        if line.startswith(" "):
            continue
        fields = line.split("|", 1)[0].split()
        n_words = int(fields[3], 16)
        # Adjective lemmas carry a syntactic marker like "(a)" or "(p)"; spinners drop it.
        words = tuple(fields[4 + 2 * i].split("(")[0].lower() for i in range(n_words))
        key = pos + fields[0]
        thesaurus.members[key] = words
        at = 4 + 2 * n_words
        parents = []
        for k in range(int(fields[at])):
            symbol, offset, target = fields[at + 1 + 4 * k : at + 4 + 4 * k]
            if symbol in ("@", "@i"):
                parents.append(("a" if target == "s" else target) + offset)
        if parents:
            thesaurus.hypernyms[key] = tuple(parents)
