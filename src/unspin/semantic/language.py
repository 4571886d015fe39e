"""Language of a document, offline, from py3langid (a naive Bayes model shipped in its wheel).

py3langid (a maintained fork of langid.py, Lui & Baldwin 2012) is numpy-only, 4.5 MB
installed, covers 97 languages and takes ~2 ms per article here. lingua's advantage, per its
documentation, is on very short and mixed texts; a document is paragraphs. Checked on BBC
business (510 articles: 510 found "en", confidence >= 0.9999) and on the hand-written
paragraphs of tests/semantic/data (each of en, de, fr found, per paragraph and per sentence).
"""

from __future__ import annotations

import threading
import unicodedata
from typing import Any

from unspin.semantic._extra import require

# Fewer letters than this and the guess is noise (a headline of three words can look like
# several languages): no language is reported.
MIN_LETTERS = 20
# Normalised probability the best language must reach; below it the text is mixed or too
# short, and no language is reported. Articles in one language score above 0.9999 (BBC
# business, the test paragraphs); a headline of names ("Merkel trifft Macron in Paris")
# scores 0.10 and one sentence each in de, en and fr 0.58.
MIN_CONFIDENCE = 0.9
# Characters looked at: the start of an article says its language as well as the whole.
MAX_CHARS = 5000

_identifier: list[Any] = []
_lock = threading.Lock()


def _get_identifier() -> Any:
    with _lock:
        if not _identifier:
            require(("py3langid",))
            from py3langid.langid import MODEL_FILE, LanguageIdentifier

            _identifier.append(LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True))
        return _identifier[0]


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of ``text``'s language (``"en"``, ``"de"``…), or None when unsure.

    Raises :class:`unspin.errors.MissingExtraError` when py3langid is not installed.
    """
    sample = text[:MAX_CHARS]
    if sum(1 for ch in sample if unicodedata.category(ch).startswith("L")) < MIN_LETTERS:
        return None
    identifier = _get_identifier()
    lang, confidence = identifier.classify(sample)
    if confidence < MIN_CONFIDENCE:
        return None
    return str(lang)
