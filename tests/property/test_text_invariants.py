"""Invariants of the text stages on any input: spans lie inside their document and on the
right text, normalising twice changes nothing, boilerplate marks are whole lines."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from texts import hostile_text, with_boilerplate

from unspin.boilerplate import KINDS, mark_boilerplate
from unspin.model import Document
from unspin.normalize import fold, tokenize
from unspin.prepare import prepare

# Each property runs on this many generated texts: enough to hit every adversarial
# character many times over, few enough that the suite stays fast on two cores.
EXAMPLES = 60

any_text = hostile_text() | with_boilerplate() | st.text(max_size=400)


@given(st.text(max_size=200) | hostile_text())
@settings(max_examples=EXAMPLES * 2, deadline=None)
def test_folding_twice_changes_nothing(text: str) -> None:
    once = fold(text)
    assert fold(once) == once
    lowered = once.lower()
    assert fold(lowered).lower() == lowered


@given(any_text)
@settings(max_examples=EXAMPLES, deadline=None)
def test_tokens_lie_inside_the_text_and_spell_their_form(text: str) -> None:
    tokens = tokenize(text)
    previous_end = 0
    for start, end, norm in zip(tokens.starts, tokens.ends, tokens.norms, strict=True):
        assert previous_end <= start < end <= len(text)
        assert norm == fold(text[start:end]).lower()
        previous_end = end


@given(any_text)
@settings(max_examples=EXAMPLES, deadline=None)
def test_sentences_are_ordered_trimmed_and_hold_their_tokens(text: str) -> None:
    tokens = tokenize(text)
    previous_end, previous_hi = 0, 0
    for sentence in tokens.sentences:
        assert previous_end <= sentence.start < sentence.end <= len(text)
        piece = text[sentence.start : sentence.end]
        assert piece == piece.strip()
        assert previous_hi <= sentence.tok_lo <= sentence.tok_hi
        for i in range(sentence.tok_lo, sentence.tok_hi):
            assert sentence.start <= tokens.starts[i] and tokens.ends[i] <= sentence.end
        previous_end, previous_hi = sentence.end, sentence.tok_hi
    # Tokenising is a pure function of the text.
    assert tokenize(text) == tokens


@given(any_text)
@settings(max_examples=EXAMPLES, deadline=None)
def test_no_sentence_runs_across_a_line_break_after_a_full_stop(text: str) -> None:
    for sentence in tokenize(text).sentences:
        lines = text[sentence.start : sentence.end].splitlines()
        for line in lines[:-1]:
            assert not line.rstrip().endswith((".", "!", "?")) or not line.strip()


@given(any_text)
@settings(max_examples=EXAMPLES, deadline=None)
def test_boilerplate_marks_are_whole_stripped_lines_in_order(text: str) -> None:
    spans = mark_boilerplate(text)
    lines = {line.strip() for line in text.splitlines()}
    previous_end = 0
    for span in spans:
        assert previous_end <= span.start < span.end <= len(text)
        piece = text[span.start : span.end]
        assert piece == piece.strip() and piece in lines
        assert len(piece.splitlines()) == 1
        assert span.kind in KINDS and span.evidence
        previous_end = span.end
    assert mark_boilerplate(text) == spans


@given(with_boilerplate())
@settings(max_examples=EXAMPLES // 2, deadline=None)
def test_story_sentences_do_not_lie_in_marked_lines(text: str) -> None:
    prepared = prepare(Document("d", text))
    for index in prepared.story:
        sentence = prepared.tokens.sentences[index]
        inside = sum(
            max(0, min(sentence.end, span.end) - max(sentence.start, span.start))
            for span in prepared.boilerplate
        )
        assert inside * 2 < sentence.end - sentence.start
