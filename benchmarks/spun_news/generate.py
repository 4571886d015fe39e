"""Builds the labelled corpus: who plays which role, then every derived document.

Roles of the BBC articles (byte-identical duplicates are left out altogether):
- source: in the corpus unchanged; derived documents copy from it;
- distractor: in the corpus unchanged, same categories as the sources, reused by nothing;
- withheld: kept out of the corpus; gives the host text of an excerpt or the spliced-in
  paragraphs of one compilation (each withheld article serves one document only, so no two
  derived documents share text except through a corpus source).
"""

from __future__ import annotations

import datetime
import json
import random
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from benchmarks.spun_news import bbc, transforms
from benchmarks.spun_news.labels import TRANSFORMATIONS, Label, label_to_json, write_jsonl
from benchmarks.spun_news.thesaurus import Thesaurus, load
from benchmarks.spun_news.wrapping import wrapped
from benchmarks.spun_news.writer import DocWriter

DEFAULT_SIZE = 5000
DEFAULT_SEED = 20261122
# Of the corpus, each transformation gets this share of documents (8 x 10% = 80% derived),
# distractors 5%, and sources the remaining 15%: each source then has ~6 derived documents,
# and the default size needs ~2,000 BBC articles, about all the 2,029 non-duplicate ones.
SHARE_PER_TRANSFORMATION = 0.10
DISTRACTOR_SHARE = 0.05
SPIN_RATES = {"spun20": 0.2, "spun40": 0.4, "spun60": 0.6}
FARM_SITES = tuple(
    f"{name}.example"
    for name in (
        "dailywirehub",
        "newsflashnow",
        "globalreport24",
        "thetimesherald",
        "worldnewsera",
        "breakingpost",
        "headlinesdaily",
        "infonewsfeed",
    )
)
BBC_SITE = "bbc.co.uk"
FIRST_DAY = datetime.date(2005, 1, 3)
ORIGINAL_DAYS = 90  # originals are dated over one quarter
MAX_COPY_DELAY_DAYS = 14  # a derived document appears within two weeks of its last source


@dataclass(frozen=True)
class Plan:
    sources: list[bbc.Article]
    distractors: list[bbc.Article]
    withheld: list[bbc.Article]
    per_transformation: int


def plan(articles: list[bbc.Article], size: int, rng: random.Random) -> Plan:
    """Sources need enough paragraphs to excerpt, drop and shuffle; hosts, donors and
    distractors can be any article, so they are taken from the short ones first."""
    duplicates = bbc.exact_duplicates()
    usable = [a for a in articles if a.id not in duplicates]
    rng.shuffle(usable)
    per = max(1, round(size * SHARE_PER_TRANSFORMATION))
    n_distractors = max(1, round(size * DISTRACTOR_SHARE))
    n_sources = size - per * len(TRANSFORMATIONS) - n_distractors
    long_enough = [a for a in usable if len(a.paragraphs) >= bbc.MIN_PARAGRAPHS]
    sources = long_enough[: max(0, n_sources)]
    chosen = {a.id for a in sources}
    rest = sorted(
        (a for a in usable if a.id not in chosen),
        key=lambda a: len(a.paragraphs) >= bbc.MIN_PARAGRAPHS,
    )
    withheld = rest[: 2 * per]  # one host per excerpt, one donor per compilation
    categories = {a.category for a in sources}
    distractors = [a for a in rest[2 * per :] if a.category in categories][:n_distractors]
    if (
        n_sources < 3
        or len(sources) < n_sources
        or len(withheld) + len(distractors) < 2 * per + n_distractors
    ):
        needed = 1 - SHARE_PER_TRANSFORMATION * (len(TRANSFORMATIONS) - 2)
        raise ValueError(
            f"size {size} is out of range: use between 40 and {int(len(usable) / needed)} "
            "documents (the BBC corpus has too few articles for more)"
        )
    return Plan(sources, distractors, withheld, per)


def _date(rng: random.Random, after: datetime.date | None = None) -> datetime.date:
    if after is None:
        return FIRST_DAY + datetime.timedelta(days=rng.randrange(ORIGINAL_DAYS))
    return after + datetime.timedelta(days=rng.randint(1, MAX_COPY_DELAY_DAYS))


def corpus_id(article: bbc.Article, role: str) -> str:
    return f"{role}-{article.id.removeprefix('bbc/').replace('/', '-')}"


