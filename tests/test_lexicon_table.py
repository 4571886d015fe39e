"""WordNet from the table shipped with unspin: the same answers as WordNet's own files.

The tests that compare with the system's WordNet skip without Debian's ``wordnet-base``
(CI installs it); everything else runs from the shipped table or a tiny WordNet written here.
"""

from __future__ import annotations

import gzip
import itertools
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from benchmarks.spun_news import thesaurus
from scripts import build_lexicon

from unspin import lexicon, wordnet_table
from unspin.lexicon import WordNet, canonical, equivalence_keys, equivalent

REPO = Path(__file__).resolve().parents[1]
SYSTEM = next((Path(d) for d in lexicon.WORDNET_DIRS if (Path(d) / "index.noun").is_file()), None)
needs_system_wordnet = pytest.mark.skipif(
    SYSTEM is None, reason="no system WordNet to compare with (apt-get install wordnet-base)"
)

# Spinner swaps the seeds and the property tests rely on, found from the table alone.
SYNONYMS = [("talk", "discussion"), ("especially", "particularly"), ("agreement", "accord")]


class LegacyWordNet:
    """The reader of WordNet's dict folder that unspin used before the table, kept verbatim
    as the reference: the shipped table must answer exactly as it did."""

    def __init__(self, root: Path) -> None:
        self._synsets: dict[str, tuple[str, ...]] = {}
        self._members: dict[str, list[str]] = {}
        self._exceptions: dict[str, dict[str, str]] = {}
        self._related: dict[str, tuple[str, ...]] = {}
        for pos, name in {"n": "noun", "v": "verb", "a": "adj", "r": "adv"}.items():
            self._read_index(root / f"index.{name}", pos)
            self._exceptions[pos] = self._read_exceptions(root / f"{name}.exc")
            self._read_pointers(root / f"data.{name}", pos)

    def _read_index(self, path: Path, pos: str) -> None:
        with path.open(encoding="utf-8", errors="replace") as lines:
            for line in lines:
                if line.startswith(" "):
                    continue
                fields = line.split()
                n_synsets = int(fields[2])
                keys = tuple(pos + offset for offset in fields[-n_synsets:])
                self._synsets[fields[0]] = self._synsets.get(fields[0], ()) + keys
                for key in keys:
                    self._members.setdefault(key, []).append(fields[0])

    def _read_pointers(self, path: Path, pos: str) -> None:
        with path.open(encoding="utf-8", errors="replace") as lines:
            for line in lines:
                if line.startswith(" "):
                    continue
                fields = line.split("|", 1)[0].split()
                at = 4 + 2 * int(fields[3], 16)
                related = []
                for k in range(int(fields[at])):
                    symbol, offset, target_pos = fields[at + 1 + 4 * k : at + 4 + 4 * k]
                    if symbol in {"@", "@i", "&", "$", "+", "\\"}:
                        related.append(("a" if target_pos == "s" else target_pos) + offset)
                if related:
                    self._related[pos + fields[0]] = tuple(related)

    @staticmethod
    def _read_exceptions(path: Path) -> dict[str, str]:
        table: dict[str, str] = {}
        with path.open(encoding="utf-8", errors="replace") as lines:
            for line in lines:
                fields = line.split()
                if len(fields) >= 2:
                    table.setdefault(fields[0], fields[1])
        return table

    def lemmas(self, word: str) -> tuple[str, ...]:
        found: list[str] = []
        if word in self._synsets:
            found.append(word)
        for pos, rules in lexicon._DETACH.items():
            base = self._exceptions[pos].get(word)
            if base and base in self._synsets and base not in found:
                found.append(base)
            for suffix, ending in rules:
                if word.endswith(suffix) and len(word) > len(suffix) + 1:
                    base = word[: len(word) - len(suffix)] + ending
                    if base in self._synsets and base not in found:
                        found.append(base)
        return tuple(found)

    def synsets(self, word: str) -> frozenset[str]:
        return frozenset(key for lemma in self.lemmas(word) for key in self._synsets[lemma])

    def neighbourhood(self, word: str) -> frozenset[str]:
        own = self.synsets(word)
        return own | {related for key in own for related in self._related.get(key, ())}

    def representative(self, word: str) -> str | None:
        lemmas = self.lemmas(word)
        return min(self._members[self._synsets[lemmas[0]][0]]) if lemmas else None


