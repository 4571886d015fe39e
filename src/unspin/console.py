"""What every command shares: progress bars, a results console that survives a closed pipe,
and library errors turned into one line and an exit code."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from unspin.errors import UnspinError

F = TypeVar("F", bound=Callable[..., Any])

INTERRUPTED = 130  # the shell's code for a command ended by Ctrl-C (128 + SIGINT)


class RichProgress:
    """Progress bars on stderr, one per stage; silent when stderr is not a terminal."""

    def __init__(self, console: Console) -> None:
        self.bars = Progress(
            TextColumn("{task.description:<10}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=console,
            transient=False,
            disable=not console.is_terminal,
        )
        self.task: Any = None

    def __enter__(self) -> RichProgress:
        self.bars.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.bars.stop()

    def start(self, stage: str, total: int | None) -> None:
        if self.task is not None:
            self.bars.update(
                self.task,
                completed=self.bars.tasks[-1].total or 1,
                total=self.bars.tasks[-1].total or 1,
            )
        self.task = self.bars.add_task(stage, total=total)

    def advance(self, n: int = 1) -> None:
        self.bars.advance(self.task, n)


def silence_stdout() -> None:
    """Whoever read stdout has gone: send the rest to /dev/null, so that neither later
    prints nor the flush at exit raise BrokenPipeError."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


class Stdout(Console):
    """The results console: a closed pipe silences it instead of ending the command."""

    def on_broken_pipe(self) -> None:
        self.quiet = True
        silence_stdout()


@contextlib.contextmanager
def stdout_may_close() -> Iterator[None]:
    """Print results; a reader closing the pipe early is not an error (files are written)."""
    try:
        yield
        sys.stdout.flush()
    except BrokenPipeError:
        silence_stdout()


def interrupted() -> None:
    click.echo("unspin: interrupted", err=True)
    sys.exit(INTERRUPTED)


def one_line_errors(func: F) -> F:
    """Turn library errors into one line on stderr and the error's exit code."""

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except UnspinError as err:
            click.echo(f"unspin: error: {err}", err=True)
            sys.exit(err.exit_code)
        except KeyboardInterrupt:
            interrupted()
        except BrokenPipeError:
            silence_stdout()

    wrapper.__name__ = func.__name__
    wrapper.__doc__ = func.__doc__
    return wrapper  # type: ignore[return-value]
