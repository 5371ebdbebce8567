"""The one sandboxed Jinja2 environment every prompt is rendered in, and what lint and eval read
of a template (its variables, filters, tests and syntax errors, from jinja2's parser and `jinja2.meta`).

Prompt templates arrive in pull requests, so they are untrusted code. The sandbox blocks attribute
access such as `''.__class__.__mro__` and calls that modify lists and dicts; `StrictUndefined`
turns a missing variable into an error instead of an empty string in the prompt. Untrusted code
must also stay small and short: `{{ 7 ** 999999999 }}` computes for hours, `{{ "x" * 10**10 }}`
asks for 10 GB, nested `range` loops run 10^10 times. Every operation that can grow a value is
checked before it runs (arithmetic through the sandbox's `call_binop`, string and bytes methods
through its `call`, the growing filters, `range` and every `{% for %}` against one budget of
iterations per render, `~` joins), and the output is collected through `generate()` with a running
size check; going past a limit is a TemplateError (exit 2), never a hang or a MemoryError. A value
need not be printed to cost: `{{ (x.encode() * 10**10) | length }}` prints 11 characters after
building 10 GB, so what is checked is the size of each value as it is made. Formatting multiplies:
`("{0}" * 3000).format(s)` or `("%(a)s" * 3000) | format(a=s)` repeats a 1 MB `s` 3000 times, and
`s.translate({97: "b" * 3000})` writes 3000 characters for each `a`; their result is measured from
the format's fields (or the table) before they run.

Two things grow without any single operation growing much. A value built of shared parts
(`{% set b = [a] * 2000000 %}` with `a = [0] * 2000000`, or `[x, x]` doubled in a loop) is small
in memory but 4·10^12 elements to print, compare or join; so every list, tuple and dict a template
builds (literal, `*`, `+`, a call's result, `batch`/`slice` fill) is measured in *cells* (elements,
nested, with a string's characters), shared parts counted each time they appear, and refused past
MAX_CELLS. And a macro calling itself twice `n` times makes 2^n calls without a loop: every
call (macros and `caller()` included) is charged to the iteration budget.
"""

from __future__ import annotations

import contextvars
import functools
import re
import string
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import jinja2
from jinja2 import meta, nodes
from jinja2.compiler import CodeGenerator, Frame
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError

from lmgate.errors import Location, SandboxViolation, TemplateError

MAX_OUTPUT_CHARS = 2_000_000  # a prompt larger than this is a bug (or a `{% for %}` bomb)
MAX_ITERATIONS = 1_000_000    # loop iterations and range() items in one render, nested loops included
MAX_INT_BITS = 100_000        # about 30,000 digits: no prompt needs a larger number
MAX_CELLS = 8_000_000         # elements of one built value, nested parts counted each time (see below)
LOOP_GUARD = "__lmgate_loop"  # the global every `{% for %}` iterable passes through
LIMITS_FIX = ("prompts may compute, repeat and loop only within lmgate's limits: "
              f"{MAX_OUTPUT_CHARS:,} characters, {MAX_ITERATIONS:,} loop iterations per render, "
              f"numbers of {MAX_INT_BITS:,} bits")


class TemplateLimit(Exception):
    """A template went past one of the limits above (raised inside the render, reported as TemplateError)."""


_BUDGET: contextvars.ContextVar[list[int]] = contextvars.ContextVar("lmgate_template_budget")


def _charge(count: int) -> None:
    budget = _BUDGET.get(None)
    if budget is None:  # lmgate's own templates (the report) rendered outside `render`
        return
    budget[0] -= count
    if budget[0] < 0:
        raise TemplateLimit(f"the template loops more than {MAX_ITERATIONS:,} times")


_CELLS: contextvars.ContextVar[dict[int, tuple[int, Any]]] = contextvars.ContextVar("lmgate_template_cells")


