"""Typed exceptions. The CLI turns each into one line of advice and a non-zero exit code."""

from __future__ import annotations


class UnspinError(Exception):
    """Base class: a problem the user can fix. ``str(err)`` says what and how."""

    exit_code = 1


class InputNotFoundError(UnspinError):
    exit_code = 2


class UnknownFormatError(UnspinError):
    exit_code = 2


class UnreadableInputError(UnspinError):
    exit_code = 2


class EmptyCorpusError(UnspinError):
    exit_code = 3


class UsageError(UnspinError):
    exit_code = 2


class MissingExtraError(UnspinError):
    """An optional dependency is not installed; the message carries the pip line."""

    exit_code = 4

    def __init__(self, feature: str, extra: str, module: str) -> None:
        self.feature = feature
        self.extra = extra
        self.module = module
        super().__init__(
            f"{feature} needs the '{extra}' extra (module '{module}' is not installed). "
            f'Fix: pip install "unspin[{extra}]"'
        )
