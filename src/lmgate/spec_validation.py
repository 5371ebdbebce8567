"""Checking user input against `Opt` declarations (see `lmgate.spec`).

The structure (types, choices, required and unknown keys, ranges, patterns) is checked by the
`jsonschema` library against the schema generated from the very same declarations
(`lmgate.spec_schema`), so what the loader accepts is what editors are told. Around it this module
does what a schema cannot: it resolves `${ENV}` references first (numbers and booleans may come from
the environment), refuses NaN and Infinity, maps every schema error to `file:line`, the dotted key
and a fix (with did-you-mean for names and choices), runs each option's own `check`, and fills in
the defaults.

`check` returns every problem at once (what `lmgate validate` lists); `validate` raises the first
(what a plugin's `CONF` check wants); `salvage` keeps the parts of a broken value that are valid on
their own, so that `lmgate validate` checks those further in the same run.
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

import jsonschema

from lmgate.errors import ConfigError
from lmgate.secrets import MissingEnv, interpolate
from lmgate.spec import KIND_KEY, Opt
from lmgate.spec_schema import to_json_schema

_TYPES: dict[str, tuple[type, ...]] = {
    "str": (str,), "int": (int,), "number": (int, float), "bool": (bool,),
    "list": (list, tuple), "map": (Mapping,), "section": (Mapping,), "any": (object,),
}
_NAMES = {"str": "a string", "int": "an integer", "number": "a number", "bool": "true or false",
          "list": "a list", "map": "a mapping", "section": "a mapping", "any": "any value"}
_VALIDATORS: dict[int, tuple[Opt, jsonschema.protocols.Validator]] = {}
_MAX_VALIDATORS = 256


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
    """The value with `${ENV}` resolved and defaults filled in; raises the first problem."""
    out, problems = check(value, opt, path, ctx)
    if problems:
        raise problems[0]
    return out


def check(value: Any, opt: Opt, path: tuple, ctx: Context) -> tuple[Any, list[ConfigError]]:
    """(the resolved value with defaults, every problem found), problems ordered by position."""
    problems: list[ConfigError] = []
    _refuse_non_finite(value, path, ctx, problems)
    resolved = _resolve(value, opt, path, ctx, problems)
    problems += schema_problems(resolved, opt, path, ctx)
    if problems:
        return value, _ordered(problems)
    out = _fill(resolved, opt, path, ctx, problems)
    return out, _ordered(problems)


def salvage(value: Any, opt: Opt, path: tuple, ctx: Context) -> tuple[Any, set[tuple]]:
    """What of `value` is valid on its own (resolved, with defaults), and the paths of the rest.

    `check` refuses a value with any problem. `lmgate validate` still checks the valid parts further
    (metric names, a prompt's variables against its dataset) so that one run lists every problem, not
    the schema's first and the rest after a fix. A broken list item is None in its place (a position
    is a line in the file); a broken map entry, a broken or missing section field, and an unknown key
    are left out. Each of those is a path of the rest, and a caller must read such a path as unknown,
    never as its default. The problems met here are `check`'s again: the caller reports those of the
    whole value, once.
    """
    out, problems = check(value, opt, path, ctx)
    if not problems:
        return out, set()
    if opt.one_of:
        alt = _alternative(value, opt)
        return salvage(value, alt, path, ctx) if alt is not None else (None, {path})
    broken: set[tuple] = set()
    if opt.type == "list" and opt.items is not None and isinstance(value, (list, tuple)):
        items = []
        for i, item in enumerate(value):
            kept, bad = salvage(item, opt.items, (*path, i), ctx)
            items.append(None if (*path, i) in bad else kept)
            broken |= bad
        return (items, broken) if broken else (None, {path})
    if opt.type == "map" and isinstance(value, Mapping):
        entries = {}
        for key, entry in value.items():
            kept, bad = (None, {(*path, key)}) if not isinstance(key, str) else \
                salvage(entry, opt.values or Opt("any"), (*path, key), ctx)
            if (*path, key) not in bad:
                entries[key] = kept
            broken |= bad
        return (entries, broken) if broken else (None, {path})
    if opt.type == "section" and isinstance(value, Mapping):
        fields = opt.fields_for(value)
        unknown = [key for key in value if key not in fields]
        if not opt.open:
            broken.update((*path, key) for key in unknown)
        section: dict[str, Any] = {}
        for name, sub in fields.items():
            if value.get(name) is None:
                if sub.required:
                    broken.add((*path, name))
                else:
                    section[name] = _fill(dict(sub.default), sub, (*path, name), ctx, []) \
                        if sub.type == "section" and isinstance(sub.default, Mapping) else sub.default
                continue
            kept, bad = salvage(value[name], sub, (*path, name), ctx)
            if (*path, name) not in bad:
                section[name] = kept
            broken |= bad
        if not broken:
            return None, {path}  # the section's own rule failed, no part of it: none of it is known good
        if opt.open:
            section.update((key, value[key]) for key in unknown)
        return MappingProxyType(section), broken
    return None, {path}


def schema_problems(value: Any, opt: Opt, path: tuple, ctx: Context) -> list[ConfigError]:
    """Every way `value` breaks the JSON Schema of `opt`, each located and with a fix."""
    by_key: dict[tuple, list[tuple[str, ConfigError]]] = {}
    for error in _validator(opt).iter_errors(value):
        for at, kind, problem in _explain(error, opt, value, path, ctx):
            by_key.setdefault(at, []).append((kind, problem))
    out = []
    for found in by_key.values():
        # A value of the wrong type also breaks its enum or range: the type is the one thing to fix.
        typed = [p for kind, p in found if kind == "type"]
        # jsonschema raises `required` once per missing key, each naming all of them: one line each
        out += typed[:1] or list({p.render(): p for _, p in found}.values())
    return out


def _validator(opt: Opt) -> jsonschema.protocols.Validator:
    cached = _VALIDATORS.get(id(opt))
    if cached is not None and cached[0] is opt:
        return cached[1]
    if len(_VALIDATORS) >= _MAX_VALIDATORS:
        _VALIDATORS.pop(next(iter(_VALIDATORS)))
    validator = jsonschema.Draft202012Validator(to_json_schema(opt))
    _VALIDATORS[id(opt)] = (opt, validator)  # the entry holds `opt`, so its id cannot be reused meanwhile
    return validator


def _ordered(problems: list[ConfigError]) -> list[ConfigError]:
    return sorted(problems, key=lambda p: (p.where.line or 0, p.where.col or 0) if p.where else (0, 0))


# ---- before the schema: ${ENV} references, NaN ----

def _refuse_non_finite(value: Any, path: tuple, ctx: Context, problems: list) -> None:
    stack = [(value, path)]
    while stack:
        node, at = stack.pop()
        if isinstance(node, float) and not math.isfinite(node):
            problems.append(ctx.fail(at, f"{node} is not a number lmgate can use",
                                     fix="write a finite number (NaN and infinities are refused)"))
        elif isinstance(node, Mapping):
            stack += [(v, (*at, k)) for k, v in node.items()]
        elif isinstance(node, (list, tuple)):
            stack += [(v, (*at, i)) for i, v in enumerate(node)]


def _resolve(value: Any, opt: Opt, path: tuple, ctx: Context, problems: list) -> Any:
    """A plain copy of `value` (dicts and lists) with `${VAR}` references replaced where `opt` allows them."""
    if opt.one_of:
        alt = _alternative(value, opt)
        return _resolve(value, alt, path, ctx, problems) if alt is not None else _plain(value)
    try:
        if opt.type == "str" and isinstance(value, str):
            return interpolate(value, ctx, path, secret=opt.secret)
        if opt.type in ("int", "number", "bool") and isinstance(value, str) and "${" in value:
            text = interpolate(value, ctx, path, secret=opt.secret)
            if isinstance(text, MissingEnv):  # only strings may wait until used; a number is needed now
                raise text.error
            return _coerce(text, opt, path, ctx)
    except ConfigError as exc:
        problems.append(exc)
        return value
    if isinstance(value, Mapping):
        fields = opt.fields_for(value) if opt.type == "section" else {}
        out = {}
        for key, sub in value.items():
            if not isinstance(key, str):
                problems.append(ctx.fail((*path, key), f"key {key!r} should be a string", fix="quote the key"))
            inner = fields.get(key) if opt.type == "section" else opt.values if opt.type == "map" else None
            out[key] = _resolve(sub, inner, (*path, key), ctx, problems) if inner is not None else _plain(sub)
        return out
    if isinstance(value, (list, tuple)):
        if opt.type == "list" and opt.items is not None:
            return [_resolve(v, opt.items, (*path, i), ctx, problems) for i, v in enumerate(value)]
        return _plain(value)
    return value


def _plain(value: Any) -> Any:
    """A dict or list, as JSON Schema's types know them (read-only mappings and tuples come from defaults).

    Shallow: below a free-form value (`any`, a map or list without declared members) the schema looks no
    deeper, and a copy of a deeply nested one (a JSON Schema given as an option) would exhaust the stack.
    """
    if isinstance(value, Mapping):
        return dict(value)
    if isinstance(value, tuple):
        return list(value)
    return value


def _alternative(value: Any, opt: Opt) -> Opt | None:
    return next((alt for alt in opt.one_of if _fits(value, alt)), None)


def _fits(value: Any, opt: Opt) -> bool:
    if opt.one_of:
        return _alternative(value, opt) is not None
    ok = isinstance(value, _TYPES[opt.type]) and not (opt.type in ("int", "number") and isinstance(value, bool))
    # `${VAR}` stands for a number or boolean until resolved
    return ok or (opt.type in ("int", "number", "bool") and isinstance(value, str) and "${" in value)


def _coerce(text: str, opt: Opt, path: tuple, ctx: Context) -> Any:
    try:
        if opt.type == "bool":
            return {"true": True, "false": False}[text.strip().lower()]
        number = int(text) if opt.type == "int" else float(text)
    except (KeyError, ValueError):
        raise ctx.fail(path, f"the environment variable here does not hold {_NAMES[opt.type]}",
                       fix="set the variable to a valid value") from None
    if not math.isfinite(number):
        raise ctx.fail(path, "the environment variable here holds NaN or an infinity",
                       fix="set the variable to a finite number")
    return number


# ---- schema errors -> located problems ----

def _explain(error: jsonschema.ValidationError, root: Opt, instance: Any, path: tuple,
             ctx: Context) -> list[tuple[tuple, str, ConfigError]]:
    rel = tuple(error.absolute_path)
    at = (*path, *rel)
    declared = _opt_at(root, instance, rel)
    value = error.instance
    opt = (_alternative(value, declared) or declared) if declared is not None and declared.one_of else declared
    shown = "the secret value" if opt is not None and opt.secret else _describe(value)
    fix = (opt.help or None) if opt is not None else None
    kind = error.validator
    if kind == "anyOf":
        branch = _fitting_branch(error)
        if branch:
            return [found for e in branch for found in _explain(e, root, instance, path, ctx)]
        kind = "type"
    if kind == "type":
        names = " or ".join(dict.fromkeys(_type_names(declared))) if declared is not None else _schema_type(error)
        return [(at, "type", ctx.fail(at, f"should be {names}, got {shown}", fix=fix))]
    if kind == "additionalProperties":
        return _unknown_keys(value, list(error.schema.get("properties") or {}), at, ctx)
    if kind == "unevaluatedProperties" and opt is not None and opt.kinds:
        if not isinstance(value.get(KIND_KEY), str) or value[KIND_KEY] not in opt.kinds:
            return []  # the unknown `type` is the one thing to fix (its own error names the kinds)
        return _unknown_keys(value, list(opt.fields_for(value)), at, ctx, opt.kinds)
    if kind == "required":
        fields = opt.fields_for(value) if opt is not None else {}
        return [(at, "required", ctx.fail(at, f"missing required key {name!r}",
                                          fix=(fields[name].help if name in fields else None) or None))
                for name in error.validator_value if name not in value]
    if kind == "enum":
        choices = [str(c) for c in error.validator_value]
        close = difflib.get_close_matches(str(value), choices, n=1)
        hint = f"did you mean {close[0]!r}? " if close else ""
        what = "the secret value" if opt is not None and opt.secret else repr(value)
        return [(at, "enum", ctx.fail(at, f"{what} is not allowed", fix=f"{hint}choose one of: {', '.join(choices)}"))]
    if kind == "minimum":
        return [(at, kind, ctx.fail(at, f"{value} is below the minimum {error.validator_value}", fix=fix))]
    if kind == "maximum":
        return [(at, kind, ctx.fail(at, f"{value} is above the maximum {error.validator_value}", fix=fix))]
    if kind == "pattern":
        form = opt.pattern if opt is not None and opt.pattern else error.validator_value
        what = "the secret value" if opt is not None and opt.secret else repr(value)
        return [(at, kind, ctx.fail(at, f"{what} does not match the expected form {form}", fix=fix))]
    return [(at, str(kind), ctx.fail(at, f"{shown}: {error.message}" if opt is None or not opt.secret
                                     else f"the secret value breaks the rule {kind!r}", fix=fix))]


def _unknown_keys(value: Mapping, known: list[str], at: tuple, ctx: Context,
                  kinds: Mapping[str, Mapping[str, Opt]] | None = None) -> list[tuple[tuple, str, ConfigError]]:
    """One problem per key of `value` not in `known`; with `kinds`, the section's `type` chose `known`."""
    kind = value.get(KIND_KEY) if kinds else None
    out = []
    for key in value:
        if key in known:
            continue
        close = difflib.get_close_matches(str(key), known, n=1)
        owners = [name for name, fields in (kinds or {}).items() if key in fields]
        param = difflib.get_close_matches(str(key), _MODEL_PARAMS, n=1, cutoff=0.8) if "params" in known else []
        if param and not owners:  # `temperature:` beside `model:`, a common slip
            hint = (f"model parameters go under params: `params: {{{param[0]}: …}}`"
                    + (f" ({key!r} looks like {param[0]!r})" if param[0] != key else ""))
        elif owners:  # an option of another kind: the type or the key is the mistake
            hint = (f"{key!r} is an option of type {', '.join(owners)}; type {kind} takes: "
                    f"{', '.join(known) or '(none)'}")
        elif close:
            hint = f"did you mean {close[0]!r}?"
        else:
            hint = f"known keys: {', '.join(known) or '(none)'}"
        what = f"unknown key {key!r}" + (f" for type {kind!r}" if kind else "")
        out.append(((*at, key), "key", ctx.fail((*at, key), what, fix=hint)))
    return out