def _cells(value: Any, known: dict[int, tuple[int, Any]]) -> int:
    """Elements of `value`, nested, shared parts counted each time (what printing it walks), stopping
    early past the limit. Containers are immutable in the sandbox, so a part's count is kept by id
    (with the part itself, so that the id is not reused) and each part is walked once per render."""
    if isinstance(value, (str, bytes)):
        return 1 + len(value)
    if isinstance(value, int):
        return 1 + value.bit_length() // 3  # its digits
    if isinstance(value, jinja2.utils.Namespace):  # printed with everything it holds
        value = value._Namespace__attrs  # type: ignore[attr-defined]
    if not isinstance(value, (list, tuple, dict)):
        return 1
    hit = known.get(id(value))
    if hit is not None:
        return hit[0]
    total = 1
    for item in (value.items() if isinstance(value, dict) else value):
        total += _cells(item, known)
        if total > MAX_CELLS:
            break
    known[id(value)] = (total, value)
    return total


def _check_cells(count: int | Callable[[dict[int, tuple[int, Any]]], int], what: str) -> None:
    known = _CELLS.get(None)
    if known is None:  # lmgate's own templates, rendered outside `render`
        return
    total = count(known) if callable(count) else count
    if total > MAX_CELLS:
        raise TemplateLimit(f"{what} would hold {total:,} elements, nested parts counted each time they appear "
                            f"(at most {MAX_CELLS:,})")


def _bounded_value(value: Any) -> Any:
    """A list, tuple or dict the template just built, measured before it is used."""
    if isinstance(value, (list, tuple, dict, jinja2.utils.Namespace)):
        _check_cells(lambda known: _cells(value, known), "a list or dict")
    return value


def _size(value: Any) -> int | None:
    return len(value) if isinstance(value, (str, bytes, list, tuple)) else None


def _check_size(size: int, what: str) -> None:
    if size > MAX_OUTPUT_CHARS:
        raise TemplateLimit(f"{what} would be {size:,} long (at most {MAX_OUTPUT_CHARS:,})")


def _check_count(value: Any, what: str) -> None:
    if isinstance(value, int) and value > MAX_OUTPUT_CHARS:
        raise TemplateLimit(f"{what} {value:,} is above {MAX_OUTPUT_CHARS:,}")


# `%` conversions and `{:…}` format specs: a width or precision is the length of what they write
_PRINTF_WIDTHS = re.compile(r"%(?:\([^)]*\))?[-#0 +]*(\*|\d+)?(?:\.(\*|\d+))?")
_FORMAT_SPECS = re.compile(r"\{[^{}]*?:([^{}]*)\}")
_NESTED_SPEC = re.compile(r"\{[^{}]*?:[^{}]*\{")


def _check_widths(fmt: Any, pattern: re.Pattern[str]) -> None:
    if not isinstance(fmt, str) or ("%" not in fmt and "{" not in fmt):
        return
    for m in pattern.finditer(fmt):
        widths = m.groups() if pattern is _PRINTF_WIDTHS else re.findall(r"\d+", m.group(1))
        for width in filter(None, widths):
            if width == "*" or len(width) > 7 or int(width) > MAX_OUTPUT_CHARS:
                raise TemplateLimit(f"a format width of {width} is above {MAX_OUTPUT_CHARS:,}")


# a `%` conversion: its mapping key, width, precision and type (`*` widths are refused by _check_widths)
_PRINTF_CONVERSION = re.compile(r"%(?:\(([^)]*)\))?[-#0 +]*(\d*)(?:\.(\d*))?[hlL]?(.)", re.DOTALL)
_REPR_GROWTH = 10  # repr() writes a character as at most `\U0001xxxx`


def _text_size(value: Any, conversion: str | None = None) -> int:
    """At most how long `value` prints (with `!r`/`!a`/`%r` as its repr), without printing it."""
    if isinstance(value, (str, bytes)):
        size = len(value)
    elif isinstance(value, int):
        size = value.bit_length() // 3 + 2
    elif isinstance(value, (list, tuple, dict, jinja2.utils.Namespace)):
        size = _cells(value, {}) * _REPR_GROWTH  # a container prints its items' reprs
    else:
        size = len(str(value))
    return size * _REPR_GROWTH + 2 if conversion in ("r", "a") else size


