"""STY004 inconsistent-few-shot: few-shot examples that do not follow one pattern.

**What.** Three kinds of drift between examples of one prompt:
- line labels from one family spelt two ways (`Q:` in one example, `Question:` in another);
- assistant example turns of which some are JSON and some are not;
- LangChain-style `examples:` whose entries have different keys.

**Why.** Models imitate the examples' form closely; mixed forms give mixed outputs, and a
parser downstream fails on the ones that do not match.

**Options.** None.

PASS:

    Q: 2+2?
    A: 4
    Q: 3+3?
    A: 6

FAIL:

    Q: 2+2?
    A: 4
    Question: 3+3?
    Answer: 6
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

from lmgate.lint.rules.base import LintContext, Problem
from lmgate.prompts.model import Prompt, items, locate

CODE = "STY004"
NAME = "inconsistent-few-shot"
SEVERITY = "warning"
SCOPE = "prompt"
PREVIEW = False
BASE_AWARE = False
CONF: dict = {}

FAMILIES = ({"q", "question"}, {"a", "answer"}, {"input", "in"}, {"output", "out"}, {"example", "ex"})
_LABEL = re.compile(r"^[ \t]*(?:[-*][ \t]*)?([A-Za-z]+)[ \t]*:", re.MULTILINE)


def check(prompt: Prompt, options: dict, ctx: LintContext) -> Iterator[Problem]:
    first_seen: dict[str, tuple] = {}
    for msg in prompt.messages:
        for m in _LABEL.finditer(msg.text):
            label = m.group(1)
            family = next((f for f in FAMILIES if label.lower() in f), None)
            if family is None:
                continue
            key = min(family)
            seen = first_seen.setdefault(key, (label, msg, m.start(1)))
            if seen[0].lower() != label.lower():
                first_seen[key] = (label, msg, m.start(1))  # report each switch once
                yield Problem(f"example label '{label}:' differs from '{seen[0]}:' used before",
                              msg.position_of(m.start(1)), fix=f"use '{seen[0]}:' in every example")
    answers = [m for m in prompt.messages if m.role == "assistant" and m.text.strip()]
    kinds = [_is_json(m.text) for m in answers]
    if len(answers) > 1 and any(kinds) and not all(kinds):
        odd = answers[kinds.index(not _majority(kinds))]
        yield Problem("assistant examples mix JSON and non-JSON answers", odd.start,
                      fix="give every example answer the same format")
    examples = items(prompt.metadata.get("examples"))
    for i, example in enumerate(examples[1:], start=2):
        if set(example) != set(examples[0]):
            diff = ", ".join(sorted(set(example) ^ set(examples[0])))
            yield Problem(f"example {i} has different keys from example 1 ({diff})",
                          locate(ctx.sources.get(prompt.path), "examples:", prompt.start),
                          fix="give every example the same keys")


def _is_json(text: str) -> bool:
    text = text.strip()
    if not text.startswith(("{", "[")):
        return False
    try:
        json.loads(text)
    except ValueError:
        return False
    return True


def _majority(kinds: list[bool]) -> bool:
    return sum(kinds) * 2 >= len(kinds)
