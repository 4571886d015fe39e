"""Site chrome that extraction leaves in the text, recognised by its form (issue 9).

Five kinds, each by shape rather than by wording, so that they hold on sites never seen:

- `copyright`: a footer that opens with "©", "(c)" or "Copyright" and goes on as a name or
  a year ("Copyright PA Sport 2007, All Rights Reserved", "© 2021 Example Media Ltd"), a
  line that says "All rights reserved" in one of several languages, a reprint notice, and
  the wire credit line ("Reporting by …; Editing by …").
- `paywall`: a subscription, newsletter or members' notice addressed to the reader ("Sign
  up for our newsletter", "Subscribe to continue reading", "Thanks for signing up!").
- `cookie_notice`: "We use cookies …", consent buttons ("Accept all", "Manage preferences").
- `gallery`: slideshow counters and controls ("Image 1 of 8", "1 / 8", "Close", "Back to
  Gallery", "Next", "Enlarge this image"); the captions repeated around them are marked in
  context by the marker.
- `navigation`: page tools alone on a line ("Print Article", "Text size", "Tags"); menus
  (pipe- or bullet-separated short items, runs of short title-case lines) need the lines
  around them and are marked by the marker (`navigation_line`, `navigation_item`).

The same words open story sentences ("Copyright law protects …", "Subscribers rose 4%",
"The cookie jar …", "Next year the council …"), so every rule is anchored on the whole line
and most also require what story prose lacks: no run of lower-case words, no reported
speech, the reader addressed in the second person or the imperative.
"""

from __future__ import annotations

import re
from typing import NamedTuple

# A chrome line is short: a footer, a notice or a button. Paragraph-long notices exist
# (cookie banners, reprint terms) but stay under this. Set from the longest notices in the
# article-extraction benchmark (the Dow Jones reprint notice: 250 characters) with room;
# re-run `python -m benchmarks.extraction run` after changing it.
MAX_CHROME_LINE_CHARS = 400

# A run of this many lower-case words in a row is prose, not a footer or a menu: footers are
# names, years and a fixed phrase ("All rights reserved"), which is taken out before the
# run is counted. Three is the longest run in the footers of the article-extraction
# benchmark ("of the", "and by"); story sentences have runs of four and more in nearly every
# line. Re-run `python -m benchmarks.extraction run` and `pytest tests/test_boilerplate*.py`.
MAX_LOWER_RUN = 3

_RIGHTS = re.compile(
    r"all\s+rights\s+reserved|todos\s+los\s+derechos\s+reservados|todos\s+os\s+direitos"
    r"\s+reservados|tous\s+droits\s+r[ée]serv[ée]s|alle\s+rechte\s+vorbehalten|tutti\s+i"
    r"\s+diritti\s+riservati|все\s+права\s+защищены|무단\s*전재|無断転載",
    re.IGNORECASE,
)
_COPYRIGHT_OPEN = re.compile(r"(?:copyright|©|ⓒ|\(c\)|℗)[\s©ⓒ:.,-]*", re.IGNORECASE)
_YEAR = re.compile(r"(?:19|20)\d\d")
_LOWER_WORD = re.compile(r"[^\W\d_A-Z][\w'’-]*")
_WORD = re.compile(r"[\w'’&.-]+")
# "…, he said." / "…, officials told reporters": the line reports someone, it is story.
_REPORTED = re.compile(
    r"\b(?:said|says|told|added|according\s+to|asked|reported|wrote|warned|argued)\b",
    re.IGNORECASE,
)
_SENTENCE_BREAK = re.compile(r"(?<=[a-z][a-z])[.!?][\"'”’)\]]*\s+[\"'“‘(]*[A-Z0-9]")


def lower_run(text: str) -> int:
    """The longest run of consecutive words that start with a lower-case letter."""
    best = run = 0
    for word in _WORD.findall(text):
        if _LOWER_WORD.fullmatch(word):
            run += 1
            best = max(best, run)
        elif word not in {"&", "-", "."}:
            run = 0
    return best


def _copyright(text: str) -> str | None:
    """Evidence when `text` is a copyright footer, else None."""
    rights = _RIGHTS.search(text)
    rest = _RIGHTS.sub(" ", text)
    opened = _COPYRIGHT_OPEN.match(text)
    if opened is None and rights is None:
        return None
    if len(text) > 250 or _REPORTED.search(rest) or lower_run(rest) > MAX_LOWER_RUN:
        return None
    if opened is not None:
        after = text[opened.end() :]
        # "Copyright 2007 …", "© Reuters", "Copyright PA Sport", "© by …": a year, a name.
        first = after[:1]
        if not after.strip() or not (
            _YEAR.match(after)
            or first.isupper()
            or first.isdigit()
            or after.startswith("by ")
            or not first.isascii()
        ):
            return None
        if _SENTENCE_BREAK.search(rest) and rights is None:
            return None
        return "copyright footer: '©'/'Copyright' then a name or a year"
    return "'all rights reserved' notice"


