"""Which side of a pair is the source: publication dates when both sides have one, and
otherwise what the texts themselves show.

Each signal is a number in [-1, 1], positive when it points to side ``a`` as the source
("a->b"), times its weight; the direction is the sign of the sum once the sum reaches
``DIRECTION_MIN_EVIDENCE``, and its confidence grows with the sum. The signals and their
weighted values travel with the pair (``PairResult.direction_evidence``), so a reader sees
why. The signals:

- ``dates``: the older publication date is the source. A fact, not a hint: it outweighs the
  text's signals together.
- ``spin``: a spinner swaps words for synonyms, and the synonym is nearly always the rarer
  word ("said" -> "stated", "big" -> "sizeable"); a typo is rarer than the word it breaks.
  Over a pair's substitutions, the side whose words are more frequent (Zipf frequency from
  ``wordfreq``, in the documents' language) is the source. Machine translation does the
  opposite (its words are commoner than the source's): on PAN 2013's round-trip
  translations this signal points the wrong way in 30 of 38 pairs.
- ``wrapping``: content farms wrap what they copy in captions, related links, share prompts
  and bios; the side with the larger share of boilerplate is the copy. Weak on real pages,
  where every site has chrome of its own: the seed pair's source has more than its copy
  (counting only what lies among the copied paragraphs did not help it, and lost most
  wrapped copies of the benchmark).
- ``credit``: a copy that names the other side's site ("(Reuters)", "via bbc.co.uk") took
  it from there.
- ``merged``: rewriters join sentences ("A, and b"); the same copied text in fewer
  sentences is the copy's.
- ``dropped``: a copy leaves sentences out, so between two versions of one article (a
  duplicate or a rewrite) the side more fully covered by the pair is the copy. Weak on
  purpose: a compilation is also less covered than its source, for the opposite reason.
- ``pieces``: a compilation is made of pieces of several documents, each explaining another
  part of it, while a source is covered by its copies over the same parts again and again.
  A document's pieces share is what its partners explain beyond the best one of them. It
  needs all of a document's pairs, so it is added after the pairs are aligned, and only to
  pairs whose own evidence is short of ``PIECES_CONSULTED_BELOW``.

Translation artefacts are not a signal yet.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from functools import lru_cache

from unspin.model import Direction, Document, PairResult, Passage
from unspin.prepare import Prepared

# Weights. Dates outweigh every text signal together (the text signals' weights sum to 8.5).
DATES_WEIGHT = 10.0
# Spin and credits are strong, specific evidence; wrapping, merged sentences and coverage are
# circumstantial; pieces decide compilations, whose other signals point the wrong way
# (`dropped`). Set on the spun-news benchmark without dates (`python -m benchmarks.spun_news
# run --no-dates`): direction accuracy by transformation; re-run it, the PAN direction table
# (`python -m benchmarks.pan13.directions`) and `pytest tests/test_direction.py` after a change.
SPIN_WEIGHT = 2.0
CREDIT_WEIGHT = 2.0
WRAPPING_WEIGHT = 1.0
MERGED_WEIGHT = 1.0
DROPPED_WEIGHT = 0.5
PIECES_WEIGHT = 2.0
# No direction below this much evidence: one weak signal alone (coverage, a share of
# boilerplate) does not name a source unless it is clear-cut.
DIRECTION_MIN_EVIDENCE = 0.5
# The pieces signal is consulted for pairs whose evidence (dates, spin, credit...) sums to
# less than this: above it, the pair's own evidence has spoken. It must exceed the weight of
# `dropped`, which a compilation's pair with its main source carries the wrong way.
PIECES_CONSULTED_BELOW = 1.5
# Confidence is 1 - exp(-evidence / CONFIDENCE_SCALE): 0.39 at the minimum evidence, 0.86
# at 2 (one strong signal in full), 1.00 with dates.
CONFIDENCE_SCALE = 1.0

# Spin: a difference of this many Zipf units counts in full for one substitution (the Zipf
# scale is log10 of frequency per billion words: "said" 6.3, "stated" 4.6), and the
# substitutions' differences summed to SPIN_FULL_SUM count in full for the pair: two typos,
# or a spinner's twenty swaps of which some go to the commoner word (WordNet's synonyms are
# not chosen by frequency: the mean difference of a 20% spin is only about -0.2).
SPIN_FULL_ZIPF = 1.0
SPIN_FULL_SUM = 2.0
# Wrapping: this much more of one side's text in boilerplate counts in full.
WRAPPING_FULL_SHARE = 0.1
# Merged: this share fewer sentences for the same copied text counts in full, among at
# least MERGED_MIN_SENTENCES aligned sentences (fewer is noise from sentence splitting).
MERGED_FULL_SHARE = 0.1
MERGED_MIN_SENTENCES = 4
# Dropped: only when both sides are covered this much (a copy drops a sentence or a tenth
# of them; a short story inside a longer page is covered whole while the page is covered
# 0.4-0.6, and is not a copy that left things out). On spun news without dates, 0.7 keeps
# every verbatim and restructured case the signal got right and none of the 37 excerpts
# it reversed. Re-run as for the weights.
DROPPED_MIN_COVERAGE = 0.7
# Dropped: a coverage this much higher counts in full (one sentence of twenty left out).
DROPPED_FULL_SHARE = 0.05
# Pieces: this much more of a document explained beyond its best partner counts in full.
PIECES_FULL_SHARE = 0.1

DATES, SPIN, CREDIT, WRAPPING, MERGED, DROPPED, PIECES = (
    "dates",
    "spin",
    "credit",
    "wrapping",
    "merged",
    "dropped",
    "pieces",
)
# Signals that depend on the documents' metadata, not their texts: recomputed for an exact
# copy, whose text (and so every other signal) is its representative's.
METADATA_SIGNALS = frozenset({DATES, CREDIT})

Evidence = tuple[tuple[str, float], ...]
# Words, or phrases of words ("large indefinite quantity" for "billion": WordNet's spin).
_PHRASE = re.compile(r"[^\W\d_]+(?: [^\W\d_]+)*")


def _clip(value: float) -> float:
    return max(-1.0, min(1.0, value))


def dates_signal(a: Document, b: Document) -> float:
    """+1 when a was published first, -1 when b was, 0 without two different dates."""
    date_a, date_b = a.publication_date, b.publication_date
    if date_a and date_b and date_a != date_b:
        return 1.0 if date_a < date_b else -1.0
    return 0.0


def credit_signal(a: Document, b: Document) -> float:
    """+1 when b's text names a's site and a's does not name b's; -1 the other way round."""
    a_named = _names(b.text, a.site)
    b_named = _names(a.text, b.site)
    return float(a_named) - float(b_named)


def _names(text: str, site: str | None) -> bool:
    if not site:
        return False
    host = site.lower().removeprefix("www.")
    label = host.split(".")[0]
    lowered = text.lower()
    if host in lowered:
        return True
    # The site's own name ("reuters" of reuters.com), as a word; short or generic labels
    # ("news", "the") would match any text.
    return len(label) >= 5 and re.search(rf"\b{re.escape(label)}\b", lowered) is not None


@lru_cache(maxsize=64)
def _frequencies(lang: str) -> bool:
    """Whether ``wordfreq`` has word frequencies for ``lang`` without optional extras."""
    try:
        import wordfreq

        wordfreq.zipf_frequency("the", lang)
    except Exception:  # an unknown language, or one needing an extra (MeCab, jieba)
        return False
    return True


@lru_cache(maxsize=1 << 16)
def _zipf(word: str, lang: str) -> float:
    import wordfreq

    return float(wordfreq.zipf_frequency(word, lang))


def spin_signal(passages: Sequence[Passage], lang: str) -> float:
    """The summed difference in word frequency over the substitutions, a's words minus
    b's, each difference clipped (`SPIN_FULL_ZIPF`), the sum scaled by `SPIN_FULL_SUM`."""
    if not _frequencies(lang):
        return 0.0
    summed = 0.0
    for passage in passages:
        for words_a, words_b in passage.substitutions:
            if not (_PHRASE.fullmatch(words_a) and _PHRASE.fullmatch(words_b)):
                continue  # numbers say nothing about spinning
            if words_a.lower() == words_b.lower():
                continue
            difference = _zipf(words_a, lang) - _zipf(words_b, lang)
            summed += _clip(difference / SPIN_FULL_ZIPF)
    return _clip(summed / SPIN_FULL_SUM)


