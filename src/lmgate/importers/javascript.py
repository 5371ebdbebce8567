"""promptfoo `javascript` assertions that are plain expressions -> Python with JavaScript's meaning.

Only what can be translated exactly is: one expression (promptfoo's one-liner form, or a body that
is a single `return`) over `output` and `context`, using literals, `! && || ?:`, `=== !==`,
`< <= > >=`, `+ - * / %`, `typeof`, member access and indexing, the string methods `includes`,
`startsWith`, `endsWith`, `indexOf`, `toLowerCase`, `toUpperCase`, `trim`, `split`, `slice`,
`replace` (a string pattern), `.length`, the array methods `includes`, `indexOf`, `join`, `slice`,
and `JSON.parse`, `JSON.stringify`, `Number`, `String`, `Boolean`, `parseInt`, `parseFloat`,
`Math.abs/min/max/round/floor/ceil`. The helpers below carry JavaScript's semantics (`&&`
returns an operand, `+` concatenates when a side is a string, `.length` counts UTF-16 units,
`===` compares objects by identity, comparisons coerce as JavaScript does). Anything else —
declarations, loops, arrow functions, regex literals, `==` — raises JavascriptNotTranslatable,
and the importer reports the assertion as not imported. At eval time the generated
`promptfoo_import/assertions.py` runs each translation through `javascript_assertion`, which gives
it promptfoo's `context` and reads its result as promptfoo does (lmgate.importers.promptfoo_runtime).
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Mapping
from typing import Any

from lmgate.importers.promptfoo_runtime import context, normalize
from lmgate.nunjucks import JS_WHITESPACE, js_number_string, json_stringify, parse_float, parse_int

__all__ = ["JS", "UNDEFINED", "js_add", "js_and", "js_arith", "js_call", "js_compare", "js_index", "js_member",
           "js_neg", "js_not", "js_or", "js_strict_eq", "js_to_number", "js_truthy", "to_js", "type_of"]


class JavascriptNotTranslatable(Exception):
    pass


class _Undefined:
    def __repr__(self) -> str:
        return "undefined"

    def __bool__(self) -> bool:
        return False


UNDEFINED = _Undefined()


def to_js(value: Any) -> Any:
    """Python data (from JSON/YAML) as the translated code holds it (a float with an int value is an int)."""
    if isinstance(value, Mapping):
        return {str(k): to_js(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_js(v) for v in value]
    if isinstance(value, float) and value.is_integer() and abs(value) < 2 ** 53:
        return int(value)
    return value


def type_of(value: Any) -> str:
    if value is UNDEFINED:
        return "undefined"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "string"
    if callable(value):
        return "function"
    return "object"  # null, arrays and objects


def js_truthy(value: Any) -> bool:
    if value is None or value is UNDEFINED or value is False:
        return False
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value != 0 and not math.isnan(value)
    if isinstance(value, str):
        return value != ""
    return True


def js_not(value: Any) -> bool:
    return not js_truthy(value)


def js_and(left: Any, right: Callable[[], Any]) -> Any:
    return right() if js_truthy(left) else left


def js_or(left: Any, right: Callable[[], Any]) -> Any:
    return left if js_truthy(left) else right()


def _string(value: Any) -> str:
    if value is UNDEFINED:
        return "undefined"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return js_number_string(float(value)) if isinstance(value, float) else str(value)
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        return ",".join("" if v is None or v is UNDEFINED else _string(v) for v in value)
    if isinstance(value, Mapping):
        return "[object Object]"
    raise TypeError(f"cannot convert {type(value).__name__} to a string")


def js_to_number(value: Any) -> float | int:
    if isinstance(value, bool):
        return 1 if value else 0
    if isinstance(value, (int, float)):
        return value
    if value is None:
        return 0
    if value is UNDEFINED:
        return math.nan
    if isinstance(value, (list, Mapping)):
        value = _string(value)
    text = str(value).strip()
    if text == "":
        return 0
    if re.fullmatch(r"[+-]?(?:Infinity|\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)", text):
        number = float(text.replace("Infinity", "inf"))
        return int(number) if number.is_integer() and abs(number) < 2 ** 53 else number
    if re.fullmatch(r"0[xX][0-9a-fA-F]+", text):
        return int(text, 16)
    return math.nan


def _primitive(value: Any) -> Any:
    return _string(value) if isinstance(value, (list, Mapping)) else value


def js_add(left: Any, right: Any) -> Any:
    left, right = _primitive(left), _primitive(right)
    if isinstance(left, str) or isinstance(right, str):
        return _string(left) + _string(right)
    return _number_result(js_to_number(left) + js_to_number(right))


def _number_result(value: float | int) -> float | int:
    if isinstance(value, float) and value.is_integer() and abs(value) < 2 ** 53:
        return int(value)
    return value


def js_arith(op: str, left: Any, right: Any) -> Any:
    a, b = js_to_number(left), js_to_number(right)
    if op == "-":
        return _number_result(a - b)
    if op == "*":
        return _number_result(a * b)
    if op == "/":
        if b == 0:
            return math.nan if a == 0 or math.isnan(a) else math.copysign(math.inf, a) * (math.copysign(1, b))
        return _number_result(a / b)
    if b == 0 or math.isinf(a) or math.isnan(a) or math.isnan(b):
        return math.nan
    return _number_result(math.fmod(a, b))


def js_neg(value: Any) -> Any:
    return _number_result(-js_to_number(value))


def js_strict_eq(left: Any, right: Any) -> bool:
    if isinstance(left, bool) or isinstance(right, bool):
        return isinstance(left, bool) and isinstance(right, bool) and left == right
    if isinstance(left, (int, float)) and isinstance(right, (int, float)):
        return left == right
    if isinstance(left, str) and isinstance(right, str):
        return left == right
    if left is None or right is None or left is UNDEFINED or right is UNDEFINED:
        return left is right
    return left is right  # objects and arrays: the same object only


def js_compare(op: str, left: Any, right: Any) -> bool:
    left, right = _primitive(left), _primitive(right)
    if isinstance(left, str) and isinstance(right, str):
        a, b = left.encode("utf-16-be"), right.encode("utf-16-be")  # JavaScript compares UTF-16 code units
    else:
        a, b = js_to_number(left), js_to_number(right)
        if math.isnan(a) or math.isnan(b):
            return False
    return {"<": a < b, "<=": a <= b, ">": a > b, ">=": a >= b}[op]


def _utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _to_int(value: Any, default: int = 0) -> int:
    number = js_to_number(value) if value is not UNDEFINED else default
    return default if isinstance(number, float) and math.isnan(number) else int(number)


def _slice(length: int, start: Any, end: Any) -> slice:
    s = _to_int(start, 0)
    e = length if end is UNDEFINED else _to_int(end, length)
    return slice(s, e)


def _string_method(text: str, name: str) -> Callable | None:
    methods: dict[str, Callable] = {
        "includes": lambda sub, pos=0: _string(sub) in text[_to_int(pos):],
        "startsWith": lambda sub, pos=0: text.startswith(_string(sub), _to_int(pos)),
        "endsWith": lambda sub: text.endswith(_string(sub)),
        "indexOf": lambda sub: text.find(_string(sub)),
        "toLowerCase": lambda: text.lower(),
        "toUpperCase": lambda: text.upper(),
        "trim": lambda: text.strip(JS_WHITESPACE),
        "split": lambda sep=UNDEFINED, limit=UNDEFINED: _split(text, sep, limit),
        "slice": lambda start=0, end=UNDEFINED: text[_slice(len(text), start, end)],
        "replace": lambda old, new: text.replace(_string(old), _string(new), 1) if isinstance(old, str)
        else _unsupported("replace with a regular expression"),
    }
    return methods.get(name)


def _split(text: str, sep: Any, limit: Any) -> list[str]:
    if sep is UNDEFINED:
        parts = [text]
    elif sep == "":
        parts = list(text)
    else:
        parts = text.split(_string(sep))
    return parts if limit is UNDEFINED else parts[:_to_int(limit)]


def _unsupported(what: str) -> Any:
    raise TypeError(f"{what} is not supported by the translation")


def _array_method(items: list, name: str) -> Callable | None:
    methods: dict[str, Callable] = {
        "includes": lambda value: any(js_strict_eq(v, value) or (_nan(v) and _nan(value)) for v in items),
        "indexOf": lambda value: next((i for i, v in enumerate(items) if js_strict_eq(v, value)), -1),
        "join": lambda sep=",": (_string(sep) if sep is not UNDEFINED else ",").join(
            "" if v is None or v is UNDEFINED else _string(v) for v in items),
        "slice": lambda start=0, end=UNDEFINED: items[_slice(len(items), start, end)],
    }
    return methods.get(name)


def _nan(value: Any) -> bool:
    return isinstance(value, float) and math.isnan(value)


def js_member(obj: Any, name: str) -> Any:
    if obj is None or obj is UNDEFINED:
        raise TypeError(f"Cannot read properties of {_string(obj)} (reading '{name}')")
    if isinstance(obj, str):
        if name == "length":
            return _utf16_length(obj)
        return _string_method(obj, name) or UNDEFINED
    if isinstance(obj, list):
        if name == "length":
            return len(obj)
        return _array_method(obj, name) or UNDEFINED
    if isinstance(obj, Mapping):
        return obj.get(name, UNDEFINED)
    if isinstance(obj, _Namespace):
        return obj.members.get(name, UNDEFINED)
    return UNDEFINED


def js_index(obj: Any, key: Any) -> Any:
    if obj is None or obj is UNDEFINED:
        raise TypeError(f"Cannot read properties of {_string(obj)}")
    if isinstance(obj, (str, list)) and isinstance(key, (int, float)) and not isinstance(key, bool):
        index = key
        if index == int(index) and 0 <= index < len(obj):
            return obj[int(index)]
        return UNDEFINED
    return js_member(obj, _string(key))


def js_call(fn: Any, *args: Any) -> Any:
    if not callable(fn):
        raise TypeError(f"{_string(fn)} is not a function")
    return fn(*args)


class _Namespace:
    def __init__(self, members: dict[str, Any]) -> None:
        self.members = members


def _json_parse(text: Any) -> Any:
    def refuse(name: str) -> Any:
        raise ValueError(f"Unexpected token {name}")

    return to_js(json.loads(_string(text), parse_constant=refuse))


def _json_stringify(value: Any, *_: Any) -> Any:
    return UNDEFINED if value is UNDEFINED else json_stringify(value)


def _parse_int(value: Any, base: Any = 10) -> Any:
    return parse_int(_string(value), math.nan, _to_int(base, 10) or 10)


def _parse_float(value: Any) -> Any:
    return parse_float(_string(value), math.nan)


def _math_round(value: Any) -> Any:
    number = js_to_number(value)
    return number if math.isnan(number) or math.isinf(number) else math.floor(number + 0.5)


JS = {
    "JSON": _Namespace({"parse": _json_parse, "stringify": _json_stringify}),
    "Number": js_to_number,
    "String": _string,
    "Boolean": js_truthy,
    "parseInt": _parse_int,
    "parseFloat": _parse_float,
    "Math": _Namespace({"abs": lambda x: _number_result(abs(js_to_number(x))),
                        "min": lambda *xs: _number_result(min(js_to_number(x) for x in xs)) if xs else math.inf,
                        "max": lambda *xs: _number_result(max(js_to_number(x) for x in xs)) if xs else -math.inf,
                        "round": _math_round,
                        "floor": lambda x: _number_result(math.floor(js_to_number(x))),
                        "ceil": lambda x: _number_result(math.ceil(js_to_number(x)))}),
}

# ---- the translator --------------------------------------------------------------------------

def javascript_assertion(output: str, item: Mapping[str, Any], evaluate: Callable, *, threshold: float | None = None,
                         inverse: bool = False, config: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """Run a translated assertion (`evaluate(output, context)`) and read its result as promptfoo does."""
    try:
        result = evaluate(output, to_js(context(item, config)))
    except Exception as exc:  # a thrown error fails the assertion, as in promptfoo
        return {"score": 0.0, "pass": False, "reason": f"Custom function threw error: {exc}"}
    if isinstance(result, bool) or (isinstance(result, (int, float)) and not isinstance(result, bool)):
        return normalize(result, threshold, inverse, label="Custom function")
    return {"score": 0.0, "pass": False, "reason": "Custom function must return a boolean, number, or "
                                                   f"GradingResult object; got {type_of(result)}"}


_TOKEN = re.compile(r"""
    (?P<space>\s+)
  | (?P<number>(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)
  | (?P<string>"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')
  | (?P<name>[A-Za-z_$][A-Za-z0-9_$]*)
  | (?P<op>===|!==|==|!=|<=|>=|&&|\|\||[-+*/%<>!?:.,()\[\]])
""", re.VERBOSE)
_GLOBALS = {"output": "output", "context": "context", "true": "True", "false": "False", "null": "None",
            "undefined": "UNDEFINED", "NaN": "float('nan')", "Infinity": "float('inf')"}


def translate(code: str) -> str:
    """A Python expression (over `output`, `context` and this module's helpers) for a JS assertion."""
    text = code.strip()
    if "\n" in text:
        body = re.fullmatch(r"return\s+([\s\S]*?);?\s*", text)
        if not body:
            raise JavascriptNotTranslatable("a multi-line function body other than a single `return`")
        text = body.group(1)
    text = re.sub(r";+\s*$", "", text)
    if re.match(r"(const|let|var)\s", text) or ";" in text.replace("';'", "").replace('";"', ""):
        raise JavascriptNotTranslatable("statements or declarations")
    parser = _Parser(_tokens(text))
    expression = parser.expression()
    if parser.peek() is not None:
        raise JavascriptNotTranslatable(f"unexpected {parser.peek()[1]!r}")
    return expression


def _tokens(text: str) -> list[tuple[str, str]]:
    out, pos = [], 0
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if not m:
            raise JavascriptNotTranslatable(f"unsupported syntax at {text[pos:pos + 12]!r}")
        pos = m.end()
        if m.lastgroup != "space":
            out.append((m.lastgroup, m.group(0)))
    return out


class _Parser:
    def __init__(self, tokens: list[tuple[str, str]]) -> None:
        self.tokens, self.i = tokens, 0

    def peek(self) -> tuple[str, str] | None:
        return self.tokens[self.i] if self.i < len(self.tokens) else None

    def take(self, value: str | None = None) -> tuple[str, str]:
        tok = self.peek()
        if tok is None or (value is not None and tok[1] != value):
            raise JavascriptNotTranslatable(f"expected {value or 'more'}")
        self.i += 1
        return tok

    def accept(self, *values: str) -> str | None:
        tok = self.peek()
        if tok is not None and tok[0] == "op" and tok[1] in values:
            self.i += 1
            return tok[1]
        return None

    def expression(self) -> str:
        cond = self.binary(0)
        if self.accept("?"):
            yes = self.expression()
            self.take(":")
            no = self.expression()
            return f"(({yes}) if js_truthy({cond}) else ({no}))"
        return cond

    _LEVELS = (("||",), ("&&",), ("===", "!==", "==", "!="), ("<", "<=", ">", ">="), ("+", "-"), ("*", "/", "%"))

    def binary(self, level: int) -> str:
        if level == len(self._LEVELS):
            return self.unary()
        left = self.binary(level + 1)
        while (op := self.accept(*self._LEVELS[level])) is not None:
            right = self.binary(level + 1)
            if op in ("==", "!="):
                raise JavascriptNotTranslatable(f"`{op}` (loose equality); use `{op}=`")
            left = {"||": f"js_or({left}, lambda: {right})", "&&": f"js_and({left}, lambda: {right})",
                    "===": f"js_strict_eq({left}, {right})", "!==": f"(not js_strict_eq({left}, {right}))",
                    "+": f"js_add({left}, {right})"}.get(op) or (
                f"js_compare({op!r}, {left}, {right})" if op in ("<", "<=", ">", ">=") else
                f"js_arith({op!r}, {left}, {right})")
        return left

    def unary(self) -> str:
        if self.accept("!"):
            return f"js_not({self.unary()})"
        if self.accept("-"):
            return f"js_neg({self.unary()})"
        if self.accept("+"):
            return f"js_to_number({self.unary()})"
        tok = self.peek()
        if tok == ("name", "typeof"):
            self.i += 1
            return f"type_of({self.unary()})"
        return self.postfix()

    def postfix(self) -> str:
        value = self.primary()
        while True:
            if self.accept("."):
                kind, name = self.take()
                if kind != "name":
                    raise JavascriptNotTranslatable("a member name")
                value = f"js_member({value}, {name!r})"
            elif self.accept("["):
                index = self.expression()
                self.take("]")
                value = f"js_index({value}, {index})"
            elif self.accept("("):
                args = []
                if not self.accept(")"):
                    args.append(self.expression())
                    while self.accept(","):
                        args.append(self.expression())
                    self.take(")")
                value = f"js_call({', '.join([value, *args])})"
            else:
                return value

    def primary(self) -> str:
        kind, text = self.take()
        if kind == "number":
            number = float(text)
            return repr(int(number)) if number.is_integer() and abs(number) < 2 ** 53 else repr(number)
        if kind == "string":
            return repr(_decode_string(text))
        if kind == "name":
            if text in _GLOBALS:
                return _GLOBALS[text]
            if text in JS:
                return f"JS[{text!r}]"
            raise JavascriptNotTranslatable(f"the name {text!r}")
        if text == "(":
            inner = self.expression()
            self.take(")")
            return f"({inner})"
        if text == "[":
            items = []
            if not self.accept("]"):
                items.append(self.expression())
                while self.accept(","):
                    items.append(self.expression())
                self.take("]")
            return f"[{', '.join(items)}]"
        raise JavascriptNotTranslatable(f"unexpected {text!r}")


_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "v": "\v", "0": "\0"}


def _decode_string(literal: str) -> str:
    body, out, i = literal[1:-1], [], 0
    while i < len(body):
        ch = body[i]
        if ch != "\\":
            out.append(ch)
            i += 1
            continue
        nxt = body[i + 1]
        if nxt in _ESCAPES:
            out.append(_ESCAPES[nxt])
            i += 2
        elif nxt == "u" and re.fullmatch(r"[0-9a-fA-F]{4}", body[i + 2:i + 6]):
            out.append(chr(int(body[i + 2:i + 6], 16)))
            i += 6
        elif nxt == "x" and re.fullmatch(r"[0-9a-fA-F]{2}", body[i + 2:i + 4]):
            out.append(chr(int(body[i + 2:i + 4], 16)))
            i += 4
        else:
            out.append(nxt)
            i += 2
    return "".join(out)
