"""The transformations that turn BBC articles into labelled derived documents."""

from __future__ import annotations

import random
from dataclasses import dataclass

from benchmarks.spun_news.bbc import Article, sentences
from benchmarks.spun_news.spinner import FUNCTION_WORDS, spin_sentences
from benchmarks.spun_news.thesaurus import Thesaurus
from benchmarks.spun_news.writer import DocWriter

# Light edits: chance that one body sentence is dropped, and chance per sentence of a typo.
# Set to leave most of the copy verbatim while every document has at least one edit.
DROP_SENTENCE_CHANCE = 0.7
TYPO_PER_SENTENCE = 0.1
HEADLINE_SPIN_RATE = 0.5
HEADLINE_PREFIXES = ("", "", "UPDATE: ", "Breaking: ", "REPORT: ")
# Restructuring: chance to merge a sentence with the next, to drop one, and to reorder the
# sentences of a paragraph; paragraphs are always shuffled.
MERGE_CHANCE = 0.25
RESTRUCTURE_DROP_CHANCE = 0.1
REORDER_PARAGRAPH_CHANCE = 0.5
PARAGRAPH_BREAK = "\n\n"
# A compilation takes each further source's or donor's paragraph from those no longer than
# this share of the main source's body, so that the main source supplies most of the text
# (in the seed compilation the main story is about two thirds of the article).
EXTRA_PARAGRAPH_MAX_SHARE = 0.3
# Reused or spliced text shorter than this is a single sentence or a list line ("3 Anastasia
# Myskina (Russia)"), not the paragraphs the issue asks for: ~40 words, two news sentences.
MIN_REUSED_CHARS = 250


@dataclass(frozen=True)
class Unit:
    """A piece of source text (a sentence or a merged pair) on its way into a derived doc."""

    text: str
    start: int
    end: int


def units(article: Article, paragraph: tuple[int, int]) -> list[Unit]:
    return [Unit(article.text[s:e], s, e) for s, e in sentences(article.text, paragraph)]


def typo(word: str, rng: random.Random) -> str:
    """A keyboard slip: two letters swapped, one dropped or one doubled."""
    i = rng.randrange(1, len(word) - 1)
    kind = rng.randrange(3)
    if kind == 0:
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    if kind == 1:
        return word[:i] + word[i + 1 :]
    return word[:i] + word[i] + word[i:]


def with_typo(text: str, rng: random.Random) -> str:
    words = [(i, w) for i, w in enumerate(text.split(" ")) if w.isalpha() and len(w) >= 4]
    if not words:
        return text
    index, word = rng.choice(words)
    pieces = text.split(" ")
    pieces[index] = typo(word, rng)
    return " ".join(pieces)


def _write_paragraphs(writer: DocWriter, source_id: str, paragraphs: list[list[Unit]]) -> None:
    for p, paragraph in enumerate(paragraphs):
        if p:
            writer.glue(PARAGRAPH_BREAK)
        for u, unit in enumerate(paragraph):
            if u:
                writer.glue(" ")
            writer.copy(unit.text, source_id, (unit.start, unit.end))


def new_headline(article: Article, thesaurus: Thesaurus, rng: random.Random) -> str:
    [spun], _, _ = spin_sentences(
        [article.span(article.headline)], HEADLINE_SPIN_RATE, thesaurus, rng
    )
    return rng.choice(HEADLINE_PREFIXES) + spun


def verbatim(
    article: Article, source_id: str, thesaurus: Thesaurus, rng: random.Random
) -> DocWriter:
    """A copy with a changed headline, maybe one sentence dropped, and a few typos."""
    writer = DocWriter()
    writer.copy(new_headline(article, thesaurus, rng), source_id, article.headline)
    writer.glue(PARAGRAPH_BREAK)
    body = [units(article, p) for p in article.paragraphs]
    if rng.random() < DROP_SENTENCE_CHANCE:
        candidates = [(p, u) for p, para in enumerate(body) for u in range(len(para)) if p or u]
        if candidates:
            p, u = rng.choice(candidates)
            del body[p][u]
    body = [
        [
            Unit(with_typo(unit.text, rng), unit.start, unit.end)
            if rng.random() < TYPO_PER_SENTENCE
            else unit
            for unit in para
        ]
        for para in body
        if para
    ]
    _write_paragraphs(writer, source_id, body)
    return writer


def spun(
    article: Article, source_id: str, rate: float, thesaurus: Thesaurus, rng: random.Random
) -> tuple[DocWriter, float]:
    """Every sentence (headline included) spun; ``rate`` of all content words replaced."""
    pieces = [
        article.headline,
        *(s for p in article.paragraphs for s in sentences(article.text, p)),
    ]
    texts, content, replaced = spin_sentences(
        [article.span(s) for s in pieces], rate, thesaurus, rng
    )
    spun_units = dict(zip(pieces, texts, strict=True))
    writer = DocWriter()
    writer.copy(spun_units[article.headline], source_id, article.headline)
    writer.glue(PARAGRAPH_BREAK)
    body = [
        [Unit(spun_units[(s, e)], s, e) for s, e in sentences(article.text, p)]
        for p in article.paragraphs
    ]
    _write_paragraphs(writer, source_id, body)
    return writer, replaced / max(1, content)


