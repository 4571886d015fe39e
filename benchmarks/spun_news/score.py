"""Scores one method's predictions against the labels.

Pairs: a derived document and each of its sources is a true pair, counted in the derived
document's transformation. A reported pair is *allowed* (neither right nor wrong) when both
documents hold text of a common BBC article (two derived documents of the same source) or
of two BBC articles that overlap naturally; pairs of two original BBC articles are not
scored. Any other reported pair is a false positive, charged to the transformation of each
derived document in it.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchmarks.spun_news.labels import TRANSFORMATIONS, Label, read_labels, read_texts
from benchmarks.spun_news.metrics import (
    Case,
    Detection,
    SpanCounts,
    adjusted_rand_index,
    plagdet,
)

# How many example ids of each kind of miss go into the details, for diagnosis.
EXAMPLES_KEPT = 8


@dataclass
class Truth:
    labels: dict[str, Label]
    texts: dict[str, str]
    natural: set[frozenset[str]]

    @classmethod
    def load(cls, folder: Path) -> Truth:
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        return cls(
            read_labels(folder / "labels.jsonl"),
            read_texts(folder / "corpus.jsonl"),
            {frozenset(p) for p in meta["natural_overlaps"]},
        )

    def pair_class(self, a: str, b: str) -> str:
        """true | allowed | unscored | false, for a reported pair of documents."""
        la, lb = self.labels[a], self.labels[b]
        if la.role != "derived" and lb.role != "derived":
            return "unscored"
        if b in la.sources or a in lb.sources:
            return "true"
        if set(la.origins) & set(lb.origins):
            return "allowed"
        if any(frozenset((x, y)) in self.natural for x in la.origins for y in lb.origins):
            return "allowed"
        return "false"

    def true_pairs(self) -> dict[frozenset[str], str]:
        return {
            frozenset((doc_id, source)): str(label.transformation)
            for doc_id, label in self.labels.items()
            for source in label.sources
        }

    def cases(self, doc_id: str) -> list[Case]:
        """Segments of one derived document merged into passages: a passage goes on while the
        next segment continues the same source in order with only blanks skipped on both sides."""
        text = self.texts[doc_id]
        found: list[Case] = []
        for seg in sorted(self.labels[doc_id].segments, key=lambda s: s.start):
            last = found[-1] if found else None
            if (
                last is not None
                and last.src_doc == seg.source
                and last.src[1] <= seg.src_start
                and not text[last.plg[1] : seg.start].strip()
                and not self.texts[seg.source][last.src[1] : seg.src_start].strip()
            ):
                found[-1] = Case(
                    doc_id, (last.plg[0], seg.end), seg.source, (last.src[0], seg.src_end)
                )
            else:
                found.append(
                    Case(doc_id, (seg.start, seg.end), seg.source, (seg.src_start, seg.src_end))
                )
        return found


@dataclass
class PairCounts:
    true_positive: int = 0
    false_positive: int = 0
    truth: int = 0
    missed: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)

    def scores(self) -> dict[str, float]:
        tp = self.true_positive
        precision = tp / (tp + self.false_positive) if tp + self.false_positive else 0.0
        recall = tp / self.truth if self.truth else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {"precision": precision, "recall": recall, "f1": f1}


def _families(truth: Truth) -> list[str]:
    parent = {doc_id: doc_id for doc_id in truth.labels}

    def root(x: str) -> str:
        while parent[x] != x:
            x = parent[x]
        return x

    for doc_id, label in truth.labels.items():
        source = label.family_source(len(truth.texts[doc_id]))
        if source is not None:
            parent[root(doc_id)] = root(source)
    return [root(doc_id) for doc_id in truth.labels]


def _predicted_families(truth: Truth, groups: list[list[str]]) -> list[str]:
    cluster = {doc_id: doc_id for doc_id in truth.labels}
    for group in groups:
        for member in group:
            cluster[member] = "family:" + min(group)
    return [cluster[doc_id] for doc_id in truth.labels]


def _components(pairs: list[tuple[str, str]]) -> list[list[str]]:
    parent: dict[str, str] = {}

    def root(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            x = parent[x]
        return x

    for a, b in pairs:
        parent[root(a)] = root(b)
    groups: dict[str, list[str]] = defaultdict(list)
    for x in list(parent):
        groups[root(x)].append(x)
    return list(groups.values())


def score(truth: Truth, predictions: dict[str, Any]) -> dict[str, Any]:
    """Every measure of one method, by transformation where it has one."""
    if not predictions.get("available", True):
        return {"available": False, "note": predictions.get("note", "")}
    rows = {name: PairCounts() for name in TRANSFORMATIONS}
    overall = PairCounts()
    expected = truth.true_pairs()
    for name in expected.values():
        rows[name].truth += 1
        overall.truth += 1
    found: set[frozenset[str]] = set()
    detections: dict[str, list[Detection]] = defaultdict(list)
    classes: Counter[str] = Counter()
    for a, b, passages, *_ in predictions["pairs"]:
        key = frozenset((a, b))
        kind = truth.pair_class(a, b)
        classes[kind] += 1
        charged = [
            str(truth.labels[x].transformation) for x in (a, b) if truth.labels[x].role == "derived"
        ]
        if kind == "true":
            found.add(key)
            rows[expected[key]].true_positive += 1
            overall.true_positive += 1
        elif kind == "false":
            overall.false_positive += 1
            for row in charged:
                rows[row].false_positive += 1
                rows[row].wrong.append(f"{a} ~ {b}")
        if kind in ("true", "false"):
            for row in set(charged):
                detections[row] += [Detection(a, (p[0], p[1]), b, (p[2], p[3])) for p in passages]
    for pair, name in expected.items():
        if pair not in found:
            rows[name].missed.append(" <- ".join(sorted(pair, key=lambda x: truth.labels[x].role)))
    result: dict[str, Any] = {"available": True, "pair_classes": dict(classes)}
    result["pairs"] = {name: counts.scores() for name, counts in rows.items()}
    result["pairs"]["all"] = overall.scores()
    result["examples"] = {
        name: {"missed": counts.missed[:EXAMPLES_KEPT], "false": counts.wrong[:EXAMPLES_KEPT]}
        for name, counts in rows.items()
    }
    has_passages = "boilerplate" in predictions
    if has_passages:
        result["plagdet"] = _plagdet(truth, detections)
        result["boilerplate"], result["inserted"] = _spans(truth, predictions)
    groups = predictions.get("families")
    if groups is None:
        groups = _components([(a, b) for a, b, *_ in predictions["pairs"]])
    result["family_ari"] = adjusted_rand_index(_families(truth), _predicted_families(truth, groups))
    if any(len(entry) > 4 for entry in predictions["pairs"]):
        result["direction"] = _directions(truth, predictions["pairs"])
    if "originals" in predictions:
        result["originals"] = _originals(truth, groups, predictions["originals"])
    result["wall_s"] = predictions.get("wall_s")
    result["peak_mib"] = predictions.get("peak_mib")
    return result


def _directions(truth: Truth, pairs: list[list[Any]]) -> dict[str, dict[str, float]]:
    """For each true pair found, whether its direction names the labelled source (right),
    the derived document (reversed) or neither (none), by transformation."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for a, b, _, _, direction, *_ in pairs:
        if truth.pair_class(a, b) != "true":
            continue
        source, derived = (a, b) if a in truth.labels[b].sources else (b, a)
        transformation = str(truth.labels[derived].transformation)
        named = {"a->b": a, "b->a": b}.get(direction or "")
        verdict = "none" if named is None else ("right" if named == source else "reversed")
        for row in (transformation, "all"):
            counts[row][verdict] += 1
    out: dict[str, dict[str, float]] = {}
    for row in (*TRANSFORMATIONS, "all"):
        found = counts[row]
        total = sum(found.values())
        out[row] = {
            "accuracy": found["right"] / total if total else 0.0,
            "right": found["right"],
            "reversed": found["reversed"],
            "none": found["none"],
        }
    return out