# what a chat API takes per request: written beside `model:` instead of under `params:` it would be lost
_MODEL_PARAMS = ("temperature", "top_p", "top_k", "max_tokens", "max_completion_tokens", "seed", "stop",
                 "presence_penalty", "frequency_penalty", "repetition_penalty", "logprobs", "top_logprobs",
                 "response_format", "logit_bias", "tools", "tool_choice", "reasoning_effort", "n")


def _fitting_branch(error: jsonschema.ValidationError) -> list[jsonschema.ValidationError]:
    """The errors of the anyOf branch whose type the value has (its real problem), if any."""
    branches: dict[int, list] = {}
    for e in error.context or ():
        branches.setdefault(e.relative_schema_path[0], []).append(e)
    for index, errors in sorted(branches.items()):
        schema = error.validator_value[index]
        if str(schema.get("pattern", "")).startswith("^\\$\\{"):
            continue  # the `${VAR}` stand-in: a number written as text is a type error, not a bad reference
        if not any(e.validator == "type" and not e.relative_path for e in errors):
            return errors
    return []


def _opt_at(opt: Opt | None, value: Any, rel: tuple) -> Opt | None:
    for part in rel:
        if opt is None:
            return None
        if opt.one_of:
            opt = _alternative(value, opt)
            if opt is None:
                return None
        if opt.type == "section":
            opt = opt.fields_for(value).get(part)
        elif opt.type == "map":
            opt = opt.values
        elif opt.type == "list":
            opt = opt.items
        else:
            return None
        try:
            value = value[part]
        except (KeyError, IndexError, TypeError):
            value = None
    return opt


