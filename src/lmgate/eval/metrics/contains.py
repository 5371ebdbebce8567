"""contains: the output contains the value (case-sensitive); with a list, every value.

Options: `value` (a string or a list; a template like "{{ answer }}" is rendered per item;
default: the item's `field`, "expected"). The family shares this module's options and check:
`icontains` ignores case, `contains_all` needs every value of a list, `contains_any` one of
them, `starts_with` looks at the start of the output.

PASS: output "Paris is the capital" with value "Paris"
FAIL: output "Paris is the capital" with value "paris"
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from lmgate.eval.metrics.base import FIELD, VALUE, MetricResult, ScoringContext, references

NAME = "contains"
KIND = "pass_fail"
HIGHER_IS_BETTER = True
CONF = {"value": VALUE, "field": FIELD}


def check(output: str, item: Mapping[str, Any], options: Mapping[str, Any], *, fold: bool = False,
          need: Callable = all, test: Callable[[str, str], bool] = lambda out, v: v in out) -> MetricResult:
    """Each reference `test`ed against the output (casefolded with `fold`); `need` of them must hold."""
    needles = references(item, options)
    text = output.casefold() if fold else output
    found = [test(text, n.casefold() if fold else n) for n in needles]
    missing = [n for n, ok in zip(needles, found, strict=True) if not ok]
    return MetricResult.pass_fail(need(found), f"missing: {', '.join(repr(m) for m in missing[:5])}")


def score(output: str, item: Mapping[str, Any], options: Mapping[str, Any], ctx: ScoringContext) -> MetricResult:
    return check(output, item, options)
