"""PromptSource `templates.yaml`: `templates: {id: !Template {name, jinja, answer_choices, metadata}}`.

The custom tags `!Template` / `!TemplateMetadata` are read as plain mappings by a SafeLoader
subclass (never the unsafe loader). In `jinja`, `|||` separates the input (user) from the target
(assistant), unless it sits inside a `{% if %}` block: then the template stays one user message.
Each template is one Prompt named by its `name`.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from lmgate.errors import InputError
from lmgate.prompts.model import Message, ParseProblem, Position, Prompt
from lmgate.prompts.sections import block_depth, child, load_with_nodes, plain, value_start, yaml_problem

NAME = "promptsource"
COMMENTS = ("yaml", "jinja")


class TemplateLoader(getattr(yaml, "CBaseLoader", yaml.BaseLoader)):  # type: ignore[misc]
    """Every scalar stays text (no implicit typing): all we read are names and templates.

    The base resolver has no implicit or path resolvers, so its answers are the default tags; the
    composer asks once per node (50,000 times on the shared corpus), hence the shortcuts."""

    def resolve(self, kind: type, value: object, implicit: object) -> str:
        return _DEFAULT_TAGS[kind]

    def descend_resolver(self, current_node: object, current_index: object) -> None:
        pass

    def ascend_resolver(self) -> None:
        pass


_DEFAULT_TAGS = {yaml.ScalarNode: yaml.resolver.BaseResolver.DEFAULT_SCALAR_TAG,
                 yaml.SequenceNode: yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG,
                 yaml.MappingNode: yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG}


def _mapping(loader: yaml.BaseLoader, node: yaml.Node) -> dict:
    return loader.construct_mapping(node, deep=True) if isinstance(node, yaml.MappingNode) else {}


TAGS = ("!Template", "!TemplateMetadata")
for _tag in TAGS:
    TemplateLoader.add_constructor(_tag, _mapping)


def _nodes(node: yaml.Node | None):
    stack = [node] if node is not None else []
    while stack:
        node = stack.pop()
        yield node
        if isinstance(node, yaml.MappingNode):
            stack.extend(n for pair in node.value for n in pair)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)


def detect(path: Path, head_text: str) -> bool:
    return path.suffix in (".yaml", ".yml") and "!Template" in head_text


def parse(path_rel: str, text: str) -> tuple[list[Prompt], list[ParseProblem]]:
    try:
        _, root = load_with_nodes(text, path_rel, TemplateLoader, construct=False)
    except InputError as exc:
        return [], [yaml_problem(path_rel, exc)]
    # an explicit tag is written with `!`: when every `!` is one of ours, no node needs looking at
    bad = None if text.count("!") == text.count("!Template") else next(
        (n for n in _nodes(root) if (n.tag.startswith("!") and n.tag not in TAGS)
         or n.tag.startswith("tag:yaml.org,2002:python")), None)
    if bad is not None:
        return [], [ParseProblem(path_rel, f"unknown YAML tag {bad.tag!r} (PromptSource files use only "
                                           "!Template and !TemplateMetadata)", Position(bad.start_mark.line + 1))]
    data = plain(root)  # 2,000 templates: skipping tag resolution halves the time
    templates = data.get("templates") if isinstance(data, dict) else None
    if not isinstance(templates, dict):
        return [], [ParseProblem(path_rel, "a PromptSource file needs a `templates` mapping")]
    lines, prompts, problems, seen = text.splitlines(), [], [], set()
    for key, tpl in templates.items():
        node = child(root, "templates", key)
        line = node.start_mark.line + 1 if node is not None else 1
        if not isinstance(tpl, dict) or not isinstance(tpl.get("jinja"), str):
            problems.append(ParseProblem(path_rel, f"template {key!r} has no `jinja` text", Position(line)))
            continue
        source = tpl["jinja"]
        first = Message("user", source, value_start(child(node, "jinja"), lines), "jinja2")
        messages = [first]
        cut = source.find("|||")
        if cut >= 0 and ("{%" not in source or block_depth(source, cut) == 0):
            messages = [Message("user", source[:cut], first.start, "jinja2"),
                        Message("assistant", source[cut + 3:], first.position_of(cut + 3), "jinja2")]
        name = str(tpl.get("name") or key)
        name = name if name not in seen else f"{name} ({key})"
        seen.add(name)
        meta = {k: v for k, v in tpl.items() if k != "jinja"}
        meta.update(dataset=data.get("dataset"), subset=data.get("subset"))
        prompts.append(Prompt(path=path_rel, format=NAME, name=name, messages=tuple(messages),
                              start=Position(line, 1), metadata=meta))
    return prompts, problems
