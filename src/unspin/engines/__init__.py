"""Engines run the same stage functions (`unspin.pipeline`) in different places."""

from __future__ import annotations

from unspin.engines.base import Engine, EngineResult
from unspin.engines.local import LocalEngine
from unspin.errors import UsageError

ENGINES = ("local", "spark")


def get_engine(name: str, workers: int | None = None) -> Engine:
    if name == "local":
        return LocalEngine(workers=workers)
    if name == "spark":
        raise UsageError("the spark engine is not built yet; run with --engine local (the default)")
    raise UsageError(f"unknown engine '{name}': choose one of {', '.join(ENGINES)}")


__all__ = ["ENGINES", "Engine", "EngineResult", "LocalEngine", "get_engine"]