def _sample_words(net: LegacyWordNet) -> list[str]:
    """Lemmas, irregular forms, inflections morphy undoes, and words WordNet lacks."""
    lemmas = sorted(net._synsets)
    words = lemmas[::3]
    words += sorted(form for forms in net._exceptions.values() for form in forms)
    endings = ("s", "es", "ies", "ed", "ing", "er", "est", "men")
    words += [lemma + ending for lemma in lemmas[1::29] for ending in endings]
    return [*words, "", "s", "xyzzy", "the", "1,550", "russia's"]


def _seed_words() -> list[str]:
    text = " ".join(p.read_text(encoding="utf-8") for p in sorted((REPO / "examples").glob("*")))
    return list(dict.fromkeys(re.findall(r"[a-z][a-z']*", text.lower())))


@pytest.fixture(scope="module")
def legacy() -> LegacyWordNet:
    assert SYSTEM is not None
    return LegacyWordNet(SYSTEM)


@pytest.fixture
def fresh_caches() -> Iterator[None]:
    lexicon.clear_caches()
    yield
    lexicon.clear_caches()


@pytest.fixture
def no_system_wordnet(monkeypatch: pytest.MonkeyPatch, fresh_caches: None) -> None:
    """No system WordNet anywhere unspin looks; the shipped table is all there is."""
    monkeypatch.delenv(lexicon.WORDNET_ENV, raising=False)
    monkeypatch.setattr(lexicon, "WORDNET_DIRS", ())
    monkeypatch.setattr(lexicon, "_notice_shown", False)


# --- the same answers as the dict folder ---------------------------------------------------


@needs_system_wordnet
def test_the_shipped_table_holds_what_the_build_reads_from_the_system_wordnet() -> None:
    assert SYSTEM is not None
    assert wordnet_table.load() == wordnet_table.read_dict_folder(SYSTEM)


@needs_system_wordnet
def test_the_shipped_table_answers_every_lookup_like_the_old_reader_of_the_dict_folder(
    legacy: LegacyWordNet,
) -> None:
    table = WordNet.from_table(wordnet_table.SHIPPED_TABLE)
    words = _sample_words(legacy)
    assert len(words) > 90_000
    for word in words:
        assert table.lemmas(word) == legacy.lemmas(word), word
        assert table.synsets(word) == legacy.synsets(word), word
        assert table.neighbourhood(word) == legacy.neighbourhood(word), word
        assert table.representative(word) == legacy.representative(word), word


@needs_system_wordnet
def test_canonical_forms_keys_and_synonyms_do_not_depend_on_the_source(
    monkeypatch: pytest.MonkeyPatch, legacy: LegacyWordNet, fresh_caches: None
) -> None:
    words = [*_seed_words(), *_sample_words(legacy)[::40]]
    pairs = [*itertools.pairwise(words), *SYNONYMS]
    pairs += [(a, b) for a in words[:60] for b in words[:60]]

    def answers() -> tuple[list[object], list[bool]]:
        lexicon.clear_caches()
        per_word: list[object] = []
        for word in words:
            per_word += [canonical(word), equivalence_keys(word), lexicon._synset_keys(word)]
        return per_word, [equivalent(a, b) for a, b in pairs]

    def source() -> Path | None:
        net = lexicon.wordnet()
        return None if net is None else net.source

    monkeypatch.delenv(lexicon.WORDNET_ENV, raising=False)
    from_table = answers()
    assert source() == wordnet_table.SHIPPED_TABLE
    monkeypatch.setenv(lexicon.WORDNET_ENV, str(SYSTEM))
    from_folder = answers()
    assert source() == SYSTEM
    assert from_table == from_folder
    assert sum(from_table[1]) > len(SYNONYMS)  # some pairs are synonyms, not only itself


@needs_system_wordnet
def test_the_benchmark_spinner_reads_the_same_thesaurus_from_the_table() -> None:
    assert SYSTEM is not None
    assert thesaurus.from_table(wordnet_table.load()) == thesaurus.load_folder(SYSTEM)


# --- without a system WordNet ----------------------------------------------------------------


def test_synonyms_work_from_the_shipped_table_alone(
    no_system_wordnet: None, capsys: pytest.CaptureFixture[str]
) -> None:
    assert lexicon.find_wordnet() is None
    net = lexicon.wordnet()
    assert net is not None and net.source == wordnet_table.SHIPPED_TABLE
    for a, b in SYNONYMS:
        assert equivalent(a, b), (a, b)
    assert canonical("especially") == canonical("particularly")
    assert canonical("capabilities") == canonical("capability")
    assert not equivalent("company", "alliance")
    assert capsys.readouterr().err == ""


