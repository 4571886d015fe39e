"""Score unspin's kept story text against the gold bodies, and scan the pages for pairs."""

from __future__ import annotations

import gzip
import json
import random
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchmarks.extraction.score import PageScore, Summary, page_score, shingles, summarise, tokens

from unspin.boilerplate import mark_boilerplate, repeated_lines_by_site
from unspin.ingest.html import ExtractionError, extract_article
from unspin.ingest.source import site_of
from unspin.model import BoilerplateSpan, Document

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT.parent / "shared" / "data" / "article-extraction-benchmark"

# A marked line, or a passage, is story when at least this share of its word 4-shingles is
# in the gold body (lines under four words: when the gold body holds the same words as one
# of its own lines). Half: a line is either the story's or not, the middle is rare.
STORY_SHARE = 0.5


# A reported pair rests on chrome when less than this share of its passages' characters
# (both sides) lies in passages that are story on both sides: a pair carried by a shared
# footer or notice, with a dateline or a name in common besides, still rests on chrome.
PAIR_STORY_SHARE = 0.5


@dataclass
class Page:
    id: str
    url: str
    gold: str
    text: str  # what ingest extracted (trafilatura), before boilerplate marking
    site: str | None = None
    spans: tuple[BoilerplateSpan, ...] = field(default_factory=tuple)

    def kept(self) -> str:
        """The text with every marked line taken out: the story unspin keeps."""
        out: list[str] = []
        at = 0
        for span in self.spans:
            out.append(self.text[at : span.start])
            at = span.end
        out.append(self.text[at:])
        return "".join(out)


def load_pages(data: Path, cache: Path | None) -> list[Page]:
    gold: dict[str, dict[str, str]] = json.loads((data / "ground-truth.json").read_text("utf-8"))
    cached: dict[str, str] = {}
    if cache is not None and cache.exists():
        cached = json.loads(cache.read_text("utf-8"))
    pages: list[Page] = []
    for page_id in sorted(gold):
        url = gold[page_id]["url"]
        if page_id not in cached:
            html = gzip.decompress((data / "html" / f"{page_id}.html.gz").read_bytes())
            try:
                cached[page_id] = extract_article(html.decode("utf-8", "replace"), url).text
            except ExtractionError:
                cached[page_id] = ""
        pages.append(Page(page_id, url, gold[page_id]["articleBody"], cached[page_id]))
        pages[-1].site = site_of(url)
    if cache is not None:
        cache.write_text(json.dumps(cached), "utf-8")
    return pages


def mark_pages(pages: Sequence[Page]) -> None:
    """Mark every page as the pipeline does, with its site's template (and corpus-wide lines)."""
    docs = [Document(id=p.id, text=p.text, url=p.url, site=p.site) for p in pages if p.text]
    by_site = repeated_lines_by_site(docs)
    for page in pages:
        site_lines = by_site.get(page.site, frozenset()) if page.site else frozenset()
        page.spans = mark_boilerplate(page.text, site_lines)


def _gold_lines(gold: str) -> set[tuple[str, ...]]:
    return {tuple(t.casefold() for t in tokens(line)) for line in gold.splitlines()}


def is_story(piece: str, gold: str) -> bool:
    """Whether `piece` of a page's text belongs to its gold article body."""
    words = tokens(piece)
    if not words:
        return False  # a rule of underscores or dashes
    if len(words) < 4:
        return tuple(w.casefold() for w in words) in _gold_lines(gold)
    own = shingles(piece)
    theirs = shingles(gold)
    found = sum(min(n, theirs[s]) for s, n in own.items())
    return found >= STORY_SHARE * sum(own.values())


def _chrome_recall(pages: Sequence[Page]) -> dict[str, int]:
    """The lines of what ingest extracted that are not in the gold body (site chrome that
    extraction left, as far as the gold says), and how many of them, and of their
    characters, a mark covers. The gold labels no kinds, so this recall is for all kinds
    together; a line without words (a rule of underscores) is not counted."""
    lines = chars = lines_marked = chars_marked = 0
    for page in pages:
        at = 0
        for raw in page.text.splitlines(keepends=True):
            start = page.text.index(raw, at) if raw else at
            at = start + len(raw)
            piece = raw.strip()
            if not tokens(piece) or is_story(piece, page.gold):
                continue
            begin = start + raw.index(piece)
            covered = sum(
                max(0, min(span.end, begin + len(piece)) - max(span.start, begin))
                for span in page.spans
            )
            lines += 1
            chars += len(piece)
            lines_marked += covered >= len(piece) / 2
            chars_marked += covered
    return {
        "lines": lines,
        "lines_marked": lines_marked,
        "chars": chars,
        "chars_marked": chars_marked,
    }


def _fmt(s: Summary) -> str:
    return f"F1 {s.f1:.3f}  P {s.precision:.3f}  R {s.recall:.3f}  exact {s.accuracy:.3f}"