_WIRE_CREDIT = re.compile(
    r"\(?\s*(?:additional\s+)?(?:reporting|writing|editing|compiled|produced)\s+by\s+"
    r"[^()]{2,250}?[;,]\s*(?:additional\s+reporting|writing|editing|edited)\s+by\s+[^()]+\)?",
    re.IGNORECASE,
)
# Contributor and source credits: "Jane Doe contributed to this report.", "Additional
# reporting by John Roe", "SOURCE: News agencies", "Our Standards: The … Trust Principles."
_CONTRIBUTOR = re.compile(
    r"[^.!?]{3,200}\bcontributed\s+(?:to\s+this\s+(?:report|story|article)|reporting"
    r"(?:\s+(?:from|in)\s+[^.!?]{2,60})?)\.?"
    r"|(?:additional\s+)?reporting\s+by\s+(?-i:[A-Z])[^.;!?]{2,150}\.?"
    r"|source\s*:\s*(?-i:[A-Z])[^.!?]{1,60}\.?"
    r"|our\s+standards\s*:\s*[^!?]{1,80}",
    re.IGNORECASE,
)
_REPRINT = re.compile(
    r".{0,80}\b(?:for\s+your\s+personal,?\s+non-?commercial\s+use\s+only|may\s+not\s+be"
    r"\s+(?:re)?published,?\s+broadcast|governed\s+by\s+our\s+subscriber\s+agreement"
    r"|order\s+presentation-ready\s+copies)\b.*",
    re.IGNORECASE,
)

# --- paywall and newsletter notices -----------------------------------------------------

# Each alternative is a form a publication uses about itself, never the words alone: a
# story about streaming services says "sign up for a free trial" and "subscribe to Hulu",
# so "sign up" and "subscribe" count only with the paywall's own objects (reading on,
# access, "our"/"the …" newsletter) or alone as a heading or button.
_PAYWALL = re.compile(
    r"(?:click\s+here\s+to\s+|sign\s+up\s+(?:now\s+|today\s+)?(?:to|and)\s+)?"
    r"subscribe\s+(?:now|today|here)?\s*(?:to|for)\s+(?:continue|keep\s+reading|read|unlock|get"
    r"|access|unlimited|full|just|only|as\s+little)\b.*"
    r"|.{0,120}\b(?:continue\s+reading|keep\s+reading)\b.{0,120}(?:subscri|log\s*in|sign\s+in"
    r"|register|free\s+account|members?)\w*.*"
    r"|.{0,200}\b(?:already\s+(?:a\s+)?(?:subscriber|member)|subscribers?\s+only|members?\s+only"
    r"|(?:reached|read)\s+your\s+(?:\w+\s+)?(?:limit|(?:free\s+)?articles)"
    r"|(?:available|reserved|exclusive)\s+(?:only\s+)?(?:to|for)\s+(?:our\s+)?(?:subscribers"
    r"|members|premium)|unlimited\s+(?:digital\s+)?access|no\s+paywalls?"
    r"|start\s+your\s+(?:free\s+)?(?:trial|subscription))\b.*"
    r"|(?:click\s+here\s+to\s+)?subscribe\s+to\s+(?:the\s+|our\s+)?(?-i:[A-Z0-9]).{0,100}"
    r"|sign\s+up\s*[:!.…]+.*|sign\s+up\s+(?:now|today|here|for\s+(?:free|our|the\s+(?-i:[A-Z])))"
    r".{0,200}"
    r"|(?:subscribe|sign\s+up|register|log\s*in|sign\s+in)(?:\s+(?:now|today|here|free))?"
    r"|(?-i:[A-Z])[\w'’&+.-]*(?:\s+[\w'’&+.-]+){0,3}\s+newsletters?"
    r"|(?:click\s+here\s+to\s+)?(?:get|download)\s+(?:the\s+|our\s+)?(?:[\w'’&.-]+\s+){0,4}app"
    r"(?:\s+(?:now|here|today|on\s+the\s+go))?(?:\s+by\s+clicking\s+here)?[.!]?"
    r"|get\s+(?:[\w'’&.-]+\s+){1,4}on\s+the\s+go\s+by\s+clicking\s+here[.!]?"
    r"|(?:thanks|thank\s+you)\s+for\s+(?:signing\s+up|subscribing|registering)\b.*"
    r"|.{0,80}\berror\s+processing\s+your\s+(?:subscription|request)\b.*"
    r"|(?:you(?:['’]re|\s+are)\s+(?:all\s+)?(?:signed\s+up|subscribed)|check\s+your\s+inbox)\b.*"
    r"|.{0,200}\b(?:(?:our|the|this)\s+(?:\w+\s+){0,3}newsletters?|your\s+inbox"
    r"|(?:delivered|straight)\s+(?:to|through|into)\s+your\s+(?:inbox|letterbox|door))\b.*",
    re.IGNORECASE,
)


