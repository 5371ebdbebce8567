"""contains_all: the output contains every value of a list.

Options: `value` (a string or a list; a template like "{{ answer }}" is rendered per item;
default: the item's `field`, "expected"). With a list every value must hold, except contains_any.

PASS: output "red, green, blue" with value [red, blue]
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from lmgate.eval.metrics._contains import CONF as _CONF
from lmgate.eval.metrics._contains import check
from lmgate.eval.metrics.base import MetricResult, ScoringContext

NAME = "contains_all"
KIND = "pass_fail"
HIGHER_IS_BETTER = True
CONF = _CONF


def score(output: str, item: Mapping[str, Any], options: Mapping[str, Any], ctx: ScoringContext) -> MetricResult:
    return check(output, item, options, need=all)
