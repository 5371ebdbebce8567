"""The base-branch twin of a prompt and version comparison, for VER001/VER002."""

from __future__ import annotations

import re
from typing import Any

from lmgate.lint.rules._meta import model_name, parameters
from lmgate.lint.rules.base import LintContext
from lmgate.prompts.model import Prompt


def base_twin(prompt: Prompt, ctx: LintContext) -> Prompt | None:
    return next((p for p in ctx.base_prompts(prompt.path) or () if p.name == prompt.name), None)


def content(prompt: Prompt) -> tuple[Any, ...]:
    """What a version number stands for: the messages, the model and its parameters."""
    params = parameters(prompt)
    return (tuple((m.role, m.text) for m in prompt.messages), model_name(prompt),
            repr(sorted(params.items(), key=str)) if params else None)


def version(prompt: Prompt) -> str | None:
    value = prompt.metadata.get("version")
    if value is None and isinstance(prompt.metadata.get("metadata"), dict):
        value = prompt.metadata["metadata"].get("version")  # Prompty 2 keeps it under `metadata`
    return None if value is None else str(value).strip()


def version_key(text: str) -> tuple[int, ...] | None:
    """`1.10.0` > `1.9`; `v2` = `2`; a pre-release suffix is ignored; None when there are no numbers."""
    match = re.match(r"v?(\d+(?:\.\d+)*)", text.strip(), re.I)
    if not match:
        return None
    parts = [int(p) for p in match.group(1).split(".")]
    while len(parts) > 1 and parts[-1] == 0:
        parts.pop()
    return tuple(parts)
