"""Free names and filters of templates made of text and plain `{{ expression }}` tags, without Jinja.

Jinja's lexer and parser are most of a corpus lint's time, and most templates without a `{% %}` tag
only print variables: `{{ answer_choices[label] }}`, `{{ tokens | join(" ") | replace(" .", ".") }}`.
This reads exactly that language: a name or literal, then `.attr` / `[literal or name]`, then filters
with literal arguments. Anything else (a keyword, an operator, a call, whitespace control, `\\r`,
a non-ASCII name) answers None and the caller asks Jinja, so the result is always Jinja's own:
tests/lint/test_jinja_exprs.py compares both on every template of the shared corpus.
"""

from __future__ import annotations

import keyword
import re

# one token of a `{{ }}` tag, after optional whitespace (Jinja skips `\s+` between tokens)
_TOKEN = re.compile(r"""\s*(?:(?P<name>[A-Za-z_][A-Za-z0-9_]*)(?![A-Za-z0-9_\x80-\U0010ffff])
                    |(?P<int>0|[1-9][0-9]*)(?![0-9A-Za-z_.])
                    |(?P<str>'[^'\\]*(?:\\.[^'\\]*)*'|"[^"\\]*(?:\\.[^"\\]*)*")
                    |(?P<op>\}\}|[.\[\]|(),-]))""", re.S | re.X)
_CONSTANTS = {"true", "false", "none", "True", "False", "None"}


class _Unsure(Exception):
    """Outside the language read here: let Jinja decide."""


def expression_facts(text: str) -> tuple[set[str], list[tuple[str, str, int]]] | None:
    """(names read, [("filter", name, line)] in the order of Jinja's AST walk), or None if unsure."""
    if "{%" in text or "{#" in text or "\r" in text:
        return None
    names: set[str] = set()
    calls: list[tuple[str, str, int]] = []
    pos = 0
    try:
        while (start := text.find("{{", pos)) >= 0:
            pos = _tag(text, start + 2, names, calls)
    except _Unsure:
        return None
    return names, calls


def _tag(text: str, pos: int, names: set[str], calls: list) -> int:
    """Read one tag's expression; returns the position after its `}}`."""
    kind, value, pos = _next(text, pos, names)
    if kind not in ("name", "int", "str"):
        raise _Unsure
    postfix_ok = kind == "name"
    kind, value, pos = _next(text, pos, names)
    while postfix_ok and value in (".", "[") and kind == "op":
        if value == ".":
            kind, value, pos = _next(text, pos)  # an attribute: not a variable
            if kind != "name":
                raise _Unsure
        else:
            kind, value, pos = _next(text, pos, names)
            if (kind, value) == ("op", "-"):
                kind, value, pos = _next(text, pos)
                if kind != "int":
                    raise _Unsure
            elif kind not in ("name", "int", "str"):
                raise _Unsure
            kind, value, pos = _next(text, pos)
            if (kind, value) != ("op", "]"):
                raise _Unsure
        kind, value, pos = _next(text, pos, names)
    filters = []
    while (kind, value) == ("op", "|"):
        kind, value, pos = _next(text, pos)  # a filter's name: not a variable
        if kind != "name":
            raise _Unsure
        filters.append(("filter", value, text.count("\n", 0, pos) + 1))
        kind, value, pos = _next(text, pos, names)
        if (kind, value) == ("op", "("):
            pos = _literal_args(text, pos, names)
            kind, value, pos = _next(text, pos, names)
    if (kind, value) != ("op", "}}"):
        raise _Unsure
    calls.extend(reversed(filters))  # `x | f | g` is Filter(g, Filter(f, x)): the walk meets g first
    return pos


def _literal_args(text: str, pos: int, names: set[str]) -> int:
    """`(` was read: literal or name arguments up to `)`; returns the position after it."""
    kind, value, pos = _next(text, pos, names)
    if (kind, value) == ("op", ")"):
        return pos
    while kind in ("name", "int", "str"):
        kind, value, pos = _next(text, pos)
        if (kind, value) == ("op", ")"):
            return pos
        if (kind, value) != ("op", ","):
            break
        kind, value, pos = _next(text, pos, names)
    raise _Unsure


def _next(text: str, pos: int, names: set[str] | None = None) -> tuple[str, str, int]:
    """The next token (kind, value, end); a name is recorded in `names` when given (a variable)."""
    match = _TOKEN.match(text, pos)
    if match is None:
        raise _Unsure
    kind = match.lastgroup or ""
    value = match.group(kind)
    if kind == "name":
        if keyword.iskeyword(value) or value in _CONSTANTS:
            raise _Unsure
        if names is not None:
            names.add(value)
    return kind, value, match.end()

