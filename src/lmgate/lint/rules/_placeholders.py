"""The variables a message uses, for the SYN rules (placeholders per engine: lmgate.prompts.engines).

promptflow renders a whole file before cutting it at `# user:` lines, so a `{% for %}` over the
chat history may span messages: a message that does not parse alone is read through the whole
template.
"""

from __future__ import annotations

import re

from lmgate.prompts.engines import placeholders, variables
from lmgate.prompts.model import Message, Prompt


def used_names(message: Message, prompt: Prompt | None = None) -> set[str] | None:
    """The free variables of a message; None when the template does not parse (SYN001 says why)."""
    if message.engine != "jinja2":
        return {p.name for p in placeholders(message.text, message.engine)}
    names = variables(message.text, "jinja2")
    if names is None and prompt is not None:
        whole = variables(whole_template(prompt), "jinja2")
        if whole is not None:
            return {n for n in whole if re.search(r"\b" + re.escape(n) + r"\b", message.text)}
    return None if names is None else set(names)


def whole_template(prompt: Prompt) -> str:
    return "\n".join(m.text for m in prompt.messages if m.engine == "jinja2")


def first_use(message: Message, name: str) -> int:
    """Offset of the first use of `name`, for a finding's position (0 when it cannot be located)."""
    for p in placeholders(message.text, message.engine):
        if p.name == name:
            return p.start
    match = re.search(r"\b" + re.escape(name) + r"\b", message.text)
    return match.start() if match else 0
