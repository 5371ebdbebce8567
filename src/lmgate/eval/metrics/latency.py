"""latency: passed when the model call took at most `max` seconds (from the recorded latency).

Options: `max` (seconds, required). A cached answer keeps the latency of the call that produced
it. An item without a recorded latency fails, with that reason.

PASS: latency 0.8 s with max 2      FAIL: latency 3.1 s with max 2
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from lmgate.eval.metrics.base import MetricResult, ScoringContext
from lmgate.spec import REQUIRED, Opt

NAME = "latency"
KIND = "pass_fail"
HIGHER_IS_BETTER = True
CONF = {"max": Opt("number", REQUIRED, "the slowest acceptable call, in seconds", minimum=0)}


def score(output: str, item: Mapping[str, Any], options: Mapping[str, Any], ctx: ScoringContext) -> MetricResult:
    if ctx.latency_s is None:
        return MetricResult.pass_fail(False, "no latency was recorded for this call")
    return MetricResult.pass_fail(ctx.latency_s <= options["max"],
                                  f"took {ctx.latency_s:.3f} s, over the {options['max']} s limit")
