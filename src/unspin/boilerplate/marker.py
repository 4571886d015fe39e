"""Mark the template lines of one document."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

from unspin.boilerplate._chrome import menu_line, table_row, title_item
from unspin.boilerplate._lines import block_after, split_lines
from unspin.boilerplate._patterns import (
    BIO_HEADER,
    COMMENT_FIELD,
    MAX_PATTERN_LINE_CHARS,
    SENTENCE_BREAK,
    Match,
    classify,
    credit_like,
    quote,
)
from unspin.boilerplate._persona import (
    BIO_MAX_CHARS,
    apart_from_story,
    bio_form,
    persona_line,
    story_words,
)
from unspin.boilerplate._profiles import company_profile_marks
from unspin.boilerplate.repeated import CORPUS_KEY_PREFIX, REPEATED_LINE_MAX_CHARS, line_key
from unspin.boilerplate.shapes import FILL_LINE_MAX_CHARS, OPENING_PREFIX, fill_line, shape_keys
from unspin.model import BoilerplateSpan

# A caption is a short label; anything longer is a paragraph that happens to be followed
# by a longer version of itself (an extractor repeating a block), not a photo caption.
_MAX_CAPTION_CHARS = 200
# The bio that follows "About the Author" is a line or two of generated text; a longer
# block after the header is more likely the next part of the page.
_MAX_BIO_LINES = 3
_MAX_BIO_CHARS = 600

# A run of at least this many consecutive short title-case lines ("Home", "News", "Sport",
# "Weather") is a menu. A story's own lists are introduced ("The nominees are:") and are
# left alone; three title-case lines in a row are as often a byline block (name, role,
# place) as a menu, so four. Chosen by reasoning; re-run `python -m benchmarks.extraction
# run` (kind `navigation`) and `pytest tests/test_boilerplate_chrome.py` after changing it.
NAV_RUN_MIN_LINES = 4
# A caption repeated on the page (a gallery shows it under the thumbnail and the slide)
# counts as a gallery caption when it lies within this many lines of a gallery control or
# photo credit, on a page that has at least one gallery control. Set from the gallery pages
# of the article-extraction benchmark (captions sit one to three lines from the counter or
# credit); re-run `python -m benchmarks.extraction run` (kind `gallery`).
GALLERY_CONTEXT_LINES = 3

# Under a recommendation header ("DON'T MISS", "You may also like..."), at most this many
# headline lines follow; the list ends at the first line that reads as prose. The lists of
# the article-extraction benchmark hold three to eight; re-run `python -m
# benchmarks.extraction run` (kind `related_link`) after changing it.
HEADER_LIST_MAX_LINES = 10
_HEADLINE_MAX_CHARS = 200

# line index -> (kind, evidence); one entry per line is what keeps spans from overlapping.
_Marks = dict[int, tuple[str, str]]


def _mark_captions(texts: list[str], marks: _Marks) -> None:
    """A caption line directly followed by the same text with a photo credit glued on."""
    n = len(texts)
    for i in range(n - 1):
        caption = texts[i]
        # One blank line is tolerated between the two: extractors differ on that.
        j = i + 1 if texts[i + 1] or i + 2 == n else i + 2
        full = texts[j]
        # startswith first: it rejects nearly every line without leaving C.
        if not caption or len(full) <= len(caption) or not full.startswith(caption):
            continue
        if len(caption) > _MAX_CAPTION_CHARS or caption[-1] in ".!?;:,":
            continue
        credit = full[len(caption) :].strip()
        if credit_like(credit):
            marks[i] = ("caption", f"caption repeated on the next line with a credit: {credit!r}")
            marks[j] = ("photo_credit", f"caption with photo credit {credit!r} glued on")


def _mark_patterns(texts: list[str], marks: _Marks) -> None:
    # Memoised per distinct line: a page of short repeated lines (a list of links, a
    # table) otherwise pays for every rule on every copy.
    seen: dict[str, Match | None] = {}
    for i, text in enumerate(texts):
        if text and len(text) <= MAX_PATTERN_LINE_CHARS and i not in marks:
            if text in seen:
                match = seen[text]
            else:
                match = seen[text] = classify(text)
            if match is not None:
                marks[i] = (match.kind, match.evidence)


def _mark_bios(texts: list[str], marks: _Marks) -> None:
    """The bio after "About the Author": the rest of the header's block, else the next block."""
    headers = [
        i
        for i, (kind, evidence) in sorted(marks.items())
        if kind == "author_bio" and evidence.startswith(BIO_HEADER)
    ]
    for i in headers:
        block = block_after(texts, i, _MAX_BIO_LINES, _MAX_BIO_CHARS)
        if block and not any(k in marks or classify(texts[k]) for k in block):
            for k in block:
                marks[k] = ("author_bio", f"bio following the author header on line {i + 1}")


