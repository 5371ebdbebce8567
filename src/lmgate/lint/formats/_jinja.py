"""What formats need to know about Jinja without rendering it: open blocks, and SSTI attempts."""

from __future__ import annotations

import re

from lmgate.lint.model import ParseProblem, Position, Prompt

_DUNDER = re.compile(r"[.\[]['\"]?_")
_TAG = re.compile(r"\{%-?\s*(end)?(for|if|macro|call|filter|block|with|raw|autoescape|trans|set)\b([^%]*)")


def block_depth(text: str, offset: int) -> int:
    """How many Jinja blocks (`{% for %}`, `{% if %}` …) are open at `offset`.

    promptflow and PromptSource render the whole template and only then cut it at role lines or
    `|||`; a cut inside a block (chat history in a `{% for %}`) would leave halves that do not parse.
    """
    depth = 0
    for m in _TAG.finditer(text, 0, offset):
        if m.group(2) == "set" and "=" in m.group(3):
            continue  # `{% set x = 1 %}` opens nothing
        depth += -1 if m.group(1) else 1
    return max(depth, 0)


def unsafe_access(prompt: Prompt) -> list[ParseProblem]:
    """Jinja reaching for Python internals (`''.__class__.__mro__`, SSTI): found in the AST, never run.

    The sandbox would refuse it at render time anyway; reporting it here makes it a SYN001 finding
    on the right line instead of an eval-time error.
    """
    found = []
    for msg in prompt.messages:
        if msg.engine != "jinja2" or "_" not in msg.text or not _DUNDER.search(msg.text):
            continue
        from jinja2 import nodes

        from lmgate.lint.rules._jinja import jinja_ast  # the rules' cache: each template is parsed once

        tree = jinja_ast(msg.text)
        if tree is None:
            continue  # the syntax rule reports it
        for node in tree.find_all((nodes.Getattr, nodes.Getitem)):
            attr = node.attr if isinstance(node, nodes.Getattr) else getattr(node.arg, "value", None)
            if isinstance(attr, str) and attr.startswith("_"):
                where = Position(msg.start.line + node.lineno - 1, 1)
                found.append(ParseProblem(prompt.path, f"unsafe template: access to {attr!r} (Python internals) "
                                          "is blocked by the sandbox; prompts may only read variables", where))
                break
    return found
