"""SYN004 unbalanced-braces: a placeholder with one brace too few or too many.

**What.** `{{name}` and `{name}}` anywhere, and a `{{` that is never closed in engines that do
not fail on it (GitHub Models, Mustache, Handlebars, plain text).

**Why.** These engines leave a malformed placeholder in the text as is, so the model receives
`{{name}` literally and the variable is never filled; nothing fails, the answers just get worse.
(In Jinja the same mistake is a parse error: SYN001.)

**Options.** None.

PASS (`triage.prompt.yml`):

    content: Summarise {{issue}}

FAIL:

    content: Summarise {{issue}
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lmgate.lint.rules.base import LintContext, Problem
from lmgate.prompts.model import Prompt

CODE = "SYN004"
NAME = "unbalanced-braces"
SEVERITY = "error"
SCOPE = "prompt"
PREVIEW = False
BASE_AWARE = False
CONF: dict = {}

_SHORT_CLOSE = re.compile(r"\{\{\s*[A-Za-z_][\w.-]*\s*\}(?!\})")   # {{name}
_SHORT_OPEN = re.compile(r"(?<![{$])\{\s*[A-Za-z_][\w.-]*\s*\}\}")  # {name}}
_LENIENT = ("ghmodels", "mustache", "handlebars", "plain", "vscode", "dollar")


def check(prompt: Prompt, options: dict, ctx: LintContext) -> Iterator[Problem]:
    for msg in prompt.messages:
        text = msg.text
        if "{" not in text:
            continue  # every finding starts at a brace
        hits = [(m.start(), f"'{m.group(0)}' has one closing brace too few") for m in _SHORT_CLOSE.finditer(text)]
        hits += [(m.start(), f"'{m.group(0)}' has one opening brace too few") for m in _SHORT_OPEN.finditer(text)]
        if msg.engine in _LENIENT:
            hits += [(offset, "'{{' is never closed") for offset in _unclosed(text)
                     if not any(offset == h for h, _ in hits)]
        for offset, message in sorted(hits):
            yield Problem(message, msg.position_of(offset), fix="write placeholders as {{name}}")


def _unclosed(text: str) -> Iterator[int]:
    pos = text.find("{{")
    while pos >= 0:
        close = text.find("}}", pos + 2)
        following = text.find("{{", pos + 2)
        if close < 0 or (0 <= following < close):
            yield pos
        pos = following