def _mark_personas(texts: list[str], marks: _Marks) -> None:
    """Generated bios and author persona lines, wherever they stand on the page."""
    story: frozenset[str] | None = None
    for i, text in enumerate(texts):
        if not text or i in marks or len(text) > BIO_MAX_CHARS:
            continue
        if persona_line(text):
            marks[i] = ("author_bio", f"author named with a role: {quote(text)}")
            continue
        phrases = bio_form(text)
        if phrases is not None:
            if story is None:
                story = story_words(texts, FILL_LINE_MAX_CHARS)
            if apart_from_story(phrases, story):
                marks[i] = ("author_bio", f"generated bio of persona phrases: {quote(text)}")


def _mark_comment_fields(texts: list[str], marks: _Marks) -> None:
    """Field labels ("Name *", "Website") directly after a comment-form line."""
    prev_kind: str | None = None
    for i, text in enumerate(texts):
        if not text:
            continue
        if i not in marks and prev_kind == "comment_form" and COMMENT_FIELD.fullmatch(text):
            marks[i] = ("comment_form", f"comment form field: {text!r}")
        prev_kind = marks[i][0] if i in marks else None


def _mark_menus(texts: list[str], marks: _Marks) -> None:
    """Menus: pipe- or bullet-separated labels on one line, or runs of title-case labels.

    A pipe line whose neighbour is a pipe line too is a table row (extraction writes a
    table as "| a | b |" lines), and a table is story.
    """
    n = len(texts)
    for i, text in enumerate(texts):
        if not text or i in marks or not menu_line(text):
            continue
        neighbours = [texts[j] for j in (i - 1, i + 1) if 0 <= j < n]
        if table_row(text) and any(table_row(other) for other in neighbours):
            continue
        marks[i] = ("navigation", f"menu of short labels on one line: {quote(text)}")
    run: list[int] = []
    for i in range(n + 1):
        text = texts[i] if i < n else ""
        if i < n and (not text or (text and title_item(text))):
            if text:
                run.append(i)
            continue
        _close_run(texts, marks, run)
        run = []
    _close_run(texts, marks, run)


def _close_run(texts: list[str], marks: _Marks, run: list[int]) -> None:
    if len(run) < NAV_RUN_MIN_LINES:
        return
    before = run[0] - 1
    while before >= 0 and not texts[before]:
        before -= 1
    if before >= 0 and texts[before].endswith(":"):
        return  # an introduced list is the story's own
    for i in run:
        if i not in marks:
            marks[i] = ("navigation", f"run of {len(run)} short title-case labels")


def _headline_item(text: str) -> bool:
    """A headline of another story, as a list under a header shows it: three words or more,
    opened as a headline is (not in lower case: that is a line-broken sentence going on), no
    final full stop and no sentence break inside (a question mark at the end is a
    headline's), no quoted speech: a reading list's "Author. (2003) Title" is a list of
    sources, not of stories."""
    return (
        len(text) <= _HEADLINE_MAX_CHARS
        and len(text.split()) >= 3
        and not text[0].islower()
        and text[-1] not in '.!…:;,"”'
        and not SENTENCE_BREAK.search(text)
    )


def _mark_header_lists(texts: list[str], marks: _Marks) -> None:
    """The headlines listed under a recommendation header, up to the first line of prose."""
    headers = sorted(
        i for i, (kind, _) in marks.items() if kind == "also_like" and not texts[i][0].islower()
    )
    for i in headers:
        j, taken = i + 1, 0
        while j < len(texts) and taken < HEADER_LIST_MAX_LINES:
            text = texts[j]
            if text:
                if j in marks or not _headline_item(text):
                    break
                marks[j] = ("related_link", f"headline listed under the header on line {i + 1}")
                taken += 1
            j += 1


def _mark_gallery_captions(texts: list[str], marks: _Marks) -> None:
    """Captions a gallery repeats next to its controls and photo credits."""
    if not any(kind == "gallery" for kind, _ in marks.values()):
        return
    anchors = sorted(i for i, (kind, _) in marks.items() if kind in ("gallery", "photo_credit"))
    counts: dict[str, int] = {}
    for text in texts:
        if text:
            counts[text] = counts.get(text, 0) + 1
    for i, text in enumerate(texts):
        if not text or i in marks or counts[text] < 2 or len(text) > MAX_PATTERN_LINE_CHARS:
            continue
        k = bisect_right(anchors, i)
        near = [a for a in anchors[max(0, k - 1) : k + 1] if abs(a - i) <= GALLERY_CONTEXT_LINES]
        if near:
            marks[i] = ("gallery", f"caption repeated beside gallery controls: {quote(text)}")


