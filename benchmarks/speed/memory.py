"""Peak memory of a process and all its descendants together, sampled.

A method's own peak (VmHWM) and its largest finished child's say nothing of a tree that is
alive at once: Spark's driver starts a JVM, which starts Python workers, all resident
together. A thread sums their resident sizes from /proc every SAMPLE_S seconds and keeps
the largest sum (Linux only; elsewhere it reports 0 and the other measure stands).
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

# Often enough to catch a stage's peak (stages last seconds), rarely enough to cost nothing.
SAMPLE_S = 0.5
_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


class TreePeak:
    def __init__(self) -> None:
        self.peak = 0
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def start(self) -> TreePeak:
        self._thread.start()
        return self

    def stop(self) -> float:
        """The largest sum seen, in MiB."""
        self._done.set()
        self._thread.join()
        return self.peak / 2**20

    def _sample(self) -> None:
        while True:
            self.peak = max(self.peak, _tree_rss(os.getpid()))
            if self._done.wait(SAMPLE_S):
                return


def _tree_rss(root: int) -> int:
    proc = Path("/proc")
    if not proc.is_dir():
        return 0
    parents: dict[int, int] = {}
    sizes: dict[int, int] = {}
    for entry in proc.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            resident = int((entry / "statm").read_text().split()[1])
        except (OSError, IndexError, ValueError):
            continue  # gone meanwhile
        parents[int(entry.name)] = int(stat[1])
        sizes[int(entry.name)] = resident * _PAGE
    total, stack = 0, [root]
    children: dict[int, list[int]] = {}
    for pid, parent in parents.items():
        children.setdefault(parent, []).append(pid)
    while stack:
        pid = stack.pop()
        total += sizes.get(pid, 0)
        stack.extend(children.get(pid, ()))
    return total
