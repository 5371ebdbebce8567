"""Nunjucks-compatible rendering on Jinja's sandbox, for prompts written for promptfoo.

promptfoo renders prompts with Nunjucks, whose syntax is Jinja's but whose meaning is
JavaScript's. Its users rely on the differences without knowing them, so prompts imported from
promptfoo (`engine: nunjucks`) render with these semantics, measured against promptfoo itself by
benchmarks/promptfoo_import.py:

- values print as JavaScript prints them: `true`/`false`, `1` for 1.0, `a,b` for a list,
  `[object Object]` for a mapping, nothing for null and for a missing variable (no error);
- `{% for k, v in mapping %}` walks its entries, while a single loop variable over a mapping
  runs no iteration; `{% elseif %}` is `{% elif %}`; `+` with a string concatenates;
- filters: `dump` (JSON.stringify, so no HTML escaping as Jinja's `tojson` does), promptfoo's
  `load` (JSON.parse), and Nunjucks' `default`, `join`, `length`, `nl2br`, `round`, `title`,
  `trim`, `truncate`, `indent`, `wordcount`, `list`, `int`, `float`; `.length` and a few
  JavaScript string/array methods (`toUpperCase()`, `includes()`, `split()` …) on values.

Everything still runs in lmgate.templating's bounded sandbox (attribute access to Python internals
is refused; output, loops, numbers and repetition are bounded as for every other prompt).
"""

from __future__ import annotations

import functools
import json
import math
import re
from collections.abc import Iterable, Iterator, Mapping
from datetime import date, datetime, timezone
from typing import Any

import jinja2
from jinja2 import nodes
from jinja2.ext import Extension
from jinja2.lexer import Token, TokenStream
from jinja2.sandbox import SecurityError

from lmgate.errors import InputError, Location, SandboxViolation, TemplateError
from lmgate.templating import (
    LIMITS_FIX,
    RENDER_FAILURES,
    BoundedSandbox,
    TemplateLimit,
    _check_joined,
    _check_size,
    _generate,
    _limit_reason,
)
from lmgate.yamlfile import load_yaml

ENGINE = "nunjucks"
MAX_LOOP_ITEMS = 100_000


def js_string(value: Any) -> str:
    """String(value) in JavaScript (what Nunjucks prints), for the values YAML/JSON can hold."""
    if value is None or isinstance(value, jinja2.Undefined):
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return js_number_string(value)
    if isinstance(value, str):
        return value
    if isinstance(value, (list, tuple)):
        return ",".join(js_string(v) for v in value)  # Array.prototype.toString
    if isinstance(value, Mapping):
        return "[object Object]"
    if isinstance(value, datetime | date):
        return _js_date(value)
    return str(value)


def js_number_string(value: float) -> str:
    """Number.prototype.toString(): shortest round-trip digits, exponent outside [1e-7, 1e21)."""
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "Infinity" if value > 0 else "-Infinity"
    if value == int(value) and abs(value) < 1e21:
        return str(int(value))
    text = repr(value)  # Python's repr is also the shortest round-trip form; only the layout differs
    mantissa, _, exponent = text.partition("e")
    if not exponent:
        return text
    power = int(exponent)
    digits = mantissa.replace(".", "").lstrip("-")
    sign = "-" if value < 0 else ""
    if -7 < power < 21:  # JavaScript writes these without an exponent
        point = len(mantissa.lstrip("-").split(".")[0]) + power
        if point <= 0:
            return f"{sign}0.{'0' * -point}{digits}"
        return f"{sign}{digits[:point]}.{digits[point:]}".rstrip(".") if point < len(digits) else \
            f"{sign}{digits}{'0' * (point - len(digits))}"
    return f"{mantissa}e{'+' if power > 0 else '-'}{abs(power)}"


def _js_date(value: date) -> str:
    # Date.prototype.toString depends on the machine's time zone; ISO-8601 in UTC is the stable stand-in
    if isinstance(value, datetime):
        moment = value if value.tzinfo else value.replace(tzinfo=timezone.utc)
        return moment.astimezone(timezone.utc).isoformat().replace("+00:00", "Z")
    return value.isoformat()


