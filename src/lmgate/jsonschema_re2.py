"""JSON Schema (draft 2020-12) validation by the `jsonschema` library, with every pattern on RE2.

Two kinds of schema pass through here: the result schemas lmgate ships (artifacts from forks are
validated before a field is read: lmgate.report.artifact, lmgate.eval.merge) and the schemas users
write for the `json_schema` metric, which arrive in pull requests and are matched against model
output, which is untrusted too. So:

- `pattern`, `patternProperties` and `additionalProperties` (which consults the property
  patterns) are re-bound to run on RE2 through `lmgate.userregex`, where the library would call
  Python's backtracking `re`: `(a|aa)*c` cannot stall a job. `unevaluatedProperties` beside
  `patternProperties` is refused, because the library evaluates that pair with `re` internally.
- `uniqueItems` is re-bound to an O(n) check on canonical JSON values: the library falls back to
  comparing every pair of objects, which a long model answer turns into hours.
- A user's schema is checked when the config loads (`schema_problem`): against the draft 2020-12
  metaschema, every pattern compiled on RE2, `$ref`s local and resolvable, and no keyword outside
  the draft (a typo such as `requird` would otherwise be ignored, as the spec says, and pass
  every output). `format` stays an annotation, as the spec's default is.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterator, Mapping
from itertools import islice
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError, best_match
from jsonschema.validators import extend
from referencing import Registry, Resource
from referencing.exceptions import Unresolvable
from referencing.jsonschema import DRAFT202012

from lmgate.errors import ConfigError
from lmgate.userregex import UserRegex, compile_user_regex

DIALECT = "https://json-schema.org/draft/2020-12/schema"
MESSAGE_CHARS = 200
TYPES = ("array", "boolean", "integer", "null", "number", "object", "string")
# Keywords that hold subschemas, by shape; every other keyword's value is data (enum, const, …).
_SCHEMA_MAPS = ("properties", "patternProperties", "$defs", "definitions", "dependentSchemas")
_SCHEMA_LISTS = ("allOf", "anyOf", "oneOf", "prefixItems")
_SCHEMA_ONE = ("items", "additionalProperties", "unevaluatedProperties", "unevaluatedItems", "propertyNames",
               "contains", "not", "if", "then", "else", "contentSchema")
KEYWORDS = frozenset(Draft202012Validator.VALIDATORS) | {
    "$schema", "$id", "$anchor", "$dynamicAnchor", "$vocabulary", "$comment", "$defs", "definitions",
    "then", "else", "minContains", "maxContains", "title", "description", "default", "examples", "deprecated",
    "readOnly", "writeOnly", "contentEncoding", "contentMediaType", "contentSchema"}


@functools.lru_cache(maxsize=1024)
def _regex(pattern: str) -> UserRegex:
    return compile_user_regex(pattern, what="JSON Schema pattern")


def _short(text: str) -> str:
    return text if len(text) <= MESSAGE_CHARS else text[: MESSAGE_CHARS - 1] + "…"


def _pattern(validator, pattern, instance, schema) -> Iterator[ValidationError]:
    if validator.is_type(instance, "string") and not _regex(pattern).search(instance):
        yield ValidationError(f"{_short(repr(instance))} does not match {pattern!r}")


def _pattern_properties(validator, patterns, instance, schema) -> Iterator[ValidationError]:
    if not validator.is_type(instance, "object"):
        return
    for pattern, subschema in patterns.items():
        regex = _regex(pattern)
        for name, value in instance.items():
            if regex.search(name):
                yield from validator.descend(value, subschema, path=name, schema_path=pattern)


def _additional_properties(validator, allowed, instance, schema) -> Iterator[ValidationError]:
    if not validator.is_type(instance, "object"):
        return
    named = schema.get("properties", {})
    patterns = [_regex(p) for p in schema.get("patternProperties", {})]
    extras = [k for k in instance if k not in named and not any(p.search(k) for p in patterns)]
    if validator.is_type(allowed, "object"):
        for name in extras:
            yield from validator.descend(instance[name], allowed, path=name)
    elif allowed is False and extras:
        shown = ", ".join(_short(repr(k)) for k in extras[:5]) + (" …" if len(extras) > 5 else "")
        yield ValidationError(f"additional properties are not allowed ({shown} unexpected)")


def canonical(value: Any) -> Any:
    """A hashable form under which two values are equal exactly when JSON Schema calls them equal:
    true is not 1, 1 is 1.0, and the order of an object's keys does not matter."""
    if isinstance(value, bool) or value is None:
        return ("literal", value)
    if isinstance(value, (int, float)):
        return ("number", value)
    if isinstance(value, str):
        return ("string", value)
    if isinstance(value, list):
        return ("array", tuple(canonical(v) for v in value))
    if isinstance(value, Mapping):
        return ("object", frozenset((k, canonical(v)) for k, v in value.items()))
    return ("other", repr(value))


def _unique_items(validator, unique, instance, schema) -> Iterator[ValidationError]:
    if unique and validator.is_type(instance, "array"):
        seen: set = set()
        for value in instance:
            key = canonical(value)
            if key in seen:
                yield ValidationError(f"has non-unique elements ({_short(repr(value))} is repeated)")
                return
            seen.add(key)