def _format_size(fmt: str, args: tuple[Any, ...], kwargs: Mapping[str, Any]) -> int:
    """At most how long `fmt.format(*args, **kwargs)` is: a field may name one argument many times."""
    try:
        fields = list(string.Formatter().parse(fmt))
    except ValueError:  # the call itself fails
        return len(fmt)
    ints = [v for v in (*args, *kwargs.values()) if isinstance(v, int)]
    total, auto = 0, 0
    for literal, field, spec, conversion in fields:
        total += len(literal)
        if field is None:
            continue
        key = re.match(r"[^.\[]*", field).group(0)  # type: ignore[union-attr]
        if key == "":
            key, auto = str(auto), auto + 1
        value = args[int(key)] if key.isdigit() and int(key) < len(args) else kwargs.get(key, "")
        # a nested `{1}` in the spec is an argument, already held under MAX_OUTPUT_CHARS by _check_widths
        widths = [int(w) for w in re.findall(r"\d+", spec or "")] if "{" not in (spec or "") else ints
        total += max(max(widths, default=0), _text_size(value, conversion))
    return total


def _printf_size(fmt: str | bytes, values: Any) -> int:
    """At most how long `fmt % values` is: a `%(key)s` may name one value many times."""
    text = fmt if isinstance(fmt, str) else fmt.decode("latin-1")
    mapping = values if isinstance(values, Mapping) else {}
    positional = values if isinstance(values, tuple) else (values,)
    total, index = len(text), 0
    for m in _PRINTF_CONVERSION.finditer(text):
        key, width, precision, kind = m.groups()
        if kind == "%":
            continue
        if key is not None:
            value = mapping.get(key, "")
        else:
            value, index = (positional[index] if index < len(positional) else ""), index + 1
        total += max(int(width or 0), _text_size(value, "r" if kind in "ra" else None) + int(precision or 0))
    return total


def _translated_size(text: str, table: Any) -> int:
    """At most how long `text.translate(table)` is: each character may become a string of the table."""
    values = table.values() if isinstance(table, Mapping) else table if isinstance(table, (list, tuple)) else ()
    longest = max((len(v) for v in values if isinstance(v, str)), default=1)
    return len(text) * max(longest, 1)


def _check_joined(separator: str | bytes, items: list[Any]) -> None:
    """Refuse `separator.join(items)` (Python's or JavaScript's) before it is made, by its length."""
    _check_size(len(separator) * max(len(items) - 1, 0) + sum(_text_size(x) for x in items), "the joined text")


def _replaced_size(text: str | bytes, old: Any, new: Any, count: Any = -1) -> int:
    if not (isinstance(old, type(text)) and isinstance(new, type(text))):  # the call fails, or str() is taken
        old, new = type(text)(str(old), "utf-8") if isinstance(text, bytes) else str(old), str(new)
    hits = (len(text) + 1) if not old else text.count(old)
    if isinstance(count, int) and count >= 0:
        hits = min(hits, count)
    return len(text) + hits * (len(new) - len(old))


def _guard_loop(iterable: Any) -> Any:
    """Every `{% for %}` iterates through this: sized iterables are charged at once, others per item."""
    try:
        count = len(iterable)
    except TypeError:
        return _counted(iterable)
    _charge(count)
    return iterable


def _counted(iterable: Iterable[Any]) -> Iterator[Any]:
    for item in iterable:
        _charge(1)
        yield item


def _range(*args: int) -> range:
    span = range(*args)
    _charge(len(span))
    return span


