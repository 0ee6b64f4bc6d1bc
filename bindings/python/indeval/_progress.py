"""A progress bar for long command-line runs, on stderr.

Shown only when the stream is a terminal, the run was not asked to be quiet, and the work has
already taken longer than `delay` seconds (2 by default; INDEVAL_PROGRESS_DELAY overrides it), so
short runs and redirected output never see it. The bar is redrawn in place at most ten times a
second and erased when the work is done, leaving the terminal as it was.
"""

from __future__ import annotations

import os
import sys
import time
from typing import Callable, Iterable, Iterator, Optional, TextIO

DEFAULT_DELAY = 2.0
_REDRAW = 0.1  # seconds between redraws
_WIDTH = 30  # characters of bar


def default_delay() -> float:
    text = os.environ.get("INDEVAL_PROGRESS_DELAY", "")
    try:
        delay = float(text)
    except ValueError:
        return DEFAULT_DELAY
    return delay if delay >= 0 else DEFAULT_DELAY


class Progress:
    """Counts done out of total; draws a bar once the work is slow enough to deserve one.

        with Progress(len(items), "rating", quiet=args.quiet) as progress:
            for item in progress.iterate(items):
                ...
    """

    def __init__(self, total: int, label: str = "", *, quiet: bool = False,
                 stream: Optional[TextIO] = None, delay: Optional[float] = None,
                 clock: Callable[[], float] = time.monotonic):
        self.total = max(int(total), 0)
        self.label = label
        self.done = 0
        self.stream = sys.stderr if stream is None else stream
        self.delay = default_delay() if delay is None else delay
        self.clock = clock
        self.enabled = not quiet and _is_terminal(self.stream)
        self._start = clock()
        self._drawn_at: Optional[float] = None
        self._width = 0

    def __enter__(self) -> "Progress":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def iterate(self, items: Iterable) -> Iterator:
        """Yields each item, counting it done once the caller has finished with it."""
        for item in items:
            yield item
            self.advance()

    def advance(self, count: int = 1) -> None:
        self.done = min(self.done + count, self.total) if self.total else self.done + count
        if not self.enabled:
            return
        now = self.clock()
        if now - self._start < self.delay:
            return
        if self._drawn_at is not None and now - self._drawn_at < _REDRAW and \
                self.done < self.total:
            return
        self._draw(now)

    def line(self) -> str:
        """The bar as drawn: "rating [#########.....]  61% 610/1000"."""
        label = f"{self.label} " if self.label else ""
        if not self.total:
            return f"{label}{self.done}"
        filled = _WIDTH * self.done // self.total
        percent = 100 * self.done // self.total
        return (f"{label}[{'#' * filled}{'.' * (_WIDTH - filled)}] {percent:3d}% "
                f"{self.done}/{self.total}")

    def _draw(self, now: float) -> None:
        text = self.line()
        pad = max(self._width - len(text), 0)
        self._write("\r" + text + " " * pad)
        self._width = len(text)
        self._drawn_at = now

    def close(self) -> None:
        """Erases the bar if it was drawn."""
        if self._drawn_at is not None:
            self._write("\r" + " " * self._width + "\r")
            self._drawn_at = None

    def _write(self, text: str) -> None:
        try:
            self.stream.write(text)
            self.stream.flush()
        except (OSError, ValueError):  # a closed or vanished terminal: no bar, no failure
            self.enabled = False


def _is_terminal(stream) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError, OSError):
        return False