def _paywall(text: str) -> str | None:
    if len(text) > 300 or _REPORTED.search(text) or not _PAYWALL.fullmatch(text):
        return None
    return "subscription, paywall or newsletter notice"


# --- cookie notices --------------------------------------------------------------------

_COOKIE = re.compile(r"\bcookies?\b|\bconsent\b|\bprivacy\s+(?:policy|settings)\b", re.I)
_COOKIE_CONTEXT = re.compile(
    r"\b(?:we|our|this\s+(?:web)?site|you|your|by\s+(?:continuing|using|clicking))\b", re.I
)
_COOKIES = re.compile(r"\bcookies\b", re.IGNORECASE)
_CONSENT_BUTTON = re.compile(
    r"(?:accept|allow|reject|decline|refuse)(?:\s+all)?(?:\s+cookies)?|i\s+(?:agree|accept)"
    r"|got\s+it|manage\s+(?:cookies|preferences|settings|options|consent)"
    r"|(?:cookie|privacy|consent)\s+(?:policy|settings|preferences|notice)"
    r"|do\s+not\s+sell\s+my\s+(?:personal\s+)?info(?:rmation)?|we\s+value\s+your\s+privacy",
    re.IGNORECASE,
)


def _cookie(text: str) -> str | None:
    bare = text.strip(" !.:»›<>")
    if _CONSENT_BUTTON.fullmatch(bare):
        return "cookie or consent button"
    if (
        _COOKIE.search(text)
        and _COOKIE_CONTEXT.search(text)
        and _COOKIES.search(text)
        and not _REPORTED.search(text)
    ):
        return "cookie notice addressed to the reader"
    return None


# --- gallery controls ------------------------------------------------------------------

_GALLERY_COUNTER = re.compile(
    r"[(\[]?\s*(?:(?:image|photo|picture|pic|slide|foto|bild|imagen|gallery)s?\s*:?\s*)?"
    r"\d{1,3}\s*(?:of/?|/|de|von|di|из|sur)\s*\d{1,3}\s*[)\]]?",
    re.IGNORECASE,
)
_GALLERY_CONTROL = re.compile(
    r"(?:close(?:\s+(?:gallery|slideshow|window|x))?|back\s+to\s+(?:the\s+)?(?:gallery"
    r"|slideshow|article|story)|next|previous|prev|(?:next|previous|prev)\s+(?:image|photo"
    r"|picture|slide|gallery)|enlarge(?:\s+this)?(?:\s+(?:image|photo|picture))?"
    r"|(?:view|open|launch|start|see|show)\s+(?:the\s+)?(?:full\s+|all\s+|more\s+)?(?:\d+\s+)?"
    r"(?:gallery|slideshow|photos|images|pictures)|(?:hide|show|toggle)\s+caption|caption"
    r"|expand|fullscreen|full\s+screen|(?:tap|click)\s+to\s+(?:enlarge|expand|zoom)"
    r"|swipe\s+(?:for\s+more|to\s+see\s+more)|\d+\s+(?:photos|images|pictures)"
    r"|images?|photos?|gallery|slideshow|photo\s+gallery|image\s+gallery)",
    re.IGNORECASE,
)


def _gallery(text: str) -> str | None:
    bare = text.strip(" \t.:…»«›‹<>←→↑↓▶◀►◄❯❮|-–—")
    if not bare:
        return None
    if _GALLERY_COUNTER.fullmatch(bare):
        return "gallery counter"
    if _GALLERY_CONTROL.fullmatch(bare):
        return "gallery control"
    return None


# --- page tools ------------------------------------------------------------------------

_PAGE_TOOL = re.compile(
    r"(?:print(?:\s+(?:article|this(?:\s+(?:article|page|story))?|page|story))?|text\s+size"
    r"|font\s+size|(?:order\s+)?reprints?|(?:order\s+)?reprints?\s+(?:&|and)\s+permissions"
    r"|tags|categories|categorias|topics|explore\s+further|skip\s+to\s+(?:main\s+)?content"
    r"|back\s+to\s+top|menu|main\s+menu|search|home|sections|advertisement|advertising"
    r"|sponsored|listen\s+to\s+(?:this\s+)?(?:article|story)|email\s+(?:this\s+)?article)",
    re.IGNORECASE,
)


