"""A scan stopped during alignment keeps what it aligned; the same scan run again starts
from there and writes exactly what an uninterrupted scan writes."""

from __future__ import annotations

from pathlib import Path

import pytest
from benchmarks.spun_news.generate import generate

from unspin.api import scan
from unspin.engines.checkpoint import CHECKPOINT
from unspin.pipeline import NoProgress

SIZE = 80
STOP_AFTER = 25  # aligned pairs before the stop


class StopDuringAlignment(NoProgress):
    """Stands for Ctrl-C (or a kill) arriving while pairs are being aligned."""

    def __init__(self) -> None:
        self.stage = ""
        self.aligned = 0

    def start(self, stage: str, total: int | None) -> None:
        self.stage = stage

    def advance(self, n: int = 1) -> None:
        if self.stage == "align":
            self.aligned += n
            if self.aligned > STOP_AFTER:
                raise KeyboardInterrupt


@pytest.mark.parametrize("workers", [1, 2])
def test_a_stopped_scan_resumes_where_it_stopped(
    bbc_data: Path, tmp_path: Path, workers: int
) -> None:
    generate(tmp_path / "corpus", SIZE, 5, bbc_data)
    corpus = [tmp_path / "corpus" / "corpus.jsonl"]
    whole = scan(corpus, tmp_path / "whole", workers=workers, html=False)

    with pytest.raises(KeyboardInterrupt):
        scan(
            corpus,
            tmp_path / "resumed",
            workers=workers,
            html=False,
            progress=StopDuringAlignment(),
        )
    recorded = (tmp_path / "resumed" / CHECKPOINT).read_text(encoding="utf-8").splitlines()
    assert len(recorded) - 1 >= STOP_AFTER  # the header, then one line a pair aligned

    again = scan(corpus, tmp_path / "resumed", workers=workers, html=False)
    manifest = (tmp_path / "resumed" / "manifest.json").read_text(encoding="utf-8")
    assert f'"resumed": {len(recorded) - 1}' in manifest
    assert again.result.pairs == whole.result.pairs
    assert again.result.families == whole.result.families
    assert again.result.documents == whole.result.documents
    for name in ("pairs.jsonl", "documents.jsonl", "families.jsonl"):
        assert (tmp_path / "resumed" / name).read_bytes() == (
            tmp_path / "whole" / name
        ).read_bytes()
    assert not (tmp_path / "resumed" / CHECKPOINT).exists()  # finished: nothing to resume


def test_a_checkpoint_of_another_corpus_is_not_used(bbc_data: Path, tmp_path: Path) -> None:
    generate(tmp_path / "a", SIZE, 5, bbc_data)
    generate(tmp_path / "b", SIZE, 6, bbc_data)
    out = tmp_path / "out"
    with pytest.raises(KeyboardInterrupt):
        scan([tmp_path / "a" / "corpus.jsonl"], out, html=False, progress=StopDuringAlignment())
    other = scan([tmp_path / "b" / "corpus.jsonl"], out, html=False)
    fresh = scan([tmp_path / "b" / "corpus.jsonl"], tmp_path / "fresh", html=False)
    assert other.result.pairs == fresh.result.pairs
    manifest = (out / "manifest.json").read_text(encoding="utf-8")
    assert '"resumed": 0' in manifest
