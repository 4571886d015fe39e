"""Pair precision of a BBC News scan against the hand labels of benchmarks/bbc_pairs (issue 8).

Rules (README.md in this folder has the label definitions):

- a reported ``duplicate`` is correct when the pair is labelled ``duplicate``;
- a reported ``rewrite`` is correct when it is labelled ``rewrite`` or ``duplicate``;
- a reported ``partial`` is correct when it is labelled anything but ``independent``.

Precision is measured on the pairs of the random sample (``drawn``) that the scan reports;
the pairs added by hand (``drawn: false``, known independent reports) are left out of it,
since they were picked for being wrong, and are listed with the other labelled independent
pairs the scan still reports. Recall is the share of the labelled reuse pairs (label not
``independent``) that the scan still reports, with any relation. Byte-identical pairs
(``benchmarks.datasets.bbc_duplicate_groups``) are not labelled here; every other reported
pair without a label is counted, so that new pairs are visible (``unlabelled``).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rich.table import Table

LABELS = Path(__file__).resolve().parent / "labels.jsonl"
RELATIONS = ("duplicate", "rewrite", "partial")
LABEL_VALUES = (*RELATIONS, "independent")
# A reported relation is right when the pair's label is one of these.
ACCEPTED: dict[str, frozenset[str]] = {
    "duplicate": frozenset({"duplicate"}),
    "rewrite": frozenset({"rewrite", "duplicate"}),
    "partial": frozenset({"partial", "rewrite", "duplicate"}),
}
# Issue 8's targets: precision per reported relation, and the share of labelled reuse pairs
# that must still be reported.
TARGETS: dict[str, float] = {"duplicate": 0.95, "rewrite": 0.95, "partial": 0.90}
RECALL_FLOOR = 0.90

Key = frozenset[str]


@dataclass(frozen=True)
class Label:
    a: str
    b: str
    label: str
    reason: str
    drawn: bool
    reported_as: str | None  # the relation in the scan the sample was drawn from

    @property
    def key(self) -> Key:
        return frozenset((self.a, self.b))

    @property
    def reuse(self) -> bool:
        return self.label != "independent"


def read_labels(path: Path = LABELS) -> list[Label]:
    labels = []
    with path.open(encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            if not line.strip():
                continue
            row = json.loads(line)
            if row["label"] not in LABEL_VALUES:
                raise ValueError(f"{path}:{number}: unknown label {row['label']!r}")
            labels.append(
                Label(
                    row["a"],
                    row["b"],
                    row["label"],
                    row["reason"],
                    bool(row["drawn"]),
                    row.get("reported_as"),
                )
            )
    keys = [label.key for label in labels]
    if len(set(keys)) != len(keys):
        raise ValueError(f"{path}: a pair is labelled twice")
    return labels


def relations(pairs: Iterable[Any]) -> dict[Key, str]:
    """{pair: relation} from PairResults or from pairs.jsonl records (dicts)."""
    found = {}
    for pair in pairs:
        if isinstance(pair, Mapping):
            a, b, relation = pair["a"], pair["b"], pair["relation"]
        else:
            a, b, relation = pair.a, pair.b, pair.relation
        found[frozenset((str(a), str(b)))] = str(relation)
    return found


def read_pairs(path: Path) -> dict[Key, str]:
    """A scan's pairs.jsonl (or the scan's output folder holding it)."""
    if path.is_dir():
        path = path / "pairs.jsonl"
    with path.open(encoding="utf-8") as f:
        return relations(json.loads(line) for line in f if line.strip())


@dataclass(frozen=True)
class RelationScore:
    relation: str
    reported: int  # drawn labelled pairs the scan reports with this relation
    correct: int
    wrong: tuple[tuple[Label, str], ...] = ()  # (label, relation reported now)

    @property
    def precision(self) -> float | None:
        return self.correct / self.reported if self.reported else None

    @property
    def target(self) -> float:
        return TARGETS[self.relation]

    @property
    def ok(self) -> bool:
        # Nothing reported, nothing wrong: recall is what catches a scan that reports nothing.
        return self.precision is None or self.precision >= self.target


@dataclass(frozen=True)
class Score:
    relations: dict[str, RelationScore]
    reuse_labelled: int
    lost: tuple[Label, ...]  # labelled reuse pairs no longer reported
    independent_reported: tuple[tuple[Label, str], ...]
    unlabelled: tuple[tuple[str, str, str], ...]  # (a, b, relation), non-identical pairs
    undrawn: tuple[tuple[Label, str], ...] = ()  # labelled by hand, not drawn, reported
    labelled: int = 0
    identical_reported: int = 0
    counts: dict[str, int] = field(default_factory=dict)  # every reported pair, by relation

    @property
    def recall(self) -> float | None:
        if not self.reuse_labelled:
            return None
        return (self.reuse_labelled - len(self.lost)) / self.reuse_labelled

    @property
    def recall_ok(self) -> bool:
        return self.recall is None or self.recall >= RECALL_FLOOR

    @property
    def ok(self) -> bool:
        return self.recall_ok and all(r.ok for r in self.relations.values())

    def failures(self) -> list[str]:
        """One line per missed target, for an assertion message."""
        lines = []
        for r in self.relations.values():
            if not r.ok:
                wrong = ", ".join(f"{lab.a}–{lab.b} ({lab.label})" for lab, _ in r.wrong)
                lines.append(
                    f"{r.relation} precision {r.precision:.2f} < {r.target:.2f}"
                    f" ({r.correct}/{r.reported}; wrong: {wrong})"
                )
        if not self.recall_ok and self.recall is not None:
            lost = ", ".join(f"{lab.a}–{lab.b} ({lab.label})" for lab in self.lost)
            lines.append(f"recall {self.recall:.2f} < {RECALL_FLOOR:.2f} (lost: {lost})")
        return lines


def score(
    reported: Mapping[Key, str],
    labels: Iterable[Label],
    identical: Iterable[Iterable[str]] = (),
) -> Score:
    """Score a scan's ``{pair: relation}`` against ``labels``.

    ``identical`` holds the byte-identical pairs (or groups), left out of ``unlabelled``.
    """
    labels = list(labels)
    by_key = {label.key: label for label in labels}
    same = {frozenset(group) for group in identical}
    per: dict[str, list[tuple[Label, str]]] = {r: [] for r in RELATIONS}
    for label in labels:
        relation = reported.get(label.key)
        if label.drawn and relation in per:
            per[relation].append((label, relation))
    scores = {}
    for relation, hits in per.items():
        right = [h for h in hits if h[0].label in ACCEPTED[relation]]
        wrong = tuple(h for h in hits if h[0].label not in ACCEPTED[relation])
        scores[relation] = RelationScore(relation, len(hits), len(right), wrong)
    reuse = [label for label in labels if label.reuse]
    counts: dict[str, int] = {}
    for relation in reported.values():
        counts[relation] = counts.get(relation, 0) + 1
    unlabelled = sorted(
        (min(key), max(key), relation)
        for key, relation in reported.items()
        if key not in by_key and key not in same
    )
    return Score(
        relations=scores,
        reuse_labelled=len(reuse),
        lost=tuple(label for label in reuse if label.key not in reported),
        independent_reported=tuple(
            (label, reported[label.key])
            for label in labels
            if not label.reuse and label.key in reported
        ),
        unlabelled=tuple(unlabelled),
        undrawn=tuple(
            (label, reported[label.key])
            for label in labels
            if not label.drawn and label.key in reported
        ),
        labelled=len(labels),
        identical_reported=sum(1 for key in reported if key in same),
        counts=counts,
    )


def _fraction(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def table(result: Score, title: str = "BBC News: pair precision on hand-labelled pairs") -> Table:
    """Precision per reported relation (drawn pairs) and recall, as a rich table."""
    out = Table(title=title)
    for column in ("reported as", "labelled", "right", "share", "target", ""):
        out.add_column(column, justify="right")
    for r in result.relations.values():
        out.add_row(
            r.relation,
            str(r.reported),
            str(r.correct),
            _fraction(r.precision),
            f"≥ {r.target:.2f}",
            "PASS" if r.ok else "FAIL",
        )
    kept = result.reuse_labelled - len(result.lost)
    out.add_row(
        "reuse still reported",
        str(result.reuse_labelled),
        str(kept),
        _fraction(result.recall),
        f"≥ {RECALL_FLOOR:.2f}",
        "PASS" if result.recall_ok else "FAIL",
    )
    return out


def details(result: Score) -> list[str]:
    """Lines naming the wrong, lost, still-reported independent and unlabelled pairs."""
    lines = []
    for r in result.relations.values():
        for label, _ in r.wrong:
            lines.append(f"wrong {r.relation}: {label.a} {label.b} is {label.label}")
    for label in result.lost:
        lines.append(f"lost: {label.a} {label.b} ({label.label}) is no longer reported")
    for label, relation in result.independent_reported:
        drawn = "" if label.drawn else " (not drawn)"
        lines.append(f"independent still reported: {label.a} {label.b} as {relation}{drawn}")
    for label, relation in result.undrawn:
        verdict = "right" if relation in ACCEPTED and label.label in ACCEPTED[relation] else "wrong"
        lines.append(
            f"not drawn, outside precision: {label.a} {label.b} ({label.label}) "
            f"reported as {relation}: {verdict}"
        )
    counts = ", ".join(f"{result.counts.get(r, 0)} {r}" for r in RELATIONS)
    lines.append(
        f"reported: {counts}; {result.identical_reported} byte-identical; "
        f"{result.labelled} labelled pairs; {len(result.unlabelled)} other pairs unlabelled"
    )
    return lines
