"""The JSON Schema (draft 2020-12) equivalent of `Opt` declarations (see `lmgate.spec`).

Generated from the very declarations the loader validates with, so the schema editors load
cannot drift from what lmgate accepts; `lmgate.schema` wraps it into the shipped file.
"""

from __future__ import annotations

from collections.abc import Mapping

from lmgate.spec import KIND_KEY, REQUIRED, Opt


def to_json_schema(opt: Opt) -> dict:
    """The JSON Schema (draft 2020-12) equivalent of an Opt tree."""
    if opt.one_of:
        out: dict = {"anyOf": [to_json_schema(o) for o in opt.one_of]}
    else:
        out = {"type": {"str": "string", "int": "integer", "number": "number", "bool": "boolean",
                        "list": "array", "map": "object", "section": "object"}.get(opt.type)}
        if opt.type == "any":
            out = {}
        if opt.type in ("int", "number", "bool"):
            # `${VAR}` is allowed wherever a scalar is, and checked after interpolation.
            out = {"anyOf": [dict(out), {"type": "string", "pattern": r"^\$\{[A-Za-z_][A-Za-z0-9_]*"}]}
    if opt.help:
        out["description"] = opt.help
    if opt.choices:
        out["enum"] = list(opt.choices)
    if opt.minimum is not None:
        _numeric(out)["minimum"] = opt.minimum
    if opt.maximum is not None:
        _numeric(out)["maximum"] = opt.maximum
    if opt.pattern:
        out["pattern"] = f"^(?:{opt.pattern})$"
    if opt.items is not None:
        out["items"] = to_json_schema(opt.items)
    if opt.values is not None:
        out["additionalProperties"] = to_json_schema(opt.values)
    if opt.type == "section":
        out.update(_keys(opt.fields or {}))
        if opt.kinds:
            # each kind's options apply when `type` names it; `unevaluatedProperties` (unlike
            # `additionalProperties`) sees the keys those branches declare
            out["allOf"] = [{"if": {"properties": {KIND_KEY: {"const": kind}}, "required": [KIND_KEY]},
                             "then": _keys(fields)} for kind, fields in opt.kinds.items()]
            out["unevaluatedProperties"] = bool(opt.open)
        else:
            out["additionalProperties"] = bool(opt.open)
    if opt.default is not None and opt.default is not REQUIRED and not isinstance(opt.default, Mapping):
        out["default"] = list(opt.default) if isinstance(opt.default, tuple) else opt.default
    return out


def _keys(fields: Mapping[str, Opt]) -> dict:
    out: dict = {"properties": {k: _nullable(to_json_schema(v), v) for k, v in fields.items()}}
    req = [k for k, v in fields.items() if v.required]
    if req:
        out["required"] = req
    return out


def _numeric(schema: dict) -> dict:
    return schema["anyOf"][0] if "anyOf" in schema else schema


def _nullable(schema: dict, opt: Opt) -> dict:
    # An explicit `key:` with no value means "use the default", as the loader treats it.
    if opt.required:
        return schema
    return {"anyOf": [schema, {"type": "null"}]} if "anyOf" not in schema else \
        {**schema, "anyOf": [*schema["anyOf"], {"type": "null"}]}
