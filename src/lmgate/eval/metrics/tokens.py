"""tokens: the number of tokens a call used (prompt + completion by default); lower is better.

Options: `count` (total, prompt or completion), `max` (passed when at most this; without it the
item has no pass/fail). The score is a count, not in [0, 1], so `not_tokens` is refused.

Score: 120 prompt + 30 completion tokens -> 150; with max 100 it fails.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from lmgate.eval.metrics.base import MetricResult, ScoringContext
from lmgate.spec import Opt

NAME = "tokens"
KIND = "score"
HIGHER_IS_BETTER = False
BOUNDED = False
CONF = {"count": Opt("str", "total", "which tokens to count", choices=("total", "prompt", "completion")),
        "max": Opt("int", None, "passed when the count is at most this", minimum=0)}


def count(ctx: ScoringContext, which: str) -> int | None:
    parts = {"prompt": (ctx.prompt_tokens,), "completion": (ctx.completion_tokens,),
             "total": (ctx.prompt_tokens, ctx.completion_tokens)}[which]
    return None if any(p is None for p in parts) else sum(parts)


def score(output: str, item: Mapping[str, Any], options: Mapping[str, Any], ctx: ScoringContext) -> MetricResult:
    used = count(ctx, options["count"])
    if used is None:
        return MetricResult(0.0, False if options["max"] is not None else None,
                            "the provider reported no token counts")
    limit = options["max"]
    passed = None if limit is None else used <= limit
    return MetricResult(float(used), passed, f"{used} tokens, over the limit of {limit}" if passed is False else None)