class Generator:
    def __init__(self, the_plan: Plan, thesaurus: Thesaurus, rng: random.Random) -> None:
        self.plan = the_plan
        self.thesaurus = thesaurus
        self.rng = rng
        self.records: list[dict[str, object]] = []
        self.labels: list[Label] = []
        self.dates: dict[str, datetime.date] = {}
        self.ids = {a.id: corpus_id(a, "src") for a in the_plan.sources}
        self.headlines = [a.span(a.headline) for a in the_plan.sources + the_plan.distractors]

    def add_original(self, article: bbc.Article, role: str) -> None:
        doc_id = corpus_id(article, "src" if role == "source" else "dis")
        self.dates[doc_id] = _date(self.rng)
        self._record(doc_id, article.text, article.span(article.headline), BBC_SITE)
        self.labels.append(Label(doc_id, role, article.category, origins=[article.id]))

    def _record(self, doc_id: str, text: str, title: str, site: str) -> None:
        self.records.append(
            {
                "id": doc_id,
                "text": text,
                "title": title,
                "site": site,
                "date": self.dates[doc_id].isoformat(),
            }
        )

    def add_derived(
        self,
        name: str,
        number: int,
        writer: DocWriter,
        category: str,
        origins: list[str],
        site: str,
        spin_rate: float | None = None,
    ) -> None:
        doc_id = f"{name}-{number:04d}"
        sources = {s.source for s in writer.segments}
        self.dates[doc_id] = _date(self.rng, max(self.dates[s] for s in sources))
        text = writer.text()
        self._record(doc_id, text, text.split("\n", 1)[0], site)
        self.labels.append(
            Label(
                doc_id,
                "derived",
                category,
                name,
                sorted(set(origins)),
                writer.segments,
                writer.marks,
                spin_rate,
            )
        )

    def derive_all(self) -> None:
        sources = self.plan.sources
        by_category: dict[str, list[bbc.Article]] = {}
        for article in sources:
            by_category.setdefault(article.category, []).append(article)
        cursor = 0
        for name in TRANSFORMATIONS:
            for number in range(self.plan.per_transformation):
                article = sources[cursor % len(sources)]
                cursor += 1
                self._derive(name, number, article, by_category)

    def _unrelated(self, category: str) -> bbc.Article:
        """The next withheld article, preferring another category than ``category``; it is
        taken out of the pool so that it serves one document only."""
        pool = self.plan.withheld
        for i, candidate in enumerate(pool):
            if candidate.category != category:
                return pool.pop(i)
        return pool.pop(0)

    def _derive(
        self,
        name: str,
        number: int,
        article: bbc.Article,
        by_category: dict[str, list[bbc.Article]],
    ) -> None:
        rng, source_id = self.rng, self.ids[article.id]
        site = rng.choice(FARM_SITES)
        origins = [article.id]
        rate = None
        if name == "verbatim":
            writer = transforms.verbatim(article, source_id, self.thesaurus, rng)
        elif name in SPIN_RATES:
            writer, rate = transforms.spun(
                article, source_id, SPIN_RATES[name], self.thesaurus, rng
            )
        elif name == "restructured":
            writer = transforms.restructured(article, source_id, rng)
        elif name == "wrapped":
            writer = wrapped(article, source_id, site, self.headlines, rng)
        elif name == "excerpt":
            host = self._unrelated(article.category)
            writer = transforms.excerpt(article, source_id, host, rng)
            origins.append(host.id)
        else:
            peers = [a for a in by_category[article.category] if a.id != article.id]
            others = rng.sample(peers, min(len(peers), rng.randint(1, 2)))
            donor = self._unrelated(article.category)
            parts = [(a, self.ids[a.id]) for a in [article, *others]]
            writer = transforms.compilation(parts, donor, rng)
            origins += [a.id for a in others] + [donor.id]
        self.add_derived(name, number, writer, article.category, origins, site, rate)


def _undated(record: dict[str, object]) -> dict[str, object]:
    return {key: value for key, value in record.items() if key != "date"}


def generate(
    out: Path,
    size: int = DEFAULT_SIZE,
    seed: int = DEFAULT_SEED,
    tarball: Path = bbc.TARBALL,
    dates: bool = True,
) -> dict[str, object]:
    """Write ``corpus.jsonl``, ``labels.jsonl`` and ``meta.json`` into ``out``; without
    ``dates`` the records carry none (the same corpus otherwise: direction must then come
    from the texts)."""
    thesaurus = load()
    if thesaurus is None:
        raise RuntimeError(
            "WordNet not found in /usr/share/wordnet: sudo apt-get install wordnet-base"
        )
    rng = random.Random(seed)
    articles = bbc.read_articles(tarball)
    the_plan = plan(articles, size, rng)
    generator = Generator(the_plan, thesaurus, rng)
    for article in the_plan.sources:
        generator.add_original(article, "source")
    for article in the_plan.distractors:
        generator.add_original(article, "distractor")
    generator.derive_all()
    in_corpus = {o for label in generator.labels for o in label.origins}
    overlaps = sorted(sorted(p) for p in bbc.natural_overlaps(articles) if p <= in_corpus)
    out.mkdir(parents=True, exist_ok=True)
    records = generator.records if dates else [_undated(r) for r in generator.records]
    write_jsonl(out / "corpus.jsonl", records)
    write_jsonl(out / "labels.jsonl", (label_to_json(label) for label in generator.labels))
    meta = {
        "seed": seed,
        "dates": dates,
        "size": len(generator.records),
        "roles": dict(Counter(label.transformation or label.role for label in generator.labels)),
        "natural_overlaps": overlaps,
    }
    (out / "meta.json").write_text(json.dumps(meta, indent=1), encoding="utf-8")
    return meta
