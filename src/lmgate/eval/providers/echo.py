"""`echo`: answers with the rendered prompt itself (the last message's text).

Useful to check prompts and metrics wiring without a model. No options; never cached.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from lmgate.eval.providers.base import BuildContext, Completion

NAME = "echo"
CONF: dict = {}


class EchoProvider:
    cacheable = False

    def __init__(self, name: str) -> None:
        self.name = name

    def identity(self) -> Mapping[str, Any]:
        return {"type": NAME}

    def complete(self, messages: Sequence[Mapping[str, str]], *, sample: int = 0,
                 item: Mapping[str, Any] | None = None) -> Completion:
        text = str(messages[-1].get("content", "")) if messages else ""
        return Completion(text=text, prompt_tokens=len(text.split()), completion_tokens=len(text.split()))

    def close(self) -> None:
        pass


def build(name: str, spec: Mapping[str, Any], ctx: BuildContext) -> EchoProvider:
    return EchoProvider(name)
