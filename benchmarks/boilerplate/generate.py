"""A labelled corpus of wrapped news for scoring boilerplate marking.

Built like the issue's test: BBC articles, copied and spun onto content-farm pages whose
template lines come from one `TemplateSet`; plain text, no site and no date, so that no
per-site rule can help. Some template lines are a farm's fixed furniture and recur on every
page of the farm (share and newsletter prompts, the disclaimer, the copyright line, an
author's bio); others change on every page (related links carry other headlines, captions
the page's own, photo credits a photographer's name, comment counts a number). Sources and
distractors are BBC articles left as they are, so that story text which many pages share
(a story copied by several farms) is in the corpus too and must stay story.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

from benchmarks.boilerplate.templates import TemplateSet
from benchmarks.spun_news import bbc, transforms
from benchmarks.spun_news.thesaurus import Thesaurus, load

DEFAULT_SEED = 20261203
# 360 documents, as in the issue: 80 sources, 40 distractors and 240 farm pages (six farms
# of about 40 pages, so a farm's fixed lines recur on some 40 pages, as "50-60 of 360"
# lines did there).
DEFAULT_SOURCES = 80
DEFAULT_DISTRACTORS = 40
DEFAULT_DERIVED = 240
FARMS = ("Wirefeed", "NewsPulse", "DailyGlobe", "TopStory24", "HeadlineHub", "InfoStream")
# Each farm has this many authors (each with a bio), so a bio recurs on a handful of pages.
AUTHORS_PER_FARM = 3
BIO_PHRASES = (3, 6)
FIRST_NAMES = ("Cassidy", "Rowan", "Marisol", "Dexter", "Ingrid", "Tobias", "Lena", "Omar")
LAST_NAMES = ("Quill", "Hartley", "Okonkwo", "Brandt", "Sorensen", "Pike", "Amari", "Voss")
AGENCIES = ("Reuters", "AFP", "Getty Images", "EPA", "AP", "Shutterstock")
# How a farm page copies its story: unchanged, or spun at one of two rates.
COPY_STYLES = ("verbatim", "spun20", "spun40")
SPIN_RATES = {"spun20": 0.2, "spun40": 0.4}
# Each optional line is on this share of a farm's pages, so pages differ.
OPTIONAL_CHANCE = 0.7
MAX_RELATED_LINKS = 2


@dataclass(frozen=True)
class Doc:
    id: str
    text: str
    role: str  # source | distractor | farm
    marks: tuple[tuple[int, int, str], ...]  # (start, end, kind) of every template line


@dataclass(frozen=True)
class Farm:
    name: str
    fixed: dict[str, str]  # kind -> the farm's one wording of that kind
    authors: tuple[tuple[str, str, str], ...]  # (name, header line, bio)


class _Page:
    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.marks: list[tuple[int, int, str]] = []

    def add(self, text: str, kind: str | None = None) -> None:
        if self.parts:
            self.parts.append("\n\n")
            self.length += 2
        if kind is not None:
            self.marks.append((self.length, self.length + len(text), kind))
        self.parts.append(text)
        self.length += len(text)


def make_farm(name: str, templates: TemplateSet, rng: random.Random) -> Farm:
    fixed = {
        kind: rng.choice(templates.wordings[kind])
        for kind in ("also_like", "share_prompt", "newsletter", "disclaimer", "copyright")
    }
    authors = []
    for _ in range(AUTHORS_PER_FARM):
        author = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
        header = rng.choice(templates.wordings["bio_header"]).format(name=author)
        authors.append((author, header, templates.bio(rng, rng.randint(*BIO_PHRASES))))
    return Farm(name, fixed, tuple(authors))


def _fill(wording: str, rng: random.Random, farm: Farm, **values: str) -> str:
    person = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
    return wording.format(
        person=person,
        agency=rng.choice(AGENCIES),
        farm=farm.name,
        year=str(rng.randint(2015, 2026)),
        n=str(rng.randint(2, 80)),
        **values,
    )


def farm_page(
    story: list[str],
    farm: Farm,
    templates: TemplateSet,
    other_headlines: list[str],
    rng: random.Random,
) -> _Page:
    """``story``: the headline, then the body paragraphs."""
    page = _Page()
    headline = story[0]
    page.add(headline)
    links_after = set(rng.sample(range(1, len(story)), min(MAX_RELATED_LINKS, len(story) - 1)))
    author, header, bio = rng.choice(farm.authors)
    for i, paragraph in enumerate(story[1:], start=1):
        page.add(paragraph)
        if i == 1:
            caption = rng.choice(templates.wordings["caption"])
            page.add(_fill(caption, rng, farm, headline=headline), "caption")
            credit = rng.choice(templates.wordings["photo_credit"])
            page.add(_fill(credit, rng, farm), "photo_credit")
        if i in links_after:
            link = rng.choice(templates.wordings["related_link"])
            page.add(_fill(link, rng, farm, headline=rng.choice(other_headlines)), "related_link")
    tail: list[tuple[str, str]] = [(farm.fixed["disclaimer"], "disclaimer")]
    for kind in ("share_prompt", "newsletter"):
        if rng.random() < OPTIONAL_CHANCE:
            tail.append((farm.fixed[kind], kind))
    tail.append((farm.fixed["also_like"], "also_like"))
    link = rng.choice(templates.wordings["related_link"])
    tail.append((_fill(link, rng, farm, headline=rng.choice(other_headlines)), "related_link"))
    tail += [(header, "author_bio"), (bio, "author_bio")]
    if rng.random() < OPTIONAL_CHANCE:
        other = rng.choice(templates.wordings["other_reports"])
        tail.append((_fill(other, rng, farm, name=author), "other_reports"))
    comment = rng.choice(templates.wordings["comment_form"])
    tail.append((_fill(comment, rng, farm, headline=headline), "comment_form"))
    tail.append((_fill(farm.fixed["copyright"], rng, farm), "copyright"))
    for text, kind in tail:
        page.add(text, kind)
    return page


def _story(article: bbc.Article, style: str, thesaurus: Thesaurus, rng: random.Random) -> list[str]:
    parts = [article.span(article.headline)] + [article.span(p) for p in article.paragraphs]
    if style == "verbatim":
        return parts
    writer, _ = transforms.spun(article, article.id, SPIN_RATES[style], thesaurus, rng)
    return writer.text().split(transforms.PARAGRAPH_BREAK)


def generate(
    templates: TemplateSet,
    *,
    seed: int = DEFAULT_SEED,
    sources: int = DEFAULT_SOURCES,
    distractors: int = DEFAULT_DISTRACTORS,
    derived: int = DEFAULT_DERIVED,
    tarball: Path = bbc.TARBALL,
) -> list[Doc]:
    thesaurus = load()
    if thesaurus is None:
        raise SystemExit("the spinner needs WordNet: the table shipped with unspin is missing")
    rng = random.Random(seed)
    duplicates = bbc.exact_duplicates(tarball.parent / bbc.DUPLICATES.name)
    articles = [
        a
        for a in bbc.read_articles(tarball)
        if a.id not in duplicates and len(a.paragraphs) >= bbc.MIN_PARAGRAPHS
    ]
    rng.shuffle(articles)
    chosen = articles[:sources]
    others = articles[sources : sources + distractors]
    docs = [Doc(a.id, a.text, "source", ()) for a in chosen]
    docs += [Doc(a.id, a.text, "distractor", ()) for a in others]
    headlines = [a.span(a.headline) for a in chosen]
    farms = [make_farm(name, templates, rng) for name in FARMS]
    for i in range(derived):
        article = chosen[i % len(chosen)]
        farm = farms[rng.randrange(len(farms))]
        style = rng.choice(COPY_STYLES)
        page = farm_page(_story(article, style, thesaurus, rng), farm, templates, headlines, rng)
        doc_id = f"{farm.name.lower()}/{i:04d}"
        docs.append(Doc(doc_id, "".join(page.parts) + "\n", "farm", tuple(page.marks)))
    return docs