def _type_names(opt: Opt) -> list[str]:
    if opt.one_of:
        return [name for alt in opt.one_of for name in _type_names(alt)]
    return [_NAMES[opt.type]]


def _schema_type(error: jsonschema.ValidationError) -> str:
    wanted = error.validator_value if error.validator == "type" else "another type"
    return " or ".join(wanted) if isinstance(wanted, list) else str(wanted)


# ---- after the schema: each option's own check, defaults, read-only result ----

def _fill(value: Any, opt: Opt, path: tuple, ctx: Context, problems: list) -> Any:
    if opt.one_of:
        alt = _alternative(value, opt)
        return _fill(value, alt, path, ctx, problems) if alt is not None else value
    if opt.type == "int" and isinstance(value, float):
        value = int(value)  # JSON Schema counts 2.0 as an integer; Python code wants the int
    if opt.type == "list" and opt.items is not None:
        value = [_fill(v, opt.items, (*path, i), ctx, problems) for i, v in enumerate(value)]
    elif opt.type == "map" and opt.values is not None:
        value = {k: _fill(v, opt.values, (*path, k), ctx, problems) for k, v in value.items()}
    elif opt.type == "section":
        value = _fill_section(value, opt, path, ctx, problems)
    if opt.check is not None:
        problem = opt.check(value)
        if problem:
            problems.append(ctx.fail(path, problem, fix=opt.help or None))
    return value


def _fill_section(value: Mapping, opt: Opt, path: tuple, ctx: Context, problems: list) -> Mapping[str, Any]:
    fields = opt.fields_for(value)
    out: dict[str, Any] = {}
    for name, sub in fields.items():
        if value.get(name) is not None:
            out[name] = _fill(value[name], sub, (*path, name), ctx, problems)
        elif sub.type == "section" and isinstance(sub.default, Mapping):
            out[name] = _fill(dict(sub.default), sub, (*path, name), ctx, problems)  # nested defaults
        else:
            out[name] = sub.default
    for key in value:
        if key not in fields:  # an open section keeps what it does not know, for its plugin to check
            out[key] = value[key]
    return MappingProxyType(out)


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