def _bounded_filters(filters: Mapping[str, Callable]) -> dict[str, Callable]:
    """The built-in filters that can grow a value, each checked before it runs."""
    center, indent, fmt, join, replace, batch = (filters[n] for n in ("center", "indent", "format", "join",
                                                                      "replace", "batch"))
    slice_, wordwrap, total = filters["slice"], filters["wordwrap"], filters["sum"]

    def do_center(value: Any, width: int = 80) -> str:
        _check_count(width, "center width")
        return center(value, width)

    def do_indent(s: Any, width: Any = 4, first: bool = False, blank: bool = False) -> str:
        if isinstance(width, int):
            _check_size((str(s).count("\n") + 1) * max(width, 0) + len(str(s)), "the indented text")
        elif isinstance(width, str):
            _check_size((str(s).count("\n") + 1) * len(width) + len(str(s)), "the indented text")
        return indent(s, width, first, blank)

    def do_format(value: Any, *args: Any, **kwargs: Any) -> str:
        _check_widths(value, _PRINTF_WIDTHS)
        if isinstance(value, str) and "%" in value:
            _check_size(_printf_size(value, kwargs or args), "the formatted text")
        return fmt(value, *args, **kwargs)

    @jinja2.pass_eval_context
    def do_join(eval_ctx: Any, value: Any, d: str = "", attribute: Any = None) -> str:
        items = value if isinstance(value, (list, tuple)) else list(value)
        size = len(str(d)) * max(len(items) - 1, 0)
        if attribute is None:
            size += sum(len(x) if isinstance(x, str) else len(str(x)) for x in items)
        _check_size(size, "the joined text")
        return join(eval_ctx, items, d, attribute)

    @jinja2.pass_eval_context
    def do_replace(eval_ctx: Any, s: Any, old: str, new: str, count: int | None = None) -> str:
        _check_size(_replaced_size(str(s), str(old), str(new), -1 if count is None else count), "the replaced text")
        return replace(eval_ctx, s, old, new, count)

    def do_batch(value: Any, linecount: int, fill_with: Any = None) -> Any:
        _check_count(linecount, "batch size")
        if fill_with is not None and isinstance(linecount, int):
            _check_cells(lambda known: linecount * _cells(fill_with, known), "the batch's filling")
        return batch(value, linecount, fill_with)

    def do_slice(value: Any, slices: int, fill_with: Any = None) -> Any:
        _check_count(slices, "slice count")
        if fill_with is not None and isinstance(slices, int):
            _check_cells(lambda known: slices * _cells(fill_with, known), "the slices' filling")
        return slice_(value, slices, fill_with)

    @jinja2.pass_environment
    def do_sum(environment: Any, iterable: Any, attribute: Any = None, start: Any = 0) -> Any:
        if not isinstance(start, (list, tuple)):
            return total(environment, iterable, attribute, start)
        # lists: joined in one pass (Python's sum copies the growing list at every step: quadratic)
        parts = list(iterable if attribute is None else map(jinja2.filters.make_attrgetter(environment, attribute),
                                                               iterable))
        joined = list(start)
        for part in parts:
            if not isinstance(part, (list, tuple)):
                raise TypeError(f"can only concatenate lists, not {type(part).__name__}")
            _check_size(len(joined) + len(part), "the summed list")
            joined.extend(part)
        return _bounded_value(type(start)(joined))

    @jinja2.pass_environment
    def do_wordwrap(environment: Any, s: str, width: int = 79, break_long_words: bool = True,
                    wrapstring: str | None = None, break_on_hyphens: bool = True) -> str:
        lines = len(s) // max(int(width), 1) + s.count("\n") + 1
        _check_size(len(s) + lines * len(wrapstring or environment.newline_sequence), "the wrapped text")
        return wordwrap(environment, s, width, break_long_words, wrapstring, break_on_hyphens)

    return {"center": do_center, "indent": do_indent, "format": do_format, "join": do_join, "replace": do_replace,
            "batch": do_batch, "slice": do_slice, "wordwrap": do_wordwrap, "sum": do_sum}


_STR_WIDTH_METHODS = ("ljust", "rjust", "center", "zfill", "expandtabs")


