"""SYN006 engine-placeholder-quirk: a placeholder the file's engine will not fill as intended.

**What.** Engine-specific traps:
- GitHub Models (`*.prompt.yml`) substitutes exact text `{{name}}` only: `{{ name }}`,
  `{{name.field}}` or `{{name | upper}}` are never filled in.
- f-string templates (LangChain `template_format: f-string`): `{{name}}` is an escaped literal
  and renders as `{name}`.
- VS Code prompt files: `${input: name}` (a space after the colon) names the variable ` name`.

**Why.** Nothing fails: the model simply receives the raw placeholder.

**Options.** None.

PASS (`summary.prompt.yml`):

    content: "Summarise: {{text}}"

FAIL:

    content: "Summarise: {{ text }}"
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lmgate.lint.rules.base import LintContext, Problem
from lmgate.prompts.model import Prompt

CODE = "SYN006"
NAME = "engine-placeholder-quirk"
SEVERITY = "error"
SCOPE = "prompt"
PREVIEW = False
BASE_AWARE = False
CONF: dict = {}

_DOUBLE = re.compile(r"\{\{([^{}]*)\}\}")
_VSCODE_SPACE = re.compile(r"\$\{input:\s+[\w-]+[^}]*\}")


def check(prompt: Prompt, options: dict, ctx: LintContext) -> Iterator[Problem]:
    for msg in prompt.messages:
        if msg.engine == "ghmodels":
            for m in _DOUBLE.finditer(msg.text):
                inner = m.group(1)
                name = re.match(r"\s*([\w-]*)", inner).group(1)
                if not re.fullmatch(r"[\w-]+", inner) and name:
                    yield Problem(f"GitHub Models fills only exact {{{{{name}}}}}; '{m.group(0)}' stays as written",
                                  msg.position_of(m.start()), fix=f"write {{{{{name}}}}} with no spaces or expressions")
        elif msg.engine == "fstring":
            for m in _DOUBLE.finditer(msg.text):
                if re.fullmatch(r"\s*[A-Za-z_]\w*\s*", m.group(1)):
                    yield Problem(f"'{m.group(0)}' is an escaped literal in an f-string template: renders as "
                                  f"{{{m.group(1).strip()}}}", msg.position_of(m.start()),
                                  fix=f"write {{{m.group(1).strip()}}} to fill the variable")
        elif msg.engine == "vscode":
            for m in _VSCODE_SPACE.finditer(msg.text):
                yield Problem(f"'{m.group(0)}': the space after 'input:' becomes part of the variable name",
                              msg.position_of(m.start()), fix="remove the space after 'input:'")
