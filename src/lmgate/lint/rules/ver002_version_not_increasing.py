"""VER002 version-not-increasing: the prompt's version went down since the base branch.

**What.** With `--diff-base`: a `version` lower than the same prompt's version on the base
branch, compared numerically (`1.10.0` > `1.9.2`; a leading `v` and trailing zeros are ignored).
Versions without numbers are not compared.

**Why.** Versions order results, caches and rollouts; a lower number (usually a merge that
kept the older branch's line) makes the new prompt look older than the one it replaces.

**Options.** None.

PASS: base `version: 1.2.0`, PR `version: 1.3.0`.

FAIL: base `version: 1.10.0`, PR `version: 1.9.0`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lmgate.lint.rules.base import LintContext, Problem
from lmgate.prompts.model import Prompt, locate, version

CODE = "VER002"
NAME = "version-not-increasing"
SEVERITY = "error"
SCOPE = "prompt"
PREVIEW = False
BASE_AWARE = True
CONF: dict = {}


def check(prompt: Prompt, options: dict, ctx: LintContext) -> Iterator[Problem]:
    base = ctx.base_twin(prompt)
    head_v, base_v = version(prompt), version(base) if base is not None else None
    if head_v is None or base_v is None:
        return
    head_k, base_k = version_key(head_v), version_key(base_v)
    if head_k is not None and base_k is not None and head_k < base_k:
        yield Problem(f"version {head_v} is lower than {base_v} on the base branch",
                      locate(ctx.sources.get(prompt.path), "version:", prompt.start),
                      fix=f"use a version above {base_v}")


def version_key(text: str) -> tuple[int, ...] | None:
    """`1.10.0` > `1.9`; `v2` = `2`; a pre-release suffix is ignored; None when there are no numbers."""
    match = re.match(r"v?(\d+(?:\.\d+)*)", text.strip(), re.I)
    if not match:
        return None
    parts = [int(p) for p in match.group(1).split(".")]
    while len(parts) > 1 and parts[-1] == 0:
        parts.pop()
    return tuple(parts)
