"""One generic validator for every option in lmgate.yaml and every plugin's `CONF`.

An `Opt` declares a value's type, default, choices and documentation. The same declarations
validate user input (with `file:line`, the key and a fix in every message), fill in defaults,
resolve `${ENV}` references, and generate the JSON Schema that ships for editors, so the loader
and the schema cannot disagree about what is valid.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from lmgate.errors import ConfigError
from lmgate.secrets import interpolate

REQUIRED = object()
_TYPES: dict[str, tuple[type, ...]] = {
    "str": (str,), "int": (int,), "number": (int, float), "bool": (bool,),
    "list": (list,), "map": (dict,), "section": (dict,), "any": (object,),
}
_NAMES = {"str": "a string", "int": "an integer", "number": "a number", "bool": "true or false",
          "list": "a list", "map": "a mapping", "section": "a mapping", "any": "any value"}


@dataclass(frozen=True)
class Opt:
    type: str
    default: Any = None
    help: str = ""
    choices: tuple = ()
    items: Opt | None = None              # element of a list
    values: Opt | None = None             # value of a map with free keys
    fields: Mapping[str, Opt] | None = None  # keys of a section
    one_of: tuple[Opt, ...] = ()          # a union: the first that fits wins
    minimum: float | None = None
    maximum: float | None = None
    pattern: str | None = None
    secret: bool = False                  # resolved value is a secret: masked, never written
    open: bool = False                    # a section that also accepts keys it does not know
    check: Callable[[Any], str | None] | None = field(default=None, compare=False)

    @property
    def required(self) -> bool:
        return self.default is REQUIRED


@dataclass
class Context:
    """What validation needs besides the value: positions, environment, collected secrets."""

    doc: Any  # YamlDocument or None
    env: Mapping[str, str]
    secrets: set[str] = field(default_factory=set)
    # Sections whose missing ${VARS} are reported only when used (a provider's key is not needed to
    # lint prompts or post a comment); see lmgate.secrets.MissingEnv.
    defer_missing: tuple[str, ...] = ()

    def fail(self, path: tuple, message: str, fix: str | None = None) -> ConfigError:
        where = self.doc.where(path) if self.doc is not None else None
        return ConfigError(message, where=where, key=dotted(path) or None, fix=fix)


def dotted(path: tuple) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def validate(value: Any, opt: Opt, path: tuple, ctx: Context) -> Any:
    if opt.one_of:
        return _validate_union(value, opt, path, ctx)
    if opt.type == "str" and isinstance(value, str):
        value = interpolate(value, ctx, path, secret=opt.secret)
    if opt.type in ("int", "number", "bool") and isinstance(value, str) and "${" in value:
        value = _coerce(interpolate(value, ctx, path, secret=opt.secret), opt, path, ctx)
    ok = isinstance(value, _TYPES[opt.type]) and not (opt.type in ("int", "number") and isinstance(value, bool))
    if not ok:
        raise ctx.fail(path, f"should be {_NAMES[opt.type]}, got {_describe(value)}",
                       fix=opt.help or None)
    if opt.choices and value not in opt.choices:
        close = difflib.get_close_matches(str(value), [str(c) for c in opt.choices], n=1)
        hint = f"did you mean {close[0]!r}? " if close else ""
        raise ctx.fail(path, f"{value!r} is not allowed",
                       fix=f"{hint}choose one of: {', '.join(map(str, opt.choices))}")
    if opt.minimum is not None and value < opt.minimum:
        raise ctx.fail(path, f"{value} is below the minimum {opt.minimum}")
    if opt.maximum is not None and value > opt.maximum:
        raise ctx.fail(path, f"{value} is above the maximum {opt.maximum}")
    if opt.pattern and not re.fullmatch(opt.pattern, value):
        raise ctx.fail(path, f"{value!r} does not match the expected form {opt.pattern}", fix=opt.help or None)
    if opt.type == "list" and opt.items is not None:
        value = [validate(v, opt.items, (*path, i), ctx) for i, v in enumerate(value)]
    elif opt.type == "map" and opt.values is not None:
        value = {_key(k, path, ctx): validate(v, opt.values, (*path, k), ctx) for k, v in value.items()}
    elif opt.type == "section":
        value = validate_section(value, opt, path, ctx)
    if opt.check is not None:
        problem = opt.check(value)
        if problem:
            raise ctx.fail(path, problem, fix=opt.help or None)
    return value


def validate_section(value: dict, opt: Opt, path: tuple, ctx: Context) -> Mapping[str, Any]:
    fields = opt.fields or {}
    out: dict[str, Any] = {}
    for key in value:
        if key not in fields and not opt.open:
            close = difflib.get_close_matches(str(key), list(fields), n=1)
            fix = f"did you mean {close[0]!r}?" if close else f"known keys: {', '.join(fields) or '(none)'}"
            raise ctx.fail((*path, key), f"unknown key {key!r}", fix=fix)
    for name, sub in fields.items():
        if name in value and value[name] is not None:
            out[name] = validate(value[name], sub, (*path, name), ctx)
        elif sub.required:
            raise ctx.fail(path, f"missing required key {name!r}", fix=sub.help or None)
        elif sub.type == "section" and isinstance(sub.default, Mapping):
            out[name] = validate(dict(sub.default), sub, (*path, name), ctx)  # fill nested defaults
        else:
            out[name] = sub.default
    for key in value:
        if key not in fields:
            out[key] = value[key]
    return MappingProxyType(out)


def _validate_union(value: Any, opt: Opt, path: tuple, ctx: Context) -> Any:
    errors = []
    for alt in opt.one_of:
        if isinstance(value, _TYPES[alt.type]) and not (alt.type in ("int", "number") and isinstance(value, bool)):
            return validate(value, alt, path, ctx)
        errors.append(_NAMES[alt.type])
    raise ctx.fail(path, f"should be {' or '.join(dict.fromkeys(errors))}, got {_describe(value)}",
                   fix=opt.help or None)


def _key(key: Any, path: tuple, ctx: Context) -> str:
    if not isinstance(key, str):
        raise ctx.fail(path, f"key {key!r} should be a string", fix="quote the key")
    return key


def _coerce(text: str, opt: Opt, path: tuple, ctx: Context) -> Any:
    try:
        if opt.type == "bool":
            return {"true": True, "false": False}[text.strip().lower()]
        return int(text) if opt.type == "int" else float(text)
    except (KeyError, ValueError):
        raise ctx.fail(path, f"the environment variable here does not hold {_NAMES[opt.type]}",
                       fix="set the variable to a valid value") from None


def _describe(value: Any) -> str:
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        short = value if len(value) <= 40 else value[:37] + "..."
        return f"the string {short!r}"
    return {list: "a list", dict: "a mapping"}.get(type(value), type(value).__name__)


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
        fields = opt.fields or {}
        out["properties"] = {k: _nullable(to_json_schema(v), v) for k, v in fields.items()}
        req = [k for k, v in fields.items() if v.required]
        if req:
            out["required"] = req
        out["additionalProperties"] = bool(opt.open)
    if opt.default is not None and opt.default is not REQUIRED and not isinstance(opt.default, Mapping):
        out["default"] = list(opt.default) if isinstance(opt.default, tuple) else opt.default
    return out


def _numeric(schema: dict) -> dict:
    return schema["anyOf"][0] if "anyOf" in schema else schema


def _nullable(schema: dict, opt: Opt) -> dict:
    # An explicit `key:` with no value means "use the default", as the loader treats it.
    if opt.required:
        return schema
    return {"anyOf": [schema, {"type": "null"}]} if "anyOf" not in schema else \
        {**schema, "anyOf": [*schema["anyOf"], {"type": "null"}]}
