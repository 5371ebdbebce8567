"""SYN002 undefined-variable: the template uses a variable that the prompt never declares.

**What.** A name used in a message (`{{ context }}`, `{context}`, `{{context}}`) that is missing
from the inputs the file declares (Prompty `inputs:`, LangChain `input_variables`, Dotprompt
`input.schema`), or missing from a row of the file's test data (GitHub Models `testData`).
Formats that declare nothing are not checked.

**Why.** A strict renderer fails on the first request; a lenient one (GitHub Models, many
LangChain setups) silently sends the literal `{{context}}` or an empty string to the model.

**Options.** `allow`: names the runtime always provides (default: none).

PASS (`qa.prompty`):

    inputs:
      question: {type: string}
    ---
    user: {{question}}

FAIL: the same with `user: {{question}} using {{context}}` (`context` is not declared).
"""

from __future__ import annotations

from collections.abc import Iterator

from lmgate.lint.rules.base import LintContext, Problem
from lmgate.prompts.engines import first_use, used_names
from lmgate.prompts.model import Prompt, items
from lmgate.spec import Opt

CODE = "SYN002"
NAME = "undefined-variable"
SEVERITY = "error"
SCOPE = "prompt"
PREVIEW = False
BASE_AWARE = False
CONF = {"allow": Opt("list", (), "variable names the runtime always provides", items=Opt("str"))}


def check(prompt: Prompt, options: dict, ctx: LintContext) -> Iterator[Problem]:
    allowed = set(options.get("allow") or ())
    rows = items(prompt.metadata.get("testData"))
    reported: set[str] = set()
    for msg in prompt.messages:
        names = used_names(msg, prompt) or set()
        for name in sorted(names - allowed - reported):
            if prompt.declared_inputs is not None and name not in prompt.declared_inputs:
                reported.add(name)
                declared = ", ".join(sorted(prompt.declared_inputs)) or "none"
                yield Problem(f"variable '{name}' is used but not declared (declared: {declared})",
                              msg.position_of(first_use(msg, name)),
                              fix=f"declare '{name}' in the prompt's inputs, or fix the spelling")
                continue
            missing = [i + 1 for i, row in enumerate(rows) if name not in row]
            if missing:
                reported.add(name)
                which = ", ".join(map(str, missing[:5])) + (" …" if len(missing) > 5 else "")
                yield Problem(f"variable '{name}' is missing from testData row(s) {which}",
                              msg.position_of(first_use(msg, name)),
                              fix=f"add '{name}' to every testData entry")
