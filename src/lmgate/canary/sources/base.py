"""The metric-source contract: counts per version per window, never ready-made ratios."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


class SourceProblem(Exception):  # becomes a `hold` with this reason, never a crash or a promotion
    """The source is down, answered garbage, or went backwards in time."""


@dataclass(frozen=True)
class MetricDef:
    name: str
    kind: str = "rate"                 # rate | latency | score
    field: str | None = None
    bad_value: Any = None
    slow_ms: float = 2000.0
    margin: float | None = None
    critical: bool = True
    must_have_data: bool = False
    bad: str | None = None             # prometheus selectors
    total: str | None = None

    @property
    def key(self) -> str:
        return self.field or ("latency_ms" if self.kind == "latency" else self.name)

    @property
    def ni_margin(self) -> float:
        return self.margin if self.margin is not None else (0.05 if self.kind == "score" else 1.25)

    def is_bad(self, value: Any) -> bool:
        """ValueError for a latency that is no duration: NaN or a negative number would compare as "not
        slow" and count as a fast request, evidence for the canary that the log never gave."""
        if self.kind == "latency":
            try:
                ms = math.nan if isinstance(value, bool) else float(value)
            except (TypeError, ValueError):
                ms = math.nan
            if not 0 <= ms < math.inf:
                raise ValueError(f"latency {value!r} is not a duration in milliseconds")
            return ms > self.slow_ms
        return value == self.bad_value if self.bad_value is not None else bool(value)


@dataclass(frozen=True)
class Window:
    """counts[version][metric] = [bad, total] (rate, latency) or [sum, sum of squares, n] (score);
    counts[version]["_requests"] = [n]. `cursor` is where the next read starts."""

    counts: Mapping[str, Mapping[str, list[float]]]
    cursor: Any
    end: float | None = None
    notes: tuple[str, ...] = field(default_factory=tuple)

