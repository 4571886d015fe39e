"""What an engine takes and gives back."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from unspin.candidates import CandidateStats
from unspin.model import Document, DocumentReport, Family, PairResult
from unspin.progress import Progress


@dataclass(frozen=True)
class EngineResult:
    documents: tuple[DocumentReport, ...]
    pairs: tuple[PairResult, ...]
    families: tuple[Family, ...]
    candidates: CandidateStats


class Engine(Protocol):
    workers: int  # processes it runs on (recorded in the run manifest)

    def run(self, documents: Sequence[Document], progress: Progress) -> EngineResult: ...