class BoundedSandbox(ImmutableSandboxedEnvironment):
    """The sandbox, with every growing operation checked before it runs (see the module docstring)."""

    intercepted_binops = frozenset({"**", "*", "%", "+"})

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.code_generator_class = _BoundedCodeGenerator
        self.filters.update(_bounded_filters(self.filters))
        self.globals.update({"range": _range, LOOP_GUARD: _guard_loop, "lipsum": self._lipsum})

    def _lipsum(self, n: int = 5, html: bool = True, min: int = 20, max: int = 100) -> str:
        _check_size(n * max * 12, "the lorem ipsum")  # at most `max` words of under 12 characters each
        return jinja2.utils.generate_lorem_ipsum(n, html, min, max)

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "**" and isinstance(left, int) and isinstance(right, int) and right > 0 and abs(left) > 1:
            if right * abs(left).bit_length() > MAX_INT_BITS:
                raise TemplateLimit(f"{left} ** {right} would be a number of about {right * abs(left).bit_length():,} "
                                    f"bits (at most {MAX_INT_BITS:,})")
        elif operator == "*":
            for times, seq in ((left, right), (right, left)):
                if isinstance(times, int) and _size(seq) is not None:
                    _check_size(times * _size(seq), "the repeated value")  # type: ignore[operator]
                    if isinstance(seq, (list, tuple)):
                        _check_cells(lambda known, t=times, q=seq: t * _cells(q, known), "the repeated value")
            if isinstance(left, int) and isinstance(right, int) and \
                    left.bit_length() + right.bit_length() > MAX_INT_BITS:
                raise TemplateLimit(f"a product of {left.bit_length() + right.bit_length():,} bits is above "
                                    f"{MAX_INT_BITS:,}")
        elif operator == "+" and _size(left) is not None and _size(right) is not None:
            _check_size(_size(left) + _size(right), "the concatenated value")  # type: ignore[operator]
            if isinstance(left, (list, tuple)) and isinstance(right, (list, tuple)):
                _check_cells(lambda known: _cells(left, known) + _cells(right, known), "the concatenated value")
        elif operator == "%":
            _check_widths(left, _PRINTF_WIDTHS)
            if isinstance(left, (str, bytes)):
                _check_size(_printf_size(left, right), "the formatted text")
        return super().call_binop(context, operator, left, right)

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        _charge(1)  # a macro calling itself twice makes 2^n calls without a single loop
        method = getattr(__obj, "__wrapped__", __obj)  # str.format arrives wrapped by the sandbox
        owner = getattr(method, "__self__", None)
        if isinstance(owner, (str, bytes)):  # `"x".encode()` has the same growing methods
            name = getattr(method, "__name__", "")
            if name in _STR_WIDTH_METHODS:
                for value in (*args, *kwargs.values()):
                    if isinstance(value, int):
                        _check_size(len(owner) * (value if name == "expandtabs" else 1) + value,
                                    f"{type(owner).__name__}.{name}()")
            elif name == "replace" and len(args) >= 2:
                _check_size(_replaced_size(owner, args[0], args[1], *args[2:3]), "the replaced text")
            elif name == "join" and args:
                items = list(args[0])
                _check_joined(owner, items)
                args = (items, *args[1:])
            elif name == "translate" and args and isinstance(owner, str):
                _check_size(_translated_size(owner, args[0]), "the translated text")
            elif name in ("format", "format_map") and isinstance(owner, str):
                _check_widths(owner, _FORMAT_SPECS)
                if _NESTED_SPEC.search(owner):  # `{0:{1}}`: the width is an argument
                    values = [*args, *kwargs.values()]
                    if name == "format_map" and args and isinstance(args[0], Mapping):
                        values = list(args[0].values())
                    for value in values:
                        _check_widths(f"{{:{value}}}" if isinstance(value, (int, str)) else "", _FORMAT_SPECS)
                mapping = args[0] if name == "format_map" and args and isinstance(args[0], Mapping) else kwargs
                _check_size(_format_size(owner, args if name == "format" else (), mapping), "the formatted text")
        return _bounded_value(super().call(__context, __obj, *args, **kwargs))

    bounded_value = staticmethod(_bounded_value)

    def bounded_join(self, join: Callable[[Iterable[Any]], str], parts: tuple[Any, ...]) -> str:
        """`a ~ b ~ c`: the parts' lengths are checked before they are joined."""
        _check_size(sum(len(p) if isinstance(p, str) else len(str(p)) for p in parts), "the joined text")
        return join(parts)


