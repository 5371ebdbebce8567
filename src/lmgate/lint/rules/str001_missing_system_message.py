"""STR001 missing-system-message: a chat prompt with roles but no system (or developer) message.

**What.** A prompt whose messages carry roles (`user:`, `assistant:`) and none of them is
`system` or `developer`. Prompts without roles (a plain completion template) and formats whose
host supplies the system prompt itself (VS Code prompt files, PromptSource) are not checked.

**Why.** Without a system message the model's role, limits and output format depend on the
provider's defaults, which differ between providers and change between model versions.

**Options.** `skip_formats`: formats to leave alone (default: `vscode`, `plain`, `promptsource`).

PASS (`chat.prompty`):

    system:
    You answer questions about our product only.
    user:
    {{question}}

FAIL:

    user:
    {{question}}
"""

from __future__ import annotations

from collections.abc import Iterator

from lmgate.lint.rules.base import LintContext, Problem
from lmgate.prompts.model import SYSTEM_ROLES, Prompt
from lmgate.spec import Opt

CODE = "STR001"
NAME = "missing-system-message"
SEVERITY = "warning"
SCOPE = "prompt"
PREVIEW = False
BASE_AWARE = False
CONF = {"skip_formats": Opt("list", ("vscode", "plain", "promptsource"), "formats whose host adds the system "
                            "prompt", items=Opt("str"))}


def check(prompt: Prompt, options: dict, ctx: LintContext) -> Iterator[Problem]:
    if prompt.format in (options.get("skip_formats") or ()) or not prompt.messages:
        return
    roles = [m.role for m in prompt.messages]
    if not any(roles) or any(r in SYSTEM_ROLES for r in roles):
        return
    yield Problem("the prompt has no system message", prompt.messages[0].start,
                  fix="add a system message stating the assistant's role, limits and output format")
