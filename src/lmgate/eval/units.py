"""The work of a run: one `Unit` per item × sample, rendered up front; and the stream they end in.

Rendering every prompt before the first call lets the spend guard count exactly the calls the
cache cannot answer. Finished units are appended to `eval-items.jsonl` one line each, flushed at
once (no fsync: the OS keeps written data when the process is killed).
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, TextIO

from lmgate.errors import LmgateError
from lmgate.eval.cache import cache_key
from lmgate.eval.datasets import Item
from lmgate.secrets import REDACTOR, protect


@dataclass(frozen=True)
class Unit:
    """One model call to make: an item, a sample index, and its rendered chat (or why it has none)."""

    item: Item
    sample: int
    variables: Mapping[str, Any]
    messages: list | None
    key: str | None
    render_error: str | None = None


def plan_units(items: Iterable[Item], render: Callable, *, repeats: int, suite_vars: Mapping[str, Any],
               identity: Mapping[str, Any] | None) -> list[Unit]:
    """Render every item once up front: the spend estimate needs the cache keys before any call."""
    units = []
    for item in items:
        variables = {**suite_vars, **item.inputs}
        try:
            messages, error = render(variables), None
        except LmgateError as exc:  # one item's template failure is that item's error
            messages, error = None, f"template error: {exc.message}"
        for sample in range(repeats):
            key = cache_key(identity, messages, sample) if identity is not None and messages else None
            units.append(Unit(item, sample, variables, messages, key, error))
    return units


class ItemSink:
    """Appends one JSON line per finished unit; flushed per line (no fsync: the OS keeps it on a kill)."""

    def __init__(self, stream: TextIO, secrets: frozenset[str] = frozenset()) -> None:
        self.stream, self._lock = stream, threading.Lock()
        protect(secrets)

    def write(self, record: Mapping[str, Any]) -> None:
        line = REDACTOR(json.dumps(record, ensure_ascii=False, default=str))
        with self._lock:
            self.stream.write(line + "\n")
            self.stream.flush()
