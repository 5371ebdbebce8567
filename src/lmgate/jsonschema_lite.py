"""The subset of JSON Schema (draft 2020-12) lmgate needs, so jsonschema stays a test tool.

Used for the result schemas (artifacts from forks are validated before a field is read) and for
the `json_schema` eval metric's user-written schemas.

Supports type, enum, const, properties, required, additionalProperties, items, prefixItems,
min/maxItems, min/maxLength, pattern, minimum/maximum (and exclusive), anyOf/oneOf/allOf/not and
local `$ref`s. A keyword outside that set is an error (`unsupported`), never silently ignored:
a test checks every shipped schema with it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

ANNOTATIONS = {"$schema", "$id", "$comment", "title", "description", "default", "examples", "format",
               "$defs", "definitions", "deprecated", "readOnly", "writeOnly"}
VALIDATORS = {"type", "enum", "const", "properties", "required", "additionalProperties", "items",
              "prefixItems", "minItems", "maxItems", "minLength", "maxLength", "pattern", "minimum",
              "maximum", "exclusiveMinimum", "exclusiveMaximum", "anyOf", "oneOf", "allOf", "not", "$ref",
              "minProperties", "maxProperties", "uniqueItems"}
TYPES = {"object": dict, "array": list, "string": str, "boolean": bool, "null": type(None)}


def unsupported(schema: Any) -> set[str]:
    found: set[str] = set()
    if isinstance(schema, dict):
        found |= set(schema) - ANNOTATIONS - VALIDATORS
        for key, value in schema.items():
            if key in ("properties", "$defs", "definitions"):
                for sub in value.values():
                    found |= unsupported(sub)
            elif key not in ("enum", "const", "required", "default", "examples"):
                found |= unsupported(value)
    elif isinstance(schema, list):
        for sub in schema:
            found |= unsupported(sub)
    return found


def schema_problem(schema: Any, path: str = "schema") -> str | None:
    """A user's schema with a typo (`type: strng`, `requird:`), caught when the config loads."""
    if not isinstance(schema, dict):
        return f"{path} should be a mapping"
    bad = unsupported(schema)
    if bad:
        return f"{path}: unsupported keyword(s) {', '.join(sorted(bad))}"
    known = {*TYPES, "integer", "number"}
    pending = [(path, schema)]
    while pending:
        where, node = pending.pop()
        if not isinstance(node, dict):
            continue
        kinds = node.get("type", [])
        for kind in [kinds] if isinstance(kinds, str) else kinds:
            if kind not in known:
                return f"{where}: unknown type {kind!r} (known: {', '.join(sorted(known))})"
        pending += [(f"{where}.properties.{k}", v) for k, v in (node.get("properties") or {}).items()]
        pending += [(f"{where}.{k}", node[k]) for k in ("items", "additionalProperties", "not") if k in node]
        for key in ("anyOf", "oneOf", "allOf"):
            pending += [(f"{where}.{key}[{i}]", sub) for i, sub in enumerate(node.get(key) or [])]
    return None


def _is(value: Any, kind: str) -> bool:
    if kind == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == "number":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    return isinstance(value, TYPES[kind]) and not (kind != "boolean" and isinstance(value, bool))


def errors(value: Any, schema: Any, root: Any = None, path: str = "$") -> Iterator[str]:
    """Every way `value` breaks `schema`, as `$.suites[0].name: message`."""
    root = schema if root is None else root
    if schema is True or schema == {}:
        return
    if schema is False:
        yield f"{path}: not allowed here"
        return
    if "$ref" in schema:
        target: Any = root
        for part in schema["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        yield from errors(value, target, root, path)
    kinds = schema.get("type")
    if kinds is not None:
        kinds = [kinds] if isinstance(kinds, str) else kinds
        if not any(_is(value, k) for k in kinds):
            yield f"{path}: should be {' or '.join(kinds)}, not {type(value).__name__}"
            return
    if "enum" in schema and value not in schema["enum"]:
        yield f"{path}: {value!r} is not one of {schema['enum']}"
    if "const" in schema and value != schema["const"]:
        yield f"{path}: should be {schema['const']!r}"
    if isinstance(value, dict):
        yield from _object(value, schema, root, path)
    elif isinstance(value, list):
        yield from _array(value, schema, root, path)
    elif isinstance(value, str):
        if len(value) < schema.get("minLength", 0) or len(value) > schema.get("maxLength", len(value)):
            yield f"{path}: length {len(value)} is outside the allowed range"
        if "pattern" in schema and not re.search(schema["pattern"], value):
            yield f"{path}: {value[:40]!r} does not match {schema['pattern']!r}"
    elif _is(value, "number"):
        for key, ok in (("minimum", value >= schema.get("minimum", value)),
                        ("maximum", value <= schema.get("maximum", value)),
                        ("exclusiveMinimum", "exclusiveMinimum" not in schema or value > schema["exclusiveMinimum"]),
                        ("exclusiveMaximum", "exclusiveMaximum" not in schema or value < schema["exclusiveMaximum"])):
            if not ok:
                yield f"{path}: {value} breaks {key} {schema[key]}"
    for sub in schema.get("allOf", []):
        yield from errors(value, sub, root, path)
    for key, wanted in (("anyOf", lambda n: n >= 1), ("oneOf", lambda n: n == 1)):
        if key in schema and not wanted(sum(not any(errors(value, s, root, path)) for s in schema[key])):
            yield f"{path}: matches {'none' if key == 'anyOf' else 'not exactly one'} of the {key} choices"
    if "not" in schema and not any(errors(value, schema["not"], root, path)):
        yield f"{path}: matches a schema it must not match"


def _object(value: dict, schema: dict, root: Any, path: str) -> Iterator[str]:
    for name in schema.get("required", []):
        if name not in value:
            yield f"{path}: {name!r} is required"
    props, extra = schema.get("properties", {}), schema.get("additionalProperties", True)
    if not schema.get("minProperties", 0) <= len(value) <= schema.get("maxProperties", len(value)):
        yield f"{path}: has {len(value)} properties, outside the allowed range"
    for name, item in value.items():
        if name in props:
            yield from errors(item, props[name], root, f"{path}.{name}")
        elif extra is False:
            yield f"{path}: unexpected property {name!r}"
        elif isinstance(extra, dict):
            yield from errors(item, extra, root, f"{path}.{name}")


def _array(value: list, schema: dict, root: Any, path: str) -> Iterator[str]:
    if not schema.get("minItems", 0) <= len(value) <= schema.get("maxItems", len(value)):
        yield f"{path}: has {len(value)} items, outside the allowed range"
    prefix = schema.get("prefixItems", [])
    for i, item in enumerate(value):
        sub = prefix[i] if i < len(prefix) else schema.get("items", True)
        yield from errors(item, sub, root, f"{path}[{i}]")
    if schema.get("uniqueItems") and len({repr(v) for v in value}) != len(value):
        yield f"{path}: items should be unique"
