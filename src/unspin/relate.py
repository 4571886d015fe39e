"""From aligned passages to relations: coverage, relation, direction, and inserted spans."""

from __future__ import annotations

import bisect
import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from unspin import direction
from unspin.align import LONE_MEANING_LINK_MIN, VERBATIM_MIN, AlignedPassage
from unspin.align.cleanup import is_copied
from unspin.copied_words import copied_story_words
from unspin.model import InsertedSpan, PairResult, Relation
from unspin.prepare import Prepared

# Relation thresholds, on the share of each side's story characters inside aligned passages.
# Tuned on the seeds, BBC's byte-identical pairs and Clough & Stevenson's graded answers:
# re-run `python benchmarks/run.py` after changing any of them.
DUPLICATE_MIN_COVERAGE = 0.9  # both sides almost entirely aligned, and verbatim
# At least this much of one side retells the other in copied wording. On the labelled BBC
# pairs (`python benchmarks/run.py bbc-precision`), running stories that share a background
# paragraph or two cover 0.51-0.54 of the shorter side (labelled partial), while the seeds'
# spun rewrite covers 0.60 of 002: at 0.5, rewrite precision was 0.80; at 0.55, 1.00.
REWRITE_MIN_COVERAGE = 0.55
# Evidence floor for reporting a pair at all: aligned words (exact or synonym) and the
# similarity-weighted coverage of the better-covered side. Chosen on Clough & Stevenson so
# that independent answers on the same question stay below it while heavy revisions pass.
MIN_ALIGNED_WORDS = 12
MIN_PAIR_SCORE = 0.12
# ... or, whatever the shares, at least this many words copied (matched one to one inside
# verbatim and spun passages): one wire paragraph inside a long page is reuse even when it
# is a small share of both sides (issue 9: on PAN 2013 a 567-character verbatim copy was
# aligned exactly and dropped by MIN_PAIR_SCORE alone). Re-run `python -m benchmarks.pan13
# run`, `python benchmarks/run.py clough bbc-precision` and `make bench-spun` after changes.
MIN_COPIED_WORDS = 30
# ... of which at least this many are story words (not names, numbers or quotations:
# `unspin.copied_words`). On the 30 labelled BBC pairs that MIN_COPIED_WORDS alone made,
# the 9 independent ones (team sheets, one shared quote) had at most 8, the 21 reuse pairs
# 17 or more (counting runs of STORY_RUN_WORDS). Re-run `python benchmarks/run.py bbc-precision` and
# `python -m benchmarks.pan13 run` after changing either.
MIN_COPIED_STORY_WORDS = 12
# ... and at least this many linked sentences, unless one verbatim passage has
# MIN_ALIGNED_WORDS words. On the spun-news corpus (`make bench-spun`, 5,000 documents) a
# single linked sentence was most of the 176 false pairs (two reports of one event) and
# almost none of the true ones: with this rule 10 of the 176 remain, 2 of 600 true are lost.
MIN_EVIDENCE_SENTENCES = 2

# Inserted spans: stretches of a derived document its main source does not explain.
MIN_INSERTED_CONTENT_WORDS = 4  # bylines, datelines and one-word lines are not insertions
# Off-topic when the span's content words share less than this cosine with the rest of the
# article. Set between the seeds' on-topic unaligned sentences (0.2-0.4) and their spliced
# paragraphs; re-run `python benchmarks/run.py seeds` after changing it.
OFF_TOPIC_MAX = 0.15
# Undated pairs: the document the corpus explains better by at least this share is the copy.
# Below it the pair's own coverage decides. Set on made-up compilations of BBC articles
# (a compilation is explained ~0.6-0.9, each of its sources ~0.3-0.5); re-run the
# spun-news benchmark (`make bench-spun`) after changing it.
EXPLAINED_MARGIN = 0.05


@dataclass(frozen=True)
class PairEvidence:
    """A relation with the sentence positions it covers, for the per-document stage."""

    result: PairResult
    a_covered: frozenset[int]  # positions in a.story
    b_covered: frozenset[int]


def _sentence_chars(p: Prepared, positions: frozenset[int]) -> int:
    sentences = p.tokens.sentences
    return sum(sentences[p.story[k]].end - sentences[p.story[k]].start for k in positions)


