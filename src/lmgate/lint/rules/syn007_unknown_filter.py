"""SYN007 unknown-filter: a Jinja filter (or test) the renderer does not define.

**What.** `{{ answer_choices | choice }}` when `choice` is neither a built-in Jinja filter nor
one of the configured `stubs`. PromptSource templates use the custom `choice` filter, which
only PromptSource's own runtime registers. Unknown tests (`{% if x is prime %}`) count too.

**Why.** Jinja resolves filters at compile time: the template fails to load in any other
renderer (lmgate's eval stage included) with "No filter named 'choice'".

**Options.** `stubs`: filter or test names your runtime registers (default: none); listing them
here accepts them.

PASS:

    {{ text | lower | truncate(200) }}

FAIL (unless `stubs: [choice]`):

    {{ answer_choices | choice }}
"""

from __future__ import annotations

from collections.abc import Iterator

from lmgate.lint.model import Position, Prompt
from lmgate.lint.rules._placeholders import jinja_ast
from lmgate.lint.rules.base import LintContext, Problem
from lmgate.spec import Opt

CODE = "SYN007"
NAME = "unknown-filter"
SEVERITY = "error"
SCOPE = "prompt"
PREVIEW = False
BASE_AWARE = False
CONF = {"stubs": Opt("list", (), "filters/tests your runtime defines", items=Opt("str"))}


def check(prompt: Prompt, options: dict, ctx: LintContext) -> Iterator[Problem]:
    from jinja2 import nodes

    from lmgate.templating import environment

    env = environment()
    stubs = set(options.get("stubs") or ())
    for msg in prompt.messages:
        if msg.engine != "jinja2" or ("|" not in msg.text and " is " not in msg.text):
            continue
        ast = jinja_ast(msg.text)
        if ast is None:
            continue  # SYN001
        seen: set[str] = set()
        for kind, known, node_type in (("filter", env.filters, nodes.Filter), ("test", env.tests, nodes.Test)):
            for node in ast.find_all(node_type):
                if node.name in known or node.name in stubs or node.name in seen:
                    continue
                seen.add(node.name)
                line = msg.start.line + node.lineno - 1
                text_line = msg.text.splitlines()[node.lineno - 1] if msg.text else ""
                col = max(text_line.find(node.name), 0) + (msg.start.col if node.lineno == 1 else 1)
                yield Problem(f"unknown Jinja {kind} '{node.name}'", Position(line, col),
                              fix=f"use a built-in {kind}, or add '{node.name}' to rules.{CODE}.stubs "
                                  "if your runtime registers it")
