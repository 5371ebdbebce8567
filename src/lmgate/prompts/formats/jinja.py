"""Jinja2 templates (`.j2`, `.jinja`, `.jinja2`), with promptflow's `# system:` / `# user:` role lines.

A template without role lines is one message of unknown role. Nothing is rendered here.
"""

from __future__ import annotations

from pathlib import Path

from lmgate.prompts.model import ParseProblem, Position, Prompt
from lmgate.prompts.sections import one_prompt, split_roles

NAME = "jinja2"
SUFFIXES = (".j2", ".jinja", ".jinja2")
COMMENTS = ("jinja",)


def detect(path: Path, head_text: str) -> bool:
    return path.name.endswith(SUFFIXES)


def parse(path_rel: str, text: str) -> tuple[list[Prompt], list[ParseProblem]]:
    return one_prompt(path_rel, NAME, split_roles(text, Position(1, 1), "", "jinja2")), []
