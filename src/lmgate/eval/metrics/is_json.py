"""is_json: the output is valid JSON (a ```json fenced block around it is accepted by default).

Options: `allow_fence` (default true), `type` (require an object, array, … at the top level).

PASS: output '{"a": 1}'   PASS: output "```json\\n[1, 2]\\n```"   FAIL: output "{a: 1}"
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

from lmgate.eval.metrics.base import MetricResult, ScoringContext
from lmgate.spec import Opt

NAME = "is_json"
KIND = "pass_fail"
HIGHER_IS_BETTER = True
CONF = {"allow_fence": Opt("bool", True, "accept JSON wrapped in a ``` code fence"),
        "type": Opt("str", None, "required top-level type",
                    choices=("object", "array", "string", "number", "boolean", "null"))}
_INFO = re.compile(r"[A-Za-z0-9_-]*")  # the fence's language tag, as in ```json
_PY_TYPES = {"object": dict, "array": list, "string": str, "number": (int, float), "boolean": bool,
             "null": type(None)}


def unfence(output: str) -> str | None:
    """The body of an output that is one ``` code block, else None.

    String operations, not a regular expression: a lazy `(.*?)\\n?\\s*```$` backtracks
    quadratically on a long answer of whitespace (8,000 spaces took 0.25 s; a megabyte, hours).
    """
    text = output.strip()
    if len(text) < 6 or not (text.startswith("```") and text.endswith("```")):
        return None
    info, newline, body = text[3:-3].partition("\n")
    return body if newline and _INFO.fullmatch(info.rstrip()) else None


def parse(output: str, allow_fence: bool = True) -> tuple[Any, str | None]:
    """(value, None) when the output is JSON, else (None, why not)."""
    body = unfence(output) if allow_fence else None
    text = output if body is None else body
    try:
        return json.loads(text), None
    except ValueError as exc:
        return None, f"not JSON: {exc}"
    except RecursionError:  # the model's answer decides the depth: `[[[[…` must fail, not crash
        return None, "not JSON lmgate can read: nested too deeply"


def score(output: str, item: Mapping[str, Any], options: Mapping[str, Any], ctx: ScoringContext) -> MetricResult:
    value, problem = parse(output, options["allow_fence"])
    if problem:
        return MetricResult.pass_fail(False, problem)
    wanted = options.get("type")
    ok = wanted is None or (isinstance(value, _PY_TYPES[wanted]) and
                            not (wanted == "number" and isinstance(value, bool)))
    return MetricResult.pass_fail(ok, f"top-level value is not a JSON {wanted}")