def json_stringify(value: Any, indent: Any = None) -> str | None:
    """JSON.stringify(value, null, indent); None where JavaScript returns undefined."""
    if isinstance(value, jinja2.Undefined):
        return None
    spaces = indent if isinstance(indent, int) and not isinstance(indent, bool) else None
    if isinstance(indent, str):
        spaces = indent[:10] or None
    elif spaces is not None:
        spaces = min(max(spaces, 0), 10) or None
    return json.dumps(_jsonable(value), ensure_ascii=False, indent=spaces,
                      separators=(",", ": ") if spaces else (",", ":"))


def _jsonable(value: Any) -> Any:
    if isinstance(value, float):
        return js_json_number(value)
    if isinstance(value, Mapping):
        return {js_string(k): _jsonable(v) for k, v in value.items() if not isinstance(v, jinja2.Undefined)}
    if isinstance(value, (list, tuple)):
        return [None if isinstance(v, jinja2.Undefined) else _jsonable(v) for v in value]
    if isinstance(value, datetime | date):
        return _js_date(value)
    if isinstance(value, jinja2.Undefined):
        return None
    return value


def js_json_number(value: float) -> Any:
    if not math.isfinite(value):
        return None  # JSON.stringify writes NaN and Infinity as null
    return int(value) if value == int(value) and abs(value) < 2 ** 53 else value


class NunjucksUndefined(jinja2.ChainableUndefined):
    """A missing variable or member prints nothing and is falsy, as with Nunjucks' defaults."""

    __slots__ = ()

    def __str__(self) -> str:
        return ""


def _truthy(value: Any) -> bool:
    """JavaScript truthiness: an empty list or mapping is true, as any object is."""
    if isinstance(value, (list, tuple, Mapping)):
        return True
    if isinstance(value, float) and math.isnan(value):
        return False
    return bool(value)


def _default(value: Any, fallback: Any = "", boolean: bool = False) -> Any:
    if boolean:
        return value if _truthy(value) and not isinstance(value, jinja2.Undefined) else fallback
    return fallback if isinstance(value, jinja2.Undefined) else value


def _join(value: Any, separator: Any = "", attribute: Any = None) -> str:
    if not isinstance(value, (list, tuple)):  # Nunjucks calls value.join: a string or nothing has none
        raise TemplateError(f"join filter: {js_string(value)!r} is not a list")
    items = list(value)
    if attribute is not None:
        items = [item.get(attribute) if isinstance(item, Mapping) else None for item in items]
    return _bounded_join(js_string(separator or ""), items)


def _bounded_join(separator: str, items: Iterable[Any]) -> str:
    """Array.prototype.join, its length checked first: a 2 MB text split into characters and joined
    with a 2 KB separator is 4 GB."""
    texts = [js_string(v) for v in items]
    _check_joined(separator, texts)
    return separator.join(texts)


def _length(value: Any) -> int:
    if value is None or isinstance(value, jinja2.Undefined) or value is False:
        return 0
    if isinstance(value, str):
        return _utf16_length(value)
    try:
        return len(value)
    except TypeError:
        return 0


def _utf16_length(text: str) -> int:
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)  # a JavaScript string counts UTF-16 units


def _js_round(value: Any, precision: Any = 0, method: str = "common") -> float | int:
    factor = 10 ** int(precision or 0)
    scaled = float(value) * factor
    rounded = {"ceil": math.ceil, "floor": math.floor}.get(method, lambda x: math.floor(x + 0.5))(scaled)
    result = rounded / factor
    return int(result) if result == int(result) else result


def _title(value: Any) -> str:
    return " ".join(_capitalize(word) for word in js_string(value).split(" "))


def _capitalize(value: Any) -> str:
    text = js_string(value).lower()
    return text[:1].upper() + text[1:]


JS_WHITESPACE = "\t\n\v\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a" \
            "\u2028\u2029\u202f\u205f\u3000\ufeff"


def _trim(value: Any) -> str:
    return js_string(value).strip(JS_WHITESPACE)


