"""The contract every detector module implements (see the modules listed in __init__.MODULES).

A detector module defines `NAME`, `NEEDS` (what an item must carry: "context", "samples",
"logprobs"), `CONF` (options, validated by lmgate.spec), `THRESHOLD` (the default cut) and
`score(item, options, deps) -> Verdict`. A detector that cannot judge an item returns
`Verdict.unjudged(reason)` instead of guessing; it never raises for one bad item.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

MAX_RESPONSE_CHARS = 100_000  # a longer answer is cut: bounded time, and the cut is recorded


@dataclass(frozen=True)
class Item:
    response: str
    context: str | None = None
    question: str | None = None
    samples: tuple[str, ...] = ()
    logprobs: tuple[tuple[str, float], ...] | None = None


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str
    reason: str

    def to_json(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text, "reason": self.reason}


@dataclass(frozen=True)
class Verdict:
    score: float | None  # None: the detector could not judge this item
    flagged: bool
    spans: tuple[Span, ...] = ()
    reason: str | None = None

    @classmethod
    def unjudged(cls, reason: str) -> Verdict:
        return cls(None, False, (), reason)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"score": None if self.score is None else round(self.score, 4),
                               "flagged": self.flagged, "spans": [s.to_json() for s in self.spans]}
        if self.reason:
            out["reason"] = self.reason
        return out


@dataclass(frozen=True)
class Deps:
    """What detectors may use besides the item: a judge provider, an NLI client, a clock."""

    provider: Any = None
    nli: Any = None
    extra: Mapping[str, Any] = field(default_factory=dict)


def clamp(x: float) -> float:
    return 0.0 if x != x else min(1.0, max(0.0, x))
