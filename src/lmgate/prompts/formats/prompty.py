"""Prompty (`.prompty`): YAML front matter (name, model, inputs, sample, template) + a role-marked body.

Spec: github.com/microsoft/prompty (`spec/`). `inputs` (and, in older files, `sample`) declare the
variables; `${env:VAR}` values in the front matter are resolved by the runtime, never by us.
"""

from __future__ import annotations

from pathlib import Path

from lmgate.prompts.model import ParseProblem, Position, Prompt
from lmgate.prompts.sections import (
    front_matter,
    names,
    one_prompt,
    split_front_matter,
    split_roles,
)

NAME = "prompty"
COMMENTS = ("jinja", "yaml")
ENGINES = {"jinja2": "jinja2", "jinja": "jinja2", "mustache": "mustache", "handlebars": "handlebars"}


def detect(path: Path, head_text: str) -> bool:
    return path.suffix == ".prompty"


def parse(path_rel: str, text: str) -> tuple[list[Prompt], list[ParseProblem]]:
    front, front_line, body, body_line = split_front_matter(text)
    meta, problem = front_matter(path_rel, front, front_line)
    if problem:
        return [], [problem]
    template = meta.get("template")
    kind = template.get("type") if isinstance(template, dict) else template
    engine = ENGINES.get(str(kind or "jinja2").lower(), "jinja2")
    # Prompty has no implicit inputs: a variable is declared by `inputs` or (older files) `sample`
    declared = names(meta.get("inputs")) or frozenset()
    if isinstance(meta.get("sample"), dict):
        declared |= frozenset(map(str, meta["sample"]))
    messages = split_roles(body, Position(body_line, 1), "system", engine)
    return one_prompt(path_rel, NAME, messages, name=str(meta.get("name") or "") or None,
                      declared_inputs=declared, metadata=meta), []
