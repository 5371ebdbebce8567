"""BUD003 token-growth: the prompt grew by more than allowed since the base branch.

**What.** With `--diff-base`, the template's token count on the base branch against the PR's;
a finding when it grew by more than `max_percent` percent and more than `min_tokens` tokens.
Prompts new in the PR are not compared.

**Why.** Prompt length is cost and latency on every call, and long prompts dilute instructions;
growth should be seen in review, not on the invoice.

**Options.** `max_percent` (default 25), `min_tokens` (default 50).

PASS: base 400 tokens, PR 450 tokens.

FAIL: base 400 tokens, PR 700 tokens.
"""

from __future__ import annotations

from collections.abc import Iterator

from lmgate.lint.rules.base import LintContext, Problem
from lmgate.lint.tokens import label, prompt_tokens
from lmgate.prompts.model import Prompt, model_name
from lmgate.spec import Opt

CODE = "BUD003"
NAME = "token-growth"
SEVERITY = "warning"
SCOPE = "prompt"
PREVIEW = False
BASE_AWARE = True
CONF = {"max_percent": Opt("number", 25, "allowed growth in percent", minimum=0),
        "min_tokens": Opt("int", 50, "growth below this many tokens is never reported", minimum=0)}


def check(prompt: Prompt, options: dict, ctx: LintContext) -> Iterator[Problem]:
    base = ctx.base_twin(prompt)
    if base is None or not prompt.messages:
        return
    model = model_name(prompt)
    head_count = prompt_tokens(prompt, model, ctx)
    base_count = prompt_tokens(base, model, ctx)
    grown = head_count.count - base_count.count
    if base_count.count == 0 or grown <= options.get("min_tokens", 50):
        return
    percent = 100 * grown / base_count.count
    if percent > options.get("max_percent", 25):
        yield Problem(f"the prompt grew by {percent:.0f}% since the base branch ({base_count.count:,} -> "
                      f"{label(head_count)})", prompt.messages[0].start,
                      fix=f"trim the prompt, or raise rules.{CODE}.max_percent if the growth is intended")