def _story_chars_in(p: Prepared, spans: Sequence[tuple[int, int]]) -> int:
    """Story characters of ``p`` inside the union of ``spans`` (character offsets).

    A passage of whole sentences counts exactly its sentences; a passage cut out of a
    sentence (a verbatim run inside a rewording) counts only its own characters.
    """
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    if not merged:
        return 0
    total = 0
    starts = [m[0] for m in merged]
    for k in p.story:
        sentence = p.tokens.sentences[k]
        at = max(0, bisect.bisect_right(starts, sentence.start) - 1)
        while at < len(merged) and merged[at][0] < sentence.end:
            total += max(0, min(sentence.end, merged[at][1]) - max(sentence.start, merged[at][0]))
            at += 1
    return total


def _spans(passages: Sequence[AlignedPassage], side_a: bool) -> list[tuple[int, int]]:
    if side_a:
        return [(x.passage.a_start, x.passage.a_end) for x in passages]
    return [(x.passage.b_start, x.passage.b_end) for x in passages]


def relate_pair(
    a: Prepared, b: Prepared, passages: Sequence[AlignedPassage]
) -> PairEvidence | None:
    """The relation between ``a`` and ``b``, or ``None`` when the evidence is too thin.

    Only copied wording is evidence of reuse: verbatim and spun passages, and paraphrases
    whose sentence vectors agree (semantic mode). A lexical `paraphrase` passage (few words
    in common, in order) is reported inside a pair that has evidence, but makes none: two
    articles on one event share names and phrases sentence by sentence. Coverage and score
    count copied wording only (verbatim, spun, and paraphrases vectors vouch for); the other
    paraphrase passages' share is reported beside them.
    """
    evidence = [p for p in passages if _is_evidence(p)]
    if not _enough(evidence):
        return None
    a_covered = frozenset(k for p in passages for k in p.a_sentences)
    b_covered = frozenset(k for p in passages for k in p.b_sentences)
    chars_a, chars_b = max(1, a.story_chars()), max(1, b.story_chars())
    # Coverage counts every passage of copied wording, evidence or not: in semantic mode a
    # lone translated sentence its vectors vouch for is copied too, inside a pair that has
    # evidence elsewhere.
    copied = [p for p in passages if is_copied(p.passage.kind, p.cosine)]
    copied_a = _story_chars_in(a, _spans(copied, True))
    copied_b = _story_chars_in(b, _spans(copied, False))
    coverage_a, coverage_b = copied_a / chars_a, copied_b / chars_b
    paraphrase_a = (_story_chars_in(a, _spans(passages, True)) - copied_a) / chars_a
    paraphrase_b = (_story_chars_in(b, _spans(passages, False)) - copied_b) / chars_b
    score = _score(a, b, copied)
    if score < MIN_PAIR_SCORE and not _a_small_copy(a, b, copied):
        return None
    exact = sum(p.tokens.exact for p in passages)
    total = sum(p.tokens.len_a + p.tokens.len_b for p in passages)
    surface = 2 * exact / total if total else 0.0
    relation: Relation
    if min(coverage_a, coverage_b) >= DUPLICATE_MIN_COVERAGE and surface >= VERBATIM_MIN:
        relation = "duplicate"
    elif max(coverage_a, coverage_b) >= REWRITE_MIN_COVERAGE:
        relation = "rewrite"
    else:
        relation = "partial"
    result = PairResult(
        a=a.id,
        b=b.id,
        relation=relation,
        score=round(score, 4),
        coverage_a=round(coverage_a, 4),
        coverage_b=round(coverage_b, 4),
        direction=None,
        passages=tuple(p.passage for p in passages),
        paraphrase_a=round(paraphrase_a, 4),
        paraphrase_b=round(paraphrase_b, 4),
    )
    versions = (coverage_a, coverage_b) if relation != "partial" else None
    # Distinct sentences passage by passage: a merge is a passage with fewer on one side;
    # a sentence the copy repeats (its headline again) counts once.
    sentences = (
        sum(_distinct_sentences(a, p.a_sentences) for p in passages),
        sum(_distinct_sentences(b, p.b_sentences) for p in passages),
    )
    signals = direction.metadata_evidence(a.doc, b.doc) + direction.text_evidence(
        a, b, result.passages, sentences, versions
    )
    return PairEvidence(direction.oriented(result, signals), a_covered, b_covered)


