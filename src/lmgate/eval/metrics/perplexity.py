"""perplexity: how surprised the model was by its own answer, exp(−mean token log-probability); lower is better.

Needs the answer's token log-probabilities: set `params: {logprobs: true}` on an OpenAI-compatible
provider (an answer without them fails, with that reason). Options: `max` (passed at or below this;
without it every answer with log-probabilities passes, as promptfoo's `perplexity` does).

Score: tokens with log-probabilities −0.1, −0.2, −0.3 -> exp(0.2) ≈ 1.221
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from lmgate.eval.metrics.base import MetricResult, ScoringContext
from lmgate.spec import Opt

NAME = "perplexity"
KIND = "score"
HIGHER_IS_BETTER = False
BOUNDED = False
CONF = {"max": Opt("number", None, "passed when the perplexity is at most this", minimum=0)}


def score(output: str, item: Mapping[str, Any], options: Mapping[str, Any], ctx: ScoringContext) -> MetricResult:
    if not ctx.logprobs:
        return MetricResult(0.0, False, "the provider returned no token log-probabilities (set params.logprobs: "
                                        "true on it)")
    value = math.exp(-sum(t.logprob for t in ctx.logprobs) / len(ctx.logprobs))
    passed = True if options["max"] is None else value <= options["max"]
    return MetricResult(value, passed, None if passed else f"perplexity {value:.3f} above {options['max']}")