Validator = extend(Draft202012Validator, validators={
    "pattern": _pattern, "patternProperties": _pattern_properties,
    "additionalProperties": _additional_properties, "uniqueItems": _unique_items})


@functools.lru_cache(maxsize=256)
def _validator(key: str) -> Any:
    return Validator(json.loads(key))


def validator_for(schema: Mapping[str, Any] | bool) -> Any:
    """One validator per distinct schema (a metric scores every item against the same one)."""
    return _validator(json.dumps(schema, sort_keys=True, default=dict))


def errors(value: Any, schema: Mapping[str, Any] | bool, limit: int | None = None) -> list[str]:
    """Every way `value` breaks `schema` (the first `limit`), as `$.suites[0].name: message`."""
    try:
        found = islice(validator_for(schema).iter_errors(value), limit)
        return [f"{e.json_path}: {_short(e.message)}" for e in found]
    except RecursionError:
        return ["$: nested too deeply to validate"]
    except Unresolvable as exc:  # a templated `$ref` rendered into nowhere; checked schemas resolve
        return [f"$: the schema's $ref {getattr(exc, 'ref', '?')!r} cannot be resolved"]


def schema_problem(schema: Any) -> str | None:
    """Why a user's schema cannot be used (the first reason), or None; never runs a pattern."""
    if not isinstance(schema, Mapping):
        return "schema should be a mapping"
    try:
        return _problem(json.loads(json.dumps(schema, default=dict)))
    except RecursionError:
        return "schema is nested too deeply to check"


def _problem(schema: dict[str, Any]) -> str | None:
    dialect = schema.get("$schema", DIALECT).rstrip("#")
    if dialect != DIALECT:
        return (f"schema: lmgate validates with JSON Schema draft 2020-12, not {dialect!r}; "
                f"remove `$schema` or set it to {DIALECT}")
    problem = next(_walk(schema, "schema"), None)
    if problem:
        return problem
    meta = Draft202012Validator(Draft202012Validator.META_SCHEMA)  # no format checker: `re` never compiles
    bad = best_match(meta.iter_errors(schema))
    if bad is not None:
        return f"schema{bad.json_path[1:]}: {_short(bad.message)}"
    return _reference_problem(schema)


def _walk(node: Any, where: str) -> Iterator[str]:
    """Unknown keywords and types (with the known ones), patterns RE2 cannot run, refused pairs."""
    if not isinstance(node, Mapping):
        return
    for key in node:
        if key not in KEYWORDS:
            yield f"{where}: unknown keyword {key!r} (JSON Schema draft 2020-12 has no such keyword)"
    kinds = node.get("type", [])
    for kind in [kinds] if isinstance(kinds, str) else kinds if isinstance(kinds, list) else []:
        if kind not in TYPES:
            yield f"{where}: unknown type {kind!r} (known: {', '.join(TYPES)})"
    patterns = [node["pattern"]] if isinstance(node.get("pattern"), str) else []
    patterns += list(node.get("patternProperties") or {}) if isinstance(node.get("patternProperties"), Mapping) else []
    for pattern in patterns:
        try:
            _regex(pattern)
        except ConfigError as exc:
            yield f"{where}: {exc.message}; {exc.fix}"
    if "unevaluatedProperties" in node and _anywhere(node, "patternProperties"):
        yield (f"{where}: unevaluatedProperties beside patternProperties is not supported (the library would "
               "run those patterns on Python's backtracking engine); use additionalProperties instead")
    for key in _SCHEMA_MAPS:
        if isinstance(node.get(key), Mapping):
            for name, sub in node[key].items():
                yield from _walk(sub, f"{where}.{key}.{name}")
    for key in _SCHEMA_LISTS:
        if isinstance(node.get(key), list):
            for i, sub in enumerate(node[key]):
                yield from _walk(sub, f"{where}.{key}[{i}]")
    for key in _SCHEMA_ONE:
        yield from _walk(node.get(key), f"{where}.{key}")


def _anywhere(node: Any, keyword: str) -> bool:
    if isinstance(node, Mapping):
        return keyword in node or any(_anywhere(v, keyword) for v in node.values())
    return isinstance(node, list) and any(_anywhere(v, keyword) for v in node)


def _refs(node: Any) -> Iterator[str]:
    if isinstance(node, Mapping):
        if isinstance(node.get("$ref"), str):
            yield node["$ref"]
        for value in node.values():
            yield from _refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from _refs(value)


def _reference_problem(schema: Mapping[str, Any]) -> str | None:
    """lmgate never fetches a schema: every `$ref` points inside this one, and resolves."""
    base = schema.get("$id", "urn:lmgate:schema")
    resource = Resource.from_contents(schema, default_specification=DRAFT202012)
    resolver = Registry().with_resource(base, resource).resolver(base)
    for ref in _refs(schema):
        if not ref.startswith("#"):
            return f"schema: $ref {ref!r} is not a local reference; lmgate never fetches schemas: copy it under $defs"
        try:
            resolver.lookup(ref)
        except Unresolvable:
            return f"schema: $ref {ref!r} cannot be resolved inside the schema"
    return None