def test_the_shipped_table_comes_before_the_system_wordnet(
    monkeypatch: pytest.MonkeyPatch, fresh_caches: None, tmp_path: Path
) -> None:
    monkeypatch.delenv(lexicon.WORDNET_ENV, raising=False)
    (tmp_path / "index.noun").write_text("", encoding="utf-8")
    monkeypatch.setattr(lexicon, "WORDNET_DIRS", (str(tmp_path),))
    assert lexicon.wordnet_source() == wordnet_table.SHIPPED_TABLE


@needs_system_wordnet
def test_the_system_wordnet_stands_in_when_the_shipped_table_is_missing(
    monkeypatch: pytest.MonkeyPatch, fresh_caches: None, tmp_path: Path
) -> None:
    monkeypatch.delenv(lexicon.WORDNET_ENV, raising=False)
    monkeypatch.setattr(lexicon, "SHIPPED_TABLE", tmp_path / "missing.txt.gz")
    net = lexicon.wordnet()
    assert net is not None and net.source == SYSTEM
    assert equivalent("talk", "discussion")


def test_unspin_wordnet_may_name_a_table_file(
    monkeypatch: pytest.MonkeyPatch, fresh_caches: None, tmp_path: Path
) -> None:
    copy = tmp_path / "wordnet.txt.gz"
    copy.write_bytes(wordnet_table.SHIPPED_TABLE.read_bytes())
    monkeypatch.setenv(lexicon.WORDNET_ENV, str(copy))
    net = lexicon.wordnet()
    assert net is not None and net.source == copy


