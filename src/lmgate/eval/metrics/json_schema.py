"""json_schema: the output is JSON that satisfies a JSON Schema (draft 2020-12, by `jsonschema`).

Options: `schema` (required mapping: any draft 2020-12 schema, checked when the config loads;
`$ref`s must point inside it, `pattern`s run on RE2, so no backreferences or lookaround, and a
keyword the draft does not define is an error, so a typo cannot silently pass every output;
`format` is an annotation, as the spec's default), `allow_fence` (default true). The reason
lists the first three violations with their JSON path.

PASS: output '{"name": "Ada", "age": 36}' with schema
      {type: object, required: [name], properties: {age: {type: integer, minimum: 0}}}
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from lmgate.errors import ConfigError, InputError
from lmgate.eval.metrics.base import MetricResult, ScoringContext
from lmgate.eval.metrics.is_json import parse
from lmgate.jsonschema_re2 import errors, schema_problem
from lmgate.spec import REQUIRED, Opt

NAME = "json_schema"
KIND = "pass_fail"
HIGHER_IS_BETTER = True
CONF = {"schema": Opt("map", REQUIRED, "the JSON Schema the output must satisfy", check=schema_problem),
        "allow_fence": Opt("bool", True, "accept JSON wrapped in a ``` code fence")}


def score(output: str, item: Mapping[str, Any], options: Mapping[str, Any], ctx: ScoringContext) -> MetricResult:
    value, problem = parse(output, options["allow_fence"])
    if problem:
        return MetricResult.pass_fail(False, problem)
    try:
        found = errors(value, options["schema"], limit=3)
    except ConfigError as exc:  # a templated pattern, rendered for this item, that RE2 cannot run
        raise InputError(f"json_schema metric: {exc.message}", fix=exc.fix) from exc
    return MetricResult.pass_fail(not found, "; ".join(found))
