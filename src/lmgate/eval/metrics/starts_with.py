"""starts_with: the output (leading whitespace ignored) starts with the value.

Options as `contains`: `value` (a string or a list; a template is rendered per item; default:
the item's `field`, "expected"), and `strip` (default true: leading whitespace of the output is
ignored; false compares from the first character, as promptfoo's `starts-with`).

PASS: output "Yes, because..." with value "Yes"
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from lmgate.eval.metrics import contains
from lmgate.eval.metrics.base import MetricResult, ScoringContext
from lmgate.spec import Opt

NAME = "starts_with"
KIND = "pass_fail"
HIGHER_IS_BETTER = True
CONF = {**contains.CONF, "strip": Opt("bool", True, "ignore leading whitespace of the output")}


def score(output: str, item: Mapping[str, Any], options: Mapping[str, Any], ctx: ScoringContext) -> MetricResult:
    text = output.lstrip() if options["strip"] else output
    return contains.check(text, item, options, test=lambda out, v: out.startswith(v))
