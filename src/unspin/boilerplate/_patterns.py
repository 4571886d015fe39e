"""Single-line template patterns and photo-credit recognition.

Every rule is anchored on the whole line (fullmatch) and most also check what follows the
trigger words, because the same words open ordinary story sentences: "Read my lips",
"Readers will remember", "Share prices fell", "Picture the scene", "No comments were made".
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import NamedTuple

from unspin.boilerplate._chrome import classify_chrome
from unspin.boilerplate._links import classify_link

# Lines longer than this are never matched by a pattern: template lines are short, and the
# cap keeps the cost of a multi-megabyte single-line document at one length check.
MAX_PATTERN_LINE_CHARS = 300

# Photo and wire agencies whose names close a credit ("… / Reuters", "… via Getty Images").
# Case-sensitive on purpose: "AP" and "PA" are credits, "ap" and "pa" are not.
_AGENCY = (
    r"(?:Reuters|REUTERS|AP|Associated\s+Press|AFP|Getty(?:\s+Images)?|EPA(?:-EFE)?|EFE|"
    r"Shutterstock|Bloomberg|Xinhua|TASS|Sputnik|RIA\s+Novosti|Alamy(?:\s+Stock\s+Photo)?|"
    r"PA|Anadolu(?:\s+Agency)?|NurPhoto|SOPA\s+Images|ZUMA(?:\s+(?:Press|Wire))?|"
    r"Zuma\s+Press|Wikimedia\s+Commons|Unsplash|iStock(?:photo)?|AAP|Kyodo|Yonhap|"
    r"Rex\s+Features|REX|Kremlin(?:\.ru)?|Pool|Handout|Imago|Pixabay|Pexels|Flickr|WENN|"
    r"Corbis|UPI|dpa|ANI|PTI|IANS|Sipa(?:\s+USA)?|Abaca(?:press)?|Bettmann)"
)
_AGENCY_SUFFIX = r"(?:\s+(?:Photos?|Images|Pictures|Wire|Media|File|Handout|Pool))?"
_AGENCY_SEGMENT = re.compile(_AGENCY + _AGENCY_SUFFIX)
# Alone on a line, only a stock-photo source is a credit: a bare "Reuters" is a byline.
_PHOTO_ONLY_SOURCE = re.compile(
    r"(?:Getty\s+Images|Shutterstock|Alamy(?:\s+Stock\s+Photo)?|AP\s+Photo|iStock(?:photo)?|"
    r"Unsplash|Pixabay|Pexels|[A-Z][\w.&-]*\s+(?:Photos|Images|Pictures))"
)
# Searched inside parentheses and after "©"; narrower than _AGENCY because "(Kremlin
# spokesman Dmitry Peskov)" or "(Pool rules apply)" are story text, not credits.
_AGENCY_ANYWHERE = re.compile(
    r"(?<![\w-])(?:Reuters|REUTERS|AP|Associated\s+Press|AFP|Getty\s+Images|EPA|EFE|"
    r"Shutterstock|Bloomberg|Xinhua|TASS|Sputnik|Alamy|PA|Anadolu|NurPhoto|ZUMA|Zuma|"
    r"Wikimedia|Unsplash|iStock|AAP|Kyodo|Yonhap|Rex\s+Features|Imago|Pixabay|Pexels|Flickr|"
    r"WENN|Corbis|UPI|dpa|Sipa|Bettmann)(?![\w-])"
)
_PHOTO_WORD = re.compile(
    r"\b(?:photo|photograph|image|picture|pic|credit|courtesy|file|handout)s?\b", re.IGNORECASE
)
# Separators inside a credit chain: "Sputnik/Ramil Sitdikov/Kremlin via Reuters".
# "for" is left out: "Award for Reuters" is a headline, not a credit.
_CREDIT_SPLIT = re.compile(r"\s*[/|]\s*|\s+via\s+")
# One name in a chain: up to five words, the first capitalised, no sentence punctuation.
_NAME_SEGMENT = re.compile(r"[^\W\d_][\w.'’&-]*(?:\s+[\w.'’&()-]+){0,4}")
# Lower-case letter directly followed by a capital: a caption and its credit glued together
# by an extractor that dropped the element boundary ("Xi JinpingCarlos Garcia Rollins").
_GLUE = re.compile(r"[a-z][A-Z]")
# A full stop (after a real word, not "U.S." or "Mr.") followed by a new sentence.
SENTENCE_BREAK = re.compile(r"(?<=[a-z][a-z])[.!?][\"'”’)\]]*\s+[\"'“‘(]*[A-Z0-9]")
_FINAL_PUNCT = frozenset(".!?;:,")


# Lower-case particles that may sit inside a person's or agency's name.
_PARTICLES = "de del della der di da dos du la le van von bin ben al el y und and of for"
_NAME_PARTICLES = frozenset(_PARTICLES.split())


def _is_name_segment(seg: str) -> bool:
    """A name such as "Carlos Garcia Rollins" or "Kremlin", not "Ipsos poll shows lead"."""
    if not _NAME_SEGMENT.fullmatch(seg) or not seg[0].isupper():
        return False
    return all(word[0].isupper() or word in _NAME_PARTICLES for word in seg.split())


def credit_chain(text: str, *, glued_first: bool = False) -> bool:
    """True for credit chains: "Sputnik/Ramil Sitdikov/Kremlin via Reuters" (agency last)
    or "AP Photo/Evan Vucci" (agency first), every other part a short name.

    With `glued_first`, the first part may be a caption with the photographer's name glued
    on ("Xi JinpingCarlos Garcia Rollins"); only what follows the glue must be a name.
    """
    segments = _CREDIT_SPLIT.split(text)
    if len(segments) < 2:
        return False
    if _AGENCY_SEGMENT.fullmatch(segments[-1]):
        names = segments[:-1]
    elif not glued_first and _AGENCY_SEGMENT.fullmatch(segments[0]):
        names = segments[1:]
    else:
        return False
    if glued_first:
        glues = list(_GLUE.finditer(names[0]))
        if not glues:
            return False
        names[0] = names[0][glues[-1].start() + 1 :]
    return all(_is_name_segment(seg) for seg in names)


def credit_like(text: str) -> bool:
    """Whether `text` reads as a photo credit (used on the tail glued to a caption)."""
    if len(text) > 100 or not text or text[-1] in _FINAL_PUNCT:
        return False
    if credit_chain(text) or _AGENCY_SEGMENT.fullmatch(text):
        return True
    rule = classify(text)
    return rule is not None and rule.kind == "photo_credit"


def _headline(rest: str) -> bool:
    return len(rest) <= 200 and not SENTENCE_BREAK.search(rest)


def _label(rest: str) -> bool:
    """A short heading such as "Politics" or "iNewsToday", not the start of a sentence."""
    return (
        0 < len(rest) <= 60
        and len(rest.split()) <= 6
        and rest[-1] not in _FINAL_PUNCT
        and not SENTENCE_BREAK.search(rest)
    )


def _short(limit: int) -> Callable[[str], bool]:
    def check(rest: str) -> bool:
        return len(rest) <= limit and not SENTENCE_BREAK.search(rest)

    return check


def _photo_credit_rest(rest: str) -> bool:
    return len(rest) <= 80 and len(rest.split()) <= 12 and not SENTENCE_BREAK.search(rest)


def _named_credit(rest: str) -> bool:
    # "Photo by John Doe" is a credit, "Pictures by the thousand flooded in" is not.
    return _photo_credit_rest(rest) and (
        rest[:1].isupper() or rest[:1] in "©@" or _agency_or_photo(rest)
    )


def _agency_or_photo(rest: str) -> bool:
    return len(rest) <= 80 and bool(_AGENCY_ANYWHERE.search(rest) or _PHOTO_WORD.search(rest))


_CLAUSE_PUNCT = re.compile(r"[,;\"“”]")


def _follow_rest(rest: str) -> bool:
    # "Follow us on Twitter, she told fans." is a story sentence; template lines carry no
    # commas or quotes after the network name.
    return len(rest) <= 60 and not _CLAUSE_PUNCT.search(rest)


def _any(rest: str) -> bool:
    return True


class _Rule(NamedTuple):
    kind: str
    description: str
    pattern: str
    check: Callable[[str], bool]


_NETWORKS = (
    r"(?:facebook|twitter|x|instagram|telegram|linkedin|youtube|tiktok|whatsapp|pinterest|"
    r"reddit|threads|mastodon|truth\s+social|gab|vk|google\s+news|flipboard|snapchat|"
    r"social\s+media)"
)
# The evidence of an "About the Author" header: the marker looks for the bio after these.
BIO_HEADER = "author bio header"
_CAP_NAME = r"(?-i:[A-Z][\w.&-]*)(?:\s+(?-i:[A-Z][\w.&-]*)){0,3}"

# Order matters only where two branches can match the same whole line.
_RULES: dict[str, _Rule] = {
    "read": _Rule(
        "related_link",
        "line starts with 'READ' followed by a headline",
        r"(?-i:READ(?:\s+(?:MORE|ALSO|NEXT|THIS))?)(?![\w'’])"
        r"\s*[:\-–—|»›>]*\s*(?P<read_rest>.*)",
        _headline,
    ),
    "readmore": _Rule(
        "related_link",
        "related-link prompt",
        r"(?:read\s+(?:more|also|next|the\s+full\s+(?:story|article))|also\s+read|see\s+also"
        r"|related(?:\s+(?:articles?|stories|story|news|posts?|content|coverage|reading"
        r"|links?|topics?|items?|videos?))?|more\s+on\s+this\s+(?:story|topic))"
        r"(?:\s*[:\-–—|»›>]+\s*(?P<readmore_rest>.*)|\s*[.…]*)",
        _headline,
    ),
    "other": _Rule(
        "other_reports",
        "'other reports by' link list",
        r"(?:(?:other|more|all|latest|recent)\s+(?:reports|stories|articles|posts|news|pieces"
        r"|columns|videos)\s+(?:by|from)|view\s+(?:all\s+)?(?:posts|articles|stories)\s+by)"
        r"\s+(?P<other_rest>.+)",
        _label,
    ),
    "also": _Rule(
        "also_like",
        "recommendation header",
        r"(?:you\s+(?:may|might|will|could|should)\s+(?:also\s+)?(?:like|enjoy|be\s+interested"
        r"\s+in|want\s+to\s+read)(?:\s+these)?|recommended(?:\s+(?:for\s+you|stories|articles"
        r"|reading|videos?|posts?|content|news))?|more\s+(?:stories|news|articles|videos"
        r"|headlines|top\s+stories)"
        r"|most\s+(?:read|popular|viewed|shared|commented)\s+(?:in|on)\s+[\w.&'-]+"
        r"(?:\s+[\w.&'-]+){0,2}|popular\s+on\s+(?-i:[A-Z])[\w.&'-]*|most\s+(?:read|popular|viewed|shared|commented)(?:\s+"
        r"(?:stories|articles|news|posts))?|trending(?:\s+(?:now|stories|news|articles|posts"
        r"|topics))?|popular\s+(?:posts|stories|articles|now|news)|don[’']?t\s+miss(?:\s+"
        r"(?:this|these))?|editor[’']?s\s+(?:picks?|choice)|top\s+stories|latest\s+(?:news"
        r"|stories|articles|posts|headlines)|(?:sponsored|promoted|partner)\s+(?:content"
        r"|stories|links|posts)|(?:from|around)\s+the\s+web|what\s+to\s+read\s+next"
        r"|further\s+reading)\s*[:.…»›>!]*|more\s*:",
        _any,
    ),
    "morefrom": _Rule(
        "also_like",
        "'More from …' header",
        r"more\s+from\s+(?P<morefrom_rest>.+)",
        _label,
    ),
    "bio": _Rule(
        "author_bio",
        BIO_HEADER,
        r"(?:about\s+the\s+(?:author|writer)|author\s+bio(?:graphy)?)"
        r"(?:\s*[:\-–—|]\s*|\s+|(?=(?-i:[A-Z]))|$)(?P<bio_rest>.*)",
        lambda rest: not rest or (_label(rest) and rest[0].isupper()),
    ),
    "comment": _Rule(
        "comment_form",
        "comment form",
        r"(?:leave\s+(?:a|your)\s+(?:reply|comment)|post\s+(?:a\s+|your\s+)?comment"
        r"|add\s+(?:a\s+|your\s+)?comment|submit\s+(?:a\s+)?comment|cancel\s+reply"
        r"|comments?\s+are\s+closed|no\s+comments(?:\s+yet)?|be\s+the\s+first\s+to\s+comment"
        r"|join\s+the\s+(?:discussion|conversation)|\d+\s+(?:comments?|responses?|replies)"
        r"|one\s+(?:comment|response|reply))"
        r"(?P<comment_rest>\s*[:.!*…»]*\s*(?:cancel\s+reply)?"
        r"|\s+(?:to|on)\s+.{1,60}?(?:\s+cancel\s+reply)?)\s*[:.!*…]*",
        _any,
    ),
    # A comments section's heading or button alone on a line.
    "commenthead": _Rule(
        "comment_form",
        "comments heading",
        r"(?:(?:show|view|read|hide)\s+)?comments(?:\s*\(\d*\))?|post\s+comment\s*\(\+\)"
        r"|tell\s+us\s+what\s+you\s+think(?P<commenthead_rest>[.…!]*)",
        _any,
    ),
    "commentnote": _Rule(
        "comment_form",
        "comment form notice",
        r"(?:your\s+email\s+(?:address\s+)?will\s+not\s+be\s+published|required\s+fields\s+are"
        r"\s+marked|save\s+my\s+name,?\s+(?:email|e-mail)|notify\s+me\s+of\s+(?:follow-up"
        r"\s+comments|new\s+(?:posts|comments))|you\s+must\s+be\s+(?:logged\s+in|registered)"
        r"\s+to\s+(?:post\s+a\s+)?comment|this\s+site\s+uses\s+akismet|comments\s+are"
        r"\s+moderated|by\s+using\s+this\s+form\s+you\s+agree)(?P<commentnote_rest>.*)",
        _any,
    ),
    "share": _Rule(
        "share_prompt",
        "share prompt",
        r"share(?:\s+(?:this|it|the\s+(?:article|story|post)))?(?:\s+(?:article|story|post"
        r"|page|video))?(?:\s+(?:on|via|with|to|by)\s+(?:"
        + _NETWORKS
        + r"|email|e-mail|friends|sms|messenger))?\s*[:!…]*"
        # "Share this article: Facebook Twitter WhatsApp Email": the buttons' labels.
        + r"(?:\s*(?:"
        + _NETWORKS
        + r"|email|e-mail|print|messenger|copy\s+link)(?:[\s,|/·•]+(?:"
        + _NETWORKS
        + r"|email|e-mail|print|messenger|copy\s+link))*)?",
        _any,
    ),
    "click": _Rule(
        "share_prompt",
        "'click to share' button",
        r"click\s+(?:here\s+)?to\s+(?:share|email|print|tweet|pin|copy\s+link)\b"
        r"(?P<click_rest>.*)",
        _short(100),
    ),
    # "Follow Newsbeat on Instagram, Facebook, Twitter and YouTube." A list of networks
    # and nothing else after them; "Follow us on Twitter, she told fans" stays story.
    "followlist": _Rule(
        "share_prompt",
        "'follow us' prompt listing networks",
        r"(?:follow|find|join|connect\s+with)\s+(?:us|me|(?-i:[A-Z])[\w.&'’-]*(?:\s+[\w.&'’-]+){0,5})"
        r"\s+on\s+(?:"
        + _NETWORKS
        + r")(?:\s*\(@\w+\))?(?:\s*(?:,|and|&|or)\s*(?:"
        + _NETWORKS
        + r")(?:\s*\(@\w+\))?)+(?P<followlist_rest>\s*[.!]?)",
        _any,
    ),
    "follow": _Rule(
        "share_prompt",
        "'follow us' prompt",
        r"(?:follow|like|join|find|subscribe\s+to|connect\s+with)\s+(?:us|me|@[\w.]+|"
        + _CAP_NAME
        + r")\s+(?:on|at|via)\s+"
        + _NETWORKS
        + r"\b(?P<follow_rest>.*)",
        _follow_rest,
    ),
    "likeshare": _Rule(
        "share_prompt",
        "'share it with a friend' prompt",
        r"(?:like|enjoy(?:ed)?|love)\s+this\s+(?:story|article|post)\s*[?!]\s*share\s+it\b"
        r"(?P<likeshare_rest>.{0,60})",
        _any,
    ),
    "contact": _Rule(
        "author_bio",
        "author contact line",
        r"(?:write\s+to|e-?mail|contact|reach)\s+(?:the\s+(?:author|reporters?|writer)s?"
        r"|(?-i:[A-Z])[\w.'’-]*(?:\s+(?-i:[A-Z])[\w.'’-]*){0,3})\s+(?:at|on|via)\s+"
        r"(?P<contact_rest>.{3,200})",
        lambda rest: "@" in rest or "http" in rest,
    ),
    "network": _Rule(
        "share_prompt",
        "share button",
        r"(?:tweet(?:\s+this)?|pin\s+it|like\s+this:|like\s+loading\.*|facebook|twitter"
        r"|whatsapp|linkedin|pinterest|reddit|telegram|tumblr|messenger|copy\s+link)\s*[:!]*",
        _any,
    ),
    "captionlabel": _Rule(
        "caption",
        "image caption label",
        r"(?:image|photo)\s+caption\b\s*[:\-–—]?\s*(?P<captionlabel_rest>.*)",
        _any,
    ),
    # "Pictured: …", "Archive image: …", "File photo: …": a label, a colon, the caption.
    "picturedlabel": _Rule(
        "caption",
        "labelled photo caption",
        r"(?:pictured|(?:archive|file|stock)\s+(?:image|photo|picture|footage))\s*[:\-–—]"
        r"\s*(?P<picturedlabel_rest>.+)",
        _short(300),
    ),
    "imagecopyright": _Rule(
        "photo_credit",
        "image copyright line",
        r"(?:image|photo|picture)\s+copyright\b\s*[:\-–—]?\s*(?P<imagecopyright_rest>.*)",
        _photo_credit_rest,
    ),
    "photolabel": _Rule(
        "photo_credit",
        "labelled photo credit",
        r"(?:photo(?:graph)?s?|images?|pictures?|pics?|fotos?|credits?|photo\s+credits?"
        r"|image\s+credits?|image\s+source|(?:main|top|featured|header|lead|cover)\s+"
        r"(?:image|photo)|file\s+(?:photo|image))"
        r"\s*(?:[:|©]|\s[-–—]|\s+by\b|\s+courtesy\s+of\b)\s*(?P<photolabel_rest>.+)",
        _named_credit,
    ),
    "paren": _Rule(
        "photo_credit",
        "parenthesised photo credit",
        r"\(\s*(?P<paren_rest>[^()]{1,80})\)",
        _agency_or_photo,
    ),
    "copyright": _Rule(
        "photo_credit",
        "'©' photo credit",
        r"(?:©|\(c\))\s*(?P<copyright_rest>.{1,80})",
        _agency_or_photo,
    ),
}
_COMBINED = re.compile(
    "|".join(f"(?P<{name}>{rule.pattern})" for name, rule in _RULES.items()), re.IGNORECASE
)

# Field labels of a comment form; only template when they follow a comment-form line.
COMMENT_FIELD = re.compile(
    r"(?:(?:your\s+)?(?:name|email|e-mail|website|url|comment|message)|reply)\s*\*?\s*:?\s*\*?",
    re.IGNORECASE,
)


class Match(NamedTuple):
    kind: str
    evidence: str


def quote(text: str, limit: int = 60) -> str:
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")


def classify(text: str) -> Match | None:
    """The single-line rule that `text` (a stripped, non-empty line) matches, if any."""
    if len(text) > MAX_PATTERN_LINE_CHARS:
        return None
    m = _COMBINED.fullmatch(text)
    if m is not None and m.lastgroup is not None:
        rule = _RULES[m.lastgroup]
        rest = m.groupdict().get(m.lastgroup + "_rest") or ""
        if rule.check(rest.strip()):
            return Match(rule.kind, f"{rule.description}: {quote(text)}")
    # Every credit chain has a separator; testing for one first skips the split on
    # almost every line.
    if "/" in text or "|" in text or " via " in text:
        if credit_chain(text):
            return Match("photo_credit", f"photographer / agency credit: {quote(text)}")
        if credit_chain(text, glued_first=True):
            return Match("photo_credit", f"caption with credit glued on: {quote(text)}")
    if _PHOTO_ONLY_SOURCE.fullmatch(text):
        return Match("photo_credit", f"stock-photo source alone on a line: {quote(text)}")
    # Site chrome last: the rules above are more specific ("© Reuters" is a photo credit,
    # not a copyright footer).
    chrome = classify_chrome(text) or classify_link(text)
    if chrome is not None:
        return Match(chrome.kind, f"{chrome.evidence}: {quote(text)}")
    return None
