"""A small JSON Schema subset validator (no dependency): enough for checking model output shapes.

Supports type (one or a list), enum, const, properties, required, additionalProperties (bool or a
schema), items, minItems/maxItems, minLength/maxLength, pattern, minimum/maximum,
exclusiveMinimum/exclusiveMaximum, anyOf. Unknown keywords are ignored, as JSON Schema says.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from typing import Any

_TYPES: dict[str, Any] = {
    "object": lambda v: isinstance(v, dict), "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str), "boolean": lambda v: isinstance(v, bool), "null": lambda v: v is None,
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    "integer": lambda v: (isinstance(v, int) and not isinstance(v, bool)) or (isinstance(v, float) and v.is_integer()),
}
_BOUNDS = {"minimum": lambda v, b: v >= b, "maximum": lambda v, b: v <= b,
           "exclusiveMinimum": lambda v, b: v > b, "exclusiveMaximum": lambda v, b: v < b}
KEYWORDS = ("type", "enum", "const", "properties", "required", "additionalProperties", "items", "minItems",
            "maxItems", "minLength", "maxLength", "pattern", "anyOf", *_BOUNDS)


def errors(value: Any, schema: Mapping[str, Any], path: str = "$") -> Iterator[str]:
    """Yield one message per violation, each starting with the JSON path of the value."""
    kinds = schema.get("type")
    if kinds is not None:
        names = [kinds] if isinstance(kinds, str) else list(kinds)
        if not any(_TYPES.get(k, lambda v: True)(value) for k in names):
            yield f"{path}: expected {' or '.join(names)}, got {_kind(value)}"
            return
    if "enum" in schema and value not in schema["enum"]:
        yield f"{path}: {json.dumps(value)[:60]} is not one of {json.dumps(schema['enum'])[:120]}"
    if "const" in schema and value != schema["const"]:
        yield f"{path}: should be {json.dumps(schema['const'])[:60]}"
    if "anyOf" in schema and not any(not list(errors(value, s, path)) for s in schema["anyOf"]):
        yield f"{path}: matches none of the anyOf alternatives"
    if _TYPES["number"](value):
        for key, ok in _BOUNDS.items():
            if key in schema and not ok(value, schema[key]):
                yield f"{path}: {value} violates {key} {schema[key]}"
    if isinstance(value, str):
        yield from _sized(path, len(value), schema, "Length", "characters")
        if "pattern" in schema and not re.search(schema["pattern"], value):
            yield f"{path}: does not match pattern {schema['pattern']!r}"
    if isinstance(value, list):
        yield from _sized(path, len(value), schema, "Items", "items")
        if isinstance(schema.get("items"), Mapping):
            for i, element in enumerate(value):
                yield from errors(element, schema["items"], f"{path}[{i}]")
    if isinstance(value, dict):
        yield from _object(value, schema, path)


def schema_problem(schema: Any, path: str = "schema") -> str | None:
    """Catch typos such as `type: strng` when the config is loaded, not as a failure on every item."""
    if not isinstance(schema, Mapping):
        return f"{path} should be a mapping"
    kinds = schema.get("type", [])
    for kind in [kinds] if isinstance(kinds, str) else kinds:
        if kind not in _TYPES:
            return f"{path}: unknown type {kind!r} (known: {', '.join(_TYPES)})"
    subs = [(f"{path}.properties.{k}", v) for k, v in (schema.get("properties") or {}).items()]
    subs += [(f"{path}.{k}", schema[k]) for k in ("items", "additionalProperties") if isinstance(schema.get(k), dict)]
    subs += [(f"{path}.anyOf[{i}]", s) for i, s in enumerate(schema.get("anyOf") or [])]
    return next((p for p in (schema_problem(v, k) for k, v in subs) if p), None)


def _object(value: dict, schema: Mapping[str, Any], path: str) -> Iterator[str]:
    for key in schema.get("required", ()):
        if key not in value:
            yield f"{path}: missing required property {key!r}"
    properties = schema.get("properties", {})
    extra = schema.get("additionalProperties", True)
    for key, element in value.items():
        if key in properties:
            yield from errors(element, properties[key], f"{path}.{key}")
        elif extra is False:
            yield f"{path}: unexpected property {key!r}"
        elif isinstance(extra, Mapping):
            yield from errors(element, extra, f"{path}.{key}")


def _sized(path: str, size: int, schema: Mapping[str, Any], suffix: str, unit: str) -> Iterator[str]:
    if f"min{suffix}" in schema and size < schema[f"min{suffix}"]:
        yield f"{path}: {size} {unit}, fewer than min{suffix} {schema[f'min{suffix}']}"
    if f"max{suffix}" in schema and size > schema[f"max{suffix}"]:
        yield f"{path}: {size} {unit}, more than max{suffix} {schema[f'max{suffix}']}"


def _kind(value: Any) -> str:
    return next((k for k in ("null", "boolean", "integer", "number", "string", "array", "object")
                 if _TYPES[k](value)), type(value).__name__)
