"""BUD004 max-tokens-missing: a prompt that sets model parameters but no output limit.

**What.** Prompty (`model.parameters`), GitHub Models (`modelParameters`) and Dotprompt (`config`)
files, the formats that carry their own parameters, without `max_tokens`,
`max_completion_tokens`, `maxTokens` or `maxOutputTokens`.

**Why.** OWASP LLM10 (unbounded consumption): without a limit one request can generate until
the model's maximum: cost, latency and a denial-of-wallet vector.

**Options.** `formats`: the formats to check (default: prompty, ghmodels, dotprompt).

PASS (`summary.prompt.yml`):

    modelParameters:
      maxTokens: 500

FAIL:

    modelParameters:
      temperature: 0.2
"""

from __future__ import annotations

from collections.abc import Iterator

from lmgate.lint.rules.base import LintContext, Problem
from lmgate.prompts.model import Prompt, locate, max_tokens, parameters
from lmgate.spec import Opt

CODE = "BUD004"
NAME = "max-tokens-missing"
SEVERITY = "warning"
SCOPE = "prompt"
PREVIEW = False
BASE_AWARE = False
CONF = {"formats": Opt("list", ("prompty", "ghmodels", "dotprompt"), "formats that carry model parameters",
                       items=Opt("str"))}


def check(prompt: Prompt, options: dict, ctx: LintContext) -> Iterator[Problem]:
    if prompt.format not in (options.get("formats") or ()):
        return
    params = parameters(prompt)
    if params is not None and max_tokens(params) is not None:
        return
    source = ctx.sources.get(prompt.path)
    where = locate(source, "modelParameters:", locate(source, "parameters:", locate(source, "model:", prompt.start)))
    yield Problem("no output token limit (max_tokens) is set", where,
                  fix="set max_tokens (GitHub Models: modelParameters.maxTokens) to the longest answer you expect")
