"""The stage functions every engine calls."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence

from unspin.align import align_pair
from unspin.boilerplate import repeated_lines_by_site
from unspin.boilerplate.repeated import NO_SITE
from unspin.copies import CopyGroups, as_copy, for_copy
from unspin.direction import needs_pieces, with_pieces
from unspin.families import build_families
from unspin.model import Document, DocumentReport, Family, PairResult
from unspin.prepare import Prepared, prepare
from unspin.progress import NoProgress, Progress
from unspin.relate import (
    PairEvidence,
    explained_share,
    explanations_for,
    find_inserted,
    pieces_share,
    relate_pair,
)

__all__ = ["NoProgress", "Progress"]  # re-exported for the engines and the API


def site_templates(documents: Iterable[Document]) -> dict[str, frozenset[str]]:
    """Lines repeated across many articles of one site: the site's template."""
    return repeated_lines_by_site(documents)


def prepare_document(doc: Document, templates: Mapping[str, frozenset[str]]) -> Prepared:
    """Prepared with its site's template, or the corpus-wide one when it has no site."""
    return prepare(doc, templates.get(doc.site or NO_SITE, frozenset()))


def compare_prepared(a: Prepared, b: Prepared) -> PairEvidence | None:
    """Align one candidate pair and decide its relation (``None``: nothing worth reporting)."""
    return relate_pair(a, b, align_pair(a, b))


def copy_evidence(representative: Prepared, copies: Sequence[Prepared]) -> list[PairEvidence]:
    """Pairs between a document and its exact copies, aligned once for the whole group."""
    if not copies:
        return []
    passages = align_pair(representative, copies[0])
    found = (relate_pair(representative, copy, passages) for copy in copies)
    return [item for item in found if item is not None]


def spread_to_copies(
    evidence: Sequence[PairEvidence],
    copies: Mapping[str, Sequence[Document]],
    documents: Mapping[str, Document],
) -> list[PairEvidence]:
    """Each pair of a representative restated for each of its exact copies.

    A copy then has the same partners as its representative (so its own date can order
    them, and its inserted spans are its own), at one pair per copy and partner: copies of
    both sides meet through the representatives, never all against all.
    """
    spread: list[PairEvidence] = []
    for item in evidence:
        for here, there in ((item.result.a, item.result.b), (item.result.b, item.result.a)):
            partner = documents[there]
            spread.extend(for_copy(item, here, copy, partner) for copy in copies.get(here, ()))
    return spread


def restore_copies(
    documents: Sequence[Document],
    groups: CopyGroups,
    prepared: Mapping[str, Prepared],
    evidence: Sequence[PairEvidence],
    progress: Progress,
) -> tuple[dict[str, str], list[PairEvidence]]:
    """The exact copies left out of candidates and alignment, and their pairs.

    ``prepared`` gives the representatives' preparations by id and ``evidence`` holds
    their pairs. Each copy shares its representative's preparation, is paired with it
    (aligned once per group) and inherits its other pairs. Returns each copy's
    representative (copy id -> representative id) and the copies' pairs.
    """
    copies_of: dict[str, list[Document]] = {}
    for rep, others in sorted(groups.copies.items()):
        copies_of[documents[rep].id] = [documents[i] for i in others]
    found = spread_to_copies(evidence, copies_of, {d.id: d for d in documents})
    for rep_id, copies in copies_of.items():
        source = prepared[rep_id]
        found.extend(copy_evidence(source, [as_copy(source, copy) for copy in copies]))
        progress.advance()
    copy_of = {copy.id: rep_id for rep_id, copies in copies_of.items() for copy in copies}
    return copy_of, found


def by_document(evidence: Iterable[PairEvidence]) -> dict[str, list[PairEvidence]]:
    """Each document's pairs."""
    found: dict[str, list[PairEvidence]] = defaultdict(list)
    for item in evidence:
        found[item.result.a].append(item)
        found[item.result.b].append(item)
    return found


def oriented_by_pieces(
    evidence: Sequence[PairEvidence], pieces: Callable[[str], float]
) -> list[PairEvidence]:
    """``evidence`` with the pieces signal added where a pair needs it
    (`direction.needs_pieces`); ``pieces`` gives a document's pieces share, and is asked
    only about the documents of those pairs."""
    out: list[PairEvidence] = []
    for item in evidence:
        result = item.result
        if needs_pieces(result):
            shares = {result.a: pieces(result.a), result.b: pieces(result.b)}
            item = PairEvidence(with_pieces(result, shares), item.a_covered, item.b_covered)
        out.append(item)
    return out


def corpus_pieces(
    evidence: Sequence[PairEvidence], prepared: Callable[[str], Prepared]
) -> Callable[[str], float]:
    """A document's pieces share from all of its pairs in ``evidence`` (each computed once)."""
    held = by_document(evidence)
    known: dict[str, float] = {}

    def share(doc_id: str) -> float:
        if doc_id not in known:
            known[doc_id] = pieces_share(prepared(doc_id), held.get(doc_id, []))
        return known[doc_id]

    return share


def document_reports(
    ids: Sequence[str],
    prepared: Callable[[str], Prepared],
    evidence: Sequence[PairEvidence],
    explained: Mapping[str, float] | None = None,
) -> tuple[DocumentReport, ...]:
    """One report a document, in the order of ``ids``; ``prepared`` gives each document's
    preparation (twice for each: the shares every document explains come first).
    ``explained`` gives each document's share explained by its partners; by default it is
    computed from ``evidence`` for ``ids`` (a trace, which does not hold its partners'
    other pairs, passes its own)."""
    by_doc = by_document(evidence)
    if explained is None:
        explained = {i: explained_share(prepared(i), by_doc.get(i, [])) for i in ids}
    return tuple(
        document_report(prepared(doc_id), by_doc.get(doc_id, []), explained) for doc_id in ids
    )


def document_report(
    p: Prepared, evidence: Sequence[PairEvidence], explained: Mapping[str, float]
) -> DocumentReport:
    """One document's report from its pairs' ``evidence`` and the shares of it and its
    partners that the corpus explains (see `document_reports`)."""
    inserted = find_inserted(p, explanations_for(p.id, evidence), explained)
    return DocumentReport(
        id=p.id,
        title=p.doc.title,
        site=p.doc.site,
        date=p.doc.date,
        boilerplate=p.boilerplate,
        inserted=inserted,
        lang=p.doc.lang,
        url=p.doc.url,
        origin=p.doc.origin,
        date_source=p.doc.date_source,
    )


def families_of(
    pairs: Sequence[PairResult], documents: Mapping[str, Document]
) -> tuple[Family, ...]:
    return build_families(pairs, documents)
