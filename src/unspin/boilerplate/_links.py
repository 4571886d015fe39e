"""Lines that point the reader elsewhere, or only date the page (issue 13: real-page chrome).

Read off the lines of the article-extraction benchmark's real pages that extraction keeps
and the gold bodies leave out, and kept to forms that hold across sites:

- `related_link`: a "read also" prompt in brackets or in another language ("[Related: …]",
  "(Leggi anche su: …)", "Also on rt.com …"), a labelled link ("Listen: http://…"), and a
  headline closed by a section tag ("… [VIDEO]", "… [INSIGHT]"), as tabloids list their
  other stories inside an article.
- `share_prompt`: a promotion that ends in a link ("Follow AP's full coverage of Brexit at
  https://…", "More AP NBA: https://…").
- `author_bio`: a contact alone on a line (an address, a social profile) or "… may be
  reached at name@site".
- `dateline`: the page's own time stamp ("November 19, 2019 / 12:21 AM / Updated 14 hours
  ago", "First Published: Tuesday, November 19, 2019 08:38 AM", "기사입력 :[ 2018-08-25
  15:24 ]"). A line of dates and times with no label must hold both a date and a clock time,
  so a story's own "9.30 A.M. / 7.00 P.M." or a timeline's "March 3, 2019" stays story.
- `navigation`: a post's metadata labels on one line ("05/10/2018 - Publicado por: … -
  Categoria: … - Tags: …").
"""

from __future__ import annotations

import re

from unspin.boilerplate._chrome import ChromeMatch

# A link line or a tagged headline is short; a paragraph that happens to end in a link is
# story. Set from the longest such lines of the article-extraction benchmark (AP's coverage
# line, 90 characters; a tabloid's tagged headline, 80) with room; re-run `python -m
# benchmarks.extraction run` after changing it.
MAX_LINK_LINE_CHARS = 220

_URL = r"(?:https?://|www\.)[^\s<>\"]+"
# "Read also" in the languages of the multilingual benchmark's scripts that use it, and the
# English forms the single-line patterns leave out. The rest of the line is the headline.
_READ_ALSO = re.compile(
    r"(?:leggi\s+anche(?:\s+su)?|lees\s+ook|(?:à\s+)?lire\s+aussi|lesen\s+sie\s+auch"
    r"|mehr\s+zum\s+thema|leia\s+tamb[ée]m|veja\s+tamb[ée]m|lea\s+tambi[ée]n|ver\s+tambi[ée]n"
    r"|see\s+more|also\s+on\s+[\w-]+(?:\.[\w-]+)+)(?:\s*[:\-–—|»›>]+\s*|\s+)(?P<headline>.+)",
    re.IGNORECASE,
)
_BRACKETED = re.compile(r"\[(?P<a>[^\[\]]+)\]|\((?P<b>[^()]+)\)")
_RELATED_IN_BRACKETS = re.compile(
    r"(?:related|read\s+(?:more|also)|also\s+read|see\s+also|more|watch|listen)\s*:\s*.+",
    re.IGNORECASE,
)
# "Listen: http://po.st/x", "iTunes: http://…": a label of a word or two, then links only.
_LABELLED_LINK = re.compile(
    rf"[^\W\d_][\w'’-]*(?:\s+[\w'’-]+){{0,2}}\s*:\s*{_URL}(?:\s*(?:,|and|&)\s*{_URL})*\s*\.?"
)
# A promotion that sends the reader to a link: opened by the verb, closed by the link.
_PROMO_LINK = re.compile(
    rf"(?:follow|more|get|watch|listen|subscribe|visit|download|sign\s+up|find\s+out)\b"
    rf"[^.!?]{{0,150}}?(?:\s+(?:at|on|to|here)|:)\s*{_URL}(?:\s+(?:and|&)\s+{_URL})*\s*\.?",
    re.IGNORECASE,
)
_EMAIL = r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
_CONTACT_ALONE = re.compile(
    rf"{_EMAIL}|(?:https?://)?(?:www\.)?(?:twitter|x|facebook|instagram|linkedin|tiktok"
    r"|threads)\.(?:com|net)/@?[\w.-]+/?",
    re.IGNORECASE,
)
_REACHED_AT = re.compile(rf"\b(?:may|can)\s+be\s+(?:reached|contacted)\s+at\s+{_EMAIL}", re.I)
# A tabloid's section tags: the headline of another of its stories, listed in the article.
_SECTION_TAG = re.compile(
    r"(?P<headline>.{10,200}?)\s*\[(?:video|pictures?|photos?|gallery|insight|reaction|news"
    r"|warning|analysis|poll|latest|revealed?|update|live|report|comment|opinion|watch"
    r"|listen|podcast|exclusive|quiz|interview|review|map|graphic|chart)\]\s*\|?",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!。۔।]$")

