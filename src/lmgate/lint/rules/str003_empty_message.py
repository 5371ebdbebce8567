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

_TEXT = re.compile(r"\S")


def only_comments(text: str) -> bool:
    """Whether `text` holds nothing but blanks and comments (`{# #}`, `{{!-- --}}`, `{{! }}`).

    Read from the front, each comment skipped to its closer: a pattern such as `\\{#.*?#\\}` searched
    the rest of the text for a closer at every unclosed `{#` (quadratic: hours for a 2 MiB prompt)."""
    pos = 0
    while (found := _TEXT.search(text, pos)) is not None:
        at = found.start()
        if text.startswith("{#", at):
            close = text.find("#}", at + 2)
            if close < 0:
                return False
            pos = close + 2
        elif text.startswith("{{!--", at) and (close := text.find("--}}", at + 5)) >= 0:
            pos = close + 4
        elif text.startswith("{{!", at):
            close = text.find("}", at + 3)  # `{{! … }}`: a comment holds no `}`
            if close < 0 or not text.startswith("}}", close):
                return False
            pos = close + 2
        else:
            return False
    return True


def check(prompt: Prompt, options: dict, ctx: LintContext) -> Iterator[Problem]:
    if prompt.format == "plain" and len(prompt.messages) == 1:
        return  # an empty plain file (Fabric's `user.md`) is a slot for the user's text, not a message
    for i, msg in enumerate(prompt.messages):
        if only_comments(msg.text):
            role = f"{msg.role} message" if msg.role else "message"
            yield Problem(f"{role} {i + 1} is empty", msg.start,
                          fix="write the message's content or remove the message")
