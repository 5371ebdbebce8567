"""Dotprompt (`.prompt`, Firebase Genkit): YAML front matter (model, config, input.schema, output)
and a Handlebars body split into turns by `{{role "system"}}`; text before the first role is the user's.

`input.schema` is Picoschema: `name?: string, description` — the `?` and `(...)` are not part of the name.
"""

from __future__ import annotations

import re
from pathlib import Path

from lmgate.prompts.model import Message, ParseProblem, Position, Prompt
from lmgate.prompts.sections import front_matter, one_prompt, split_front_matter

NAME = "dotprompt"
COMMENTS = ("handlebars", "yaml")
_ROLE = re.compile(r"""\{\{\s*role\s+["'](\w+)["']\s*\}\}""")


def detect(path: Path, head_text: str) -> bool:
    return path.suffix == ".prompt"


def _declared(meta: dict) -> frozenset[str] | None:
    schema = (meta.get("input") or {}).get("schema") if isinstance(meta.get("input"), dict) else None
    if not isinstance(schema, dict):
        return None
    return frozenset(re.split(r"[?(]", str(k), maxsplit=1)[0].strip() for k in schema)


def parse(path_rel: str, text: str) -> tuple[list[Prompt], list[ParseProblem]]:
    front, front_line, body, body_line = split_front_matter(text)
    meta, problem = front_matter(path_rel, front, front_line)
    if problem:
        return [], [problem]
    messages, role, start = [], "user", 0
    for m in [*_ROLE.finditer(body), None]:
        end = m.start() if m else len(body)
        if body[start:end].strip():
            line = body_line + body.count("\n", 0, start)
            col = start - (body.rfind("\n", 0, start) + 1) + 1
            messages.append(Message(role, body[start:end], Position(line, col), "handlebars"))
        if m:
            role, start = m.group(1).lower(), m.end()
    return one_prompt(path_rel, NAME, tuple(messages), declared_inputs=_declared(meta), metadata=meta), []