def _truncate(value: Any, length: Any = 255, killwords: bool = False, end: Any = None) -> str:
    text = js_string(value)
    length = int(length or 255)
    if len(text) <= length:
        return text
    if killwords:
        text = text[:length]
    else:
        cut = text.rfind(" ", 0, length + 1)
        text = text[:cut if cut != -1 else length]
    return text + ("..." if end is None else js_string(end))


def _indent(value: Any, width: Any = 4, first: bool = False) -> str:
    text = js_string(value)
    if text == "":
        return ""
    _check_size(int(width or 4) * (text.count("\n") + 1) + len(text), "the indented text")
    pad = " " * int(width or 4)
    return "\n".join(line if i == 0 and not first else pad + line for i, line in enumerate(text.split("\n")))


def _wordcount(value: Any) -> int | None:
    words = re.findall(r"[A-Za-z0-9_]+", js_string(value))  # JavaScript's \w is ASCII-only
    return len(words) or None


def _nl2br(value: Any) -> str:
    return "" if value is None or isinstance(value, jinja2.Undefined) else re.sub(r"\r\n|\n", "<br />\n",
                                                                                 js_string(value))


def _to_list(value: Any) -> list:
    if isinstance(value, str):
        return list(value)
    if isinstance(value, Mapping):
        return [{"key": k, "value": v} for k, v in value.items()]
    if isinstance(value, (list, tuple)):
        return list(value)
    raise TemplateError("list filter: type not iterable")


def parse_int(value: Any, default: Any = 0, base: int = 10) -> Any:
    """JavaScript's parseInt (the Nunjucks `int` filter); `default` where it finds no digits."""
    match = re.match(r"\s*([-+]?[0-9a-zA-Z]+)", js_string(value))
    if not match:
        return default
    digits = ""
    for ch in match.group(1).lstrip("+-"):
        if ch.isalnum() and int(ch, 36) < base:
            digits += ch
        else:
            break
    return int(("-" if match.group(1).startswith("-") else "") + digits, base) if digits else default


def parse_float(value: Any, default: Any = 0.0) -> Any:
    """JavaScript's parseFloat (the Nunjucks `float` filter); `default` where it finds no number."""
    match = re.match(r"\s*[-+]?(?:\d+\.?\d*(?:[eE][-+]?\d+)?|\.\d+(?:[eE][-+]?\d+)?|Infinity)", js_string(value))
    if not match:
        return default
    number = float(match.group(0).replace("Infinity", "inf"))
    return int(number) if math.isfinite(number) and number == int(number) else number


def _load(value: Any) -> Any:
    try:
        return json.loads(js_string(value))
    except ValueError as exc:
        raise TemplateError(f"load filter: not JSON: {exc}") from exc


def _iterate(value: Any, names: int) -> Iterable:
    """The sequence a Nunjucks `for` walks: a mapping's entries with two loop variables, nothing
    with one (Nunjucks reads `.length`, which a plain object lacks), and nothing for null."""
    if value is None or isinstance(value, jinja2.Undefined):
        return ()
    if isinstance(value, Mapping):
        return list(value.items())[:MAX_LOOP_ITEMS] if names >= 2 else ()
    return value


def _js_split(text: str, separator: Any, limit: Any) -> list[str]:
    parts = [text] if separator is None else list(text) if separator == "" else text.split(js_string(separator))
    return parts if limit is None else parts[:int(limit)]


_JS_METHODS: dict[type, dict[str, Any]] = {
    str: {
        "toUpperCase": lambda s: lambda: s.upper(),
        "toLowerCase": lambda s: lambda: s.lower(),
        "trim": lambda s: lambda: s.strip(JS_WHITESPACE),
        "includes": lambda s: lambda sub, start=0: js_string(sub) in s[int(start):],
        "startsWith": lambda s: lambda sub, start=0: s.startswith(js_string(sub), int(start)),
        "endsWith": lambda s: lambda sub: s.endswith(js_string(sub)),
        "indexOf": lambda s: lambda sub: s.find(js_string(sub)),
        "split": lambda s: lambda sep=None, limit=None: _js_split(s, sep, limit),
        "slice": lambda s: lambda start=0, end=None: s[int(start):None if end is None else int(end)],
    },
    list: {
        "includes": lambda a: lambda item: item in a,
        "indexOf": lambda a: lambda item: a.index(item) if item in a else -1,
        "join": lambda a: lambda sep=",": _bounded_join(js_string(sep), a),
        "slice": lambda a: lambda start=0, end=None: a[int(start):None if end is None else int(end)],
    },
}


