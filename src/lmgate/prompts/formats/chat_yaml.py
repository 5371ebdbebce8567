"""lmgate's YAML chat prompts, `*.chat.yaml`: a list of messages, or one template that renders to a chat.
A `.yaml`/`.yml` that is a bare list of messages (`- role: system`) is read as `messages:`.

```yaml
engine: nunjucks          # jinja2 (default) or nunjucks (what `lmgate import promptfoo` writes)
messages:                 # each message rendered on its own
  - role: system
    content: You answer in {{ language }}.
  - role: user
    content: "{{ question }}"
```

or `template: "…"` instead of `messages`: the template is rendered whole, and the result is the
chat when it is a JSON list of `{role, content}` (or YAML starting `- role:`), else one user
message (how promptfoo reads a rendered prompt). Text is kept exactly: no newline is trimmed.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from lmgate.errors import InputError
from lmgate.prompts.model import Message, ParseProblem, Position, Prompt
from lmgate.prompts.sections import child, load_with_nodes, one_prompt, value_start, yaml_problem

NAME = "chat-yaml"
COMMENTS = ("yaml",)
ENGINES = ("jinja2", "nunjucks")


_LIST_OF_MESSAGES = re.compile(r"\A(?:\s*#[^\n]*\n|\s*\n)*-[ \t]+(?:role|content)[ \t]*:", re.MULTILINE)


def detect(path: Path, head_text: str) -> bool:
    # any other .yaml/.yml that is a bare list of messages (`- role: system`) is a chat too
    return path.name.endswith((".chat.yaml", ".chat.yml")) or (
        path.suffix in (".yaml", ".yml") and _LIST_OF_MESSAGES.match(head_text) is not None)


def parse(path_rel: str, text: str) -> tuple[list[Prompt], list[ParseProblem]]:
    try:
        data, node = load_with_nodes(text, path_rel)
    except InputError as exc:
        return [], [yaml_problem(path_rel, exc)]
    lines = text.split("\n")
    if isinstance(data, list):  # the bare list of messages: `messages:` left out
        key = yaml.ScalarNode("tag:yaml.org,2002:str", "messages")
        data, node = {"messages": data}, yaml.MappingNode("tag:yaml.org,2002:map", [(key, node)])
    if not isinstance(data, dict) or ("messages" in data) == ("template" in data):
        return [], [ParseProblem(path_rel, "a chat prompt file is a mapping with either `messages` (a list of "
                                           "{role, content}) or `template`")]
    engine = data.get("engine", "jinja2")
    if engine not in ENGINES:
        return [], [ParseProblem(path_rel, f"engine should be one of {', '.join(ENGINES)}",
                                 value_start(child(node, "engine"), lines))]
    if "template" in data:
        if not isinstance(data["template"], str):
            where = value_start(child(node, "template"), lines)
            return [], [ParseProblem(path_rel, "`template` should be text", where)]
        messages = (Message("user", data["template"], value_start(child(node, "template"), lines), engine),)
    else:
        found = []
        for i, m in enumerate(data["messages"] if isinstance(data["messages"], list) else [None]):
            if not (isinstance(m, dict) and isinstance(m.get("role"), str) and isinstance(m.get("content", ""), str)):
                return [], [ParseProblem(path_rel, f"message {i + 1} should be {{role: text, content: text}}",
                                         value_start(child(node, "messages", i), lines) if m is not None
                                         else Position(1))]
            found.append(Message(m["role"], m.get("content", ""), value_start(child(node, "messages", i, "content"),
                                                                              lines), engine))
        messages = tuple(found)
    return one_prompt(path_rel, NAME, messages, name=path_rel.rsplit("/", 1)[-1].split(".", 1)[0],
                      metadata={"engine": engine, "chat": "template" if "template" in data else "messages"}), []
