"""BUD002 token-budget: a prompt template longer than the team's token budget.

**What.** The tokens of the template text as written (all messages, variables unfilled) above
`max`. Counted with the prompt's model's tokenizer: exact for OpenAI families, a labelled
estimate for others and for prompts without a model (`o200k_base` then).

**Why.** Every token of a template is paid on every call and adds latency; a budget makes
prompt growth a reviewed decision.

**Options.** `max`: the budget in tokens (default 4000).

PASS: a 300-token system message with `max: 4000`.

FAIL: the same message with `max: 100`.
"""

from __future__ import annotations

from collections.abc import Iterator

from lmgate.lint.rules.base import LintContext, Problem
from lmgate.lint.tokens import label, may_exceed, prompt_tokens
from lmgate.prompts.model import Prompt, model_name
from lmgate.spec import Opt

CODE = "BUD002"
NAME = "token-budget"
SEVERITY = "warning"
SCOPE = "prompt"
PREVIEW = False
BASE_AWARE = False
CONF = {"max": Opt("int", 4000, "token budget of one prompt template", minimum=1)}


def check(prompt: Prompt, options: dict, ctx: LintContext) -> Iterator[Problem]:
    if not prompt.messages:
        return
    budget = options.get("max", 4000)
    if not may_exceed(prompt, budget):
        return
    count = prompt_tokens(prompt, model_name(prompt), ctx)
    if count.count > budget:
        yield Problem(f"the template has {label(count)}, over the budget of {budget:,}", prompt.messages[0].start,
                      fix=f"shorten the prompt, or raise rules.{CODE}.max if the growth is intended")