# "Filed under: Politics |", "Tags: budget, council, schools": a taxonomy line.
_TAXONOMY = re.compile(
    r"(?:filed\s+(?:under|in)|posted\s+in|categor(?:y|ies)|tags?|topics?)\s*:\s*(?P<labels>.{1,150})",
    re.IGNORECASE,
)
_LABEL_SPLIT = re.compile(r"\s*[,|;•·/]\s*")


def _page_tool(text: str) -> str | None:
    if _PAGE_TOOL.fullmatch(text.strip(" -–—•*|:.»›")):
        return "page tool alone on a line"
    taxonomy = _TAXONOMY.fullmatch(text)
    if taxonomy is not None:
        labels = [part for part in _LABEL_SPLIT.split(taxonomy["labels"]) if part]
        if labels and all(len(label.split()) <= 4 and label[-1] not in ".!?" for label in labels):
            return "category or tag line"
    return None


class ChromeMatch(NamedTuple):
    kind: str
    evidence: str


def classify_chrome(text: str) -> ChromeMatch | None:
    """The chrome kind of a stripped, non-empty line, judged on the line alone."""
    if len(text) > MAX_CHROME_LINE_CHARS:
        return None
    if (why := _copyright(text)) is not None:
        return ChromeMatch("copyright", why)
    if _WIRE_CREDIT.fullmatch(text) and not _SENTENCE_BREAK.search(text.rstrip(".)")):
        return ChromeMatch("copyright", "agency credit line ('Reporting by …; Editing by …')")
    if len(text) <= 250 and _CONTRIBUTOR.fullmatch(text) and not _REPORTED.search(text):
        return ChromeMatch("copyright", "contributor or source credit line")
    if _REPRINT.fullmatch(text):
        return ChromeMatch("copyright", "reprint and redistribution notice")
    if (why := _gallery(text)) is not None:
        return ChromeMatch("gallery", why)
    if (why := _cookie(text)) is not None:
        return ChromeMatch("cookie_notice", why)
    if (why := _paywall(text)) is not None:
        return ChromeMatch("paywall", why)
    if (why := _page_tool(text)) is not None:
        return ChromeMatch("navigation", why)
    return None


# --- menus, judged with the lines around them --------------------------------------------

# Items of a menu: separated by pipes or bullets ("| HOME | PEOPLE | MOVIES |").
MENU_SEPARATORS = re.compile(r"\s*(?:\||•|·|◦|»|›|‣|▪|∙)\s*|\s+/\s+")
# A menu has at least this many items; two pipe-separated words are as often a headline
# and its section ("Politics | Brexit") as a menu. Chosen by reasoning; re-run
# `python -m benchmarks.extraction run` after changing it.
MENU_MIN_ITEMS = 3
# An item is a label of at most this many words and characters ("Real Estate", "Arts &
# Culture", "Contact Us"). Menus in the article-extraction benchmark and on common CMS
# templates have items of one to three words. Re-run as for MENU_MIN_ITEMS.
MENU_ITEM_MAX_WORDS = 3
MENU_ITEM_MAX_CHARS = 25
_ITEM = re.compile(r"[^\W\d_][\w'’&.+-]*(?:\s+[\w'’&.+-]+)*")
_LIST_MARK = re.compile(r"[-–—*•·▪‣]\s+")


def menu_item(text: str) -> bool:
    """A label such as "Home", "Arts & Culture" or "TV": short, no digits, no sentence."""
    item = _LIST_MARK.sub("", text, count=1) if _LIST_MARK.match(text) else text
    return (
        0 < len(item) <= MENU_ITEM_MAX_CHARS
        and len(item.split()) <= MENU_ITEM_MAX_WORDS
        and bool(_ITEM.fullmatch(item))
        and not any(c.isdigit() for c in item)
        and item[-1] not in ".!?,;:"
    )


def title_item(text: str) -> bool:
    """A menu item whose every word is capitalised (or a short particle): "Real Estate"."""
    item = _LIST_MARK.sub("", text, count=1) if _LIST_MARK.match(text) else text
    if not menu_item(item):
        return False
    return all(w[0].isupper() or w in {"&", "and", "of", "the", "to", "in"} for w in item.split())


def menu_line(text: str) -> bool:
    """Pipe- or bullet-separated labels on one line ("| HOME | PEOPLE | MOVIES |")."""
    if len(text) > 300 or not MENU_SEPARATORS.search(text):
        return False
    items = [part for part in MENU_SEPARATORS.split(text) if part]
    return len(items) >= MENU_MIN_ITEMS and all(menu_item(item) for item in items)


def table_row(text: str) -> bool:
    return text.startswith("|") or text.count("|") >= 2
