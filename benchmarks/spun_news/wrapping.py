"""Content-farm wrapping, modelled on ``examples/000_d1e9f2ba145d541d.txt``: "READ" links to
other stories, photo captions and credits, "You May Also Like", a generated author bio, a
comment form, share prompts and "Other reports by"."""

from __future__ import annotations

import random

from benchmarks.spun_news.bbc import Article
from benchmarks.spun_news.transforms import PARAGRAPH_BREAK, units
from benchmarks.spun_news.writer import DocWriter

FIRST_NAMES = ("Mortimer", "Delia", "Hank", "Priya", "Oswald", "Greta", "Tobias", "Imelda")
LAST_NAMES = ("Nelson", "Varga", "Okafor", "Lindqvist", "Moreau", "Bishop", "Castro", "Hale")
AGENCIES = ("Reuters", "AP", "AFP", "Getty Images", "EPA", "PA Images")
BIO_WORDS = (
    "Evil tv buff.",
    "Troublemaker.",
    "Coffee practitioner.",
    "Unapologetic problem solver.",
    "Bacon ninja.",
    "Thinker.",
    "Professional food enthusiast.",
    "Music fanatic.",
    "Internet scholar.",
    "Hipster-friendly web geek.",
    "Award-winning beer lover.",
)
CAPTION_PREFIXES = ("File photo: ", "", "Pictured: ", "Archive image: ")
COMMENT_FORM = (
    "Leave a Reply",
    "Your email address will not be published. Required fields are marked *",
)
SHARE_LINES = ("Share this article: Facebook Twitter WhatsApp Email", "Share on Facebook")
# At most this many "READ" links go between paragraphs (the seed article has two).
MAX_READ_LINKS = 2
# Half the wrapped articles carry each optional line (share prompt, "Other reports by"), so
# the corpus has pages with and without them.
OPTIONAL_LINE_CHANCE = 0.5


def site_author(site: str) -> tuple[str, str]:
    """A site's one (generated) author and bio, the same on every article of the site."""
    rng = random.Random(site)
    name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
    return name, " ".join(rng.sample(BIO_WORDS, 6))


def wrapped(
    article: Article, source_id: str, site: str, other_headlines: list[str], rng: random.Random
) -> DocWriter:
    """The source, unchanged, with boilerplate lines between and after its paragraphs."""
    writer = DocWriter()
    writer.copy(article.span(article.headline), source_id, article.headline)
    read_after = set(
        rng.sample(
            range(1, len(article.paragraphs)), min(MAX_READ_LINKS, len(article.paragraphs) - 1)
        )
    )
    for i, paragraph in enumerate(article.paragraphs):
        writer.glue(PARAGRAPH_BREAK)
        for u, unit in enumerate(units(article, paragraph)):
            if u:
                writer.glue(" ")
            writer.copy(unit.text, source_id, (unit.start, unit.end))
        if i == 0:
            credit = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)} / {rng.choice(AGENCIES)}"
            writer.glue(PARAGRAPH_BREAK)
            writer.mark(rng.choice(CAPTION_PREFIXES) + article.span(article.headline), "caption")
            writer.glue("\n")
            writer.mark(credit, "photo_credit")
        if i in read_after:
            writer.glue(PARAGRAPH_BREAK)
            writer.mark("READ  " + rng.choice(other_headlines), "related_link")
    author, bio = site_author(site)
    tail = [
        ("You May Also Like", "also_like"),
        (f"About the Author: {author}", "author_bio"),
        (bio, "author_bio"),
        *((line, "comment_form") for line in COMMENT_FORM),
    ]
    if rng.random() < OPTIONAL_LINE_CHANCE:
        tail.insert(0, (rng.choice(SHARE_LINES), "share"))
    if rng.random() < OPTIONAL_LINE_CHANCE:
        tail.append((f"Other reports by {author}", "other_reports"))
    for line, kind in tail:
        writer.glue(PARAGRAPH_BREAK)
        writer.mark(line, kind)
    return writer
