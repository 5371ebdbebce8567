"""What lint needs from a Jinja template, parsed once per distinct text and walked once.

Parsing is the slowest part of linting a corpus, and every SYN/SEC rule asks about the same
messages: the AST, its free names, its filters and tests are cached by text. Templates made only
of `{{ name }}` placeholders (two in five) are read without the parser: they always parse; most
others keep to the small part of the language `_jinja_quick` reads, which defers to Jinja whenever
it is unsure.
"""

from __future__ import annotations

import functools
import keyword
import re
from dataclasses import dataclass

from lmgate.lint.rules._jinja_quick import quick_facts
from lmgate.templating import syntax_tree  # light (re only): loaded before lint workers fork

# Names Jinja provides itself: never a user variable.
BUILTINS = {"loop", "range", "lipsum", "dict", "cycler", "joiner", "namespace", "true", "false", "none",
            "True", "False", "None", "self", "super", "varargs", "kwargs", "caller"}
_SIMPLE = re.compile(r"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}")


@dataclass(frozen=True)
class Facts:
    names: frozenset[str]                  # read and never assigned
    calls: tuple[tuple[str, str, int], ...]  # (filter|test, name, line), filters first, in document order


def jinja_ast(text: str):
    """The parsed template (shared, do not modify), or None on a syntax error."""
    return syntax_tree(text)


def jinja_parses(text: str) -> bool:
    return _simple_names(text) is not None or jinja_facts(text) is not None


def jinja_names(text: str) -> frozenset[str] | None:
    """Names a template reads and never assigns (`{% set %}`, loop targets, macro arguments).

    A walk of the AST rather than `jinja2.meta.find_undeclared_variables`: that one runs the code
    generator, which is 3x slower and fails outright on an unknown filter (SYN007's business).
    """
    simple = _simple_names(text)
    if simple is not None:
        return frozenset(simple - BUILTINS)
    facts = jinja_facts(text)
    return None if facts is None else facts.names


@functools.lru_cache(maxsize=8192)
def jinja_facts(text: str) -> Facts | None:
    """Free names and filter/test uses of a template, from one walk of its AST; None if it does not parse."""
    if (quick := quick_facts(text)) is not None:
        loads, stores, calls = quick
        return Facts(frozenset(loads - stores - BUILTINS),
                     tuple(c for c in calls if c[0] == "filter") + tuple(c for c in calls if c[0] == "test"))
    from jinja2 import nodes

    ast = jinja_ast(text)
    if ast is None:
        return None
    loads, stores, filters, tests = set(), set(), [], []
    stack = [ast]
    while stack:  # pre-order, children left to right: the order of `Node.find_all`
        node = stack.pop()
        if isinstance(node, nodes.Name):
            (loads if node.ctx == "load" else stores).add(node.name)
        elif isinstance(node, nodes.Filter):
            filters.append(("filter", node.name, node.lineno))
        elif isinstance(node, nodes.Test):
            tests.append(("test", node.name, node.lineno))
        children = []  # Node.iter_child_nodes, without its generator layers (the walk is hot)
        for field in node.fields:
            value = getattr(node, field, None)
            if isinstance(value, list):
                children.extend(v for v in value if isinstance(v, nodes.Node))
            elif isinstance(value, nodes.Node):
                children.append(value)
        stack.extend(reversed(children))
    return Facts(frozenset(loads - stores - BUILTINS), tuple(filters + tests))


def _simple_names(text: str) -> set[str] | None:
    """The names of a template made only of `{{ name }}` placeholders, which always parses; None for
    anything else."""
    if "{%" in text or "{#" in text:
        return None
    names, pos = set(), 0
    while (start := text.find("{{", pos)) >= 0:
        match = _SIMPLE.match(text, start)
        if match is None or keyword.iskeyword(match.group(1)) or match.group(1) in ("true", "false", "none"):
            return None  # `{{ not }}` is a syntax error, `{{ true }}` a constant
        names.add(match.group(1))
        pos = match.end()
    return names