class _BoundedCodeGenerator(CodeGenerator):
    """Compiles every `{% for %}` iterable through LOOP_GUARD and every `~` through `bounded_join`;
    Jinja's `code_generator_class` hook, since the sandbox has no hook for iteration or `~`."""

    def visit_Template(self, node: nodes.Template, frame: Frame | None = None) -> None:
        for loop in node.find_all(nodes.For):  # a fresh tree per compile: changing it affects no other reader
            loop.iter = nodes.Call(nodes.Name(LOOP_GUARD, "load", lineno=loop.lineno), [loop.iter], [], None, None,
                                   lineno=loop.lineno)
        super().visit_Template(node, frame)

    def visit_List(self, node: nodes.List, frame: Frame) -> None:
        self.write("environment.bounded_value(")
        super().visit_List(node, frame)
        self.write(")")

    def visit_Dict(self, node: nodes.Dict, frame: Frame) -> None:
        self.write("environment.bounded_value(")
        super().visit_Dict(node, frame)
        self.write(")")

    def visit_Tuple(self, node: nodes.Tuple, frame: Frame) -> None:
        if node.ctx != "load":  # `{% for a, b in … %}`: an assignment target, not a value
            return super().visit_Tuple(node, frame)
        self.write("environment.bounded_value(")
        super().visit_Tuple(node, frame)
        self.write(")")

    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        # the join Jinja picks (escaping under autoescape), handed to bounded_join with the parts
        if frame.eval_ctx.volatile:
            join = "(markup_join if context.eval_ctx.volatile else str_join)"
        else:
            join = "markup_join" if frame.eval_ctx.autoescape else "str_join"
        self.write(f"environment.bounded_join({join}, (")
        for part in node.nodes:
            self.visit(part, frame)
            self.write(", ")
        self.write("))")


@functools.lru_cache(maxsize=1)
def environment() -> BoundedSandbox:
    # optimized=False: Jinja's optimizer folds constant expressions while compiling, outside the
    # sandbox's runtime checks, so `{{ 7 ** 999999999 }}` would hang the compiler (lint included)
    return BoundedSandbox(undefined=jinja2.StrictUndefined, autoescape=False, keep_trailing_newline=True,
                          optimized=False)


@functools.lru_cache(maxsize=4096)
def compile_template(source: str, name: str = "<template>", first_line: int = 1) -> jinja2.Template:
    try:
        return environment().from_string(source)
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(f"template syntax error: {exc.message}",
                            where=Location(name, first_line + (exc.lineno or 1) - 1),
                            fix="fix the Jinja syntax (unclosed {{ or {%, unknown tag?)") from exc


def _stub(*args: Any, **kwargs: Any) -> None:
    return None


class _AnyName(dict):
    """Filters or tests where every name resolves: `jinja2.meta` runs Jinja's code generator, which
    refuses a filter it does not know, and lint still wants the variables of such a template (the
    unknown filter is a finding of its own)."""

    def get(self, key: Any, default: Any = None) -> Any:
        return dict.get(self, key, _stub)


@functools.lru_cache(maxsize=1)
def _reader() -> BoundedSandbox:
    env = environment().overlay()
    env.filters, env.tests = _AnyName(env.filters), _AnyName(env.tests)
    return env


