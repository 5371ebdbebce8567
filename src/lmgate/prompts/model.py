"""The one prompt model every format produces, and lint and eval read.

A format module turns a file into `Prompt`s (a PromptSource `templates.yaml` holds hundreds, a
`.prompty` file one). Positions are 1-based and refer to the original file, so a finding in a
message body embedded in YAML still points at the right line.

Formats keep their front matter in `Prompt.metadata` as written (Prompty nests
`model.configuration` and `model.parameters`, GitHub Models has `model` + `modelParameters`,
Dotprompt has `config`); the readers at the end of this module (`model_name`, `parameters`,
`version`, …) know every layout, so the rules do not.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

SYSTEM_ROLES = ("system", "developer")  # the roles that carry instructions rather than a conversation turn

@dataclass(frozen=True)
class Position:
    line: int
    col: int = 1


@dataclass(frozen=True)
class Message:
    role: str            # system | developer | user | assistant | tool | (unknown: "")
    text: str            # the template text as written (placeholders not filled in)
    start: Position      # where `text` begins in the file
    engine: str = "jinja2"  # jinja2 | fstring | mustache | handlebars | ghmodels | vscode | dollar | plain

    def position_of(self, offset: int) -> Position:
        """File position of a character offset inside `text`."""
        before = self.text[:offset]
        lines = before.count("\n")
        if lines == 0:
            return Position(self.start.line, self.start.col + offset)
        return Position(self.start.line + lines, offset - before.rfind("\n"))


@dataclass(frozen=True)
class Prompt:
    path: str                          # repo-relative, forward slashes
    format: str                        # format plugin NAME
    name: str                          # unique within the file (file stem, or template name)
    messages: tuple[Message, ...]
    declared_inputs: frozenset[str] | None = None   # None: the format declares nothing
    start: Position = Position(1, 1)
    metadata: Mapping[str, Any] = field(default_factory=dict)  # model, params, version, testData …


@dataclass(frozen=True)
class ParseProblem:
    """A file (or one template in it) that could not be read: becomes a SYN001 finding."""

    path: str
    message: str
    position: Position = Position(1, 1)


# What the formats keep in `Prompt.metadata`: the model, its parameters, version, test data

MAX_TOKEN_KEYS = ("max_tokens", "max_completion_tokens", "maxTokens", "max_output_tokens", "maxOutputTokens",
                  "max_new_tokens", "num_predict", "maxCompletionTokens")
DATA_KEYS = ("testData", "test_data", "sample", "samples", "examples", "tests")


def model_name(prompt: Prompt) -> str | None:
    """The model a prompt names, or None (also for `${env:...}` references resolved at run time)."""
    model = prompt.metadata.get("model")
    if isinstance(model, Mapping):
        conf = model.get("configuration") if isinstance(model.get("configuration"), Mapping) else {}
        model = (conf.get("model") or conf.get("azure_deployment") or conf.get("name") or model.get("id")
                 or model.get("name"))
    if isinstance(model, list):  # VS Code accepts a list of preferred models: the first is tried first
        model = model[0] if model else None
    if not isinstance(model, str) or not model.strip() or "${" in model or "{{" in model:
        return None
    return model.strip()


def parameters(prompt: Prompt) -> Mapping[str, Any] | None:
    """The model parameters a prompt sets; None when the prompt declares no parameter block at all."""
    meta = prompt.metadata
    model = meta.get("model")
    for block in (meta.get("modelParameters"), meta.get("parameters"), meta.get("params"), meta.get("config"),
                  model.get("parameters") if isinstance(model, Mapping) else None):
        if isinstance(block, Mapping):
            return block
    return None


def max_tokens(params: Mapping[str, Any]) -> int | None:
    for key in MAX_TOKEN_KEYS:
        if isinstance(params.get(key), int):
            return params[key]
    return None


def data_strings(prompt: Prompt) -> Iterator[tuple[str, str]]:
    """(key path, text) of every string in the prompt's test data and examples."""
    for key in DATA_KEYS:
        if key in prompt.metadata:
            yield from _strings(prompt.metadata[key], key)


def _strings(value: Any, path: str) -> Iterator[tuple[str, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, Mapping):
        for k, v in value.items():
            yield from _strings(v, f"{path}.{k}")
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _strings(v, f"{path}[{i}]")


def locate(source: str | None, needle: str, default: Position) -> Position:
    """Where a string from the metadata appears in the file (YAML keeps no positions in metadata)."""
    if not source or not needle:
        return default
    offset = source.find(needle)
    if offset < 0:
        offset = source.find(needle.strip().splitlines()[0]) if needle.strip() else -1
    if offset < 0:
        return default
    before = source[:offset]
    return Position(before.count("\n") + 1, offset - before.rfind("\n"))


def items(value: Any) -> list[Mapping]:
    """The mappings of a list-valued key (`testData`, `examples`); anything else (a file path, a number) gives []."""
    return [v for v in value if isinstance(v, Mapping)] if isinstance(value, list) else []


def version(prompt: Prompt) -> str | None:
    value = prompt.metadata.get("version")
    if value is None and isinstance(prompt.metadata.get("metadata"), dict):
        value = prompt.metadata["metadata"].get("version")  # Prompty 2 keeps it under `metadata`
    return None if value is None else str(value).strip()
