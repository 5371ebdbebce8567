"""STY001 trailing-whitespace: spaces or tabs at the end of a line of prompt text.

**What.** Trailing blanks on any line of a message, including the message's last line
(`Answer: ` before the model's turn), except where the runtime strips each message anyway
(PromptSource around `|||`, Prompty). Markdown hard line breaks (exactly two spaces) in Markdown
files are accepted unless `markdown_breaks: false`.

**Why.** Invisible in review, yet tokens the model reads: a trailing space at the end of a
completion prompt is a known cause of worse answers (the model must start its answer with a
space-less token), and trailing blanks make diffs noisy.

**Options.** `markdown_breaks` (default true).

PASS:

    Answer the question.

FAIL (a space after the period):

    Answer the question.␠
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lmgate.lint.rules.base import LintContext, Problem
from lmgate.prompts.model import Prompt
from lmgate.spec import Opt

CODE = "STY001"
NAME = "trailing-whitespace"
SEVERITY = "info"
SCOPE = "prompt"
PREVIEW = False
BASE_AWARE = False
CONF = {"markdown_breaks": Opt("bool", True, "accept two trailing spaces in Markdown files")}

# PromptSource strips both sides of `|||`, Prompty each role's content.
STRIPPED = ("promptsource", "prompty")
_TRAILING = re.compile(r"[ \t]+(?=\r?\n|\Z)")


def check(prompt: Prompt, options: dict, ctx: LintContext) -> Iterator[Problem]:
    markdown = prompt.path.lower().endswith((".md", ".markdown")) and options.get("markdown_breaks", True)
    stripped = prompt.format in STRIPPED
    for msg in prompt.messages:
        text = msg.text
        if not (text[-1:] in (" ", "\t") or " \n" in text or "\t\n" in text or " \r\n" in text or "\t\r\n" in text):
            continue  # what every match needs, tested without the regex: it tries every blank of the text
        for m in _TRAILING.finditer(text):
            if markdown and m.group(0) == "  " and m.end() < len(msg.text):
                continue
            if stripped and not msg.text[m.end():].strip():
                continue  # the runtime strips each message: blanks at its end never reach the model
            yield Problem("trailing whitespace", msg.position_of(m.start()), fix="delete the blanks at the line end")
