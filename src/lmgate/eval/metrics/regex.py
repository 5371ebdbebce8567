"""regex: the output matches a regular expression (RE2 syntax, linear time, by `search`).

Options: `pattern` (required; a template is rendered per item), `flags` (any of i, m, s),
`full` (default false: the whole output must match). Patterns run on RE2, the engine of
`lmgate.userregex`: matching takes time linear in the answer whatever the pattern, so a pattern
from a pull request cannot stall a job; RE2 has no backreferences and no lookaround, and a
pattern using them is a config error when the config loads.

PASS: output "Order #1234 shipped" with pattern "#\\d{4}"
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any

from lmgate.errors import ConfigError, InputError
from lmgate.eval.metrics.base import MetricResult, ScoringContext
from lmgate.spec import REQUIRED, Opt
from lmgate.userregex import UserRegex, compile_user_regex, refusal

NAME = "regex"
KIND = "pass_fail"
HIGHER_IS_BETTER = True
_SYNTAX = "an RE2 regular expression: no backreferences or lookaround (https://github.com/google/re2/wiki/Syntax)"


@functools.lru_cache(maxsize=1024)
def compiled(pattern: str, flags: str = "") -> UserRegex:
    return compile_user_regex(pattern, ignore_case="i" in flags, multiline="m" in flags, dotall="s" in flags)


def pattern_problem(pattern: str) -> str | None:
    """Why RE2 cannot run `pattern`, or None; a template is checked once rendered, per item."""
    if "{{" in pattern or "{%" in pattern:
        return None
    return refusal(pattern)


CONF = {"pattern": Opt("str", REQUIRED, _SYNTAX, check=pattern_problem),
        "flags": Opt("str", "", "any of i (ignore case), m (multiline), s (dot matches newline)",
                     pattern=r"[ims]*"),
        "full": Opt("bool", False, "the whole output must match")}


def score(output: str, item: Mapping[str, Any], options: Mapping[str, Any], ctx: ScoringContext) -> MetricResult:
    try:
        pattern = compiled(options["pattern"], options["flags"])
    except ConfigError as exc:  # a templated pattern whose rendering RE2 cannot run
        raise InputError(f"regex metric: {exc.message}", fix=exc.fix) from exc
    match = pattern.fullmatch(output) if options["full"] else pattern.search(output)
    return MetricResult.pass_fail(match is not None, f"no match for /{options['pattern']}/")
