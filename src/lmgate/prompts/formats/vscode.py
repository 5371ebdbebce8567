"""VS Code / Copilot prompt files (`*.prompt.md`): front matter + a Markdown body sent as the user turn.

Front matter keys: description, name, agent (or the older mode), model, tools, argument-hint.
Variables are written inline, `${input:name}` or `${input:name:placeholder}`, plus built-ins such as
`${selection}` and `${file}`; nothing is declared elsewhere, so declared_inputs stays None.
"""

from __future__ import annotations

from pathlib import Path

from lmgate.prompts.model import Message, ParseProblem, Position, Prompt
from lmgate.prompts.sections import front_matter, one_prompt, split_front_matter

NAME = "vscode"
SUFFIXES = (".prompt.md",)
COMMENTS = ()  # Markdown: a `#` line is a heading, so suppressions come only from config


def detect(path: Path, head_text: str) -> bool:
    return path.name.endswith(SUFFIXES)


def parse(path_rel: str, text: str) -> tuple[list[Prompt], list[ParseProblem]]:
    front, front_line, body, body_line = split_front_matter(text)
    meta, problem = front_matter(path_rel, front, front_line)
    if problem:
        return [], [problem]
    messages = (Message("user", body, Position(body_line, 1), "vscode"),)
    return one_prompt(path_rel, NAME, messages, metadata=meta), []