def _distinct_sentences(p: Prepared, positions: Sequence[int]) -> int:
    sentences, text = p.tokens.sentences, p.doc.text
    return len({text[sentences[p.story[k]].start : sentences[p.story[k]].end] for k in positions})


def _a_small_copy(a: Prepared, b: Prepared, copied: Sequence[AlignedPassage]) -> bool:
    """Reuse that is a small share of both sides: enough words copied, enough of them story."""
    if sum(p.tokens.exact + p.tokens.equivalent for p in copied) < MIN_COPIED_WORDS:
        return False
    return copied_story_words(a, b, copied) >= MIN_COPIED_STORY_WORDS


def _is_evidence(p: AlignedPassage) -> bool:
    """Copied wording: a verbatim or spun passage. In semantic mode also a paraphrase whose
    sentence vectors vouch for it, if it means the same as closely as a lone link by meaning
    must or runs on for sentences in the same order: one sentence that merely means much the
    same is what two reports of one event have (spun-news: 186 false pairs in semantic mode).

    A lexical paraphrase is never evidence, however many sentences it runs over: on the BBC
    archive 30 pairs of independent reports of one event (same facts, same order, other
    words) rested on such passages alone (issue 8).
    """
    if p.passage.kind != "paraphrase":
        return True
    if p.cosine is None:
        return False
    if p.cosine >= LONE_MEANING_LINK_MIN:
        return True
    return max(len(p.a_sentences), len(p.b_sentences)) >= MIN_EVIDENCE_SENTENCES


def _enough(evidence: Sequence[AlignedPassage]) -> bool:
    if sum(p.aligned_words for p in evidence) < MIN_ALIGNED_WORDS:
        return False
    linked = sum(len(p.a_sentences) for p in evidence)
    # Copied words decide, not sentence counts: one sentence holding MIN_ALIGNED_WORDS
    # words copied in a row is a copy, whatever was added around them.
    return linked >= MIN_EVIDENCE_SENTENCES or any(
        (p.passage.kind == "verbatim" and p.tokens.exact >= MIN_ALIGNED_WORDS)
        or p.tokens.longest_run >= MIN_ALIGNED_WORDS
        for p in evidence
    )


def _weighted_coverage(p: Prepared, passages: Sequence[AlignedPassage], side_a: bool) -> float:
    """Share of ``p``'s story inside ``passages``, each weighted by its similarity; never
    more than the share they cover together (passages of repetitive text can overlap)."""
    total = sum(x.similarity * _story_chars_in(p, _spans([x], side_a)) for x in passages)
    return min(total, _story_chars_in(p, _spans(passages, side_a))) / max(1, p.story_chars())


def _score(a: Prepared, b: Prepared, passages: Sequence[AlignedPassage]) -> float:
    return max(_weighted_coverage(a, passages, True), _weighted_coverage(b, passages, False))


@dataclass(frozen=True)
class Explanation:
    """How one partner explains a document: its coverage and the story positions it covers."""

    partner: str
    coverage: float
    partner_coverage: float
    covered: frozenset[int]
    derived_here: bool | None  # True: this document is the copy; None: dates don't say


def explanations_for(doc_id: str, evidence: Sequence[PairEvidence]) -> list[Explanation]:
    out: list[Explanation] = []
    for item in evidence:
        r = item.result
        if r.a == doc_id:
            derived = None if r.direction is None else r.direction == "b->a"
            out.append(Explanation(r.b, r.coverage_a, r.coverage_b, item.a_covered, derived))
        elif r.b == doc_id:
            derived = None if r.direction is None else r.direction == "a->b"
            out.append(Explanation(r.a, r.coverage_b, r.coverage_a, item.b_covered, derived))
    return sorted(out, key=lambda e: (-e.coverage, e.partner))


def explained_share(p: Prepared, evidence: Sequence[PairEvidence]) -> float:
    """Share of ``p``'s story characters that some partner explains."""
    covered = frozenset().union(*_covered_by_each(p.id, evidence))
    return _sentence_chars(p, covered) / max(1, p.story_chars())


def pieces_share(p: Prepared, evidence: Sequence[PairEvidence]) -> float:
    """Share of ``p``'s story characters that its partners explain beyond the one that
    explains most: near 0 for a source (its copies cover the same parts) and for a copy of
    one article, the share of the other pieces for a compilation (`direction.PIECES`)."""
    covered = _covered_by_each(p.id, evidence)
    if len(covered) < 2:
        return 0.0
    union = _sentence_chars(p, frozenset().union(*covered))
    best = max(_sentence_chars(p, c) for c in covered)
    return (union - best) / max(1, p.story_chars())