def wrapping_signal(boilerplate_a: float, boilerplate_b: float) -> float:
    """More boilerplate on b (a share of its text) points to a as the source."""
    return _clip((boilerplate_b - boilerplate_a) / WRAPPING_FULL_SHARE)


def merged_signal(sentences_a: int, sentences_b: int) -> float:
    """The same copied text in fewer sentences on b points to a as the source."""
    if min(sentences_a, sentences_b) < MERGED_MIN_SENTENCES:
        return 0.0
    share = (sentences_a - sentences_b) / max(sentences_a, sentences_b)
    return _clip(share / MERGED_FULL_SHARE)


def dropped_signal(coverage_a: float, coverage_b: float) -> float:
    """b more fully covered by the pair than a (a holds what b left out): a is the source.
    Only between near versions: where one side is much more than the other (a short story
    whole inside a longer page), who holds whom says nothing of who left out what."""
    if min(coverage_a, coverage_b) < DROPPED_MIN_COVERAGE:
        return 0.0
    return _clip((coverage_b - coverage_a) / DROPPED_FULL_SHARE)


def pieces_signal(pieces_a: float, pieces_b: float) -> float:
    """b more made of pieces of several documents than a: a is the source."""
    return _clip((pieces_b - pieces_a) / PIECES_FULL_SHARE)


