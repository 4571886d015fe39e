"""The methods: unspin (lexical, optionally semantic) and the word 5-gram baseline.

Each maps one pair's texts to detections (suspicious span, source span) and is run in
worker processes; the seconds each pair took are measured inside the worker.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor

from benchmarks.pan13 import baseline
from benchmarks.pan13.corpus import Corpus, Pair, Span

Detections = list[tuple[Span, Span]]
METHODS = ("unspin-lexical", "baseline-5gram", "unspin-semantic")
DEFAULT_METHODS = ("unspin-lexical", "baseline-5gram")


def unspin_detect(susp_id: str, susp: str, src_id: str, src: str, semantic: bool) -> Detections:
    """unspin's passages of the pair, each mapped to (suspicious span, source span).

    ``compare_documents`` may report the pair either way round, so the side is taken from
    the pair's ids, not assumed.
    """
    from unspin.api import compare_documents
    from unspin.model import Document

    result = compare_documents(Document(susp_id, susp), Document(src_id, src), semantic=semantic)
    out: Detections = []
    for pair in result.pairs:
        if {pair.a, pair.b} != {susp_id, src_id}:
            continue
        for p in pair.passages:
            a, b = (p.a_start, p.a_end), (p.b_start, p.b_end)
            out.append((a, b) if pair.a == susp_id else (b, a))
    return out


def _run_one(
    method: str, key: str, susp: str, src: str
) -> tuple[str, Detections, tuple[float, float]]:
    """One pair: its detections and (wall, CPU) seconds, CPU being this process's only."""
    start, cpu = time.perf_counter(), time.process_time()
    if method == "baseline-5gram":
        found = baseline.detect(susp, src)
    else:
        susp_id, src_id = key.split("|")
        found = unspin_detect(susp_id, susp, src_id, src, method == "unspin-semantic")
    return key, found, (time.perf_counter() - start, time.process_time() - cpu)


def semantic_available() -> bool:
    try:
        from unspin.semantic import require

        require()
    except Exception:
        return False
    return True


def run_method(
    method: str,
    corpus: Corpus,
    pairs: Sequence[Pair],
    workers: int = 2,
    progress: Callable[[int], None] | None = None,
) -> tuple[dict[str, Detections], dict[str, tuple[float, float]]]:
    """Detections and (wall, CPU) seconds per pair key, ``workers`` processes (1: in this
    process). On a shared machine wall seconds include waiting for a core; CPU seconds don't."""
    found: dict[str, Detections] = {}
    seconds: dict[str, tuple[float, float]] = {}
    jobs = [(method, p.key, corpus.texts[p.susp], corpus.texts[p.src]) for p in pairs]

    def results() -> Iterator[tuple[str, Detections, tuple[float, float]]]:
        if workers <= 1:
            yield from (_run_one(*job) for job in jobs)
            return
        with ProcessPoolExecutor(workers) as pool:
            yield from pool.map(_run_one, *zip(*jobs, strict=True), chunksize=4)

    for key, dets, secs in results():
        found[key], seconds[key] = dets, secs
        if progress is not None:
            progress(1)
    return found, seconds
