"""Sentence scores and word equivalences from the compiled code equal the plain rules they
replaced: every word pair `equivalent` accepts, and the Dice of every sentence pair linking
looks at, on real articles and on random sentences full of synonyms."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from unspin.align.equivalence import equivalent_pairs
from unspin.align.sentences import ANCHORED_LINK_MIN, SHORT_SENTENCE_CONTENT, story_words
from unspin.align.word_match import NAME_WEIGHT, PairWords
from unspin.lexicon import equivalent
from unspin.model import Document
from unspin.pipeline import prepare_document
from unspin.prepare import Prepared

SEEDS = Path(__file__).resolve().parents[1] / "examples"
WORDS = [
    "Russia",
    "Russian",
    "Federation",
    "China",
    "Beijing",
    "alliance",
    "union",
    "military",
    "army",
    "forces",
    "weapons",
    "arms",
    "talks",
    "discussion",
    "agreement",
    "deal",
    "treaty",
    "close",
    "near",
    "strong",
    "powerful",
    "leader",
    "president",
    "said",
    "stated",
    "the",
    "a",
    "of",
    "and",
    "in",
    "to",
    "techs",
    "tech",
    "technologies",
    "2024",
    "4.5",
    "He",
    "agreed",
]


def _plain_words(prepared: Prepared) -> list[tuple[list[str], list[str], list[float]]]:
    """Each story sentence's content words, canons and weights, as the old code read them."""
    tokens = prepared.tokens
    out = []
    for s in prepared.story:
        sentence = tokens.sentences[s]
        norms, canons, weights = [], [], []
        for i in range(sentence.tok_lo, sentence.tok_hi):
            if tokens.is_content(i):
                norms.append(tokens.norms[i])
                canons.append(tokens.canons[i])
                weights.append(NAME_WEIGHT if tokens.is_name(i) or tokens.is_number(i) else 1.0)
        out.append((norms, canons, weights))
    return out


def _plain_matched(a: tuple, b: tuple, lang: str) -> tuple[float, int]:  # type: ignore[type-arg]
    """Same word first, then same canon, then synonym: each the first free word of b."""
    taken = [False] * len(b[0])
    total, exact = 0.0, 0
    pending = list(range(len(a[0])))
    for rule in range(3):
        still = []
        for i in pending:
            for j in range(len(b[0])):
                if taken[j]:
                    continue
                if rule == 0:
                    fits = a[0][i] == b[0][j]
                elif rule == 1:
                    fits = a[1][i] == b[1][j]
                else:
                    fits = equivalent(a[0][i], b[0][j], lang)
                if fits:
                    taken[j] = True
                    total += (a[2][i] + b[2][j]) / 2
                    exact += rule == 0
                    break
            else:
                still.append(i)
        pending = still
    return total, exact


def _plain_scores(a: Prepared, b: Prepared) -> dict[tuple[int, int], float]:
    words_a, words_b = _plain_words(a), _plain_words(b)
    index: dict[str, set[int]] = defaultdict(set)
    for j, (_, canons, _) in enumerate(words_b):
        index.update({c: index[c] | {j} for c in canons})
    scores = {}
    for i, sa in enumerate(words_a):
        shared: dict[int, int] = defaultdict(int)
        for canon in set(sa[1]):
            for j in index.get(canon, ()):
                shared[j] += 1
        for j, count in shared.items():
            if count < 2 and not (count == 1 and len(set(sa[1])) <= SHORT_SENTENCE_CONTENT):
                continue
            sb = words_b[j]
            matched, exact = _plain_matched(sa, sb, a.tokens.lang)
            if min(len(sa[0]), len(sb[0])) <= SHORT_SENTENCE_CONTENT and exact < 2:
                score = ANCHORED_LINK_MIN if sa[0] == sb[0] else 0.0
            else:
                score = 2 * matched / (sum(sa[2]) + sum(sb[2]))
            if score >= ANCHORED_LINK_MIN:
                scores[(i, j)] = score
    return scores


def _prepared(doc_id: str, text: str) -> Prepared:
    return prepare_document(Document(id=doc_id, text=text), {})


def _assert_same(a: Prepared, b: Prepared) -> None:
    pair = PairWords(story_words(a), story_words(b))
    assert pair.scores(SHORT_SENTENCE_CONTENT, ANCHORED_LINK_MIN) == _plain_scores(a, b)
    plain_a, plain_b = _plain_words(a), _plain_words(b)
    for i, sa in enumerate(plain_a):
        for j, sb in enumerate(plain_b):
            if sa[0]:
                want = _plain_matched(sa, sb, a.tokens.lang)[0] / sum(sa[2])
                assert pair.containment(i, j) == want
            if sb[0]:
                want = _plain_matched(sb, sa, a.tokens.lang)[0] / sum(sb[2])
                assert pair.containment(j, i, of_b=True) == want


def test_the_seeds_score_as_the_plain_rules_score_them() -> None:
    seeds = sorted(SEEDS.glob("*.txt"))
    assert len(seeds) == 2
    a, b = (_prepared(p.stem, p.read_text(encoding="utf-8")) for p in seeds)
    assert _plain_scores(a, b), "the seeds share linked sentences"
    _assert_same(a, b)
    _assert_same(b, a)


sentence = st.lists(st.sampled_from(WORDS), min_size=1, max_size=14).map(" ".join)
story = st.lists(sentence, min_size=1, max_size=6).map(lambda s: ". ".join(s) + ".")


@given(story, story)
@settings(max_examples=120, deadline=None)
def test_random_stories_score_as_the_plain_rules_score_them(left: str, right: str) -> None:
    _assert_same(_prepared("a", left), _prepared("b", right))


@given(st.lists(st.sampled_from(WORDS), unique=True), st.lists(st.sampled_from(WORDS), unique=True))
@settings(max_examples=150, deadline=None)
def test_the_key_join_finds_exactly_the_equivalent_words(left: list[str], right: list[str]) -> None:
    left, right = [w.lower() for w in left], [w.lower() for w in right]
    left, right = list(dict.fromkeys(left)), list(dict.fromkeys(right))
    want = [
        (x, y) for x, a in enumerate(left) for y, b in enumerate(right) if equivalent(a, b, "en")
    ]
    assert equivalent_pairs(left, right, "en") == want
