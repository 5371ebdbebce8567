"""SYN008 front-matter-schema: a front-matter key the file's format does not know, or has renamed.

**What.** Top-level keys of Prompty, GitHub Models, VS Code prompt files, Dotprompt and LangChain
prompt files are checked against each format's documented keys. Misspelt keys (`modelParameter`)
are unknown; renamed keys are deprecated (VS Code `mode:` is now `agent:`).

**Why.** Every one of these runtimes ignores keys it does not know: a misspelt `modelParameters`
silently drops `temperature` and `max_tokens`.

**Options.** `allow`: extra keys to accept in every format (default: none).

PASS (`ask.prompt.md`):

    ---
    agent: agent
    description: Ask about the code
    ---

FAIL:

    ---
    mode: agent
    descripton: Ask about the code
    ---
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from lmgate.lint.rules.base import LintContext, Problem
from lmgate.prompts.model import Prompt, locate
from lmgate.spec import Opt

CODE = "SYN008"
NAME = "front-matter-schema"
SEVERITY = "warning"
SCOPE = "prompt"
PREVIEW = False
BASE_AWARE = False
CONF = {"allow": Opt("list", (), "extra front-matter keys to accept", items=Opt("str"))}

KNOWN = {
    "prompty": {"$schema", "id", "kind", "version", "name", "description", "authors", "tags", "metadata", "model",
                "inputs", "outputs", "sample", "template", "base", "tools", "inputSchema", "outputSchema"},
    "ghmodels": {"name", "description", "model", "modelParameters", "messages", "testData", "evaluators",
                 "responseFormat", "jsonSchema"},
    "vscode": {"description", "name", "argument-hint", "agent", "model", "tools"},
    "dotprompt": {"name", "variant", "version", "description", "model", "tools", "config", "input", "output",
                  "metadata", "raw", "ext"},
    "langchain": {"_type", "name", "input_variables", "optional_variables", "partial_variables", "input_types",
                  "template", "template_format", "validate_template", "output_parser", "examples",
                  "example_prompt", "example_separator", "example_selector", "prefix", "suffix", "messages",
                  "metadata", "tags"},
}
DEPRECATED = {"vscode": {"mode": "agent"}}


def check(prompt: Prompt, options: dict, ctx: LintContext) -> Iterator[Problem]:
    known = KNOWN.get(prompt.format)
    if known is None:
        return
    allowed = known | set(options.get("allow") or ())
    source = ctx.sources.get(prompt.path)
    for key in prompt.metadata:
        if not isinstance(key, str) or key in allowed or "." in key:  # Dotprompt namespaces: `ext.foo`
            continue
        where = locate(source, f"{key}:", prompt.start)
        new = DEPRECATED.get(prompt.format, {}).get(key)
        if new:
            yield Problem(f"'{key}' is deprecated in {prompt.format} files; use '{new}'", where,
                          fix=f"rename '{key}:' to '{new}:'")
            continue
        close = difflib.get_close_matches(key, sorted(known), n=1)
        hint = f"did you mean '{close[0]}'?" if close else f"known keys: {', '.join(sorted(known))}"
        yield Problem(f"unknown {prompt.format} front-matter key '{key}' (it is ignored)", where, fix=hint)
