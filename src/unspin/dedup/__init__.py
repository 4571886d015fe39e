"""Deduplication: the corpus without its copies, each removed document tied to the one kept."""

from unspin.dedup.choose import (
    DEFAULT_RELATIONS,
    KEEP_POLICIES,
    Keep,
    Removal,
    choose_removals,
    parse_relations,
)
from unspin.dedup.run import REJECTS, REMOVED, Deduped, dedup

__all__ = [
    "DEFAULT_RELATIONS",
    "KEEP_POLICIES",
    "REJECTS",
    "REMOVED",
    "Deduped",
    "Keep",
    "Removal",
    "choose_removals",
    "dedup",
    "parse_relations",
]