def _covered_by_each(doc_id: str, evidence: Sequence[PairEvidence]) -> list[frozenset[int]]:
    """The story sentences of ``doc_id`` each of its pairs covers."""
    covered: list[frozenset[int]] = []
    for item in evidence:
        if item.result.a == doc_id:
            covered.append(item.a_covered)
        if item.result.b == doc_id:
            covered.append(item.b_covered)
    return covered


def find_inserted(
    p: Prepared, explanations: Sequence[Explanation], explained: Mapping[str, float]
) -> tuple[InsertedSpan, ...]:
    """Spans of ``p`` that its main source does not explain, if ``p`` is the derived side.

    The main source is the partner covering most of ``p`` among those the dates allow to
    be its source: a later copy of ``p``'s own source may cover ``p`` best, but cannot be
    where ``p`` came from. Without dates, the side the corpus explains better is taken as
    the copy (``explained``: each document's share that some partner covers): a compilation
    is made of its sources, while each source keeps material of its own. When that is
    close, the better-covered side of the pair is.
    """
    possible = [e for e in explanations if e.derived_here is not False]
    if not possible:
        return ()
    main = possible[0]
    if not _is_derived(p.id, main, explained):
        return ()
    others = [e for e in possible if e is not main]
    others += [e for e in explanations if e.derived_here is False]
    stretches = _uncovered_stretches(p, main.covered)
    spans: list[InsertedSpan] = []
    for stretch in stretches:
        source = next(
            (e.partner for e in others if len(e.covered & stretch) * 2 >= len(stretch)),
            None,
        )
        score = _topicality(p, stretch)
        first = p.tokens.sentences[p.story[min(stretch)]]
        last = p.tokens.sentences[p.story[max(stretch)]]
        spans.append(
            InsertedSpan(first.start, last.end, source, score < OFF_TOPIC_MAX, round(score, 4))
        )
    return tuple(spans)


def _is_derived(doc_id: str, main: Explanation, explained: Mapping[str, float]) -> bool:
    if main.derived_here is not None:
        return main.derived_here
    mine, theirs = explained.get(doc_id, 0.0), explained.get(main.partner, 0.0)
    if abs(mine - theirs) >= EXPLAINED_MARGIN:
        return mine > theirs
    return main.coverage >= main.partner_coverage


def _content_words(p: Prepared, position: int) -> list[str]:
    sentence = p.tokens.sentences[p.story[position]]
    return [
        p.tokens.canons[i]
        for i in range(sentence.tok_lo, sentence.tok_hi)
        if p.tokens.is_content(i)
    ]


_NEWLINE = re.compile(r"\n")


def _uncovered_stretches(p: Prepared, covered: frozenset[int]) -> list[frozenset[int]]:
    """Runs of unexplained story sentences within one paragraph, big enough to matter."""
    stretches: list[list[int]] = []
    for k in range(len(p.story)):
        words = _content_words(p, k)
        if k in covered or len(words) < MIN_INSERTED_CONTENT_WORDS or p.is_title(k):
            continue
        if stretches and stretches[-1][-1] == k - 1 and not _paragraph_break(p, k - 1, k):
            stretches[-1].append(k)
        else:
            stretches.append([k])
    return [frozenset(s) for s in stretches]


def _paragraph_break(p: Prepared, left: int, right: int) -> bool:
    end = p.tokens.sentences[p.story[left]].end
    start = p.tokens.sentences[p.story[right]].start
    return bool(_NEWLINE.search(p.doc.text, end, start))


def _topicality(p: Prepared, stretch: frozenset[int]) -> float:
    """Cosine between the stretch's content words and the rest of the story's."""
    inside = Counter(w for k in stretch for w in _content_words(p, k))
    outside = Counter(
        w for k in range(len(p.story)) if k not in stretch for w in _content_words(p, k)
    )
    if not inside or not outside:
        return 0.0
    dot = sum(inside[w] * outside[w] for w in inside)
    norm = math.sqrt(sum(v * v for v in inside.values()) * sum(v * v for v in outside.values()))
    return dot / norm