@pytest.mark.parametrize("kind", ["missing", "empty folder", "damaged file"])
def test_an_override_that_is_not_wordnet_turns_synonyms_off_and_says_why(
    kind: str,
    monkeypatch: pytest.MonkeyPatch,
    fresh_caches: None,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    target = tmp_path / "wordnet"
    if kind == "empty folder":
        target.mkdir()
    elif kind == "damaged file":
        target.write_bytes(b"not a table")
    monkeypatch.setenv(lexicon.WORDNET_ENV, str(target))
    monkeypatch.setattr(lexicon, "_notice_shown", False)
    # Never silently replaced by the shipped table: the user asked for another WordNet.
    assert lexicon.wordnet() is None
    assert not equivalent("talk", "discussion")
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and str(target) in err
    assert f"unset {lexicon.WORDNET_ENV}" in err


def test_a_table_built_without_the_pointers_unspin_follows_is_refused(tmp_path: Path) -> None:
    table = wordnet_table.load()
    partial = wordnet_table.Table(
        table.senses, table.synsets, table.exceptions, frozenset({"@", "@i"})
    )
    with pytest.raises(ValueError, match="build_lexicon"):
        WordNet(partial, tmp_path / "partial.txt.gz")


def test_the_licence_notice_ships_beside_the_table() -> None:
    notice = (wordnet_table.SHIPPED_TABLE.parent / build_lexicon.LICENSE_NAME).read_text()
    assert build_lexicon.VERSION_LINE in notice
    assert "Permission to use, copy, modify and distribute" in notice


def test_the_table_and_its_licence_are_package_data() -> None:
    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    assert '"data/wordnet-3.0.txt.gz"' in pyproject
    assert '"data/WORDNET-LICENSE"' in pyproject


# --- the format, on a tiny WordNet -----------------------------------------------------------

LICENCE = "  1 This software and database is being provided\n  2 WordNet 3.0 Copyright 2006 by Princeton University.  All rights reserved.\n"  # noqa: E501
TINY = {
    "index.noun": [
        "alliance n 2 1 @ 2 0 00000100 00000200  ",
        "confederation n 1 1 @ 1 0 00000100  ",
        "union n 1 1 @ 1 0 00000200  ",
        "treaty n 1 0 1 0 00000300  ",
    ],
    "data.noun": [
        "00000100 14 n 02 alliance 0 confederation 0 002 @ 00000300 n 0000 ! 00000200 n 0101"
        " | an organization of people (or countries) involved in a pact or treaty  ",
        "00000200 14 n 02 Union 0 alliance 1 001 + 00000010 a 0101 | the state of being joined  ",
        "00000300 10 n 01 treaty 0 000 | a written agreement  ",
    ],
    "noun.exc": ["alliances alliance", "alliances treaty", "unions union other"],
    "index.verb": ["ally v 1 0 1 0 00000020  ", "alliance v 1 0 1 0 00000020  "],
    "data.verb": ["00000020 41 v 02 ally 0 alliance 0 001 @ 00000020 v 0000 02 + 08 00 | x  "],
    "index.adj": ["allied a 1 0 1 0 00000010  "],
    "data.adj": ["00000010 00 s 01 allied(a) 0 001 & 00000011 a 0000 | joined  "],
    "index.adv": [],
    "data.adv": [],
}


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    for name, lines in TINY.items():
        header = LICENCE if name.startswith("index.noun") else ""
        (tmp_path / name).write_text(header + "".join(f"{x}\n" for x in lines), encoding="utf-8")
    return tmp_path


def test_the_folder_reader_keeps_senses_members_pointers_and_the_first_exception(
    tiny: Path,
) -> None:
    table = wordnet_table.read_dict_folder(tiny)
    # Senses in index order, nouns before verbs.
    assert table.senses["alliance"] == "n00000100 n00000200 v00000020"
    # Members as index lemmas (lower case, no adjective marker) in data order; antonyms (!)
    # dropped; a satellite target is an adjective key.
    assert table.synsets["n00000200"] == "union alliance|+a00000010"
    assert table.synsets["a00000010"] == "allied|&a00000011"
    assert wordnet_table.members(table.synsets["n00000100"]) == ["alliance", "confederation"]
    assert wordnet_table.pointers(table.synsets["n00000100"]) == [("@", "n00000300")]
    assert table.exceptions["n"] == {"alliances": "alliance", "unions": "union"}
    assert table.exceptions["r"] == {}


def test_a_table_reads_back_as_written_and_is_plain_text_inside(tiny: Path) -> None:
    table = wordnet_table.read_dict_folder(tiny)
    blob = wordnet_table.dumps(table)
    assert wordnet_table.loads(blob) == table
    assert wordnet_table.dumps(table) == blob  # reproducible: no timestamp
    lines = gzip.decompress(blob).decode().splitlines()
    assert lines[0] == "unspin-wordnet 1 $ & + @ @i \\"
    assert lines[1] == f"lemmas {len(table.senses)}"


@pytest.mark.parametrize("blob", [b"", b"not gzip", gzip.compress(b"unspin-wordnet 2\n")])
def test_what_is_not_a_table_is_refused(blob: bytes) -> None:
    with pytest.raises(ValueError, match="table"):
        wordnet_table.loads(blob)


def test_a_truncated_table_is_refused(tiny: Path) -> None:
    text = gzip.decompress(wordnet_table.dumps(wordnet_table.read_dict_folder(tiny))).decode()
    cut = "\n".join(text.splitlines()[:-3])
    with pytest.raises(ValueError, match="damaged"):
        wordnet_table.loads(gzip.compress(cut.encode()))


def test_the_tiny_table_answers_like_its_folder(tiny: Path) -> None:
    folder = WordNet.from_folder(tiny)
    table_path = tiny / "table.txt.gz"
    table_path.write_bytes(wordnet_table.dumps(wordnet_table.read_dict_folder(tiny)))
    table = WordNet.from_table(table_path)
    for word in ["alliance", "alliances", "unions", "allied", "ally", "allies", "treaty", "x"]:
        assert table.lemmas(word) == folder.lemmas(word)
        assert table.neighbourhood(word) == folder.neighbourhood(word)
        assert table.representative(word) == folder.representative(word)
    assert folder.representative("alliances") == "alliance"
    assert folder.neighbourhood("union") == {"n00000200", "a00000010"}
    assert thesaurus.from_table(wordnet_table.read_dict_folder(tiny)) == thesaurus.load_folder(tiny)


def test_the_build_script_writes_the_table_and_the_licence_notice(
    tiny: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    out = tmp_path_factory.mktemp("data")
    assert build_lexicon.main([str(tiny), "--out", str(out)]) == 0
    assert wordnet_table.load(out / "wordnet-3.0.txt.gz") == wordnet_table.read_dict_folder(tiny)
    notice = (out / "WORDNET-LICENSE").read_text(encoding="utf-8")
    assert "This software and database is being provided" in notice
    assert "  1 " not in notice  # the line numbers of index.noun are dropped


def test_the_build_script_refuses_another_wordnet_release(tiny: Path, tmp_path: Path) -> None:
    index = tiny / "index.noun"
    index.write_text(index.read_text().replace("3.0 Copyright 2006", "3.1 Copyright 2011"))
    with pytest.raises(ValueError, match=r"not WordNet 3\.0"):
        build_lexicon.build(tiny, tmp_path / "out")
