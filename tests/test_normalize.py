"""Normalization: Unicode folding, tokens and sentences with offsets into the unchanged text.

The text of a document is never rewritten. Every token and sentence is a span of the original
string, so a passage found on folded forms can always be shown as the reader wrote it.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests import stories

from unspin.lexicon import canonical
from unspin.normalize import fold, sentence_spans, tokenize


def surfaces(text: str) -> list[str]:
    tokens = tokenize(text)
    return [text[s:e] for s, e in zip(tokens.starts, tokens.ends, strict=True)]


def sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in sentence_spans(text)]


# --- fold ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("\u201cPeace\u201d", '"Peace"'),  # curly double quotes
        ("\u00abPeace\u00bb", '"Peace"'),  # guillemets
        ("Putin\u2019s", "Putin's"),  # curly apostrophe
        ("\u2018yes\u2019", "'yes'"),
        ("Russia\u2013China", "Russia-China"),  # en dash
        ("war \u2014 and peace", "war - and peace"),  # em dash
        ("\u22125", "-5"),  # minus sign
        ("10\u00a0km", "10 km"),  # no-break space
        ("10\u202fkm", "10 km"),  # narrow no-break space
        ("zero\u200bwidth", "zerowidth"),  # zero-width space disappears
        ("\ufb01nal", "final"),  # NFKC: the "fi" ligature
        ("\uff21\uff22\uff23", "ABC"),  # NFKC: full-width letters
    ],
)
def test_fold_gives_one_spelling_for_quotes_dashes_and_spaces(raw: str, folded: str) -> None:
    assert fold(raw) == folded


def test_fold_leaves_plain_ascii_alone() -> None:
    text = 'Putin said on Thursday: "It\'s possible." - Reuters'
    assert fold(text) == text


@pytest.mark.parametrize(
    "text", ["\u201cIt\u2019s\u00a0over\u201d \u2014 he said", "plain", "", "\u2033\u2032\u00b4"]
)
def test_fold_is_idempotent_on_examples(text: str) -> None:
    assert fold(fold(text)) == fold(text)


@given(st.text())
def test_fold_is_idempotent(text: str) -> None:
    once = fold(text)
    assert fold(once) == once


# --- tokens --------------------------------------------------------------------------------


def test_tokens_are_spans_of_the_original_text() -> None:
    text = "\u201cRussia\u2019s army,\u201d said Putin\u00a0\u2014 not China."
    tokens = tokenize(text)
    assert tokens.text is text
    assert surfaces(text) == ["Russia\u2019s", "army", "said", "Putin", "not", "China"]


def test_token_norms_are_folded_and_lower_case() -> None:
    tokens = tokenize("\u201cRussia\u2019s ARMY\u201d, said \uff30utin")
    assert tokens.norms == ("russia's", "army", "said", "putin")


@pytest.mark.parametrize("number", ["1,550", "3.5", "2,000,000", "1.2"])
def test_a_grouped_or_decimal_number_is_one_token(number: str) -> None:
    text = f"The treaty caps warheads at {number}, officials said."
    assert number in surfaces(text)


def test_a_number_keeps_its_grouping_in_norm() -> None:
    tokens = tokenize("1,550 warheads")
    assert tokens.norms[0] == "1,550"
    assert tokens.canons[0] == "1550"


def test_inner_apostrophes_stay_in_the_word() -> None:
    assert surfaces("Don't touch China's fleet") == ["Don't", "touch", "China's", "fleet"]


def test_underscores_and_punctuation_separate_tokens() -> None:
    assert surfaces("snake_case -- e-mail (yes)") == ["snake", "case", "e", "mail", "yes"]


def test_empty_text_has_no_tokens_and_no_sentences() -> None:
    tokens = tokenize("")
    assert len(tokens) == 0
    assert tokens.sentences == ()
    assert sentence_spans("   \n\t ") == []


# --- sentences -----------------------------------------------------------------------------


def test_titles_initials_and_abbreviations_do_not_end_a_sentence() -> None:
    text = "Mr. Smith met J. Doe in the U.S. on Monday. He left."
    assert sentences(text) == ["Mr. Smith met J. Doe in the U.S. on Monday.", "He left."]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "It is a problem for the community.'We urge you to act,' they wrote.",
            ["It is a problem for the community.'", "We urge you to act,' they wrote."],
        ),
        (
            'Every nation has the right to develop". States Parties shall cooperate.',
            ['Every nation has the right to develop".', "States Parties shall cooperate."],
        ),
        (
            "Talks ended.The ministers left.",
            ["Talks ended.", "The ministers left."],
        ),
    ],
)
def test_sentences_glued_together_by_content_farms_are_split(
    text: str, expected: list[str]
) -> None:
    assert sentences(text) == expected


def test_a_question_and_an_exclamation_end_sentences() -> None:
    assert sentences("Is it war? No! It is peace.") == ["Is it war?", "No!", "It is peace."]


def test_a_decimal_point_does_not_end_a_sentence() -> None:
    assert sentences("Growth was 3.5 percent in 2020. It fell later.") == [
        "Growth was 3.5 percent in 2020.",
        "It fell later.",
    ]


def test_every_line_break_ends_a_sentence() -> None:
    text = "Putin speaks out\nHe said an alliance is possible\n\nREAD MORE: Other story"
    assert sentences(text) == [
        "Putin speaks out",
        "He said an alliance is possible",
        "READ MORE: Other story",
    ]


@pytest.mark.parametrize("brk", ["\r", "\u2028"], ids=["old-mac-cr", "line-separator"])
def test_other_line_breaks_end_a_sentence_too(brk: str) -> None:
    text = f"Putin speaks out{brk}READ MORE: Other story{brk}He said an alliance is possible"
    assert sentences(text) == [
        "Putin speaks out",
        "READ MORE: Other story",
        "He said an alliance is possible",
    ]


def test_windows_line_breaks_are_line_breaks_too() -> None:
    text = "Headline here\r\nFirst line of the story.\r\n\r\nSecond paragraph.\r\n"
    spans = sentence_spans(text)
    assert [text[s:e] for s, e in spans] == [
        "Headline here",
        "First line of the story.",
        "Second paragraph.",
    ]
    assert all("\r" not in text[s:e] and "\n" not in text[s:e] for s, e in spans)


def test_sentence_spans_are_trimmed_and_inside_the_text() -> None:
    text = "  \t First one.   Second one!  \n\n   Third one  \r\n  "
    spans = sentence_spans(text)
    assert [text[s:e] for s, e in spans] == ["First one.", "Second one!", "Third one"]
    for start, end in spans:
        assert 0 <= start < end <= len(text)
        assert not text[start].isspace()
        assert not text[end - 1].isspace()


def test_each_sentence_knows_its_tokens() -> None:
    text = "Mr. Smith arrived. He met 1,550 people.\nThen he left."
    tokens = tokenize(text)
    per_sentence = [
        [text[tokens.starts[i] : tokens.ends[i]] for i in range(s.tok_lo, s.tok_hi)]
        for s in tokens.sentences
    ]
    assert per_sentence == [
        ["Mr", "Smith", "arrived"],
        ["He", "met", "1,550", "people"],
        ["Then", "he", "left"],
    ]


# --- properties ----------------------------------------------------------------------------

# Arbitrary text, and text made mostly of the characters that decide tokens and sentences.
_PIECES = [*"aZ9 .!?,'\"\n\r\t()_-", "\u2019", "\u201c", "\u201d", "\u00a0", "Mr", "U.S.", "Ab"]
_TRICKY = st.lists(st.sampled_from(_PIECES), max_size=40).map("".join)
TEXTS = st.one_of(st.text(), _TRICKY)


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_token_and_sentence_spans_are_consistent_for_any_text(text: str) -> None:
    tokens = tokenize(text)
    n = len(tokens)
    assert len(tokens.ends) == len(tokens.norms) == len(tokens.canons) == n
    for i in range(n):
        assert 0 <= tokens.starts[i] < tokens.ends[i] <= len(text)
        if i:
            assert tokens.ends[i - 1] <= tokens.starts[i]  # in order, never overlapping
    previous_end = 0
    for sentence in tokens.sentences:
        assert previous_end <= sentence.start < sentence.end <= len(text)
        previous_end = sentence.end
        assert 0 <= sentence.tok_lo <= sentence.tok_hi <= n
        for i in range(sentence.tok_lo, sentence.tok_hi):
            assert sentence.start <= tokens.starts[i] < tokens.ends[i] <= sentence.end
    assert [(s.start, s.end) for s in tokens.sentences] == sentence_spans(text)


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_no_token_falls_between_sentences(text: str) -> None:
    tokens = tokenize(text)
    in_sentences = [i for s in tokens.sentences for i in range(s.tok_lo, s.tok_hi)]
    assert in_sentences == list(range(len(tokens)))


# --- every script (issue 9) ----------------------------------------------------------------
#
# A frozen copy of the tokenizer and splitter as they were before other scripts were added.
# English must come out exactly the same: tokens, norms, canonical forms and sentences.

_OLD_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W_]+(?:['’´`][^\W_]+)*")
_OLD_SENTENCE_END = re.compile(
    r"""[.!?]+['"’”)\]]*(?:[ \t]+(?=['"‘“(]?[A-Z0-9])|(?=['"‘“]?[A-Z][a-z]))"""
    r"""|[ \t]*(?:(?:\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029])[ \t]*)+"""
)
_OLD_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "st",
        "sen",
        "rep",
        "gov",
        "gen",
        "lt",
        "col",
        "sgt",
        "capt",
        "prof",
        "jr",
        "sr",
        "inc",
        "ltd",
        "co",
        "corp",
        "vs",
        "no",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "u.s",
        "u.k",
        "u.n",
        "e.g",
        "i.e",
        "etc",
        "al",
        "fig",
    ]
)


def _old_sentence_spans(text: str) -> list[tuple[int, int]]:
    def wrapped(before: int, after: int) -> bool:
        last = text[before - 1 : before]
        return bool(last) and last not in ".!?:;\"'”’)" and text[after : after + 1].islower()

    def abbreviation(word: str, after: int) -> bool:
        bare = word.lstrip("(\"'‘“").lower().rstrip(".")
        if bare in _OLD_ABBREVIATIONS:
            return True
        return len(bare) == 1 and bare.isalpha() and text[after : after + 1].isupper()

    def trimmed(start: int, end: int) -> None:
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            spans.append((start, end))

    spans: list[tuple[int, int]] = []
    start = 0
    for match in _OLD_SENTENCE_END.finditer(text):
        stop = match.group()
        if stop[0] not in ".!?" and wrapped(match.start(), match.end()):
            continue
        if stop[0] in ".!?":
            word = re.search(r"(\S+)$", text[start : match.start()])
            if word and abbreviation(word.group(1) + stop.rstrip(), match.end()):
                continue
        trimmed(start, match.end())
        start = match.end()
    trimmed(start, len(text))
    return spans


def _assert_as_before(text: str, lang: str | None = None) -> None:
    tokens = tokenize(text, lang)
    assert tokens.lang == "en"
    old = list(_OLD_TOKEN.finditer(text))
    assert tokens.starts == tuple(m.start() for m in old)
    assert tokens.ends == tuple(m.end() for m in old)
    assert tokens.norms == tuple(fold(m.group()).lower() for m in old)
    assert tokens.canons == tuple(canonical(fold(m.group()).lower()) for m in old)
    assert [(s.start, s.end) for s in tokens.sentences] == _old_sentence_spans(text)


def _english_texts() -> list[str]:
    texts = [*stories.DOCK_STRIKE, stories.HEART_STUDY, stories.ORCHESTRA]
    texts += [
        p.read_text(encoding="utf-8")
        for p in sorted((Path(__file__).parents[1] / "examples").glob("*.txt"))
    ]
    bbc = sorted(Path("/tmp/bbc/bbc").glob("*/*.txt"))
    texts += [p.read_text(encoding="utf-8", errors="replace") for p in bbc[::10]]
    return texts


def test_english_is_tokenized_and_split_exactly_as_before() -> None:
    texts = _english_texts()
    assert len(texts) >= 5
    for text in texts:
        _assert_as_before(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=0x24F, blacklist_categories=("Cs",))))
def test_latin_text_in_english_is_cut_as_before(text: str) -> None:
    _assert_as_before(text, "en")


def _spans(text: str, lang: str | None = None) -> list[str]:
    tokens = tokenize(text, lang)
    for s in tokens.sentences:  # every offset indexes the original text
        assert 0 <= s.start < s.end <= len(text)
        for i in range(s.tok_lo, s.tok_hi):
            assert s.start <= tokens.starts[i] < tokens.ends[i] <= s.end
    return [text[s.start : s.end] for s in tokens.sentences]


def test_urdu_sentences_end_at_the_urdu_full_stop_and_question_mark() -> None:
    text = "وزیر اعظم نے اجلاس بلایا۔ اجلاس کل ہوگا؟ فیصلہ بعد میں ہوگا۔"
    assert _spans(text) == ["وزیر اعظم نے اجلاس بلایا۔", "اجلاس کل ہوگا؟", "فیصلہ بعد میں ہوگا۔"]
    assert tokenize(text).lang == "ur"


def test_arabic_sentences_end_at_a_full_stop_even_without_a_space() -> None:
    text = "افتتح الوزير المعرض أمس.وقال إن المعرض يستمر أسبوعا. هل يعود العام المقبل؟ نعم"
    assert _spans(text) == [
        "افتتح الوزير المعرض أمس.",
        "وقال إن المعرض يستمر أسبوعا.",
        "هل يعود العام المقبل؟",
        "نعم",
    ]
    assert tokenize(text).lang == "ar"


def test_devanagari_sentences_end_at_danda_and_at_a_full_stop() -> None:
    text = "सरकार ने बजट पेश किया। विपक्ष ने विरोध किया॥ मंत्री ने कहा है.बैठक कल होगी."
    assert _spans(text) == [
        "सरकार ने बजट पेश किया।",
        "विपक्ष ने विरोध किया॥",
        "मंत्री ने कहा है.",
        "बैठक कल होगी.",
    ]


def test_hindi_vowel_signs_stay_inside_their_word() -> None:
    assert surfaces("हिन्दी समाचार") == ["हिन्दी", "समाचार"]


def test_chinese_is_one_token_per_character_and_sentences_end_at_full_width_stops() -> None:
    text = "深圳地铁将设头等车厢。乘客可以买票吗？可以！２０１２年"
    tokens = tokenize(text)
    assert tokens.lang == "zh"
    assert surfaces(text)[:4] == ["深", "圳", "地", "铁"]
    assert "２０１２" in surfaces(text)
    assert _spans(text) == ["深圳地铁将设头等车厢。", "乘客可以买票吗？", "可以！", "２０１２年"]


def test_a_closing_quote_after_a_cjk_stop_stays_in_the_sentence() -> None:
    assert _spans("他说：「明天开会。」然后离开了。") == ["他说：「明天开会。」", "然后离开了。"]


def test_russian_sentences_end_before_a_cyrillic_capital() -> None:
    text = "Госдума приняла закон. Он вступит в силу в мае. Об этом сообщил г. Москва."
    assert _spans(text) == [
        "Госдума приняла закон.",
        "Он вступит в силу в мае.",
        "Об этом сообщил г. Москва.",
    ]
    assert tokenize(text).lang == "ru"


def test_german_sentences_end_before_an_umlaut_capital_but_english_stays_as_before() -> None:
    text = "Die Regierung hat das Gesetz beschlossen. Über die Details wird noch verhandelt."
    assert len(_spans(text)) == 2
    assert len(_spans(text, "en")) == 1  # English rules: "Ü" is not A-Z, as before


def test_a_document_language_is_taken_when_given() -> None:
    assert tokenize("The talks ended.", "de-AT").lang == "de"
    assert tokenize("The talks ended.", "EN-gb").lang == "en"
