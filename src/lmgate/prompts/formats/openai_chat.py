"""OpenAI chat JSON (also promptfoo's JSON chat prompts): `[{role, content}]` or `{"messages": [...]}`.

Roles: system, developer, user, assistant, tool. promptfoo fills `{{var}}` with Nunjucks, so the
content is read as Jinja-style text.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from lmgate.prompts.model import Message, ParseProblem, Position, Prompt
from lmgate.prompts.sections import one_prompt

NAME = "openai-chat"
COMMENTS = ()
_CONTENT = re.compile(r'"content"\s*:\s*"?')


def detect(path: Path, head_text: str) -> bool:
    head = head_text.lstrip()
    return path.suffix == ".json" and (head.startswith("[") or '"messages"' in head) and '"role"' in head


def _text(content: object) -> str | None:
    if isinstance(content, str):
        return content
    if isinstance(content, list):  # content parts: keep the text ones
        return "".join(p.get("text", "") for p in content if isinstance(p, dict))
    return None if content is not None else ""


def parse(path_rel: str, text: str) -> tuple[list[Prompt], list[ParseProblem]]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        return [], [ParseProblem(path_rel, f"invalid JSON: {exc.msg}", Position(exc.lineno, exc.colno))]
    except RecursionError:
        return [], [ParseProblem(path_rel, "JSON nests too deeply")]
    items = data.get("messages") if isinstance(data, dict) else data
    if not isinstance(items, list):
        return [], [ParseProblem(path_rel, "expected a list of {role, content} messages")]
    # JSON keeps no positions: the n-th "content" key in the file belongs to the n-th message
    marks = [text.count("\n", 0, m.end()) + 1 for m in _CONTENT.finditer(text)]
    messages = []
    for i, item in enumerate(items):
        content = _text(item.get("content")) if isinstance(item, dict) else None
        if content is None:
            return [], [ParseProblem(path_rel, f"message {i} should be {{role, content}}",
                                     Position(marks[i] if i < len(marks) else 1))]
        line = marks[i] if i < len(marks) else 1
        messages.append(Message(str(item.get("role") or ""), content, Position(line, 1), "jinja2"))
    meta = {k: v for k, v in data.items() if k != "messages"} if isinstance(data, dict) else {}
    return one_prompt(path_rel, NAME, tuple(messages), metadata=meta), []
