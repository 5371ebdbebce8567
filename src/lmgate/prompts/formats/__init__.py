"""Prompt file formats, one module each, listed explicitly.

A format module has `NAME`, `COMMENTS` (the comment syntaxes its files can hold, which the model
never sees: where inline lint suppressions may be written), `detect(path, head_text)` and
`parse(path_rel, text) -> (prompts, problems)`. `lmgate.prompts.reading` is the one entry point.
"""

from __future__ import annotations

import functools
from types import ModuleType

from lmgate.registry import Registry, load_modules

# order matters: the first module whose detect() accepts a file reads it (specific before generic)
MODULES: tuple[str, ...] = ("ghmodels", "vscode", "prompty", "dotprompt", "promptsource", "langchain",
                            "chat_yaml", "openai_chat", "promptfoo", "jinja", "plain")


@functools.lru_cache(maxsize=1)
def modules() -> dict[str, ModuleType]:
    return {m.NAME: m for m in load_modules(__name__, MODULES)}


def get(name: str, where=None) -> ModuleType:
    return Registry("prompt format", modules().items()).get(name, where=where)