def extraction_report(pages: Sequence[Page], sample: int, seed: int) -> dict[str, Any]:
    before: list[PageScore] = []
    after: list[PageScore] = []
    per_kind: Counter[str] = Counter()
    story_marked: Counter[str] = Counter()
    story_chars_lost = 0
    samples: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for page in pages:
        before.append(page_score(page.gold, page.text))
        after.append(page_score(page.gold, page.kept()))
        for span in page.spans:
            piece = page.text[span.start : span.end]
            per_kind[span.kind] += 1
            story = is_story(piece, page.gold)
            story_marked[span.kind] += story
            story_chars_lost += len(piece) if story else 0
            samples[span.kind].append(
                {"page": page.id, "line": piece, "story": story, "evidence": span.evidence}
            )
    chrome = _chrome_recall(pages)
    rng = random.Random(seed)
    drawn = {
        kind: rng.sample(items, min(sample, len(items))) for kind, items in sorted(samples.items())
    }
    return {
        "pages": len(pages),
        "trafilatura": summarise(before)._asdict(),
        "unspin": summarise(after)._asdict(),
        "marked": {
            kind: {
                "spans": n,
                "in_gold": story_marked[kind],
                "precision_vs_gold": (n - story_marked[kind]) / n,
            }
            for kind, n in per_kind.most_common()
        },
        "story_chars_marked": story_chars_lost,
        "chrome": chrome,
        "sample": drawn,
        "story_marks": [item for items in samples.values() for item in items if item["story"]],
    }


def scan_report(pages: Sequence[Page], data: Path) -> dict[str, Any]:
    """Scan the pages with `unspin.api.scan` and judge each reported pair against the gold."""
    from unspin.api import scan

    gold = {p.id: p.gold for p in pages}
    with tempfile.TemporaryDirectory(prefix="unspin-extraction-") as tmp:
        corpus = Path(tmp) / "pages.jsonl"
        with corpus.open("w", encoding="utf-8") as out:
            for page in pages:
                html = gzip.decompress((data / "html" / f"{page.id}.html.gz").read_bytes())
                record = {"id": page.id, "url": page.url, "html": html.decode("utf-8", "replace")}
                out.write(json.dumps(record) + "\n")
        run = scan([corpus], Path(tmp) / "out", html=False)
    pairs: list[dict[str, Any]] = []
    on_chrome = 0
    for pair in run.result.pairs:
        text_a, text_b = run.documents[pair.a].text, run.documents[pair.b].text
        passages = []
        story_chars = total_chars = 0
        for p in pair.passages:
            piece_a, piece_b = text_a[p.a_start : p.a_end], text_b[p.b_start : p.b_end]
            in_a, in_b = is_story(piece_a, gold[pair.a]), is_story(piece_b, gold[pair.b])
            size = len(piece_a) + len(piece_b)
            total_chars += size
            story_chars += size if in_a and in_b else 0
            passages.append({"a": piece_a[:200], "b": piece_b[:200], "story": [in_a, in_b]})
        chrome = story_chars < PAIR_STORY_SHARE * total_chars
        on_chrome += chrome
        pairs.append(
            {
                "a": pair.a,
                "b": pair.b,
                "relation": pair.relation,
                "score": round(pair.score, 3),
                "story_share": round(story_chars / total_chars, 3) if total_chars else 0.0,
                "on_chrome": chrome,
                "passages": passages,
            }
        )
    return {"pairs": len(pairs), "pairs_on_chrome": on_chrome, "details": pairs}


def run(
    data: Path, *, cache: Path | None, sample: int, seed: int, do_scan: bool, out: Path | None
) -> dict[str, Any]:
    started = time.perf_counter()
    pages = load_pages(data, cache)
    mark_pages(pages)
    report = extraction_report(pages, sample, seed)
    print(f"{report['pages']} pages")
    print(f"  trafilatura (ingest, before marking)  {_fmt(Summary(**report['trafilatura']))}")
    print(f"  unspin (minus marked boilerplate)     {_fmt(Summary(**report['unspin']))}")
    print("marked lines per kind (share not in the gold body):")
    for kind, row in report["marked"].items():
        print(f"  {kind:15} {row['spans']:5}  {row['precision_vs_gold']:.3f}")
    print(f"story characters marked: {report['story_chars_marked']}")
    c = report["chrome"]
    print(
        f"chrome lines (not in the gold body): {c['lines']}, marked {c['lines_marked']} "
        f"({c['lines_marked'] / max(1, c['lines']):.3f}); characters "
        f"{c['chars_marked'] / max(1, c['chars']):.3f}"
    )
    if do_scan:
        report["scan"] = scan_report(pages, data)
        s = report["scan"]
        print(f"scan: {s['pairs']} pairs, {s['pairs_on_chrome']} resting on chrome")
        for pair in s["details"]:
            if pair["on_chrome"]:
                first = pair["passages"][0]["a"][:70] if pair["passages"] else ""
                print(f"  on chrome: {pair['a'][:8]} {pair['b'][:8]} {first!r}")
    print(f"{time.perf_counter() - started:.0f} s")
    if out is not None:
        out.write_text(json.dumps(report, indent=1, ensure_ascii=False), "utf-8")
    return report