def _originals(truth: Truth, groups: list[list[str]], originals: list[str]) -> dict[str, float]:
    """Of the predicted families that hold a labelled source, the share whose original is
    the root of that source's true family (the article everything else came from)."""
    roots = dict(zip(truth.labels, _families(truth), strict=True))
    judged = right = 0
    for members, original in zip(groups, originals, strict=True):
        sources = {roots[m] for m in members if truth.labels[m].role == "source"}
        if not sources:
            continue
        judged += 1
        right += roots[original] in sources and truth.labels[original].role == "source"
    return {"accuracy": right / judged if judged else 0.0, "families": judged}


def _plagdet(truth: Truth, detections: dict[str, list[Detection]]) -> dict[str, dict[str, float]]:
    cases: dict[str, list[Case]] = defaultdict(list)
    for doc_id, label in truth.labels.items():
        if label.role == "derived":
            cases[str(label.transformation)] += truth.cases(doc_id)
    out = {}
    for name in (*TRANSFORMATIONS, "all"):
        if name == "all":
            own_cases = [c for name_ in TRANSFORMATIONS for c in cases[name_]]
            own = list({d for name_ in TRANSFORMATIONS for d in detections[name_]})
        else:
            own_cases, own = cases[name], detections[name]
        measured = plagdet(own_cases, own)
        out[name] = {
            "precision": measured.precision,
            "recall": measured.recall,
            "granularity": measured.granularity,
            "plagdet": measured.plagdet,
        }
    return out


def _spans(truth: Truth, predictions: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    boilerplate, inserted, elsewhere = SpanCounts(), SpanCounts(), SpanCounts()
    worst: list[tuple[float, str]] = []
    for doc_id, label in truth.labels.items():
        text = truth.texts[doc_id]
        flagged = [tuple(s) for s in predictions["boilerplate"].get(doc_id, [])]
        if label.transformation == "wrapped":
            boilerplate.add(text, [(m.start, m.end) for m in label.boilerplate()], flagged)
        else:
            elsewhere.add(text, [], flagged)
        if label.transformation == "compilation":
            one = SpanCounts()
            spans = [tuple(s) for s in predictions["inserted"].get(doc_id, [])]
            for counts in (inserted, one):
                counts.add(text, label.inserted(), spans)
            worst.append((one.scores()[2], doc_id))
    p, r, f = boilerplate.scores()
    flagged_elsewhere = elsewhere.false_positive
    ip, ir, i_f = inserted.scores()
    return (
        {"precision": p, "recall": r, "f1": f, "chars_flagged_on_unwrapped": flagged_elsewhere},
        {
            "precision": ip,
            "recall": ir,
            "f1": i_f,
            "worst": [doc for _, doc in sorted(worst)[:EXAMPLES_KEPT]],
        },
    )
