"""icontains_all: the output contains every value of a list, ignoring case.

Options: `value` (a string or a list; a template like "{{ answer }}" is rendered per item;
default: the item's `field`, "expected").

PASS: output "GREEN and blue" with value [green, blue]
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from lmgate.eval.metrics import contains
from lmgate.eval.metrics.base import MetricResult, ScoringContext

NAME = "icontains_all"
KIND = "pass_fail"
HIGHER_IS_BETTER = True
CONF = contains.CONF


def score(output: str, item: Mapping[str, Any], options: Mapping[str, Any], ctx: ScoringContext) -> MetricResult:
    return contains.check(output, item, options, fold=True, need=all)