def weighted(signals: Iterable[tuple[str, float, float]]) -> Evidence:
    """``(name, signal, weight)`` as evidence: the non-zero weighted signals, rounded."""
    found: list[tuple[str, float]] = []
    for name, signal, weight in signals:
        value = round(signal * weight, 4)
        if value:
            found.append((name, value))
    return tuple(found)


def total(evidence: Evidence) -> float:
    return sum(weight for _, weight in evidence)


def decide(evidence: Evidence) -> tuple[Direction | None, float | None]:
    """The direction the evidence points to, and its confidence; (None, None) when it is
    too thin."""
    summed = total(evidence)
    if abs(summed) < DIRECTION_MIN_EVIDENCE:
        return None, None
    confidence = round(1.0 - math.exp(-abs(summed) / CONFIDENCE_SCALE), 4)
    return ("a->b" if summed > 0 else "b->a"), confidence


def oriented(pair: PairResult, evidence: Evidence) -> PairResult:
    """``pair`` with ``evidence`` and the direction and confidence it gives."""
    direction, confidence = decide(evidence)
    return replace(pair, direction=direction, confidence=confidence, direction_evidence=evidence)


def text_evidence(
    a: Prepared,
    b: Prepared,
    passages: Sequence[Passage],
    copied_sentences: tuple[int, int],
    coverage: tuple[float, float] | None,
) -> Evidence:
    """The signals of the two texts: ``copied_sentences`` is how many sentences of each side
    the pair's passages cover, ``coverage`` each side's coverage for two versions of one
    article (None for a partial pair, where leaving things out is not what happened)."""
    same_language = a.tokens.lang == b.tokens.lang
    spin = spin_signal(passages, a.tokens.lang) if same_language else 0.0
    wrapping = wrapping_signal(_boilerplate_share(a), _boilerplate_share(b))
    merged = merged_signal(*copied_sentences)
    dropped = dropped_signal(*coverage) if coverage is not None else 0.0
    return weighted(
        [
            (SPIN, spin, SPIN_WEIGHT),
            (WRAPPING, wrapping, WRAPPING_WEIGHT),
            (MERGED, merged, MERGED_WEIGHT),
            (DROPPED, dropped, DROPPED_WEIGHT),
        ]
    )


def _boilerplate_share(p: Prepared) -> float:
    return sum(span.end - span.start for span in p.boilerplate) / max(1, len(p.doc.text))


def metadata_evidence(a: Document, b: Document) -> Evidence:
    return weighted(
        [(DATES, dates_signal(a, b), DATES_WEIGHT), (CREDIT, credit_signal(a, b), CREDIT_WEIGHT)]
    )


def for_documents(pair: PairResult, a: Document, b: Document) -> PairResult:
    """``pair`` (of a's and b's texts) re-read for these two documents' metadata: an exact
    copy keeps its representative's text signals and gets its own dates and credits."""
    kept = tuple(item for item in pair.direction_evidence if item[0] not in METADATA_SIGNALS)
    return oriented(pair, metadata_evidence(a, b) + kept)


def needs_pieces(pair: PairResult) -> bool:
    """Whether the pair's own evidence leaves room for the pieces signal."""
    return abs(total(pair.direction_evidence)) < PIECES_CONSULTED_BELOW


def with_pieces(pair: PairResult, pieces: Mapping[str, float]) -> PairResult:
    """``pair`` with the pieces signal of its two documents added, if it needs it."""
    if not needs_pieces(pair):
        return pair
    signal = pieces_signal(pieces.get(pair.a, 0.0), pieces.get(pair.b, 0.0))
    added = weighted([(PIECES, signal, PIECES_WEIGHT)])
    return oriented(pair, pair.direction_evidence + added) if added else pair
