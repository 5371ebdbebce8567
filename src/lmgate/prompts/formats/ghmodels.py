"""GitHub Models prompt files (`*.prompt.yml` / `*.prompt.yaml`, as `gh models eval` reads them).

`messages[{role, content}]`, `model`, `modelParameters`, `testData`, `evaluators`. Substitution is the
exact text `{{name}}`. `testData` rows supply the variables (the rules check each row); a file without
testData declares none.
"""

from __future__ import annotations

from pathlib import Path

from lmgate.errors import InputError
from lmgate.prompts.model import Message, ParseProblem, Position, Prompt
from lmgate.prompts.sections import child, load_with_nodes, one_prompt, value_start, yaml_problem

NAME = "ghmodels"
SUFFIXES = (".prompt.yml", ".prompt.yaml")
COMMENTS = ("yaml",)


def detect(path: Path, head_text: str) -> bool:
    if path.name.endswith(SUFFIXES):
        return True
    return path.suffix in (".yml", ".yaml") and "messages:" in head_text and (
        "testData:" in head_text or "modelParameters:" in head_text or "evaluators:" in head_text)


def parse(path_rel: str, text: str) -> tuple[list[Prompt], list[ParseProblem]]:
    try:
        data, root = load_with_nodes(text, path_rel)
    except InputError as exc:
        return [], [yaml_problem(path_rel, exc)]
    if not isinstance(data, dict) or not isinstance(data.get("messages"), list):
        return [], [ParseProblem(path_rel, "a GitHub Models prompt needs a `messages` list", Position(1))]
    lines = text.splitlines()
    messages = []
    for i, item in enumerate(data["messages"]):
        node = child(root, "messages", i)
        if not isinstance(item, dict) or not isinstance(item.get("content", ""), str):
            line = node.start_mark.line + 1 if node is not None else 1
            return [], [ParseProblem(path_rel, f"messages[{i}] should be {{role, content}} with text content",
                                     Position(line))]
        start = value_start(child(node, "content"), lines)
        messages.append(Message(str(item.get("role") or ""), item.get("content") or "", start, "ghmodels"))
    # with testData the rules check each row; without it nothing supplies a variable (only `--var`)
    declared = None if data.get("testData") else frozenset()
    return one_prompt(path_rel, NAME, tuple(messages), name=str(data.get("name") or "") or None,
                      declared_inputs=declared, metadata=data), []
