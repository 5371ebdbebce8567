"""SEC002 secret-in-prompt: an API key, token or private key written into a prompt file.

**What.** Provider key formats (gitleaks-style patterns: OpenAI, Anthropic, GitHub, AWS, Google,
Hugging Face, Slack, Stripe, private keys, JWTs), and `api_key: ...`, `token = ...` assignments
whose value looks random (Shannon entropy above `min_entropy` bits per character).
`${env:VAR}` / `${VAR}` references are fine: that is the right way.

**Why.** Prompt files are committed, sent to model providers and logged; a key in one is
leaked. The finding shows only the first characters of the value.

**Options.** `min_entropy` (default 3.5) for generic assignments; `allow`: regexes (RE2) of values to
accept (test fixtures).

PASS (`chat.prompty`):

    api_key: ${env:OPENAI_API_KEY}

FAIL:

    api_key: sk-proj-Xw3f8Q2rLmZ0vB7nT4yK9pA1sD6gH5jE
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter
from collections.abc import Iterator

from lmgate.lint.rules.base import LintContext, Problem
from lmgate.prompts.model import Position
from lmgate.spec import Opt
from lmgate.userregex import UserRegex, compile_user_regex, refusal

CODE = "SEC002"
NAME = "secret-in-prompt"
SEVERITY = "error"
SCOPE = "file"
PREVIEW = False
BASE_AWARE = False
CONF = {"min_entropy": Opt("number", 3.5, "bits per character for generic secrets", minimum=0),
        "allow": Opt("list", (), "regexes (RE2) of values to accept", items=Opt("str", check=refusal))}

# Each pattern starts with a literal, so `re` can skip ahead to candidates; one alternation of all
# of them would be tried at every character (6 s on the shared corpus instead of 0.2 s).
PATTERNS = {
    "Anthropic API key": r"sk-ant-(?:api|admin)\d\d-[\w-]{80,}",
    "OpenAI API key": r"sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}",
    "GitHub token": r"gh[pousr]_[A-Za-z0-9]{36,}",
    "GitHub fine-grained token": r"github_pat_\w{60,}",
    "AWS access key": r"(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}\b",
    "Google API key": r"AIza[\w-]{35}\b",
    "Hugging Face token": r"hf_[A-Za-z0-9]{34,}\b",
    "Slack token": r"xox[abposr]-[A-Za-z0-9-]{10,}",
    "Stripe key": r"[rs]k_live_[A-Za-z0-9]{20,}",
    "private key": r"-----BEGIN (?:[A-Z]+ )*PRIVATE KEY-----",
    "JSON Web Token": r"eyJ[\w-]{10,}\.eyJ[\w-]{10,}\.[\w-]{10,}",
}
_COMPILED = {kind: re.compile(p) for kind, p in PATTERNS.items()}
# A literal every match of a pattern contains, for patterns `re` cannot skip ahead on by itself
# (Stripe's starts with a class): `in` finds it 15x faster than the pattern's scan
_NEEDS = {"Stripe key": "k_live_"}
# Value first, then the key name before it: a case-insensitive alternation at the start is ~15x slower.
_VALUE = re.compile(r"[:=][ \t]*[\"']?([A-Za-z0-9_\-+/=.]{16,})")
_KEY = re.compile(r"(?:api[_-]?key|secret|token|passw(?:or)?d|credential)[\w-]*[\"']?[ \t]*$")


@functools.lru_cache(maxsize=8)
def _allowed(patterns: tuple[str, ...]) -> list[UserRegex]:
    # from lmgate.yaml, matched against values a pull request wrote: on RE2, linear time
    return [compile_user_regex(p) for p in patterns]


def entropy(value: str) -> float:
    counts = Counter(value)
    return -sum(n / len(value) * math.log2(n / len(value)) for n in counts.values())


def check_file(path: str, text: str, options: dict, ctx: LintContext) -> Iterator[Problem]:
    allow = _allowed(tuple(options.get("allow") or ()))
    hits: dict[int, tuple[str, str]] = {}
    for kind, pattern in _COMPILED.items():
        if _NEEDS.get(kind, "") not in text:
            continue
        for m in pattern.finditer(text):
            if m.start() == 0 or not (text[m.start() - 1].isalnum() or text[m.start() - 1] == "_"):
                hits.setdefault(m.start(), (kind, m.group(0)))
    for m in _VALUE.finditer(text):
        value = m.group(1)
        if not _KEY.search(text[max(0, m.start() - 60):m.start()].lower()):
            continue
        if m.start(1) not in hits and not any(m.start(1) <= h < m.end(1) for h in hits) \
                and entropy(value) >= options.get("min_entropy", 3.5) and not value.isalpha():
            hits[m.start(1)] = ("secret-looking value", value)
    for offset, (kind, value) in sorted(hits.items()):
        if any(a.search(value) for a in allow):
            continue
        line = text.count("\n", 0, offset) + 1
        yield Problem(f"{kind} in the prompt file ({value[:6]}…)", Position(line, offset - text.rfind("\n", 0, offset)),
                      fix="remove it, rotate the key, and read it from the environment (e.g. ${env:API_KEY})")
