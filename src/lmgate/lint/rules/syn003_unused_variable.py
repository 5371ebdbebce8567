"""SYN003 unused-variable: an input the prompt declares but no message uses.

**What.** A name in the declared inputs (Prompty `inputs:`, LangChain `input_variables`, ...)
that appears in no message of the prompt.

**Why.** Usually a renamed variable whose old name lingers (`{{query}}` in the text, `question`
declared), so callers keep passing data the model never sees.

**Options.** `ignore`: declared names that may stay unused (e.g. `chat_history` filled by code).

PASS:

    inputs: {question: {type: string}}
    ---
    user: {{question}}

FAIL: the same with `inputs: {question: ..., context: ...}` and no `{{context}}` in the body.
"""

from __future__ import annotations

from collections.abc import Iterator

from lmgate.lint.rules.base import LintContext, Problem
from lmgate.prompts.engines import used_names
from lmgate.prompts.model import Prompt, locate
from lmgate.spec import Opt

CODE = "SYN003"
NAME = "unused-variable"
SEVERITY = "warning"
SCOPE = "prompt"
PREVIEW = False
BASE_AWARE = False
CONF = {"ignore": Opt("list", (), "declared names that may stay unused", items=Opt("str"))}


def check(prompt: Prompt, options: dict, ctx: LintContext) -> Iterator[Problem]:
    if prompt.declared_inputs is None or not prompt.messages:
        return
    used: set[str] = set()
    for msg in prompt.messages:
        names = used_names(msg, prompt)
        if names is None:
            return  # a template that does not parse: SYN001 reports it, guessing here would mislead
        used |= names
    for name in sorted(prompt.declared_inputs - used - set(options.get("ignore") or ())):
        where = locate(ctx.sources.get(prompt.path), f"{name}:", prompt.start)
        yield Problem(f"input '{name}' is declared but never used in the template", where,
                      fix=f"use {{{{{name}}}}} in a message or remove '{name}' from the inputs")
