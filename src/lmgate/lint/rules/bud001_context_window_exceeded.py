"""BUD001 context-window-exceeded: the prompt (plus the reserved output) exceeds the model's window.

**What.** The tokens of the template text as written, plus the `max_tokens` the prompt reserves
for the answer, compared with the context window of the prompt's model (from lmgate's model
table). Variables are not filled in, so a real request is longer still. OpenAI families are
counted exactly; other families are estimated and the message says so.

**Why.** The provider rejects the request (`context_length_exceeded`) or, for some runtimes,
silently truncates the start of the conversation: the system message goes first.

**Options.** `default_model`: model to assume when the prompt names none (default: none, skip).

PASS: a 2,000-token prompt for `gpt-4` (8,192 tokens) with `max_tokens: 1000`.

FAIL: the same prompt with `max_tokens: 7000`.
"""

from __future__ import annotations

from collections.abc import Iterator

from lmgate.lint.rules.base import LintContext, Problem
from lmgate.lint.tokens import label, may_exceed, model_info, prompt_tokens
from lmgate.prompts.model import Prompt, max_tokens, model_name, parameters
from lmgate.spec import Opt

CODE = "BUD001"
NAME = "context-window-exceeded"
SEVERITY = "error"
SCOPE = "prompt"
PREVIEW = False
BASE_AWARE = False
CONF = {"default_model": Opt("str", None, "model assumed when the prompt names none")}


def check(prompt: Prompt, options: dict, ctx: LintContext) -> Iterator[Problem]:
    model = model_name(prompt) or options.get("default_model")
    info = model_info(model)
    if info is None or not prompt.messages:
        return
    reserved = max_tokens(parameters(prompt) or {}) or 0
    if not may_exceed(prompt, info.context_window - reserved):
        return
    count = prompt_tokens(prompt, model, ctx)
    if count.count + reserved > info.context_window:
        yield Problem(f"{label(count)} + {reserved:,} reserved for the answer exceed the {info.context_window:,}-token "
                      f"context window of {model}", prompt.messages[0].start,
                      fix="shorten the prompt, lower max_tokens, or use a model with a larger window")
