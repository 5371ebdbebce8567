"""The spend guard: estimate calls, tokens and cost before the first call, and refuse beyond limits.

Calls are the units the cache cannot answer; prompt tokens are estimated from the rendered text
(~4 characters a token, OpenAI's rule of thumb), completion tokens from `params.max_tokens`
(256 when unset) — an upper bound, which is what a guard should use.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from lmgate.errors import InputError, Location

CHARS_PER_TOKEN = 4
DEFAULT_MAX_TOKENS = 256


@dataclass
class Estimate:
    provider: str
    calls: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cost_usd: float = 0.0

    def to_json(self) -> dict[str, Any]:
        return {**self.__dict__, "cost_usd": round(self.cost_usd, 6)}


def estimate(jobs: Sequence[Any], specs: Mapping[str, Mapping], cache: Any) -> dict[str, Estimate]:
    out: dict[str, Estimate] = {}
    for job in jobs:
        spec = specs[job.provider.name]
        est = out.setdefault(job.provider.name, Estimate(job.provider.name))
        units = [u for u in job.units if u.messages is not None]
        if cache is not None and getattr(job.provider, "cacheable", True):
            answered = cache.answered([u.key for u in units if u.key])
            units = [u for u in units if u.key not in answered]
        max_tokens = int((spec.get("params") or {}).get("max_tokens") or DEFAULT_MAX_TOKENS)
        prompt = sum(sum(len(m["content"]) for m in u.messages) // CHARS_PER_TOKEN + 4 for u in units)
        est.calls += len(units)
        est.prompt_tokens += prompt
        est.completion_tokens += max_tokens * len(units)
        price = spec.get("price") or {}
        est.cost_usd += (prompt * (price.get("prompt") or 0)
                         + max_tokens * len(units) * (price.get("completion") or 0)) / 1e6
    return out


def check(estimates: Mapping[str, Estimate], specs: Mapping[str, Mapping], *, max_calls: int | None,
          max_cost_usd: float | None, where: Any) -> None:
    total_calls = sum(e.calls for e in estimates.values())
    total_cost = sum(e.cost_usd for e in estimates.values())
    if max_calls is not None and total_calls > max_calls:
        raise InputError(f"this run needs {total_calls} model calls, above --max-calls {max_calls}",
                         fix="raise the limit, evaluate fewer suites (--suite) or items (`limit:`)")
    if max_cost_usd is not None and total_cost > max_cost_usd:
        raise InputError(f"this run is estimated at ${total_cost:.2f}, above --max-cost-usd {max_cost_usd}",
                         fix="raise the limit or evaluate fewer items")
    for name, est in estimates.items():
        spec, loc = specs[name], where(name) if callable(where) else where
        if spec.get("max_calls") is not None and est.calls > spec["max_calls"]:
            raise InputError(f"provider {name!r} would make {est.calls} calls, above its max_calls "
                             f"{spec['max_calls']}", where=loc,
                             fix="raise max_calls, or evaluate fewer items (`limit:` on the dataset)")
        if spec.get("max_cost_usd") is not None and est.cost_usd > spec["max_cost_usd"]:
            raise InputError(f"provider {name!r} is estimated at ${est.cost_usd:.2f} ({est.prompt_tokens} prompt + "
                             f"{est.completion_tokens} completion tokens), above its max_cost_usd "
                             f"{spec['max_cost_usd']}", where=loc, fix="raise max_cost_usd or evaluate fewer items")


def where_of(config: Any) -> Any:
    return lambda name: config.where("providers", name) if config is not None else Location("lmgate.yaml")