@dataclass(frozen=True)
class TemplateFacts:
    """What a template reads, from jinja2's own parser and `jinja2.meta`; shared (never modify `tree`)."""

    tree: nodes.Template
    variables: frozenset[str]                   # looked up from the context: what the caller must supply
    filters: tuple[tuple[str, int], ...]        # (name, line) of every filter use, by line
    tests: tuple[tuple[str, int], ...]          # (name, line) of every test use (`is defined`), by line

    def unknown(self) -> list[tuple[str, str, int]]:
        """("filter" | "test", name, line) of each filter and test the sandbox does not define, by line."""
        env = environment()
        found = [("filter", n, line) for n, line in self.filters if n not in env.filters]
        found += [("test", n, line) for n, line in self.tests if n not in env.tests]
        return sorted(found, key=lambda c: c[2])


@dataclass(frozen=True)
class TemplateSyntax:
    """Why a template does not compile, and the line (1-based, in the template) Jinja names."""

    message: str
    line: int


@functools.lru_cache(maxsize=8192)  # lint and eval ask about the same texts; parsing is the slow part
def _read(source: str) -> TemplateFacts | TemplateSyntax:
    try:
        tree = _reader().parse(source)
        # runs Jinja's code generator: compile-time errors (a block defined twice) count as syntax errors
        variables = frozenset(meta.find_undeclared_variables(tree))
    except jinja2.TemplateSyntaxError as exc:
        return TemplateSyntax(exc.message or "cannot parse", exc.lineno or 1)
    calls = sorted(tree.find_all((nodes.Filter, nodes.Test)), key=lambda n: n.lineno)
    return TemplateFacts(tree, variables, tuple((n.name, n.lineno) for n in calls if isinstance(n, nodes.Filter)),
                         tuple((n.name, n.lineno) for n in calls if isinstance(n, nodes.Test)))


def template_facts(source: str) -> TemplateFacts | None:
    """The template's variables, filters and tests, or None when it does not compile."""
    read = _read(source)
    return read if isinstance(read, TemplateFacts) else None


def syntax_error(source: str) -> TemplateSyntax | None:
    read = _read(source)
    return read if isinstance(read, TemplateSyntax) else None


# Text plus plain `{{ name }}` placeholders renders exactly as str() of each value (autoescape is
# off, no finalize), so such templates — most eval prompts and metric options — skip Jinja's
# per-render context set-up (~0.1 ms, which is most of an eval item's cost on a fast endpoint).
_PLAIN_VAR = re.compile(r"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}")
_JINJA_MARK = re.compile(r"\{[{%#]|[%#]\}|\}\}")


@functools.lru_cache(maxsize=4096)
def _plain_parts(source: str) -> tuple[str, ...] | None:
    parts = _PLAIN_VAR.split(source)
    return None if any(_JINJA_MARK.search(p) for p in parts[::2]) else tuple(parts)


def _generate(template: jinja2.Template, variables: Mapping[str, Any]) -> str:
    """The rendered text, collected chunk by chunk within MAX_OUTPUT_CHARS and the iteration budget."""
    token, cells = _BUDGET.set([MAX_ITERATIONS]), _CELLS.set({})
    try:
        out, size = [], 0
        for chunk in template.generate(**variables):
            size += len(chunk)
            if size > MAX_OUTPUT_CHARS:
                raise TemplateLimit(f"the rendered prompt is over {MAX_OUTPUT_CHARS:,} characters")
            out.append(chunk)
        return "".join(out)
    finally:
        _CELLS.reset(cells)
        _BUDGET.reset(token)


# What a template's own operations raise on values of the wrong kind: `{{ 'a'|xmlattr }}` an
# AttributeError, `{{ 'a'|truncate(1) }}` Jinja's AssertionError; a failed render, never a crash
RENDER_FAILURES = (TypeError, ValueError, ArithmeticError, LookupError, AttributeError, AssertionError,
                   jinja2.TemplateError)


