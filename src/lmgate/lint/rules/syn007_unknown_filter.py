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

from lmgate.lint.rules.base import LintContext, Problem
from lmgate.prompts.model import Position, Prompt
from lmgate.spec import Opt
from lmgate.templating import template_facts

CODE = "SYN007"
NAME = "unknown-filter"
SEVERITY = "error"
SCOPE = "prompt"
PREVIEW = False
BASE_AWARE = False
CONF = {"stubs": Opt("list", (), "filters/tests your runtime defines", items=Opt("str"))}


def check(prompt: Prompt, options: dict, ctx: LintContext) -> Iterator[Problem]:
    stubs = set(options.get("stubs") or ())
    for msg in prompt.messages:
        if msg.engine != "jinja2" or ("|" not in msg.text and "is" not in msg.text):
            continue
        facts = template_facts(msg.text)
        if facts is None:
            continue  # SYN001
        seen: set[str] = set()
        for kind, name, lineno in facts.unknown():
            if name in stubs or name in seen:
                continue
            seen.add(name)
            line = msg.start.line + lineno - 1
            text_line = msg.text.splitlines()[lineno - 1] if msg.text else ""
            col = max(text_line.find(name), 0) + (msg.start.col if lineno == 1 else 1)
            yield Problem(f"unknown Jinja {kind} '{name}'", Position(line, col),
                          fix=f"use a built-in {kind}, or add '{name}' to rules.{CODE}.stubs "
                              "if your runtime registers it")
