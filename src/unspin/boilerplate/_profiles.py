"""A press release's company profile: the "About <Company>" paragraph every release ends with.

Companies close each release with the same description of themselves ("Ascom is a global
solutions provider … headquartered in Baar (Switzerland) … listed on the SIX Swiss
Exchange"). Two releases of one company about different things share that paragraph word
for word, and unspin paired them on it (the article-extraction benchmark's only scanned pair
resting on chrome, issue 13); the gold bodies leave it out. It is marked by form:

- under an "About <Name>" header, the header and the block after it, when that block opens
  with the name and states a corporate fact;
- with no header (extraction often drops it), a block among the last lines of the page that
  opens "<Name> is a/an/the …", whose every line starts with the name (or opens another
  company's profile), which names the company again, and states at least
  `PROFILE_MIN_FACTS` corporate facts (headquarters, listing, staff, founding, offices).

A story that ends on a sentence about a company states one fact at most, and does not open
a paragraph of them with the company's name as its subject.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from unspin.boilerplate._lines import block_after

KIND = "company_profile"

# Corporate facts the headerless block must state (distinct kinds of fact, below). A
# profile states three to five; a story's closing sentence about a firm one. Set from the
# article-extraction benchmark's press releases (Ascom: four) with room; re-run `python -m
# benchmarks.extraction run` (kind `company_profile`) and `benchmarks/run.py bbc` (no BBC
# line may be marked) after changing it.
PROFILE_MIN_FACTS = 2
# The block is among the page's last lines: at most this many lines, after it at most
# PROFILE_TAIL_LINES short ones (contacts, "###", a copyright line).
PROFILE_MAX_LINES = 4
PROFILE_MAX_CHARS = 2000
PROFILE_TAIL_LINES = 4
_TAIL_LINE_MAX_CHARS = 100

_NAME = r"(?-i:[A-Z][\w&.'’-]*)(?:\s+(?-i:[A-Z0-9][\w&.'’-]*)){0,4}"
# "About This Calendar", "About Us": a page's own about box, not a company's profile.
_NOT_A_NAME = r"(?!(?:this|that|these|those|the|our|us|me|my|you|your|it|its|we)\b)"
_HEADER = re.compile(rf"about\s+{_NOT_A_NAME}(?P<name>{_NAME})\s*[:.]?", re.IGNORECASE)
# "Ascom is a global …", "Acme Corp. (NYSE: ACME) is the leading …"
_OPENING = re.compile(
    rf"(?P<name>{_NAME})(?:\s*\([^()]{{1,60}}\))?(?:,\s[^,]{{1,80}},)?\s+is\s+"
    r"(?:a|an|the|one\s+of\s+the)\s",
)
_FACTS = {
    "seat": r"headquartered|head\s*office|based\s+in\s+(?-i:[A-Z])",
    "listing": r"listed\s+on|traded\s+on|(?-i:NYSE|NASDAQ|Nasdaq|SIX|LSE|TSX|ASX)\b",
    "staff": r"employs|employees|staff\s+of|workforce",
    "founding": r"founded\s+in|established\s+in|since\s+(?:1[89]|20)\d\d",
    "reach": r"subsidiaries|offices\s+in|operations\s+in|operating\s+businesses|customers\s+in",
    "site": r"for\s+more\s+information|(?:visit|at)\s+(?:https?://|www\.)",
}
_FACT = {kind: re.compile(pattern, re.IGNORECASE) for kind, pattern in _FACTS.items()}


def company_profile_marks(
    texts: list[str], marked: Mapping[int, object]
) -> dict[int, tuple[str, str]]:
    """Marks (line -> kind, evidence) for the company profiles of a page's ``texts``
    (stripped lines); lines in ``marked`` already have a mark and are never taken."""
    found: dict[int, tuple[str, str]] = {}
    for i, text in enumerate(texts):
        header = _HEADER.fullmatch(text) if len(text) < _TAIL_LINE_MAX_CHARS else None
        if header is None or i in marked:
            continue
        block = block_after(texts, i, PROFILE_MAX_LINES, PROFILE_MAX_CHARS)
        if block and not any(k in marked for k in block) and _about(header["name"], texts, block):
            facts = _facts("\n".join(texts[k] for k in block))
            if not facts:
                continue  # a site's or a group's about box: no headquarters, listing, staff
            found[i] = (KIND, f"company profile header ({', '.join(facts)}): {text!r}")
            for k in block:
                found[k] = (KIND, f"company profile under the header on line {i + 1}")
    if not found:
        found.update(_trailing_profile(texts, marked))
    return found


def _about(name: str, texts: list[str], block: list[int]) -> bool:
    """Whether ``block`` describes the company ``name`` (its first word, as the block may
    shorten "Acme Corporation" to "Acme")."""
    first = name.split()[0]
    return texts[block[0]].startswith(first)


def _trailing_profile(texts: list[str], marked: Mapping[int, object]) -> dict[int, tuple[str, str]]:
    """The headerless profile among the page's last lines, if there is one."""
    lines = [k for k, text in enumerate(texts) if text]
    tail = 0
    while tail < len(lines) and tail <= PROFILE_TAIL_LINES:
        end = len(lines) - tail  # the block ends before the tail
        for size in range(1, PROFILE_MAX_LINES + 1):
            block = lines[end - size : end] if end - size >= 0 else []
            if not block or any(k in marked for k in block):
                break
            evidence = _profile_evidence(texts, block)
            if evidence:
                return {k: (KIND, evidence) for k in block}
        last = lines[end - 1] if end > 0 else None
        if last is None or (last not in marked and len(texts[last]) > _TAIL_LINE_MAX_CHARS):
            break  # a long line after the block is story, not a contact or footer
        tail += 1
    return {}


def _profile_evidence(texts: list[str], block: list[int]) -> str:
    opening = _OPENING.match(texts[block[0]])
    if opening is None:
        return ""
    body = "\n".join(texts[k] for k in block)
    if len(body) > PROFILE_MAX_CHARS:
        return ""
    first = opening["name"].split()[0]
    # Each line speaks of the company (or opens another's profile, as a joint release does).
    if not all(texts[k].startswith(first) or _OPENING.match(texts[k]) for k in block[1:]):
        return ""
    facts = _facts(body)
    if body.count(first) < 2 or len(facts) < PROFILE_MIN_FACTS:
        return ""
    return f"company profile of {first} ({', '.join(facts)}) at the end of the page"


def _facts(body: str) -> list[str]:
    """The kinds of corporate fact ``body`` states, sorted."""
    return sorted(kind for kind, fact in _FACT.items() if fact.search(body))
