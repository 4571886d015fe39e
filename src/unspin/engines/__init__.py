"""Engines run the same stage functions (`unspin.pipeline`) in different places."""

from __future__ import annotations

from pathlib import Path

from unspin.engines.base import Engine, EngineResult
from unspin.engines.local import LocalEngine
from unspin.errors import UsageError

# Engines that run `Engine.run` over documents in memory; the Spark engine reads and writes
# its own (`unspin.engines.spark.scan`), so `unspin.api.scan` hands it the whole run.
ENGINES = ("local",)


def get_engine(
    name: str,
    workers: int | None = None,
    *,
    semantic: bool = False,
    all_pairs: bool = False,
    checkpoint: Path | None = None,
) -> Engine:
    """The engine called ``name``; ``semantic`` adds sentence-embedding candidates and links,
    ``all_pairs`` aligns every candidate (no pre-alignment filter, no best-source limit),
    ``checkpoint`` is a folder where alignment records its progress to resume from."""
    if name == "local":
        return LocalEngine(
            workers=workers, semantic=semantic, all_pairs=all_pairs, checkpoint=checkpoint
        )
    raise UsageError(f"unknown engine '{name}': choose one of {', '.join(ENGINES)}")


__all__ = ["ENGINES", "Engine", "EngineResult", "LocalEngine", "get_engine"]
