"""STR002 role-order: messages in an order chat APIs reject or models misread.

**What.** A `system`/`developer` message after the conversation has started, an `assistant`
message before any `user` message, a `tool` message that does not follow an `assistant`
message, or a role no chat API knows (`human:`, `bot:`).

**Why.** Several providers reject these sequences outright (a tool result without the call, a
leading assistant turn), others silently merge or drop messages.

**Options.** `roles`: the accepted role names (default: system, developer, user, assistant, tool,
function).

PASS:

    system: You are terse.
    user: {{question}}

FAIL:

    user: {{question}}
    system: You are terse.
"""

from __future__ import annotations

from collections.abc import Iterator

from lmgate.lint.rules.base import LintContext, Problem
from lmgate.prompts.model import SYSTEM_ROLES, Prompt
from lmgate.spec import Opt

CODE = "STR002"
NAME = "role-order"
SEVERITY = "error"
SCOPE = "prompt"
PREVIEW = False
BASE_AWARE = False
CONF = {"roles": Opt("list", ("system", "developer", "user", "assistant", "tool", "function"),
                     "role names the chat API accepts", items=Opt("str"))}


def check(prompt: Prompt, options: dict, ctx: LintContext) -> Iterator[Problem]:
    known = set(options.get("roles") or ())
    started = False   # a user or assistant turn has been seen
    seen_user = False
    previous = ""
    for msg in prompt.messages:
        role = msg.role
        if not role:
            continue
        if role not in known:
            yield Problem(f"unknown role '{role}'", msg.start, fix=f"use one of: {', '.join(sorted(known))}")
        elif role in SYSTEM_ROLES and started:
            yield Problem(f"'{role}' message after the conversation has started", msg.start,
                          fix="move system instructions to the first message")
        elif role == "assistant" and not seen_user:
            yield Problem("assistant message before any user message", msg.start,
                          fix="start the conversation with a user message (put few-shot examples as user/"
                              "assistant pairs)")
        elif role in ("tool", "function") and previous not in ("assistant", "tool", "function"):
            yield Problem(f"'{role}' message does not follow an assistant message", msg.start,
                          fix="a tool result must answer an assistant's tool call")
        started = started or role in ("user", "assistant", "tool", "function")
        seen_user = seen_user or role == "user"
        previous = role
