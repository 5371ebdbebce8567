"""STR004 unknown-model: the prompt names a model lmgate has no context window for.

**What.** The `model` of a Prompty, GitHub Models, VS Code or Dotprompt file (the provider path
such as `openai/` is dropped) that matches no family in lmgate's model table
(`lint/data/models.json`) nor the configured `known` names. `${env:...}` references are skipped.

**Why.** A typo (`gpt4o`, `gpt-4o-mnii`) fails only when the prompt is first called; and for an
unknown model the budget rules (BUD001, BUD002) can only estimate.

**Options.** `known`: extra model names or prefixes (your deployments, fine-tunes).

PASS (`summary.prompt.yml`):

    model: openai/gpt-4o-mini

FAIL:

    model: openai/gpt4o-mini
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from lmgate.lint.rules.base import LintContext, Problem
from lmgate.lint.tokens import known_prefixes, model_info, normalise
from lmgate.prompts.model import Prompt, locate, model_name
from lmgate.spec import Opt

CODE = "STR004"
NAME = "unknown-model"
SEVERITY = "warning"
SCOPE = "prompt"
PREVIEW = False
BASE_AWARE = False
CONF = {"known": Opt("list", (), "extra model names or prefixes to accept", items=Opt("str"))}


def check(prompt: Prompt, options: dict, ctx: LintContext) -> Iterator[Problem]:
    model = model_name(prompt)
    if model is None or model_info(model) is not None:
        return
    name = normalise(model)
    if name == "auto":  # VS Code's automatic model selection
        return
    if any(name.startswith(normalise(k)) for k in options.get("known") or ()):
        return
    close = difflib.get_close_matches(name, known_prefixes(), n=1, cutoff=0.6)
    hint = f"did you mean '{close[0]}'? " if close else ""
    yield Problem(f"unknown model '{model}'", locate(ctx.sources.get(prompt.path), model, prompt.start),
                  fix=f"{hint}fix the name, or add it to rules.{CODE}.known")
