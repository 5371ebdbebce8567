"""Progress of a run: a redrawn bar on a terminal, a plain line every ~10 % in CI logs."""

from __future__ import annotations

import threading
import time
from typing import TextIO


class Progress:
    def __init__(self, total: int, label: str, stream: TextIO, *, tty: bool, clock=time.monotonic) -> None:
        self.total, self.label, self.stream, self.tty, self.clock = max(total, 0), label, stream, tty, clock
        self.done = self.errors = 0
        self._start = clock()
        self._next_step = 1  # next tenth to report in CI mode
        self._last_draw = 0.0
        self._lock = threading.Lock()

    def tick(self, error: bool = False) -> None:
        with self._lock:
            self.done += 1
            self.errors += bool(error)
            if self.tty:
                now = self.clock()
                if now - self._last_draw >= 0.1 or self.done == self.total:
                    self._last_draw = now
                    self._draw()
            elif self.total and self.done * 10 >= self._next_step * self.total:
                while self.done * 10 >= self._next_step * self.total:
                    self._next_step += 1
                self.stream.write(f"{self.label}: {self.done}/{self.total} ({100 * self.done // self.total}%)"
                                  f"{f', {self.errors} errors' if self.errors else ''}, {self._elapsed()}\n")
                self.stream.flush()

    def _draw(self) -> None:
        width = 30
        filled = width * self.done // self.total if self.total else width
        bar = "#" * filled + "-" * (width - filled)
        end = "\n" if self.done >= self.total else ""
        self.stream.write(f"\r{self.label} [{bar}] {self.done}/{self.total} {self._elapsed()}{end}")
        self.stream.flush()

    def _elapsed(self) -> str:
        return f"{self.clock() - self._start:.1f}s"
