"""Hypothesis strategies for article-like text: sentences from a news vocabulary, paragraphs,
and the adversarial characters scraped text is full of."""

from __future__ import annotations

from hypothesis import strategies as st

_VOCABULARY = (
    "government minister officials police court election parliament president union workers "
    "strike port ships grain fuel prices market bank inflation economy company shares profits "
    "report agency statement talks agreement sanctions military alliance cooperation border "
    "troops village city region province capital hospital patients doctors vaccine study "
    "researchers university students teachers school budget taxes reform law vote protest "
    "crowd square weekend morning evening night week month year season team match coach "
    "players fans stadium goal victory defeat record drought harvest farmers flood storm "
    "said announced warned denied confirmed reported claimed agreed rejected promised "
    "increased fell rose doubled halted delayed opened closed signed launched approved "
    "new old large small early late public private foreign local national senior former "
    "Moscow Beijing Valmera Kask Putin Berlin Lagos Lima Oslo Reuters"
)
WORDS = _VOCABULARY.split()
FUNCTION = ["the", "a", "of", "in", "on", "to", "and", "after", "with", "for", "by", "that"]
NUMBERS = ["14", "4,200", "2021", "3.5", "90"]
# Characters that break naive text handling: right-to-left scripts and marks, combining
# marks, NUL and C0/C1 controls, every line break str.splitlines() knows, emoji sequences,
# typographic quotes and dashes, zero-width characters, full-width forms, ligatures.
ADVERSARIAL = [
    "مرحبا",
    "שלום",
    "\u202e",
    "\u200f",
    "\u0301",
    "e\u0301",
    "\x00",
    "\r",
    "\r\n",
    "\u2028",
    "\u2029",
    "\x0b",
    "\x0c",
    "\x85",
    "\x1c",
    "👩‍👩‍👧",
    "🇺🇦",
    "\u200b",
    "\ufeff",
    "\u00a0",
    "“",
    "’",
    "—",
    "ＡＢＣ１２",
    "ﬁ",
    "İ",
    "ß",
    "Ⅻ",
    "...",
    "?!",
]


@st.composite
def sentence(draw: st.DrawFn, min_words: int = 3, max_words: int = 14) -> str:
    words = draw(
        st.lists(
            st.sampled_from(WORDS) | st.sampled_from(FUNCTION) | st.sampled_from(NUMBERS),
            min_size=min_words,
            max_size=max_words,
        )
    )
    return " ".join(words).capitalize() + draw(st.sampled_from([".", ".", ".", "?", "!"]))


@st.composite
def story(draw: st.DrawFn, min_sentences: int = 3, max_sentences: int = 12) -> str:
    """A clean article: sentences grouped into paragraphs."""
    sentences = draw(st.lists(sentence(6), min_size=min_sentences, max_size=max_sentences))
    paragraphs, current = [], []
    for s in sentences:
        current.append(s)
        if draw(st.integers(0, 2)) == 0:
            paragraphs.append(" ".join(current))
            current = []
    if current:
        paragraphs.append(" ".join(current))
    return "\n\n".join(paragraphs)


@st.composite
def hostile_text(draw: st.DrawFn) -> str:
    """Article-like text with adversarial characters spliced in anywhere, or any text at all."""
    if draw(st.integers(0, 4)) == 0:
        return draw(st.text(max_size=300))
    text = draw(story(1, 6))
    for _ in range(draw(st.integers(0, 8))):
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.sampled_from(ADVERSARIAL)) + text[at:]
    return text


BOILERPLATE_LINES = [
    "READ MORE: Ten ways to save on fuel this winter",
    "You May Also Like",
    "About the Author: Mortimer Nelson",
    "Leave a Reply",
    "Your email address will not be published. Required fields are marked *",
    "Share this article on Facebook",
    "Photo: Reuters/John Smith",
    "Follow us on Twitter",
]


@st.composite
def with_boilerplate(draw: st.DrawFn) -> str:
    """A story with template lines between its paragraphs."""
    paragraphs = draw(story()).split("\n\n")
    out: list[str] = []
    for paragraph in paragraphs:
        out.append(paragraph)
        if draw(st.booleans()):
            out.append(draw(st.sampled_from(BOILERPLATE_LINES)))
    return draw(st.sampled_from(["\n\n", "\n", "\r\n", "\r", "\u2028"])).join(out)


@st.composite
def distinct_story(draw: st.DrawFn) -> str:
    """Three or more sentences of four or more different content words: above the evidence
    floor of a pair (12 aligned words), and no sentence short or repetitive enough to fall
    under alignment's rules for short sentences."""
    content = st.lists(st.sampled_from(WORDS), min_size=4, max_size=12, unique=True)
    sentences = [
        " ".join(words).capitalize() + "."
        for words in draw(st.lists(content, min_size=3, max_size=8))
    ]
    return "\n\n".join(sentences)
