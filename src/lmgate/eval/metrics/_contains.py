"""The substring checks behind contains, icontains, contains_all, contains_any and starts_with."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from lmgate.eval.metrics._common import FIELD, VALUE, references, verdict
from lmgate.eval.metrics.base import MetricResult

CONF = {"value": VALUE, "field": FIELD}


def check(output: str, item: Mapping[str, Any], options: Mapping[str, Any], *, fold: bool = False,
          need: Callable = all, test: Callable[[str, str], bool] = lambda out, v: v in out) -> MetricResult:
    needles = references(item, options)
    text = output.casefold() if fold else output
    found = [test(text, n.casefold() if fold else n) for n in needles]
    missing = [n for n, ok in zip(needles, found, strict=True) if not ok]
    return verdict(need(found), f"missing: {', '.join(repr(m) for m in missing[:5])}")
