"""regex: the output matches a regular expression (Python `re.search`).

Options: `pattern` (required; a template is rendered per item), `flags` (any of i, m, s),
`full` (default false: the whole output must match).

PASS: output "Order #1234 shipped" with pattern "#\\d{4}"
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from lmgate.errors import InputError
from lmgate.eval.metrics._common import regex_problem, verdict
from lmgate.eval.metrics.base import MetricResult, ScoringContext
from lmgate.spec import REQUIRED, Opt

NAME = "regex"
KIND = "pass_fail"
HIGHER_IS_BETTER = True
CONF = {"pattern": Opt("str", REQUIRED, "a Python regular expression",
                       check=lambda p: None if "{{" in p or "{%" in p else regex_problem(p)),
        "flags": Opt("str", "", "any of i (ignore case), m (multiline), s (dot matches newline)",
                     pattern=r"[ims]*"),
        "full": Opt("bool", False, "the whole output must match")}
_FLAGS = {"i": re.IGNORECASE, "m": re.MULTILINE, "s": re.DOTALL}


def score(output: str, item: Mapping[str, Any], options: Mapping[str, Any], ctx: ScoringContext) -> MetricResult:
    flags = 0
    for letter in options["flags"]:
        flags |= _FLAGS[letter]
    try:
        pattern = re.compile(options["pattern"], flags)
    except re.error as exc:
        raise InputError(f"regex metric: {options['pattern']!r} is not a valid regular expression: {exc}",
                         fix="fix the `pattern` option (escape literal brackets and dots)") from exc
    match = pattern.fullmatch(output) if options["full"] else pattern.search(output)
    return verdict(match is not None, f"no match for /{options['pattern']}/")
