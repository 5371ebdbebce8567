"""The one prompt model every format produces, and lint and eval read.

A format module turns a file into `Prompt`s (a PromptSource `templates.yaml` holds hundreds, a
`.prompty` file one). Positions are 1-based and refer to the original file, so a finding in a
message body embedded in YAML still points at the right line.
"""

from __future__ import annotations

from collections.abc import Mapping
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