# --- datelines --------------------------------------------------------------------------
_PUBLISH_LABEL = re.compile(
    r"(?:first\s+|last\s+)?(?:published|updated|posted|modified|created)(?:\s+(?:on|at))?"
    r"|publicado(?:\s+em|\s+el)?|atualizado(?:\s+em)?|actualizado|publié(?:\s+le)?"
    r"|mis\s+à\s+jour(?:\s+le)?|veröffentlicht(?:\s+am)?|aktualisiert(?:\s+am)?"
    r"|pubblicato(?:\s+il)?|aggiornato(?:\s+il)?|기사\s*입력|입력|수정|발행|更新|发布|公開",
    re.IGNORECASE,
)
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?"
_NUMERIC_DATE = r"\d{1,4}[./-]\d{1,2}[./-]\d{1,4}"
_CLOCK = r"\d{1,2}[:.]\d\d(?:[:.]\d\d)?|\d{1,2}\s*(?:a\.?m\.?|p\.?m\.?)"
_AFTER_TIME = (
    r"(?:a\.?m\.?|p\.?m\.?|gmt|utc|bst|cet|cest|est|edt|cst|cdt|pst|pdt|et|pt|ist|jst|kst"
    r"|ago|just\s+now|hours?|hrs?|minutes?|mins?|days?|weeks?|seconds?|secs?|today|yesterday"
    r"|at|on|by)"
)
_DATE = re.compile(rf"\b{_MONTH}(?![\w])|{_NUMERIC_DATE}|\b(?:19|20)\d\d\b", re.IGNORECASE)
_TIME = re.compile(_CLOCK, re.IGNORECASE)
_NUMERIC_DATE_RE = re.compile(_NUMERIC_DATE)
_DATELINE_TOKEN = re.compile(
    rf"\s*(?:{_PUBLISH_LABEL.pattern}|\b{_MONTH}(?![\w])|\b{_WEEKDAY}(?![\w])|{_NUMERIC_DATE}"
    rf"|{_CLOCK}|\b{_AFTER_TIME}(?![\w])|\d+(?:st|nd|rd|th)?|[/|:.,\-–—()\[\]·•])",
    re.IGNORECASE,
)
_POST_META_LABEL = re.compile(
    r"(?:posted|published|publicado|publié|written)\s+(?:by|por|par)\s*:|categor(?:y|ies|ia)"
    r"\s*:|tags?\s*:|filed\s+under\s*:|topics?\s*:|section\s*:",
    re.IGNORECASE,
)


def dateline(text: str) -> str | None:
    """Evidence when the line is the page's time stamp and nothing else, else None."""
    if len(text) > 120:
        return None
    at = 0
    while at < len(text):
        m = _DATELINE_TOKEN.match(text, at)
        if m is None or m.end() == at:
            return None
        at = m.end()
    if _PUBLISH_LABEL.search(text):
        return "publication time stamp"
    # "2008.09.28" holds "08.09": the clock is looked for outside the numeric dates.
    if _DATE.search(text) and _TIME.search(_NUMERIC_DATE_RE.sub(" ", text)):
        return "date and time alone on a line"
    return None


def classify_link(text: str) -> ChromeMatch | None:
    """The kind of a stripped line that points elsewhere or dates the page, if it is one."""
    if len(text) > MAX_LINK_LINE_CHARS:
        return None
    if (why := dateline(text)) is not None:
        return ChromeMatch("dateline", why)
    bracketed = _BRACKETED.fullmatch(text)
    if bracketed is not None:
        inner = (bracketed["a"] or bracketed["b"]).strip()
        if _RELATED_IN_BRACKETS.fullmatch(inner) or _READ_ALSO.fullmatch(inner):
            return ChromeMatch("related_link", "related-link prompt in brackets")
    read_also = _READ_ALSO.fullmatch(text)
    if read_also is not None and not _SENTENCE_END.search(read_also["headline"]):
        return ChromeMatch("related_link", "related-link prompt")
    tagged = _SECTION_TAG.fullmatch(text)
    if tagged is not None and not _SENTENCE_END.search(tagged["headline"]):
        return ChromeMatch("related_link", "headline with a section tag")
    if _LABELLED_LINK.fullmatch(text):
        return ChromeMatch("related_link", "labelled link")
    if _PROMO_LINK.fullmatch(text):
        return ChromeMatch("share_prompt", "promotion ending in a link")
    if _CONTACT_ALONE.fullmatch(text) or _REACHED_AT.search(text):
        return ChromeMatch("author_bio", "author contact line")
    if len(_POST_META_LABEL.findall(text)) >= 2:
        return ChromeMatch("navigation", "post metadata labels")
    return None
