"""equals: the output, stripped of surrounding whitespace, is exactly the reference.

Options: `value` (default: the item's `field`, "expected"), `strip` (default true),
`ignore_case`. A list reference passes when any entry is equal.

PASS: output "42\\n" vs value "42"      FAIL: output "42." vs value "42"
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from lmgate.eval.metrics.base import FIELD, VALUE, MetricResult, ScoringContext, references
from lmgate.spec import Opt

NAME = "equals"
KIND = "pass_fail"
HIGHER_IS_BETTER = True
CONF = {"value": VALUE, "field": FIELD, "strip": Opt("bool", True, "ignore surrounding whitespace"),
        "ignore_case": Opt("bool", False, "compare case-insensitively")}


def score(output: str, item: Mapping[str, Any], options: Mapping[str, Any], ctx: ScoringContext) -> MetricResult:
    def norm(text: str) -> str:
        text = text.strip() if options["strip"] else text
        return text.casefold() if options["ignore_case"] else text

    answers = references(item, options)
    return MetricResult.pass_fail(any(norm(output) == norm(a) for a in answers), "output differs from the reference")
