"""jsonl: a request log, one JSON object per line, read incrementally by byte offset.

Records: `{ts, version, latency_ms, error, hallucination, feedback, eval_score}` (ts in epoch
seconds or ISO 8601). Options: `path` (default logs/requests.jsonl). Only complete lines are read,
so a line being appended is picked up next tick, and at most `MAX_READ` bytes a tick. A log that
shrank, a line that is not a JSON object, or a timestamp older than the last one read holds the
rollout with that reason.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from lmgate.canary.backends.base import Deps
from lmgate.canary.sources.base import MetricDef, SourceProblem, Window
from lmgate.paths import inside_root
from lmgate.spec import Opt

NAME = "jsonl"
LATEST = 253402300799.0  # 9999-12-31T23:59:59Z
CONF = {"path": Opt("str", "logs/requests.jsonl", "the request log, relative to lmgate.yaml")}
# The most one tick reads: a busy log grows by gigabytes between ticks, and reading it all at once
# ran out of memory on every tick (and would stop a human's rollback, which counts the window first).
# The rest is read by the next ticks; the cursor is a byte offset, so nothing is lost or read twice.
MAX_READ = 256 * 1024 * 1024


def parse_ts(value) -> float:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        ts = float(value)
    else:
        ts = datetime.fromisoformat(str(value).replace("Z", "+00:00")).timestamp()
    if not 0 <= ts <= LATEST:  # also NaN; the cursor keeps it, so it must stay a time a state can hold
        raise ValueError(f"timestamp {value!r} is not a time between 1970 and 9999")
    return ts


def count(counts: dict, version: str, metric: MetricDef, value: Any) -> None:
    """Add one record's value of `metric` to its version's counts: [bad, total], or [sum, sum of squares, n]."""
    side = counts.setdefault(version, {})
    if metric.kind == "score":
        x = float(value)
        if not 0.0 <= x <= 1.0:
            raise ValueError(f"score {x} is outside [0, 1]")
        acc = side.setdefault(metric.name, [0.0, 0.0, 0])
        acc[0], acc[1], acc[2] = acc[0] + x, acc[1] + x * x, acc[2] + 1
    else:
        acc = side.setdefault(metric.name, [0, 0])
        acc[0], acc[1] = acc[0] + int(metric.is_bad(value)), acc[1] + 1


class JsonlSource:
    NAME = NAME

    def __init__(self, conf: Mapping, deps: Deps) -> None:
        self.rel = conf["path"]
        self.path = inside_root(deps.root, self.rel)

    def read(self, cursor: Mapping | None, metrics: Sequence[MetricDef], now: float) -> Window:
        offset, last_ts = int((cursor or {}).get("offset", 0)), (cursor or {}).get("ts")
        if not self.path.is_file():
            raise SourceProblem(f"request log {self.rel} does not exist")
        size = self.path.stat().st_size
        if size < offset:
            raise SourceProblem(f"request log {self.rel} shrank from {offset} to {size} bytes (rotated or "
                                "truncated); point the source at the new log and restart the rollout")
        with open(self.path, "rb") as fh:
            fh.seek(offset)
            chunk = fh.read(min(size - offset, MAX_READ))
        complete = chunk[: chunk.rfind(b"\n") + 1]
        if not complete and len(chunk) >= MAX_READ:
            raise SourceProblem(f"{self.rel} at byte {offset}: a line longer than {MAX_READ:,} bytes is no "
                                "request record")
        counts: dict = {}
        pos = offset
        for line in complete.splitlines():
            where, pos = f"{self.rel} at byte {pos}", pos + len(line) + 1
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
                ts, version = parse_ts(rec["ts"]), str(rec["version"])
                if last_ts is not None and ts < last_ts:
                    raise SourceProblem(f"{where}: time goes backwards ({ts:.0f} < {last_ts:.0f})")
                last_ts = ts
                counts.setdefault(version, {}).setdefault("_requests", [0])[0] += 1
                for m in metrics:
                    if rec.get(m.key) is not None:
                        count(counts, version, m, rec[m.key])
            except SourceProblem:
                raise
            except (ValueError, KeyError, TypeError, AttributeError) as exc:
                raise SourceProblem(f"{where}: not a request record ({type(exc).__name__}: {exc})") from None
        return Window(counts, {"offset": offset + len(complete), "ts": last_ts}, end=last_ts)


def build(conf: Mapping, deps: Deps) -> JsonlSource:
    return JsonlSource(conf, deps)
