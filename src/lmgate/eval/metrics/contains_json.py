"""contains_json: the output contains a JSON object (anywhere in its text), optionally matching a schema.

Objects are found as promptfoo finds them: from each `{`, the shortest brace-balanced span (a
missing closing brace is supplied at the end of the text) that reads as a JSON or YAML flow
mapping. With `schema`, one of the objects found must satisfy it.

PASS: output 'Here: {"a": 1} done'      FAIL: output "no braces here"
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

import yaml

from lmgate.errors import ConfigError, InputError
from lmgate.eval.metrics.base import MetricResult, ScoringContext
from lmgate.jsonschema_re2 import errors, schema_problem
from lmgate.spec import Opt

NAME = "contains_json"
KIND = "pass_fail"
HIGHER_IS_BETTER = True
CONF = {"schema": Opt("map", None, "a JSON Schema one of the objects must satisfy", check=schema_problem)}
MAX_SPAN = 100_000


def objects(text: str) -> list[Any]:
    found, i = [], 0
    while i < len(text):
        if text[i] != "{":
            i += 1
            continue
        opened, closed, j = 1, 0, i + 1
        end = min(i + MAX_SPAN, len(text))
        nxt = i + 1
        while j < end and opened > closed:
            opened += text[j] == "{"
            closed += text[j] == "}"
            j += 1
            if opened == closed or j == len(text) or j == i + MAX_SPAN:
                value = _parse(text[i:j] + "}" * max(opened - closed, 0))
                if isinstance(value, (dict, list)):
                    found.append(value)
                    nxt = j
                    break
                if opened == closed:
                    break
        i = nxt
    return found


def _parse(span: str) -> Any:
    try:
        return json.loads(span)
    except ValueError:
        pass
    try:  # promptfoo also accepts a YAML flow mapping (`{a: 1}`), with `//` comments
        return yaml.safe_load(re.sub(r"(?m)(^|\s)//", r"\1#", span))
    except (yaml.YAMLError, RecursionError):
        return None


def score(output: str, item: Mapping[str, Any], options: Mapping[str, Any], ctx: ScoringContext) -> MetricResult:
    found = objects(output)
    if not found:
        return MetricResult.pass_fail(False, "no JSON object in the output")
    if not options.get("schema"):
        return MetricResult.pass_fail(True)
    problems: list[str] = []
    for value in found:
        try:
            problems = errors(value, options["schema"], limit=3)
        except ConfigError as exc:  # a templated pattern, rendered for this item, that RE2 cannot run
            raise InputError(f"contains_json metric: {exc.message}", fix=exc.fix) from exc
        if not problems:
            return MetricResult.pass_fail(True)
    return MetricResult.pass_fail(False, "no JSON object matches the schema: " + "; ".join(problems))
