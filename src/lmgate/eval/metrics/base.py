"""What a metric receives and returns: the contract every module listed in __init__.MODULES keeps.

A metric module defines `NAME`, a docstring that is its user documentation (first line
`name: what it computes`, then the details, then `PASS:`/`FAIL:`/`Score:` examples; rendered into
docs/metrics.md), `CONF` (options as `lmgate.spec.Opt`s, validated by one generic validator),
`KIND` ("pass_fail": scores 0/1, compared with McNemar; "score": a mean in [0, 1] or any real;
"corpus": needs all items, compared by paired bootstrap), `HIGHER_IS_BETTER`, and
`score(output, item, options, context) -> MetricResult`. Optional: `BOUNDED = False` for a score
outside [0, 1] (then `not_<name>` is refused), `NEEDS_JUDGE = True` when it calls a judge model,
`kind_of(options)` when an option picks the kind. Corpus metrics also define
`aggregate(outputs, items, options) -> float`, and, when the corpus figure is a function of summed
per-item counts (BLEU, chrF), `item_stats(output, item, options) -> list[number]` and
`from_stats(totals, options) -> float`, which make their bootstrap fast (lmgate.eval.corpus).

Most metrics compare the output with a reference: the item's `expected` field, another `field`,
or a `value` option (a template rendered per item); `FIELD`, `VALUE` and `references` are that
shared idea.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from lmgate.errors import InputError
from lmgate.spec import Opt


@dataclass(frozen=True)
class MetricResult:
    score: float
    passed: bool | None = None   # for pass/fail metrics
    reason: str | None = None

    @classmethod
    def pass_fail(cls, ok: bool, reason_if_failed: str | None = None) -> MetricResult:
        """Score 1 and passed, or score 0, failed, with the reason."""
        return cls(1.0 if ok else 0.0, ok, None if ok else reason_if_failed)


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
    logprobs: Any = None   # the answer's token log-probabilities (TokenLogprob), when the provider returned them


FIELD = Opt("str", "expected", "the item field holding the reference")
_VALUE_HELP = "the reference itself (a template like '{{ answer }}' is rendered per item); default: the item's `field`"
VALUE = Opt("any", None, _VALUE_HELP, one_of=(Opt("str", help=_VALUE_HELP), Opt("number"), Opt("bool"),
                                              Opt("list", items=Opt("any"))))


def reference(item: Mapping[str, Any], options: Mapping[str, Any]) -> Any:
    """The `value` option, else the item's `field` (default "expected"), which must be there."""
    if options.get("value") is not None:
        return options["value"]
    field = options.get("field") or "expected"
    if field not in item or item[field] is None:
        raise InputError(f"the eval item has no field {field!r} to compare with",
                         fix=f"add `{field}` to every dataset item, or give the metric a `value` option")
    return item[field]


def references(item: Mapping[str, Any], options: Mapping[str, Any]) -> list[str]:
    """One or several acceptable answers (a list field means any of them)."""
    ref = reference(item, options)
    if isinstance(ref, (list, tuple)):
        if not ref:
            raise InputError(f"the eval item's field {options.get('field', 'expected')!r} is an empty list",
                             fix="give at least one acceptable answer, or drop the item")
        return [str(r) for r in ref]
    return [str(ref)]
