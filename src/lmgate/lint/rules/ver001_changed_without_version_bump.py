"""VER001 changed-without-version-bump: the prompt changed since the base branch, its version did not.

**What.** With `--diff-base`: a prompt whose messages, model or model parameters differ from the
same prompt on the base branch while its `version` stayed the same (or was removed). Prompts
without a version on either side are only reported with `require_version: true`.

**Why.** Eval results, caches, canary rollouts and logs identify a prompt by its version; a
silent change makes "v3 regressed" mean two different prompts.

**Options.** `require_version` (default false): also report changed prompts that have no version.

PASS: base `version: 1.0.0`, PR changes the system message and sets `version: 1.1.0`.

FAIL: PR changes the system message and keeps `version: 1.0.0`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from lmgate.lint.rules.base import LintContext, Problem
from lmgate.prompts.model import Prompt, locate, model_name, parameters, version
from lmgate.spec import Opt

CODE = "VER001"
NAME = "changed-without-version-bump"
SEVERITY = "warning"
SCOPE = "prompt"
PREVIEW = False
BASE_AWARE = True
CONF = {"require_version": Opt("bool", False, "report changed prompts that carry no version at all")}


def check(prompt: Prompt, options: dict, ctx: LintContext) -> Iterator[Problem]:
    base = ctx.base_twin(prompt)
    if base is None or content(base) == content(prompt):
        return
    head_v, base_v = version(prompt), version(base)
    where = locate(ctx.sources.get(prompt.path), "version:", prompt.start)
    if head_v is None and base_v is None:
        if options.get("require_version"):
            yield Problem("the prompt changed and has no version", prompt.start,
                          fix="add a `version:` and raise it with every change")
    elif head_v is None:
        yield Problem(f"the prompt changed and its version ({base_v} on the base branch) was removed", prompt.start,
                      fix="keep `version:` and raise it")
    elif head_v == base_v:
        yield Problem(f"the prompt changed since the base branch but its version is still {head_v}", where,
                      fix="raise `version:` (e.g. the minor number for a wording change)")


def content(prompt: Prompt) -> tuple[Any, ...]:
    """What a version number stands for: the messages, the model and its parameters."""
    params = parameters(prompt)
    return (tuple((m.role, m.text) for m in prompt.messages), model_name(prompt),
            repr(sorted(params.items(), key=str)) if params else None)
