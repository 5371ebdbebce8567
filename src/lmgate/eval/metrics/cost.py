"""cost: the dollar cost of a call, from its token counts and a price table; lower is better.

Prices (USD per 1M input/output tokens) come from `prices.json` beside this module, matched by
the longest listed prefix of the model name; the `prices` option adds or overrides entries
(`{my-model: {input: 0.5, output: 1.5}}`). Options: `model` (default: the provider's model),
`max` (passed when the cost is at most this many dollars). A model without a price is an error
that says how to add one, never a silent zero.

Score: 1,000 prompt + 500 completion tokens of gpt-4o-mini -> 0.00045
"""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from lmgate.errors import InputError
from lmgate.eval.metrics.base import MetricResult, ScoringContext
from lmgate.spec import Opt

NAME = "cost"
KIND = "score"
HIGHER_IS_BETTER = False
BOUNDED = False
_PRICE = Opt("section", fields={"input": Opt("number", 0, "USD per 1M prompt tokens", minimum=0),
                                "output": Opt("number", 0, "USD per 1M completion tokens", minimum=0)})
CONF = {"model": Opt("str", None, "the model to price (default: the provider's model)"),
        "prices": Opt("map", None, "extra or overriding prices: {model: {input: …, output: …}}", values=_PRICE),
        "max": Opt("number", None, "passed when the cost in USD is at most this", minimum=0)}


@functools.cache
def table() -> Mapping[str, Mapping[str, float]]:
    return json.loads((Path(__file__).with_name("prices.json")).read_text(encoding="utf-8"))["models"]


def price(model: str, extra: Mapping[str, Any] | None) -> Mapping[str, float]:
    prices = {**table(), **(extra or {})}
    matches = [name for name in prices if model == name or model.startswith(name)]
    if not matches:
        raise InputError(f"cost metric: no price for model {model!r}",
                         fix=f"add it to the metric's options: {{cost: {{prices: {{{model}: "
                             "{input: <USD per 1M>, output: <USD per 1M>}}}}}}")
    return prices[max(matches, key=len)]


def score(output: str, item: Mapping[str, Any], options: Mapping[str, Any], ctx: ScoringContext) -> MetricResult:
    model = options["model"] or ctx.model
    if not model:
        raise InputError("cost metric: the provider names no model", fix="set the metric's `model` option")
    if ctx.prompt_tokens is None or ctx.completion_tokens is None:
        return MetricResult(0.0, False if options["max"] is not None else None,
                            "the provider reported no token counts")
    rate = price(model, options["prices"])
    usd = (ctx.prompt_tokens * rate["input"] + ctx.completion_tokens * rate["output"]) / 1_000_000
    passed = None if options["max"] is None else usd <= options["max"]
    return MetricResult(usd, passed, f"${usd:.6f}, over ${options['max']}" if passed is False else None)
