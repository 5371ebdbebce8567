"""VS Code / Copilot prompt files (`*.prompt.md`): front matter + a Markdown body sent as the user turn.

Front matter keys: description, name, agent (or the older mode), model, tools, argument-hint.
Variables are written inline, `${input:name}` or `${input:name:placeholder}`, plus built-ins such as
`${selection}` and `${file}`; nothing is declared elsewhere, so declared_inputs stays None.
"""

from __future__ import annotations

from pathlib import Path

from lmgate.errors import InputError
from lmgate.lint.formats._common import load_with_nodes, one_prompt, split_front_matter, yaml_problem
from lmgate.lint.model import Message, ParseProblem, Position, Prompt

NAME = "vscode"
SUFFIXES = (".prompt.md",)
SUPPRESS = ()  # Markdown: a `#` line is a heading, so suppressions come only from config


def detect(path: Path, head_text: str) -> bool:
    return path.name.endswith(SUFFIXES)


def parse(path_rel: str, text: str) -> tuple[list[Prompt], list[ParseProblem]]:
    front, front_line, body, body_line = split_front_matter(text)
    meta = {}
    if front is not None:
        try:
            meta, _ = load_with_nodes(front, path_rel)
        except InputError as exc:
            return [], [yaml_problem(path_rel, exc, front_line - 1)]
        if meta is not None and not isinstance(meta, dict):
            return [], [ParseProblem(path_rel, "front matter should be a mapping of keys", Position(front_line))]
    messages = (Message("user", body, Position(body_line, 1), "vscode"),)
    return one_prompt(path_rel, NAME, messages, metadata=meta or {}), []