def _merge(first: Unit, second: Unit, rng: random.Random) -> Unit:
    """Two neighbouring source sentences joined into one ("A, and b" / "A; b")."""
    head = first.text.rstrip(".!?") if first.text.endswith(".") else first.text
    tail = second.text
    if tail.split(" ", 1)[0].lower() in FUNCTION_WORDS:
        tail = tail[0].lower() + tail[1:]
    joiner = rng.choice((", and ", "; ", ", while "))
    return Unit(head + joiner + tail, first.start, second.end)


def restructured(article: Article, source_id: str, rng: random.Random) -> DocWriter:
    """Sentences merged, dropped and reordered inside paragraphs; paragraphs shuffled."""
    body: list[list[Unit]] = []
    for paragraph in article.paragraphs:
        merged: list[Unit] = []
        previous_kept = False  # a merge must join neighbours in the source, nothing between
        for unit in units(article, paragraph):
            if previous_kept and rng.random() < MERGE_CHANCE:
                merged[-1] = _merge(merged[-1], unit, rng)
            elif merged and rng.random() < RESTRUCTURE_DROP_CHANCE:
                previous_kept = False
                continue
            else:
                merged.append(unit)
            previous_kept = True
        if len(merged) > 1 and rng.random() < REORDER_PARAGRAPH_CHANCE:
            rng.shuffle(merged)
        body.append(merged)
    order = list(range(len(body)))
    while order == sorted(order):
        rng.shuffle(order)
    writer = DocWriter()
    writer.copy(article.span(article.headline), source_id, article.headline)
    writer.glue(PARAGRAPH_BREAK)
    _write_paragraphs(writer, source_id, [body[i] for i in order])
    return writer


def excerpt(article: Article, source_id: str, host: Article, rng: random.Random) -> DocWriter:
    """One to three consecutive paragraphs of ``article`` inside the unrelated ``host``,
    extended to the next paragraph while they are shorter than ``MIN_REUSED_CHARS``."""
    paragraphs = article.paragraphs
    count = rng.randint(1, min(3, len(paragraphs)))
    first = rng.randrange(len(paragraphs) - count + 1)
    while (
        count < len(paragraphs)
        and paragraphs[first + count - 1][1] - paragraphs[first][0] < MIN_REUSED_CHARS
    ):
        if first + count < len(paragraphs):
            count += 1
        else:  # at the end of the article: grow backwards
            first -= 1
            count += 1
    taken = article.paragraphs[first : first + count]
    at = rng.randint(1, len(host.paragraphs))
    writer = DocWriter()
    writer.mark(host.span(host.headline), "host", host.id)
    for i, paragraph in enumerate(host.paragraphs):
        writer.glue(PARAGRAPH_BREAK)
        writer.mark(host.span(paragraph), "host", host.id)
        if i + 1 == at:
            for span in taken:
                writer.glue(PARAGRAPH_BREAK)
                writer.copy(article.span(span), source_id, span)
    return writer


def _short_paragraphs(
    article: Article, budget: float, count: int, rng: random.Random
) -> list[tuple[int, int]]:
    """``count`` distinct paragraphs of at least ``MIN_REUSED_CHARS`` and at most ``budget``
    characters; else the shortest long-enough one; else the longest paragraph there is."""
    long_enough = [p for p in article.paragraphs if p[1] - p[0] >= MIN_REUSED_CHARS]
    fitting = [p for p in long_enough if p[1] - p[0] <= budget]
    if fitting:
        return rng.sample(fitting, min(count, len(fitting)))
    if long_enough:
        return [min(long_enough, key=lambda p: p[1] - p[0])]
    return [max(article.paragraphs, key=lambda p: p[1] - p[0])]


def compilation(parts: list[tuple[Article, str]], donor: Article, rng: random.Random) -> DocWriter:
    """The main source's paragraphs with one or two paragraphs of each further source and
    one or two spliced-in paragraphs of an unrelated ``donor`` article placed among them."""
    (main, main_id), *others = parts
    blocks: list[tuple[str, tuple[int, int], Article]] = [
        (main_id, p, main) for p in main.paragraphs
    ]
    extras: list[tuple[str, tuple[int, int], Article]] = []
    budget = sum(b - a for a, b in main.paragraphs) * EXTRA_PARAGRAPH_MAX_SHARE
    for article, source_id in others:
        extras += [(source_id, p, article) for p in _short_paragraphs(article, budget, 1, rng)]
    extras += [("", p, donor) for p in _short_paragraphs(donor, budget, rng.randint(1, 2), rng)]
    for extra in extras:
        blocks.insert(rng.randint(1, len(blocks)), extra)
    writer = DocWriter()
    writer.copy(main.span(main.headline), main_id, main.headline)
    for source_id, span, article in blocks:
        writer.glue(PARAGRAPH_BREAK)
        if source_id:
            writer.copy(article.span(span), source_id, span)
        else:
            writer.mark(article.span(span), "spliced", article.id)
    return writer