class NunjucksSyntax(Extension):
    """Rewrites the few Nunjucks spellings Jinja reads differently, in the token stream."""

    def filter_stream(self, stream: TokenStream) -> Iterator[Token]:
        tokens = list(stream)
        out: list[Token] = []
        i = 0
        while i < len(tokens):
            tok = tokens[i]
            out.append(tok)
            i += 1
            if tok.type != "block_begin" or i >= len(tokens) or tokens[i].type != "name":
                continue
            head = tokens[i]
            if head.value == "elseif":
                out.append(Token(head.lineno, "name", "elif"))
                i += 1
            elif head.value == "for":
                i = self._wrap_for(tokens, i, out)
        return iter(out)

    @staticmethod
    def _wrap_for(tokens: list[Token], i: int, out: list[Token]) -> int:
        """`for a, b in EXPR` -> `for a, b in _nunjucks_iterate(EXPR, 2)`, EXPR ending at `if`,
        `recursive` or the end of the tag (outside brackets)."""
        start = i
        while i < len(tokens) and not (tokens[i].type == "name" and tokens[i].value == "in"):
            i += 1
        if i >= len(tokens):
            out.extend(tokens[start:])
            return len(tokens)
        names = sum(1 for t in tokens[start + 1:i] if t.type == "name")
        out.extend(tokens[start:i + 1])
        line = tokens[i].lineno
        out += [Token(line, "name", "_nunjucks_iterate"), Token(line, "lparen", "(")]
        i += 1
        depth = 0
        while i < len(tokens):
            tok = tokens[i]
            if tok.type in ("lparen", "lbracket", "lbrace"):
                depth += 1
            elif tok.type in ("rparen", "rbracket", "rbrace"):
                depth -= 1
            elif depth == 0 and (tok.type == "block_end" or (tok.type == "name" and tok.value in ("if", "recursive"))):
                break
            out.append(tok)
            i += 1
        out += [Token(line, "comma", ","), Token(line, "integer", names), Token(line, "rparen", ")")]
        return i


