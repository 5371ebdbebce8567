"""The one sandboxed Jinja2 environment every prompt is rendered in.

Prompt templates arrive in pull requests, so they are untrusted code: `SandboxedEnvironment`
blocks attribute access such as `''.__class__.__mro__`, and `StrictUndefined` turns a missing
variable into an error instead of silently rendering an empty string into the prompt.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import jinja2
from jinja2 import meta, nodes
from jinja2.sandbox import SandboxedEnvironment, SecurityError

from lmgate.errors import Location, SandboxViolation, TemplateError

MAX_OUTPUT_CHARS = 2_000_000  # a prompt larger than this is a bug (or a `{% for %}` bomb)


@functools.lru_cache(maxsize=1)
def environment() -> SandboxedEnvironment:
    # optimized=False: Jinja's optimizer folds constant expressions while compiling, outside the
    # sandbox's runtime checks, so `{{ 7 ** 999999999 }}` would hang the compiler (lint included)
    env = SandboxedEnvironment(undefined=jinja2.StrictUndefined, autoescape=False,
                               keep_trailing_newline=True, optimized=False)
    return env  # the sandbox already caps range() at 100k items


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
def _reader() -> SandboxedEnvironment:
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


def render(source: str, variables: Mapping[str, Any], name: str = "<template>", first_line: int | None = None) -> str:
    """Render in the sandbox; errors name `name` (and `first_line`, where the template starts in it)."""
    parts = _plain_parts(source)
    if parts is not None and len(source) <= MAX_OUTPUT_CHARS and all(v in variables for v in parts[1::2]):
        return "".join(str(variables[p]) if i % 2 else p for i, p in enumerate(parts))
    template = compile_template(source, name, first_line or 1)
    where = Location(name, first_line)
    try:
        out = template.render(**variables)
    except SecurityError as exc:
        raise SandboxViolation(f"unsafe template operation blocked: {exc}", where=where,
                               fix="prompts may only read variables; remove attribute access to "
                                   "Python internals") from exc
    except jinja2.UndefinedError as exc:
        raise TemplateError(f"template uses an undefined variable: {exc.message}", where=where,
                            fix="add the field to every dataset item, to the suite's `vars`, or use "
                                "`{{ x | default('') }}`") from exc
    except (TypeError, ValueError, ArithmeticError, jinja2.TemplateError) as exc:
        raise TemplateError(f"template failed to render: {exc}", where=where) from exc
    if len(out) > MAX_OUTPUT_CHARS:
        raise TemplateError(f"rendered prompt is {len(out)} characters", where=where,
                            fix="check loops in the template")
    return out


class _ProbeUndefined(jinja2.ChainableUndefined):
    """Stands in for any variable, but fails at once where the sandbox refused an attribute."""

    def __init__(self, hint=None, obj=jinja2.utils.missing, name=None, exc=jinja2.UndefinedError):
        if exc is SecurityError:
            raise SecurityError(hint or f"access to {name!r} is unsafe")
        super().__init__(hint, obj, name, exc)


def probe(source: str, name: str = "<template>", first_line: int = 1) -> None:
    """Render with every variable stubbed, so sandbox violations surface before any model call."""
    env = environment().overlay(undefined=_ProbeUndefined)
    try:
        env.from_string(source).render()
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(f"template syntax error: {exc.message}",
                            where=Location(name, first_line + (exc.lineno or 1) - 1),
                            fix="fix the Jinja syntax (unclosed {{ or {%, unknown tag?)") from exc
    except SecurityError as exc:
        raise SandboxViolation(f"unsafe template operation blocked: {exc}", where=Location(name, first_line),
                               fix="prompts may only read variables; remove attribute access to "
                                   "Python internals") from exc
    except (TypeError, ValueError, ArithmeticError, jinja2.TemplateError):
        pass  # stub values can trip type checks a real item would pass; only safety matters here


def undeclared_variables(source: str, name: str = "<template>") -> frozenset[str]:
    """The variables a template needs, or a TemplateError with the line of its syntax error."""
    read = _read(source)
    if isinstance(read, TemplateSyntax):
        raise TemplateError(f"template syntax error: {read.message}", where=Location(name, read.line),
                            fix="fix the Jinja syntax (unclosed {{ or {%, unknown tag?)")
    return read.variables
