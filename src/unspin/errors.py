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


class UnwritableOutputError(UsageError):
    """An output file or folder cannot be written; raised before any work is done."""


class MostlyRejectedError(UnspinError):
    """More than half of the records read were rejected. Raised after every output is
    written: the results are still there to read, but the run should not pass unnoticed."""

    exit_code = 3

    def __init__(self, read: int, rejected: int, rejects_file: str) -> None:
        self.read = read
        self.rejected = rejected
        super().__init__(
            f"{rejected} of the {read} records read were rejected (more than half); the "
            f"results are written but cover only part of the corpus. Fix: see {rejects_file} "
            "for the reason of each one."
        )


class IndexMismatchError(UnspinError):
    """An index file was built by another configuration (or is not an unspin index)."""

    exit_code = 2
