"""SEC001 untrusted-variable-undelimited: user-controlled text pasted into a prompt unmarked.

**What.** A variable whose name says it carries user input (`user_input`, `query`, `question`,
...) interpolated into the system message, or into another message without delimiters: XML-style
tags (`<question>{{question}}</question>`), a code fence, or quotes around it.

**Why.** OWASP LLM01 (prompt injection): text the model cannot tell apart from instructions can
override them. Delimiting does not make injection impossible, but it is the cheap first defence,
and user input in the system message gets the highest trust the model gives.

**Options.** `names`: untrusted variable names; `patterns`: regexes for more (default: names
starting `user_` or ending `_input`, `_query`, `_message`).

PASS:

    user: Answer the question in the tags.
    <question>{{question}}</question>

FAIL:

    system: You are a helpful bot. The user asks: {{question}}
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator

from lmgate.lint.rules.base import LintContext, Problem
from lmgate.prompts.engines import Placeholder, placeholders
from lmgate.prompts.model import SYSTEM_ROLES, Message, Prompt
from lmgate.spec import Opt
from lmgate.userregex import compile_user_regex, refusal

CODE = "SEC001"
NAME = "untrusted-variable-undelimited"
SEVERITY = "warning"
SCOPE = "prompt"
PREVIEW = False
BASE_AWARE = False
CONF = {
    "names": Opt("list", ("user_input", "query", "question", "message", "input", "text", "user_message", "prompt",
                          "user_query", "request", "comment", "chat_input"), "untrusted variable names",
                 items=Opt("str")),
    "patterns": Opt("list", (r"^user_", r"_input$", r"_query$", r"_message$"), "regexes (RE2) of untrusted names",
                    items=Opt("str", check=refusal)),
}
_TAG = re.compile(r"<([A-Za-z][\w-]*)[^<>]*>")
_QUOTES = {'"': '"', "'": "'", "`": "`", "“": "”", "«": "»", "‘": "’"}


def check(prompt: Prompt, options: dict, ctx: LintContext) -> Iterator[Problem]:
    untrusted = _untrusted(tuple(options.get("names") or ()), tuple(options.get("patterns") or ()))
    for msg in prompt.messages:
        reported: set[str] = set()
        for ph in placeholders(msg.text, msg.engine):
            if ph.name in reported or not untrusted(ph.name):
                continue
            if msg.role in SYSTEM_ROLES:
                reported.add(ph.name)
                yield Problem(f"untrusted variable '{ph.name}' is interpolated into the {msg.role} message",
                              msg.position_of(ph.start),
                              fix="move it to a user message, inside tags such as <input>…</input>")
            elif not delimited(msg, ph):
                reported.add(ph.name)
                yield Problem(f"untrusted variable '{ph.name}' is interpolated without delimiters",
                              msg.position_of(ph.start),
                              fix=f"wrap it in tags (<{ph.name}>…</{ph.name}>), a code fence or quotes, and tell "
                                  "the model to treat the content as data")


@functools.lru_cache(maxsize=8)
def _untrusted(names: tuple[str, ...], patterns: tuple[str, ...]) -> Callable[[str], bool]:
    """The name test of one configuration, compiled once and remembered per name."""
    compiled = [compile_user_regex(p) for p in patterns]  # from lmgate.yaml, so on RE2 (linear time)
    return functools.lru_cache(maxsize=4096)(lambda name: name in names or any(p.search(name) for p in compiled))


def delimited(msg: Message, ph: Placeholder) -> bool:
    text = msg.text
    before, after = text[:ph.start], text[ph.end:]
    if before[-1:] in _QUOTES and after[:1] == _QUOTES[before[-1]]:
        return True
    if before.count("```") % 2 == 1 or before.count("~~~") % 2 == 1:
        return True
    for match in _TAG.finditer(before):
        name = match.group(1)
        if f"</{name}>" not in before[match.end():] and f"</{name}>" in after:
            return True
    return False
