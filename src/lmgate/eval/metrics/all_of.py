"""all_of: the item passes when the metrics it names all passed, or their weighted mean reaches a threshold.

This is a test's verdict in promptfoo, where a test is a list of assertions: without `threshold`
every one must pass; with it, the mean of their scores weighted by `weights` must reach it. A
weight of 0 makes a metric count as passed and not count in the mean. Each listed metric must be
scored before this one (list it later in `metrics:`); a listed metric that did not score the item
is left out. A metric's score counts when it is in [0, 1], else its verdict (1 or 0) does.
Options (usually per item, through `per_item`): `metrics` (default: every metric scored before),
`weights` ({metric: weight}, default 1), `threshold`.

PASS: contains passed and regex passed      FAIL: contains passed, regex failed (no threshold)
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from lmgate.eval.metrics.base import MetricResult, ScoringContext
from lmgate.spec import Opt

NAME = "all_of"
KIND = "pass_fail"
HIGHER_IS_BETTER = True
CONF = {"metrics": Opt("list", None, "the metrics that decide (default: all scored before this one)",
                       items=Opt("str")),
        "weights": Opt("map", None, "weight per metric (default 1; 0 counts as passed)",
                       values=Opt("number", minimum=0)),
        "threshold": Opt("number", None, "pass when the weighted mean score reaches this, instead of all passing")}


def score(output: str, item: Mapping[str, Any], options: Mapping[str, Any], ctx: ScoringContext) -> MetricResult:
    scored = dict(ctx.scored or {})
    names = options.get("metrics")
    names = [n for n in names if n in scored] if names is not None else list(scored)
    weights = options.get("weights") or {}
    total = weight_sum = 0.0
    failed = []
    for name in names:
        result, weight = scored[name], float(weights.get(name, 1))
        value = result.score if 0.0 <= result.score <= 1.0 else (1.0 if result.passed else 0.0)
        total += value * weight
        weight_sum += weight
        if result.passed is False and weight != 0:
            failed.append(name)
    mean = total / weight_sum if weight_sum > 0 else (1.0 if not names else 0.0)
    if options.get("threshold") is not None:
        ok = mean >= options["threshold"]
        return MetricResult(mean, ok, None if ok else f"weighted score {mean:.2f} < {options['threshold']}")
    return MetricResult(mean, not failed, f"failed: {', '.join(failed)}" if failed else None)