class NunjucksEnvironment(BoundedSandbox):
    def unsafe_undefined(self, obj: Any, attribute: str) -> Any:
        # a missing value renders empty here, so a refused attribute must fail loudly instead
        raise SecurityError(f"access to attribute {attribute!r} of {type(obj).__name__!r} object is unsafe")

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "+" and (isinstance(left, str) or isinstance(right, str)):
            left, right = js_string(left), js_string(right)  # JavaScript concatenates when a side is a string
            _check_size(len(left) + len(right), "the concatenated value")
            return left + right
        return super().call_binop(context, operator, left, right)

    def getattr(self, obj: Any, attribute: str) -> Any:
        if attribute == "length" and isinstance(obj, (str, list, tuple)):
            return _utf16_length(obj) if isinstance(obj, str) else len(obj)
        for kind, methods in _JS_METHODS.items():
            if isinstance(obj, kind) and attribute in methods:
                return methods[attribute](obj)
        if isinstance(obj, Mapping) and not isinstance(attribute, int):
            return obj[attribute] if attribute in obj else self.undefined(obj=obj, name=attribute)
        return super().getattr(obj, attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        if isinstance(obj, Mapping) and not isinstance(argument, str):
            argument = js_string(argument)  # JavaScript object keys are strings: o[1] is o["1"]
        return super().getitem(obj, argument)


FILTERS = {
    "default": _default, "d": _default, "dump": json_stringify, "load": _load, "join": _join,
    "length": _length, "count": _length, "nl2br": _nl2br, "round": _js_round, "title": _title,
    "capitalize": _capitalize, "trim": _trim, "truncate": _truncate, "indent": _indent,
    "wordcount": _wordcount, "list": _to_list, "int": parse_int, "float": parse_float,
    "string": js_string, "lower": lambda v: js_string(v).lower(), "upper": lambda v: js_string(v).upper(),
}
# Jinja's own filters whose result matches Nunjucks' on the values YAML and JSON hold
SAME_AS_JINJA = frozenset({"abs", "batch", "center", "dictsort", "escape", "e", "first", "forceescape",
                           "groupby", "last", "reject", "rejectattr", "replace", "reverse", "safe", "select",
                           "selectattr", "slice", "sort", "striptags", "sum", "urlencode", "urlize"})


@functools.lru_cache(maxsize=1)
def environment() -> NunjucksEnvironment:
    env = NunjucksEnvironment(undefined=NunjucksUndefined, autoescape=False, keep_trailing_newline=True,
                              finalize=js_string, extensions=[NunjucksSyntax], optimized=False)
    env.filters.update(FILTERS)
    env.globals["_nunjucks_iterate"] = _iterate
    return env


def known_filters() -> frozenset[str]:
    """The filters that render as in Nunjucks (a template using another one is flagged by the importer)."""
    return frozenset(FILTERS) | SAME_AS_JINJA


@functools.lru_cache(maxsize=4096)
def compile_template(source: str, name: str = "<template>") -> jinja2.Template:
    try:
        return environment().from_string(source)
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(f"template syntax error: {exc.message}", where=Location(name, exc.lineno),
                            fix="fix the Nunjucks syntax (unclosed {{ or {%, unknown tag?)") from exc


class JsList(list):
    """A list that is true when empty, as every JavaScript object is (`{% if items %}`)."""

    def __bool__(self) -> bool:
        return True


class JsDict(dict):
    def __bool__(self) -> bool:
        return True


def js_values(value: Any) -> Any:
    """Lists and mappings of a variable, recursively, with JavaScript truthiness."""
    if isinstance(value, Mapping):
        return JsDict((k, js_values(v)) for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return JsList(js_values(v) for v in value)
    return value


def render(source: str, variables: Mapping[str, Any], name: str = "<template>") -> str:
    """Render `source` with Nunjucks semantics; a missing variable renders as nothing."""
    template = compile_template(source, name)
    try:
        return _generate(template, {k: js_values(v) for k, v in variables.items()})
    except SecurityError as exc:
        raise SandboxViolation(f"unsafe template operation blocked: {exc}", where=Location(name),
                               fix="prompts may only read variables; remove attribute access to "
                                   "Python internals") from exc
    except (TemplateLimit, MemoryError, RecursionError) as exc:
        raise TemplateError(f"template stopped: {_limit_reason(exc)}", where=Location(name), fix=LIMITS_FIX) from None
    except RENDER_FAILURES as exc:
        raise TemplateError(f"template failed to render: {exc}", where=Location(name)) from exc


def problem(source: str, name: str = "<template>") -> TemplateError | None:
    """What stops a template from rendering at all, before any item: a syntax error, or an unsafe
    operation or limit it reaches without variables (a missing variable is not one)."""
    try:
        render(source, {}, name)
    except TemplateError as exc:
        return exc if isinstance(exc, SandboxViolation) or "syntax error" in exc.message or \
            "template stopped" in exc.message else None
    return None


def filters_used(source: str) -> list[tuple[str, int]]:
    """(filter name, line) of every filter a template applies, for the importer's report."""
    try:
        tree = environment().parse(source)
    except jinja2.TemplateSyntaxError:
        return []
    return sorted(((n.name, n.lineno) for n in tree.find_all(nodes.Filter)), key=lambda f: f[1])


_VAR_REFERENCE = re.compile(r"\{\{\s*(\w+)\s*\}\}")


def prepare_variables(variables: Mapping[str, Any], *, render_values: bool) -> dict[str, Any]:
    """The variables promptfoo renders a prompt with: one trailing newline cut from each string,
    `{{ other }}` references between variables filled in (at most five rounds), and, for text
    prompts, string variables that are templates rendered first (unless they name a missing one)."""
    out = {k: v[:-1] if isinstance(v, str) and v.endswith("\n") else v for k, v in variables.items()}
    for _ in range(5):
        changed = False
        for key, value in out.items():
            if not isinstance(value, str):
                continue
            match = _VAR_REFERENCE.search(value)
            if match and match.group(1) in out:
                other = out[match.group(1)]
                out[key] = value.replace(match.group(0), "null" if other is None else js_string(other), 1)
                changed = True
        if not changed:
            break
    if not render_values:
        return out
    rendered = {}
    for key, value in out.items():
        if isinstance(value, str) and ("{{" in value or "{%" in value) and not _names_missing(value, out):
            value = render(value, out, name=f"variable {key}")
        rendered[key] = value
    return rendered


_TEMPLATE_NAMES = re.compile(r"\{\{\s*([^{}\s|]+)\s*(?:\|[^}]+)?\}\}|\{%\s*(?:if|for)\s+([^{}\s]+)\s*.*?%\}")


def _names_missing(value: str, variables: Mapping[str, Any]) -> bool:
    for m in _TEMPLATE_NAMES.finditer(re.sub(r"\{#[\s\S]*?#\}", "", value)):
        root = re.match(r"[A-Za-z_]\w*", m.group(1) or m.group(2) or "")
        if root and root.group(0) != "env" and root.group(0) not in variables:
            return True
    return False


def render_chat(messages: list[tuple[str, str]], variables: Mapping[str, Any], *, whole: bool,
                name: str = "<template>") -> list[dict[str, Any]]:
    """The chat promptfoo sends for a prompt: each message rendered alone (a JSON chat prompt,
    whose variables therefore cannot break the JSON), or, with `whole`, the one template rendered
    and then read as promptfoo's chat providers read it: YAML when it starts with `- role:`, JSON
    when it parses, else one user message."""
    if not whole:
        prepared = prepare_variables(variables, render_values=False)
        return [{"role": render(role, prepared, name), "content": render(text, prepared, name)}
                for role, text in messages]
    text = render(messages[0][1], prepare_variables(variables, render_values=True), name)
    trimmed = text.strip()
    if trimmed.startswith("- role:"):
        try:
            return _chat_list(load_yaml(text, name).data, name)
        except InputError as exc:
            raise TemplateError(f"the prompt rendered to YAML that does not parse: {exc.message}",
                                where=Location(name)) from exc
    try:
        parsed = json.loads(text, parse_constant=_refuse_constant)
    except (ValueError, RecursionError):
        if _looks_like_json(trimmed):
            raise TemplateError("the prompt rendered to broken JSON (promptfoo refuses such a chat prompt too)",
                                where=Location(name), fix="escape the variables inside JSON strings, e.g. "
                                                          "{{ var | dump }} without the quotes") from None
        return [{"role": "user", "content": text}]
    return _chat_list(parsed, name)


def _refuse_constant(name: str) -> Any:
    raise ValueError(name)


def _chat_list(value: Any, name: str) -> list[dict[str, Any]]:
    if not isinstance(value, list) or not all(isinstance(m, Mapping) and "role" in m for m in value):
        raise TemplateError("the prompt rendered to JSON that is not a list of {role, content} messages",
                            where=Location(name))
    return [{"role": js_string(m["role"]), "content": m.get("content") if isinstance(m.get("content"), str)
             else json_stringify(m.get("content")) or ""} for m in value]


def _looks_like_json(text: str) -> bool:
    """promptfoo's test for text meant as JSON (a failed parse of such text is an error, not a prompt)."""
    if text.startswith("{") and text.endswith("}"):
        return True
    if text.startswith("[") and text.endswith("]"):
        rest = text[1:].lstrip()
        return rest == "" or rest[:1] in ('"', "{", "[") or re.match(r"[\d-]|true|false|null", rest) is not None
    return False
