"""The article-extraction benchmark's metric, as its README describes upstream `evaluate.py`.

Tokens are `\\w+` (Unicode); each page contributes word 4-shingle counts; tp, fp and fn are
normalised by tp + fp + fn per page so that every page weighs the same; precision and
recall are averaged over the pages where they are defined, and F1 is taken from the two
averages (not a mean of per-page F1).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from typing import NamedTuple

_TOKEN = re.compile(r"\w+")
SHINGLE = 4


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def shingles(text: str, n: int = SHINGLE) -> Counter[tuple[str, ...]]:
    words = tokens(text)
    return Counter(tuple(words[i : i + n]) for i in range(max(0, len(words) - n + 1)))


class PageScore(NamedTuple):
    tp: float
    fp: float
    fn: float
    exact: bool


def page_score(gold: str, predicted: str) -> PageScore:
    g, p = shingles(gold), shingles(predicted)
    tp = sum(min(g[s], p[s]) for s in g.keys() & p.keys())
    fp = sum(max(0, p[s] - g[s]) for s in p)
    fn = sum(max(0, g[s] - p[s]) for s in g)
    total = tp + fp + fn
    exact = tokens(gold) == tokens(predicted)
    if total == 0:
        return PageScore(0.0, 0.0, 0.0, exact)
    return PageScore(tp / total, fp / total, fn / total, exact)


class Summary(NamedTuple):
    precision: float
    recall: float
    f1: float
    accuracy: float
    pages: int


def summarise(scores: Iterable[PageScore]) -> Summary:
    precisions: list[float] = []
    recalls: list[float] = []
    exact = 0
    pages = 0
    for s in scores:
        pages += 1
        exact += s.exact
        if s.fp == 0 and s.fn == 0:
            precisions.append(1.0)
            recalls.append(1.0)
            continue
        if s.tp + s.fp > 0:
            precisions.append(s.tp / (s.tp + s.fp))
        if s.tp + s.fn > 0:
            recalls.append(s.tp / (s.tp + s.fn))
    p = sum(precisions) / len(precisions) if precisions else 0.0
    r = sum(recalls) / len(recalls) if recalls else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return Summary(p, r, f1, exact / pages if pages else 0.0, pages)
