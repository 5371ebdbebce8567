"""STY003 conflicting-instructions (preview): one prompt asks for a thing and for its opposite.

**What.** Pairs of directives that contradict each other in the same prompt: "always X" /
"must X" or an imperative sentence "X ..." against "never X" / "do not X" (same first two
words), and opposite pairs from a small table (concise vs detailed, JSON vs plain text or
Markdown). Heuristic, so a preview rule: it runs only when selected.

**Why.** The model resolves the contradiction unpredictably, and differently after a model
upgrade; evals flip for no visible reason.

**Options.** None.

PASS:

    Always cite the source. Never invent a source.

FAIL:

    Always use bullet points. ... Do not use bullet points in short answers.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lmgate.lint.rules.base import LintContext, Problem
from lmgate.prompts.model import Prompt

CODE = "STY003"
NAME = "conflicting-instructions"
SEVERITY = "info"
SCOPE = "prompt"
PREVIEW = True
BASE_AWARE = False
CONF: dict = {}

_POS = re.compile(r"(?:\b(?:always|must|should)\s+|(?:^|[.!:]\s+|\n\s*[-*]?\s*))([a-z]+\s+[a-z]+)", re.I)
_NEG = re.compile(r"\b(?:never|do not|don't|must not|mustn't|should not|shouldn't)\s+([a-z]+\s+[a-z]+)", re.I)
OPPOSITES = (
    (r"\b(?:be|keep (?:it|answers?|responses?))\s+(?:very\s+)?(?:concise|brief|short)\b",
     r"\b(?:be|answer|respond)\s+(?:very\s+|as\s+)?(?:detailed|thorough|comprehensive|exhaustive|verbose)\b", "length"),
    (r"\b(?:respond|answer|reply|output)\s+(?:only\s+)?(?:in|with|as)\s+(?:valid\s+)?json\b",
     r"\b(?:respond|answer|reply|output)\s+(?:only\s+)?(?:in|with|as)\s+(?:plain text|prose|markdown)\b", "format"),
)


def check(prompt: Prompt, options: dict, ctx: LintContext) -> Iterator[Problem]:
    positives: dict[str, tuple] = {}
    negatives: list[tuple[str, object, int]] = []
    for msg in prompt.messages:
        for m in _POS.finditer(msg.text):
            positives.setdefault(m.group(1).lower(), (msg, m.start(1)))
        negatives += [(m.group(1).lower(), msg, m.start()) for m in _NEG.finditer(msg.text)]
        for first, second, kind in OPPOSITES:
            a, b = re.search(first, msg.text, re.I), re.search(second, msg.text, re.I)
            if a and b:
                later = max(a, b, key=lambda x: x.start())
                yield Problem(f"conflicting {kind} instructions: '{a.group(0)}' and '{b.group(0)}'",
                              msg.position_of(later.start()), fix="keep one, or say when each applies")
    for words, msg, offset in negatives:
        if words in positives and not words.startswith(("not ", "be ")):
            yield Problem(f"'{words}' is both required and forbidden", msg.position_of(offset),
                          fix="keep one instruction, or state the condition under which each applies")
