"""LNT001 unused-suppression: a `lmgate: ignore[...]` comment that suppresses nothing.

**What.** A suppression comment (Jinja `{# lmgate: ignore[SEC001] #}`, Handlebars
`{{! lmgate: ignore[...] }}`, YAML `# lmgate: ignore[...]`) for a rule that reports nothing on
that line, or for a code that does not exist. These findings are produced by the lint engine,
which is the only part that knows which suppressions were used; this module carries the rule's
code, name and documentation, and its `check` yields nothing.

**Why.** Stale suppressions hide the next real finding on that line, and a misspelt code
suppresses nothing while looking as if it does (as in ruff's RUF100).

**Options.** None.

PASS:

    {# lmgate: ignore[SEC001] #}{{ question }}      (SEC001 fires on this line)

FAIL:

    {# lmgate: ignore[SEC001] #}Be brief.           (nothing to suppress)
"""

from __future__ import annotations

from collections.abc import Iterator

from lmgate.lint.rules.base import LintContext, Problem
from lmgate.prompts.model import Prompt

CODE = "LNT001"
NAME = "unused-suppression"
SEVERITY = "warning"
SCOPE = "engine"
PREVIEW = False
BASE_AWARE = False
CONF: dict = {}


def check(prompt: Prompt, options: dict, ctx: LintContext) -> Iterator[Problem]:
    """The engine reports unused suppressions itself (see the module docstring)."""
    yield from ()
