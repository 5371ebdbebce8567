"""Checking user input against `Opt` declarations (see `lmgate.spec`).

`validate` returns the value with `${ENV}` references resolved and defaults filled in, or raises
a `ConfigError` that names the `file:line`, the dotted key and a fix, so every option in
lmgate.yaml and every plugin's `CONF` fails with the same kind of message.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from lmgate.errors import ConfigError
from lmgate.secrets import interpolate
from lmgate.spec import Opt

_TYPES: dict[str, tuple[type, ...]] = {
    "str": (str,), "int": (int,), "number": (int, float), "bool": (bool,),
    "list": (list,), "map": (dict,), "section": (dict,), "any": (object,),
}
_NAMES = {"str": "a string", "int": "an integer", "number": "a number", "bool": "true or false",
          "list": "a list", "map": "a mapping", "section": "a mapping", "any": "any value"}


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
