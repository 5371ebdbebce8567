"""Plain `.txt` / `.md` prompts: Jinja when they hold `{{ }}` or `{% %}`, text sent as written otherwise.

promptfoo renders every text prompt with Nunjucks, so `What is {{ a }} plus {{ b }}?` in a `.txt`
file is a template and renders; a file with neither mark has no engine (`{x}` or `${x}` in it would
reach the model as written, unless lmgate.yaml names an engine for it). A file named `system.md`
(fabric's convention) or `user.md` is that role's message. Suppressions come only from config here.
"""

from __future__ import annotations

from pathlib import Path

from lmgate.prompts.model import Message, ParseProblem, Position, Prompt
from lmgate.prompts.sections import one_prompt

NAME = "plain"
SUFFIXES = (".txt", ".md", ".markdown")
COMMENTS = ()
JINJA_MARKS = ("{{", "{%")  # `{#` alone is no sign: Markdown writes heading ids as `{#id}`
NOT_PROMPTS = ("readme", "changelog", "contributing", "license", "code_of_conduct", "security")


def detect(path: Path, head_text: str) -> bool:
    return path.suffix.lower() in SUFFIXES and path.stem.lower() not in NOT_PROMPTS


def parse(path_rel: str, text: str) -> tuple[list[Prompt], list[ParseProblem]]:
    stem = path_rel.rsplit("/", 1)[-1].split(".", 1)[0].lower()
    role = stem if stem in ("system", "user") else ""
    name = path_rel.rsplit("/", 2)[-2] if role and "/" in path_rel else None  # fabric: the pattern's folder
    return one_prompt(path_rel, NAME, (Message(role, text, Position(1, 1), engine(text)),), name=name), []


def engine(text: str) -> str:
    return "jinja2" if any(mark in text for mark in JINJA_MARKS) else "plain"