_SITE = "of its site"
_CORPUS = "of the corpus, unrelated to each other"


def _repeated_evidence(text: str, first: bool, repeated_lines: frozenset[str]) -> str:
    """Why a line is template by repetition, or "" when it is not."""
    key = line_key(text)
    if key in repeated_lines:
        return f"line repeated across many articles {_SITE}: {quote(text)}"
    if CORPUS_KEY_PREFIX + key in repeated_lines:
        return f"line repeated across many articles {_CORPUS}: {quote(text)}"
    if first or len(key) > REPEATED_LINE_MAX_CHARS or not fill_line(text):
        return ""
    for shape in shape_keys(key):
        where = _SITE if shape in repeated_lines else ""
        if not where and CORPUS_KEY_PREFIX + shape in repeated_lines:
            where = _CORPUS
        if where:
            part = "opening" if shape.startswith(OPENING_PREFIX) else "closing"
            return (
                f"line {part} {shape[1:]!r} repeated with other text across many articles "
                f"{where}: {quote(text)}"
            )
    return ""


def _mark_repeated(texts: list[str], marks: _Marks, repeated_lines: frozenset[str]) -> None:
    # Template lines recur within a document too (one per comment, per list item), so
    # keys are memoised; long lines are skipped before paying for NFKC.
    # The headline takes no shape (`shapes`), so it is memoised apart from its repeats.
    seen: dict[tuple[str, bool], str] = {}
    first = next((i for i, text in enumerate(texts) if text), -1)
    for i, text in enumerate(texts):
        if not text or len(text) > 4 * REPEATED_LINE_MAX_CHARS or i in marks:
            continue
        memo = (text, i == first)
        evidence = seen.get(memo)
        if evidence is None:
            evidence = seen[memo] = _repeated_evidence(text, i == first, repeated_lines)
        if evidence:
            marks[i] = ("repeated_line", evidence)


def mark_boilerplate(
    text: str, repeated_lines: frozenset[str] = frozenset()
) -> tuple[BoilerplateSpan, ...]:
    """Template lines of `text`, each as a span over the line without surrounding whitespace.

    Spans are sorted and never overlap: each line gets at most one mark. The more specific
    rules run first: caption pairs (so that the credit line is not taken for a lone credit),
    then single-line patterns (site chrome among them), then menus and gallery captions,
    which need the lines around them, then the bio and comment-form context the patterns
    open, a press release's company profile (`_profiles`), and last `repeated_lines`
    (keys from `line_key`, usually one site's entry of `repeated_lines_by_site`, which also
    holds the corpus-wide keys, prefixed with `CORPUS_KEY_PREFIX`) for lines no pattern
    explained.
    """
    lines = split_lines(text)
    texts = lines.texts
    marks: _Marks = {}
    _mark_captions(texts, marks)
    _mark_patterns(texts, marks)
    _mark_menus(texts, marks)
    _mark_header_lists(texts, marks)
    _mark_gallery_captions(texts, marks)
    _mark_bios(texts, marks)
    _mark_personas(texts, marks)
    _mark_comment_fields(texts, marks)
    marks.update(company_profile_marks(texts, marks))
    if repeated_lines:
        _mark_repeated(texts, marks, repeated_lines)
    return tuple(
        BoilerplateSpan(*lines.span(i), kind, evidence)
        for i, (kind, evidence) in sorted(marks.items())
    )


class MarkedChars:
    """How many characters of a range of the text the marks cover, for many ranges.

    ``spans`` as `mark_boilerplate` returns them: sorted and never overlapping, so a range
    finds its first overlapping span by bisection and a query costs O(log n) plus the
    spans it overlaps, where summing over every span for every sentence would make a page
    of a few thousand template lines quadratic.
    """

    def __init__(self, spans: Sequence[BoilerplateSpan]) -> None:
        self.spans = spans
        self.ends = [span.end for span in spans]

    def __call__(self, start: int, end: int) -> int:
        total = 0
        k = bisect_right(self.ends, start)
        while k < len(self.spans) and self.spans[k].start < end:
            span = self.spans[k]
            total += min(end, span.end) - max(start, span.start)
            k += 1
        return total
