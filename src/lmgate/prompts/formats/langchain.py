"""LangChain serialized prompts (YAML or JSON): `_type: prompt | few_shot | chat`, `input_variables`,
`template`, `template_format` (f-string, jinja2, mustache), few-shot `prefix` / `suffix` /
`example_prompt` / `examples`, chat `messages: [{prompt: {template: …}}]`. Reference:
langchain_core.prompts.loading (its chat loader turns the first message's template into one human
message; every message's template is linted here, as each may be used).
"""

from __future__ import annotations

import json
from pathlib import Path

from lmgate.errors import InputError
from lmgate.prompts.model import Message, ParseProblem, Position, Prompt
from lmgate.prompts.sections import child, load_with_nodes, names, one_prompt, value_start, yaml_problem

NAME = "langchain"
COMMENTS = ("yaml",)
ENGINES = {"f-string": "fstring", "jinja2": "jinja2", "mustache": "mustache"}


def detect(path: Path, head_text: str) -> bool:
    return path.suffix in (".yaml", ".yml", ".json") and "input_variables" in head_text and (
        "template" in head_text or "_type" in head_text)


def _load(path_rel: str, text: str):
    if path_rel.endswith(".json"):
        try:
            return json.loads(text), None, None
        except json.JSONDecodeError as exc:
            return None, None, ParseProblem(path_rel, f"invalid JSON: {exc.msg}", Position(exc.lineno, exc.colno))
        except RecursionError:
            return None, None, ParseProblem(path_rel, "JSON nests too deeply")
    try:
        data, root = load_with_nodes(text, path_rel)
        return data, root, None
    except InputError as exc:
        return None, None, yaml_problem(path_rel, exc)


def parse(path_rel: str, text: str) -> tuple[list[Prompt], list[ParseProblem]]:
    data, root, problem = _load(path_rel, text)
    if problem:
        return [], [problem]
    if not isinstance(data, dict):
        return [], [ParseProblem(path_rel, "a LangChain prompt file should be a mapping")]
    fmt = str(data.get("template_format") or "f-string")
    if fmt not in ENGINES:
        return [], [ParseProblem(path_rel, f"unknown template_format {fmt!r} (f-string, jinja2 or mustache)")]
    lines = text.splitlines()
    if data.get("_type") == "chat":
        return _chat(path_rel, data, root, lines, fmt)
    messages = []
    keys = ("prefix", "suffix") if data.get("_type") == "few_shot" else ("template",)
    for key in keys:
        value = data.get(key)
        if value is None:
            continue
        if not isinstance(value, str):
            return [], [ParseProblem(path_rel, f"`{key}` should be text")]
        messages.append(Message("user", value, value_start(child(root, key), lines), ENGINES[fmt]))
    if not messages:
        return [], [ParseProblem(path_rel, "no `template` (or few-shot `prefix`/`suffix`) to read")]
    meta = {k: v for k, v in data.items() if k not in keys}
    return one_prompt(path_rel, NAME, tuple(messages), declared_inputs=names(data.get("input_variables")),
                      metadata=meta), []


def _chat(path_rel: str, data: dict, root, lines: list[str], fmt: str) -> tuple[list[Prompt], list[ParseProblem]]:
    items = data.get("messages")
    if not isinstance(items, list) or not items:
        return [], [ParseProblem(path_rel, "a chat prompt needs a `messages` list")]
    messages = []
    for i, item in enumerate(items):
        prompt = item.get("prompt") if isinstance(item, dict) else None
        template = prompt.get("template") if isinstance(prompt, dict) else None
        if not isinstance(template, str):
            where = value_start(child(root, "messages", i), lines)
            return [], [ParseProblem(path_rel, f"messages[{i}] has no `prompt.template` text", where)]
        engine = ENGINES.get(str(prompt.get("template_format") or fmt), ENGINES[fmt])
        messages.append(Message("user", template, value_start(child(root, "messages", i, "prompt", "template"), lines),
                                engine))
    meta = {k: v for k, v in data.items() if k != "messages"}
    return one_prompt(path_rel, NAME, tuple(messages), declared_inputs=names(data.get("input_variables")),
                      metadata=meta), []
