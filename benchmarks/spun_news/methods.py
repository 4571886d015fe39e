"""The methods compared on the corpus. Each runs in its own process (``predict``), so its
wall time and peak memory are its own, and writes its predictions as one JSON file."""

from __future__ import annotations

import re
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.spun_news.labels import read_jsonl
from datasketch import MinHash, MinHashLSH

NUM_PERM = 128
# (words per shingle, LSH threshold): the usual near-duplicate setting, and text-dedup's
# NEWS-COPY setting (word bigrams at 0.45) for reused news.
BASELINES = {"minhash-5gram": (5, 0.5), "minhash-2gram": (2, 0.45)}
METHODS = (*BASELINES, "unspin-lexical", "unspin-semantic")
_WORD = re.compile(r"\w+")

Predictions = dict[str, Any]


def peak_memory_mib() -> float:
    """Peak resident memory of this process or of its largest finished child (a worker).

    The process's own peak is read from VmHWM, not ``ru_maxrss``: Linux keeps ``ru_maxrss``
    across ``exec``, so a method process would inherit the peak of the parent that started it.
    """
    own_kib = 0
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                own_kib = int(line.split()[1])
    children_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own_kib, children_kib) / 1024


def _shingles(text: str, size: int) -> list[bytes]:
    words = _WORD.findall(text.lower())
    grams = {" ".join(words[i : i + size]) for i in range(max(1, len(words) - size + 1))}
    return [g.encode("utf-8") for g in sorted(grams)]


def run_minhash(corpus: Path, size: int, threshold: float) -> Predictions:
    """Every pair that shares an LSH bucket is a predicted reuse pair, as in dedup tools."""
    records = [(str(r["id"]), str(r["text"])) for r in read_jsonl(corpus)]
    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    sketches = {}
    for doc_id, text in records:
        sketch = MinHash(num_perm=NUM_PERM, seed=1)
        sketch.update_batch(_shingles(text, size))
        sketches[doc_id] = sketch
        lsh.insert(doc_id, sketch)
    pairs: set[tuple[str, ...]] = set()
    for doc_id, sketch in sketches.items():
        pairs.update(
            tuple(sorted((doc_id, other))) for other in lsh.query(sketch) if other != doc_id
        )
    return {"pairs": [[a, b, []] for a, b in sorted(pairs)], "families": None}


def semantic_status() -> tuple[bool, str]:
    """Whether unspin's semantic extra can run here, and if not, how to install it."""
    try:
        import unspin.semantic as semantic
    except ImportError:
        return False, "unspin.semantic is not importable (not built in this checkout yet)"
    available: Callable[[], bool] | None = getattr(semantic, "available", None)
    if available is None:
        try:
            from unspin.semantic._extra import available as extra_available
        except ImportError:
            return False, "unspin.semantic has no available() yet"
        available = extra_available
    if available():
        return True, ""
    try:
        from unspin.semantic._extra import require

        require()
    except Exception as err:  # the extra's own message carries the pip line
        return False, str(err)
    return False, 'pip install -e ".[semantic]"'


def run_unspin(corpus: Path, workers: int, semantic: bool) -> Predictions:
    from unspin.engines import get_engine
    from unspin.ingest import read_corpus
    from unspin.pipeline import NoProgress

    documents, _, _ = read_corpus([corpus])
    result = get_engine("local", workers, semantic=semantic).run(documents, NoProgress())
    return {
        "pairs": [
            [
                p.a,
                p.b,
                [[q.a_start, q.a_end, q.b_start, q.b_end] for q in p.passages],
                p.relation,
                p.direction,
            ]
            for p in result.pairs
        ],
        "families": [list(f.members) for f in result.families],
        "originals": [f.original for f in result.families],
        "boilerplate": {d.id: [[s.start, s.end] for s in d.boilerplate] for d in result.documents},
        "inserted": {d.id: [[s.start, s.end] for s in d.inserted] for d in result.documents},
    }


def predict(method: str, corpus: Path, workers: int) -> Predictions:
    """Run one method in this process and time it."""
    started = time.perf_counter()
    runner: Callable[[], Predictions]
    if method in BASELINES:
        size, threshold = BASELINES[method]
        runner = lambda: run_minhash(corpus, size, threshold)  # noqa: E731
    elif method == "unspin-lexical":
        runner = lambda: run_unspin(corpus, workers, semantic=False)  # noqa: E731
    elif method == "unspin-semantic":
        ok, hint = semantic_status()
        if not ok:
            return {"method": method, "available": False, "note": hint}
        runner = lambda: run_unspin(corpus, workers, semantic=True)  # noqa: E731
    else:
        raise ValueError(f"unknown method {method!r}: choose one of {', '.join(METHODS)}")
    found = runner()
    found.update(
        method=method,
        available=True,
        wall_s=time.perf_counter() - started,
        peak_mib=peak_memory_mib(),
    )
    return found


def predict_in_subprocess(method: str, corpus: Path, out: Path, workers: int) -> None:
    """``python -m benchmarks.spun_news predict ...`` in a fresh interpreter."""
    root = Path(__file__).resolve().parents[2]
    command = [
        sys.executable,
        "-m",
        "benchmarks.spun_news",
        "predict",
        method,
        "--corpus",
        str(corpus),
        "--out",
        str(out),
        "--workers",
        str(workers),
    ]
    subprocess.run(command, cwd=root, check=True)
