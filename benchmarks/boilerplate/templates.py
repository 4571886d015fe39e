"""Two disjoint sets of content-farm template wordings: one to tune on, one held out.

Neither set uses the wordings that unspin's patterns were written from (the seed article,
``benchmarks/spun_news/wrapping.py`` and the article-extraction benchmark's pages): both
are new wordings of the same kinds of furniture, as another farm's CMS would print them.
Rules are developed against ``TUNING``; ``HELD_OUT`` is used only for scoring (the issue's
target, recall >= 0.90 and precision >= 0.95, is read on it), so a rule that learns one
set's words by heart shows up as a gap between the two.

A wording is a format string; the generator fills ``{headline}`` (another corpus article's
headline for related links, the article's own for captions), ``{name}`` (the farm's
author), ``{person}`` (a photographer), ``{agency}``, ``{farm}`` (the farm's display name),
``{year}`` and ``{n}``. Bios are built from persona words (`bio`).
"""

from __future__ import annotations

import random
from dataclasses import dataclass

# Every kind the generator labels; "disclaimer" is the aggregator notice ("auto-published
# from a syndicated feed"), which unspin has no kind of its own for.
KINDS = (
    "related_link",
    "also_like",
    "share_prompt",
    "newsletter",
    "disclaimer",
    "author_bio",
    "comment_form",
    "caption",
    "photo_credit",
    "copyright",
    "other_reports",
)


@dataclass(frozen=True)
class TemplateSet:
    name: str
    wordings: dict[str, tuple[str, ...]]
    # A bio is `bio_length` persona phrases: an adjective (or none) and a persona noun.
    persona_adjectives: tuple[str, ...]
    persona_nouns: tuple[str, ...]
    # How the phrases are joined: "fragments" ("Coffee practitioner. Bacon ninja.") or
    # "list" ("Coffee practitioner, bacon ninja and thinker.").
    bio_forms: tuple[str, ...]

    def bio(self, rng: random.Random, length: int) -> str:
        phrases = []
        for noun in rng.sample(self.persona_nouns, length):
            adjective = rng.choice(self.persona_adjectives)
            phrases.append(f"{adjective} {noun}".strip())
        if rng.choice(self.bio_forms) == "fragments":
            return " ".join(p[0].upper() + p[1:] + "." for p in phrases)
        text = ", ".join(phrases[:-1]) + " and " + phrases[-1] + "."
        return text[0].upper() + text[1:]


TUNING = TemplateSet(
    name="tuning",
    wordings={
        "related_link": (
            "Continue reading: {headline}",
            "Also on our site — {headline}",
            "Next story » {headline}",
        ),
        "also_like": ("Picked for you", "More to explore", "Readers are also viewing"),
        "share_prompt": (
            "Tell your friends about this story: email or text it to them",
            "Pass this along to someone who would enjoy it",
        ),
        "newsletter": (
            "Get the headlines in your inbox every morning. Sign up, it's free",
            "Our weekly digest is free: join thousands of readers today",
        ),
        "disclaimer": (
            "This article was published from a syndicated wire feed without edits by our team.",
            "The views expressed here are the writer's own and do not reflect this outlet.",
        ),
        "bio_header": ("About {name}", "Posted by {name}", "{name} is our staff contributor"),
        "comment_form": (
            "Have your say: post your thoughts below",
            "Comments are reviewed before they appear",
            "{n} thoughts on “{headline}”",
        ),
        "caption": ("Seen here: {headline}", "{headline} (file picture)"),
        "photo_credit": ("Photograph: {person}/{agency}", "Picture: {person} for {farm}"),
        "copyright": (
            "Content copyright {year} {farm}. Reproduction is not allowed without consent.",
            "© {year} {farm} Network. Syndicated under licence.",
        ),
        "other_reports": ("Everything written by {name}", "Browse the {name} archive"),
    },
    persona_adjectives=("", "", "Total", "Lifelong", "Certified", "Hardcore", "Devoted"),
    persona_nouns=(
        "reader",
        "coffee fan",
        "film buff",
        "gamer",
        "foodie",
        "traveller",
        "writer",
        "bookworm",
        "runner",
        "twitter addict",
        "web nerd",
        "pop culture geek",
    ),
    bio_forms=("fragments", "list"),
)

HELD_OUT = TemplateSet(
    name="held-out",
    wordings={
        "related_link": (
            "Keep reading → {headline}",
            "ALSO ON THE WIRE: {headline}",
            "Up next | {headline}",
        ),
        "also_like": ("Hand-picked stories", "Elsewhere on the network", "People also viewed"),
        "share_prompt": (
            "Know someone who'd like this? Send it their way",
            "Spread the word and forward this page to your contacts",
        ),
        "newsletter": (
            "Want more like this? Our free briefing lands every Friday. Subscribe now",
            "Never miss a story: get our morning email, free",
        ),
        "disclaimer": (
            "Auto-published from an agency feed; this text has not been edited by our staff.",
            "Opinions in this piece belong to the author, not to the publisher.",
        ),
        "bio_header": ("Meet the writer: {name}", "Written by {name}", "{name}, Contributor"),
        "comment_form": (
            "What do you make of it? Join in below",
            "Our moderators check every comment before publishing",
            "{n} responses to “{headline}”",
        ),
        "caption": ("Above: {headline}", "In the picture — {headline}"),
        "photo_credit": ("Image: {person} / {agency}", "Shot by {person} for {farm}"),
        "copyright": (
            "All material copyright {year} {farm} Media; do not republish.",
            "{farm} {year}. Redistribution prohibited.",
        ),
        "other_reports": ("See all posts from {name}", "{name}'s latest pieces"),
    },
    persona_adjectives=("", "", "Proud", "Unapologetic", "Wannabe", "Friendly", "Passionate"),
    persona_nouns=(
        "music junkie",
        "tv maven",
        "bacon aficionado",
        "beer evangelist",
        "explorer",
        "introvert",
        "social media guru",
        "zombie scholar",
        "alcohol practitioner",
        "thinker",
        "pop culture advocate",
        "food enthusiast",
    ),
    bio_forms=("fragments", "list"),
)

SETS = {TUNING.name: TUNING, HELD_OUT.name: HELD_OUT}
