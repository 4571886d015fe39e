"""What travels between the Spark stages: documents as rows, evidence as JSON strings."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import fields
from typing import Any

import pandas as pd

from unspin.engines.checkpoint import evidence_from, evidence_record
from unspin.model import Document
from unspin.relate import PairEvidence

# The columns of a document row, in Document's field order (all strings).
DOCUMENT_COLUMNS = tuple(f.name for f in fields(Document))
DOCUMENT_SCHEMA = ", ".join(f"{name} string" for name in DOCUMENT_COLUMNS)


def document_of(row: Mapping[str, Any], prefix: str = "", *, only_dates: bool = False) -> Document:
    """The Document a row holds (its columns named ``prefix`` + field: ``a_text``...).
    Spark and pandas give missing values as None or NaN; both become None. With
    ``only_dates`` the row needs only ``id``, ``text``, ``date`` and ``date_source``."""
    names = ("id", "text", "date", "date_source") if only_dates else DOCUMENT_COLUMNS
    values = {name: row[prefix + name] for name in names}
    kept: dict[str, Any] = {k: v if isinstance(v, str) else None for k, v in values.items()}
    return Document(**kept)


def document_row(doc: Document) -> dict[str, str | None]:
    return {name: getattr(doc, name) for name in DOCUMENT_COLUMNS}


def empty_frame(**dtypes: str) -> pd.DataFrame:
    """A frame with no rows and typed columns: Arrow cannot read a column of unknown type
    (an untyped empty column is float64) as the string or long the schema says."""
    return pd.DataFrame({name: pd.Series([], dtype=dtype) for name, dtype in dtypes.items()})


def evidence_json(item: PairEvidence) -> str:
    """A pair's evidence (result, passages, covered sentences) as one JSON string, exactly
    as the local engine's checkpoint records it, so it reads back equal."""
    # ASCII escapes: a word of a substitution may hold a lone surrogate (JSON input allows
    # them), which UTF-8 cannot carry to the JVM.
    return json.dumps(evidence_record(item), separators=(",", ":"))


def evidence_of(text: str) -> PairEvidence:
    return evidence_from(json.loads(text))
