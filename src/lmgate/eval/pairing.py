"""eval-items.jsonl records grouped per side and item, the shape every statistic starts from.

Item ids are compared as strings (a dataset's `7` and `"7"` are one item), kept in sorted order
so that sums run in the same order however the records arrived (sharded runs stay bit-identical),
and each item's samples are kept in sample order.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lmgate import paths
from lmgate.errors import Location, ResultsError


@dataclass(frozen=True)
class Side:
    """One side's records grouped by item id (string), each list in sample order."""

    items: Mapping[str, list[Mapping[str, Any]]]

    def value(self, key: str, metric: Any) -> float | None:
        """The item's score averaged over its successful samples (None when none scored)."""
        got = [s for r in self.items[key] if not r.get("error") and (s := score(r, metric)) is not None]
        return sum(got) / len(got) if got else None

    def first_ok(self, key: str) -> Mapping[str, Any]:
        return next((r for r in self.items[key] if not r.get("error")), self.items[key][0])

    def original_id(self, key: str) -> Any:
        return self.items[key][0]["id"]

    def clusters(self, keys: Sequence[str]) -> list | None:
        """Cluster labels for `keys`, or None when no item has one (an unlabelled item is its own cluster)."""
        labels = [self.items[k][0].get("cluster") for k in keys]
        if all(c is None for c in labels):
            return None
        return [("item", k) if c is None else ("cluster", str(c)) for k, c in zip(keys, labels, strict=True)]

    def errors(self) -> int:
        return sum(1 for rs in self.items.values() for r in rs if r.get("error"))


def score(record: Mapping[str, Any], metric: Any) -> float | None:
    passed = (record.get("passed") or {}).get(metric.name)
    if metric.kind == "pass_fail" and passed is not None:
        return 1.0 if passed else 0.0
    value = (record.get("scores") or {}).get(metric.name)
    return None if value is None else float(value)


def group(records: Iterable[Mapping[str, Any]]) -> dict[str, Side]:
    sides: dict[str, dict[str, list]] = {"head": {}, "base": {}}
    for r in records:
        sides.setdefault(r.get("side", "head"), {}).setdefault(str(r["id"]), []).append(r)
    return {name: Side({k: sorted(v, key=lambda r: r.get("sample") or 0) for k, v in sorted(items.items())})
            for name, items in sides.items()}


def read_items(items: Path, *, partial_tail_ok: bool = False) -> list[dict[str, Any]]:
    """eval-items.jsonl -> records; a broken line is an error with its line number.

    `partial_tail_ok`: a last line without its newline that is not JSON is the half-written record
    of a killed run, and everything before it still counts (the hallucination gate reads such runs;
    merge does not accept them).
    """
    records = []
    raw = paths.open_for_read(items)  # never through a link in the repository, never a device or FIFO
    if raw is None:
        raise ResultsError(f"{items.name} does not exist", where=Location(str(items)),
                           fix="run `lmgate eval` first, or point at a folder it wrote")
    with io.TextIOWrapper(raw, encoding="utf-8", errors="replace") as fh:
        for number, line in enumerate(fh, 1):
            if line.strip():
                try:
                    record = json.loads(line)
                except RecursionError:
                    raise ResultsError(f"line of {items.name} is JSON nested too deeply",
                                       where=Location(str(items), number),
                                       fix="re-run the job that wrote it; a result folder must not be edited") from None
                except ValueError as exc:
                    if partial_tail_ok and number > 1 and not line.endswith("\n"):
                        break
                    raise ResultsError(f"broken line in {items.name}: {exc}", where=Location(str(items), number),
                                       fix="re-run the job that wrote it; a result folder must not be edited") from exc
                if not isinstance(record, dict) or not {"suite", "id"} <= set(record) or \
                        record.get("side", "head") not in ("head", "base"):
                    raise ResultsError(f"line of {items.name} is not an item record (suite, id, side head|base)",
                                       where=Location(str(items), number), fix="see docs/contracts.md")
                records.append(record)
    return records
