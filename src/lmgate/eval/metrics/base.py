"""The contract every metric module implements (see the modules listed in __init__.MODULES).

A metric module defines `NAME`, `CONF`/`DEFAULT` (options, validated by lmgate.spec), `KIND`
("pass_fail": scores 0/1, compared with McNemar; "score": a mean in [0, 1] or any real;
"corpus": needs all items, compared by paired bootstrap), `HIGHER_IS_BETTER`, and
`score(output, item, options, context) -> MetricResult`. Corpus metrics also define
`aggregate(outputs, items, options) -> float`, and, when the corpus figure is a function of summed
per-item counts (BLEU, chrF), `item_stats(output, item, options) -> list[number]` and
`from_stats(totals, options) -> float`, which make their bootstrap fast (lmgate.eval.corpus).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class MetricResult:
    score: float
    passed: bool | None = None   # for pass/fail metrics
    reason: str | None = None


@dataclass(frozen=True)
class ScoringContext:
    """What a metric may use besides the output and the item."""

    latency_s: float | None = None
    prompt_tokens: int | None = None
    completion_tokens: int | None = None
    model: str | None = None
    judge: Any = None   # a Provider, for llm_rubric
    root: Any = None    # the repository root (pathlib.Path), for the python metric
    item_vars: Mapping[str, Any] | None = None
    scored: Mapping[str, MetricResult] | None = None   # results of the metrics scored before, this item
