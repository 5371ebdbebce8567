"""python: the user's own function scores the output (`module:function` from the repository root).

The function is called as `fn(output, item)` (item: the dataset row) and returns a bool (pass or
fail), a number (the score; passed at or above `threshold`) or a mapping
`{score, pass, reason}`. An exception inside it fails that item with the error as the reason.
Options: `function` (required, e.g. `checks.grading:is_polite` for checks/grading.py), `kind`
(score or pass_fail), `threshold` (0.5).

PASS: `def has_citation(output, item): return "[1]" in output`
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from lmgate.errors import ConfigError, InputError
from lmgate.eval.metrics._userfunc import load
from lmgate.eval.metrics.base import MetricResult, ScoringContext
from lmgate.spec import REQUIRED, Opt

NAME = "python"
KIND = "score"
HIGHER_IS_BETTER = True
CONF = {"function": Opt("str", REQUIRED, "module:function, e.g. checks.grading:is_polite",
                        pattern=r"[A-Za-z_][\w.]*:[A-Za-z_]\w*"),
        "kind": Opt("str", "score", "how the eval compares it", choices=("score", "pass_fail")),
        "threshold": Opt("number", 0.5, "a number score passes at or above this")}


def kind_of(options: Mapping[str, Any]) -> str:
    return options["kind"]


def score(output: str, item: Mapping[str, Any], options: Mapping[str, Any], ctx: ScoringContext) -> MetricResult:
    if ctx.root is None:
        raise ConfigError("python metric: the repository root is unknown", fix="run lmgate from the repository")
    fn = load(Path(ctx.root), options["function"])
    try:
        value = fn(output, dict(item))
    except Exception as exc:  # the user's bug fails this item, with the reason shown
        return MetricResult(0.0, False, f"{options['function']} raised {type(exc).__name__}: {exc}")
    result = convert(value, options)
    if options["kind"] == "pass_fail":  # McNemar compares 0/1 scores: the verdict is the score
        return MetricResult(1.0 if result.passed else 0.0, result.passed, result.reason)
    return result


def convert(value: Any, options: Mapping[str, Any]) -> MetricResult:
    reason = None
    if isinstance(value, Mapping):
        reason = value.get("reason")
        passed = value.get("pass", value.get("passed"))
        value = value.get("score", passed)
        if isinstance(passed, bool) and isinstance(value, (int, float)):
            return MetricResult(float(value), passed, reason)
    if isinstance(value, bool):
        return MetricResult(1.0 if value else 0.0, value, reason)
    if isinstance(value, (int, float)):
        return MetricResult(float(value), float(value) >= options["threshold"], reason)
    raise InputError(f"python metric: {options['function']} returned {type(value).__name__}",
                     fix="return a bool, a number, or a mapping {score, pass, reason}")
