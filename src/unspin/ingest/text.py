"""Plain-text articles (.txt, .md): the text exactly as written, plus a guessed title and date.

"Exactly as written" but for stray control characters (NUL and the like), each replaced by a
space with a warning (see ``check_text``). The date is a line near the top that is nothing
but a date (the byline's), with ``date_source`` "text".
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from unspin.ingest.dates import parse_date_line
from unspin.ingest.decoding import DecodeError, decode_text
from unspin.ingest.source import Source, check_text, read_bytes
from unspin.model import Document, Reject

MAX_TITLE_CHARS = 200
# A date line sits in the byline, right under the headline; further down, a line that is
# only a date is more likely a quoted timeline than the article's own date.
DATE_LINES_SEARCHED = 6
_CLOSING = r"""["'”’»)\]]*$"""
_SENTENCE_END = re.compile(r"[.…,;:]" + _CLOSING)
# Headlines may ask or exclaim ("Could Yukos be a blessing in disguise?"), but only a blank
# line after it tells such a headline from the opening sentence of the text.
_QUESTION_END = re.compile(r"[?!]" + _CLOSING)
_OPENERS, _CLOSERS = "([{", ")]}"
# Headline and byline are at the top; no need to split a whole book into lines to find them.
_HEAD_CHARS = 4096


def read_text_file(source: Source) -> Iterator[Document | Reject]:
    data = read_bytes(source)
    if isinstance(data, Reject):
        yield data
        return
    try:
        text = decode_text(data)
    except DecodeError as err:
        yield source.reject(str(err), record_id=source.id)
        return
    checked = check_text(text)
    if isinstance(checked, str):
        yield source.reject(checked, record_id=source.id)
        return
    text = checked.text
    date = guess_date(text)
    yield Document(
        id=source.id,
        text=text,
        title=guess_title(text),
        date=date,
        origin=source.label,
        date_source="text" if date else None,
    )
    if checked.warning:
        yield source.warn(checked.warning, record_id=source.id)


def guess_title(text: str) -> str | None:
    """The first line if it reads like a headline: short, and not a sentence or a date."""
    lines = text[:_HEAD_CHARS].splitlines()
    for index, raw in enumerate(lines):
        line = raw.strip()
        if not line:
            continue
        if line.startswith("#"):  # a Markdown heading: the marks are not part of the title
            line = line.lstrip("#").strip()
        following = lines[index + 1].strip() if index + 1 < len(lines) else ""
        return line if line and _looks_like_title(line, following) else None
    return None


def _looks_like_title(line: str, following: str) -> bool:
    if len(line) > MAX_TITLE_CHARS or _SENTENCE_END.search(line) or parse_date_line(line):
        return False
    if not following:
        return True
    if _QUESTION_END.search(line):
        return False
    # Hard-wrapped prose also has short first lines without a full stop; what gives it away
    # is a next line that carries on the sentence or a bracket left open.
    balanced = all(line.count(o) == line.count(c) for o, c in zip(_OPENERS, _CLOSERS, strict=True))
    return balanced and not (following[0].islower() or following[0] in _OPENERS)


def guess_date(text: str) -> str | None:
    """The ISO day of the first of the opening lines that is nothing but a date."""
    searched = 0
    for raw in text[:_HEAD_CHARS].splitlines():
        if not raw.strip():
            continue
        day = parse_date_line(raw)
        if day:
            return day
        searched += 1
        if searched >= DATE_LINES_SEARCHED:
            break
    return None
