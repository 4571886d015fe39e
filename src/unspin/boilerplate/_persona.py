"""Author bios and persona lines, recognised by their form rather than by one wording.

Content farms sign their pages with invented authors whose bios come out of a generator:
"Evil tv buff. Troublemaker. Coffee practitioner. Bacon ninja." or "Lifelong reader,
coffee fan and web nerd." The words change from farm to farm; the form does not: three or
more short noun phrases, no function words (no verb, no article), persona nouns at their
heads, and none of the story's words. Persona lines name the author with a role: "Written
by Rowan Voss", "Ingrid Pike is our staff contributor", "Cassidy Quill, Contributor".
"""

from __future__ import annotations

import re

from unspin.lexicon import STOPWORDS

# A bio is at most this long and has at least this many phrases of at most this many
# words. The seed's bio is 6 phrases in 95 characters, the spun-news wrapping's 6 in about
# 120; three phrases are the fewest that make a list rather than a heading ("Film buff.
# Gamer."), and four words the longest phrase ("Hipster-friendly web geek" is three).
# Checked on the boilerplate benchmark's tuning wordings; re-run `python -m
# benchmarks.boilerplate run` and `python -m benchmarks.extraction run` after changing.
BIO_MAX_CHARS = 300
BIO_MIN_PHRASES = 3
BIO_PHRASE_MAX_WORDS = 4
# At least this share of a bio's phrases end in a persona noun (`_persona_noun`), and at
# most this share share a word with the story, so that a story's own list ("Wheat, barley
# and oats.") is never a bio. Re-run as above.
PERSONA_MIN_SHARE = 0.5
STORY_WORD_MAX_SHARE = 0.34
# A persona line is short: a name and a role, a verb or two at most.
PERSONA_LINE_MAX_WORDS = 8

# Heads of generated bio phrases: the seed's and the spun-news wrapping's, and the common
# ones of the kind. Other heads count when they read as agent nouns (`_AGENT_SUFFIX`).
_PERSONA_NOUNS = frozenset(
    {
        "buff", "ninja", "geek", "nerd", "fan", "fanatic", "scholar", "practitioner",
        "enthusiast", "lover", "addict", "troublemaker", "thinker", "solver", "guru",
        "expert", "specialist", "foodie", "gamer",
    }
)  # fmt: skip
_AGENT_SUFFIX = re.compile(r"(?:er|or|ist|ian|ie|ee|ado)s?$")
_ROLES = (
    r"(?:staff\s+|senior\s+|freelance\s+|guest\s+|contributing\s+|news\s+|associate\s+)?"
    r"(?:writer|reporter|journalist|correspondent|editor|contributor|columnist|blogger"
    r"|author|freelancer)"
)
_NAME = r"(?-i:[A-Z][\w'’.-]+)(?:\s+(?-i:[A-Z][\w'’.-]+)){1,3}"
_PERSONA_LINE = re.compile(
    rf"(?:(?:written|posted|reported|compiled)\s+by|by)\s+{_NAME}(?:\s*[,|·-]\s*{_ROLES})?"
    rf"|{_NAME}\s+(?:is|was|has\s+been)\s+(?:a|an|our|the)\s+(?:[\w-]+\s+){{0,2}}{_ROLES}"
    rf"(?:\s+(?:at|for|with)\s+[\w .&'-]{{1,40}})?"
    rf"|{_NAME}\s*[,|·–—-]\s*{_ROLES}"
    rf"|(?:meet\s+the\s+)?{_ROLES}\s*[:|]\s*{_NAME}",
    re.IGNORECASE,
)
_WORDS = re.compile(r"[^\W\d_][\w'’-]*")


def _phrases(line: str) -> list[str]:
    body = line.rstrip(".").strip()
    if ". " in body:
        return [p.strip() for p in body.split(". ")]
    # The list form: "Lifelong reader, coffee fan and web nerd."
    return [p.strip() for p in re.split(r",\s*(?:and\s+|&\s+)?|\s+(?:and|&)\s+", body)]


def _persona_noun(phrase: str) -> bool:
    head = phrase.split()[-1].casefold().strip("'’")
    return head in _PERSONA_NOUNS or (bool(_AGENT_SUFFIX.search(head)) and len(head) > 4)


def bio_form(line: str) -> list[list[str]] | None:
    """The folded words of each phrase of a line in the form of a generated bio (short
    noun phrases, no function words, persona heads), or ``None``. Cheap checks first: it
    runs on every short sentence of a page."""
    if len(line) > BIO_MAX_CHARS or not line.endswith(".") or any(c.isdigit() for c in line):
        return None
    phrases = _phrases(line)
    if len(phrases) < BIO_MIN_PHRASES:
        return None
    folded = []
    persona = 0
    for phrase in phrases:
        words = phrase.split()
        if not 0 < len(words) <= BIO_PHRASE_MAX_WORDS:
            return None
        lower = [w.casefold() for w in words]
        if any(w in STOPWORDS or not _WORDS.fullmatch(w) for w in lower):
            return None
        persona += _persona_noun(phrase)
        folded.append(lower)
    return folded if persona >= PERSONA_MIN_SHARE * len(phrases) else None


def generated_bio(line: str, story_words: frozenset[str]) -> bool:
    """Whether a stripped line is a generated bio: `bio_form`, and few of its phrases
    share a word with the page's story."""
    phrases = bio_form(line)
    return phrases is not None and apart_from_story(phrases, story_words)


def apart_from_story(phrases: list[list[str]], story_words: frozenset[str]) -> bool:
    """Whether few of a bio's phrases (`bio_form`) share a word with the page's story."""
    story = sum(any(w in story_words for w in words) for words in phrases)
    return story <= STORY_WORD_MAX_SHARE * len(phrases)


def persona_line(line: str) -> bool:
    """Whether a stripped line names an author with a role ("Written by Rowan Voss")."""
    return len(line.split()) <= PERSONA_LINE_MAX_WORDS and bool(_PERSONA_LINE.fullmatch(line))


def story_words(texts: list[str], min_chars: int) -> frozenset[str]:
    """The folded words of a page's longer lines (its story), those a bio must not share."""
    return (
        frozenset(
            w.casefold() for text in texts if len(text) > min_chars for w in _WORDS.findall(text)
        )
        - STOPWORDS
    )
