"""STR003 empty-message: a message with no text, or only whitespace and template comments.

**What.** A role line followed directly by the next one, `content: ""`, or a message holding
only `{# ... #}` comments.

**Why.** Most chat APIs reject empty content (OpenAI: "must be a non-empty string"); the rest
send an empty turn that shifts how the model reads the conversation.

**Options.** None.

PASS:

    system:
    Be brief.
    user:
    {{question}}

FAIL:

    system:
    user:
    {{question}}
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lmgate.lint.rules.base import LintContext, Problem
from lmgate.prompts.model import Prompt

CODE = "STR003"
NAME = "empty-message"
SEVERITY = "error"
SCOPE = "prompt"
PREVIEW = False
BASE_AWARE = False
CONF: dict = {}

_COMMENTS = re.compile(r"\{#.*?#\}|\{\{!--.*?--\}\}|\{\{![^}]*\}\}", re.DOTALL)


def check(prompt: Prompt, options: dict, ctx: LintContext) -> Iterator[Problem]:
    if prompt.format == "plain" and len(prompt.messages) == 1:
        return  # an empty plain file (Fabric's `user.md`) is a slot for the user's text, not a message
    for i, msg in enumerate(prompt.messages):
        if not _COMMENTS.sub("", msg.text).strip():
            role = f"{msg.role} message" if msg.role else "message"
            yield Problem(f"{role} {i + 1} is empty", msg.start,
                          fix="write the message's content or remove the message")