def render(source: str, variables: Mapping[str, Any], name: str = "<template>", first_line: int | None = None) -> str:
    """Render in the sandbox; errors name `name` (and `first_line`, where the template starts in it)."""
    where = Location(name, first_line)
    parts = _plain_parts(source)
    if parts is not None and all(v in variables for v in parts[1::2]):
        texts = [str(variables[p]) if i % 2 else p for i, p in enumerate(parts)]
        if sum(map(len, texts)) > MAX_OUTPUT_CHARS:
            raise TemplateError(f"the rendered prompt is over {MAX_OUTPUT_CHARS:,} characters", where=where,
                                fix=LIMITS_FIX)
        return "".join(texts)
    template = compile_template(source, name, first_line or 1)
    try:
        return _generate(template, variables)
    except SecurityError as exc:
        raise SandboxViolation(f"unsafe template operation blocked: {exc}", where=where,
                               fix="prompts may only read variables; remove attribute access to "
                                   "Python internals") from exc
    except jinja2.UndefinedError as exc:
        raise TemplateError(f"template uses an undefined variable: {exc.message}", where=where,
                            fix="add the field to every dataset item, to the suite's `vars`, or use "
                                "`{{ x | default('') }}`") from exc
    except (TemplateLimit, MemoryError, RecursionError) as exc:
        raise TemplateError(f"template stopped: {_limit_reason(exc)}",
                            where=Location(name, _template_line(exc, first_line)), fix=LIMITS_FIX) from None
    except RENDER_FAILURES as exc:
        raise TemplateError(f"template failed to render: {exc}", where=where) from exc


def _template_line(exc: BaseException, first_line: int | None) -> int | None:
    """The template line an error was raised on: Jinja rewrites tracebacks so that template code
    shows as frames of the file `<template>` with template line numbers."""
    tb, line = exc.__traceback__, None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    return first_line if line is None else (first_line or 1) + line - 1


def _limit_reason(exc: BaseException) -> str:
    if isinstance(exc, MemoryError):
        return "it needs more memory than there is"
    if isinstance(exc, RecursionError):
        return "it recurses too deeply (a macro calling itself?)"
    return str(exc)


class _ProbeUndefined(jinja2.ChainableUndefined):
    """Stands in for any variable, but fails at once where the sandbox refused an attribute."""

    def __init__(self, hint=None, obj=jinja2.utils.missing, name=None, exc=jinja2.UndefinedError):
        if exc is SecurityError:
            raise SecurityError(hint or f"access to {name!r} is unsafe")
        super().__init__(hint, obj, name, exc)


def probe(source: str, name: str = "<template>", first_line: int = 1) -> None:
    """Render with every variable stubbed, so sandbox violations and limits a template reaches on its
    own (`{{ 7 ** 999999999 }}`) surface before any model call."""
    env = environment().overlay(undefined=_ProbeUndefined)
    try:
        _generate(env.from_string(source), {})
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(f"template syntax error: {exc.message}",
                            where=Location(name, first_line + (exc.lineno or 1) - 1),
                            fix="fix the Jinja syntax (unclosed {{ or {%, unknown tag?)") from exc
    except SecurityError as exc:
        raise SandboxViolation(f"unsafe template operation blocked: {exc}", where=Location(name, first_line),
                               fix="prompts may only read variables; remove attribute access to "
                                   "Python internals") from exc
    except (TemplateLimit, MemoryError, RecursionError) as exc:
        raise TemplateError(f"template stopped: {_limit_reason(exc)}",
                            where=Location(name, _template_line(exc, first_line)), fix=LIMITS_FIX) from None
    except RENDER_FAILURES:
        pass  # stub values can trip type checks a real item would pass; only safety matters here


def undeclared_variables(source: str, name: str = "<template>") -> frozenset[str]:
    """The variables a template needs, or a TemplateError with the line of its syntax error."""
    read = _read(source)
    if isinstance(read, TemplateSyntax):
        raise TemplateError(f"template syntax error: {read.message}", where=Location(name, read.line),
                            fix="fix the Jinja syntax (unclosed {{ or {%, unknown tag?)")
    return read.variables
