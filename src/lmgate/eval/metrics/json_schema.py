"""json_schema: the output is JSON that satisfies a schema (a subset of JSON Schema, no dependency).

Options: `schema` (required mapping; keywords: type, enum, const, properties, required,
additionalProperties, items, prefixItems, min/maxItems, min/maxLength, pattern, minimum/maximum,
exclusiveMinimum/Maximum, anyOf/oneOf/allOf/not, local $ref; an unknown keyword is a config
error, so a typo cannot silently pass every output), `allow_fence` (default true). The reason lists the first
violations with their JSON path.

PASS: output '{"name": "Ada", "age": 36}' with schema
      {type: object, required: [name], properties: {age: {type: integer, minimum: 0}}}
"""

from __future__ import annotations

from collections.abc import Mapping
from itertools import islice
from typing import Any

from lmgate.eval.metrics._common import verdict
from lmgate.eval.metrics.base import MetricResult, ScoringContext
from lmgate.eval.metrics.is_json import parse
from lmgate.jsonschema_lite import errors, schema_problem
from lmgate.spec import REQUIRED, Opt

NAME = "json_schema"
KIND = "pass_fail"
HIGHER_IS_BETTER = True
CONF = {"schema": Opt("map", REQUIRED, "the JSON Schema the output must satisfy", check=schema_problem),
        "allow_fence": Opt("bool", True, "accept JSON wrapped in a ``` code fence")}


def score(output: str, item: Mapping[str, Any], options: Mapping[str, Any], ctx: ScoringContext) -> MetricResult:
    value, problem = parse(output, options["allow_fence"])
    if problem:
        return verdict(False, problem)
    found = list(islice(errors(value, options["schema"]), 3))
    return verdict(not found, "; ".join(found))
