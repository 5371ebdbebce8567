"""The one error hierarchy. Only `lmgate.cli.main` catches these.

A failed gate is a result (exit 1), never an exception. Every error here is a problem with
input or configuration (exit 2) and carries where it happened and how to fix it, so the CLI can
print it and GitHub can annotate the right file and line.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Location:
    """A place in a user's file: shown as `file:line:col` and used for `::error file=...`."""

    file: str
    line: int | None = None
    col: int | None = None

    def __str__(self) -> str:
        parts = [self.file]
        if self.line is not None:
            parts.append(str(self.line))
            if self.col is not None:
                parts.append(str(self.col))
        return ":".join(parts)


class LmgateError(Exception):
    """Bad input or configuration: exit code 2, a clear message, nothing half-written."""

    exit_code = 2
    title = "lmgate error"

    def __init__(self, message: str, *, where: Location | None = None, fix: str | None = None,
                 key: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.where = where
        self.fix = fix
        self.key = key

    def render(self) -> str:
        head = f"{self.where}: " if self.where else ""
        key = f"{self.key}: " if self.key else ""
        text = f"{head}{key}{self.message}"
        if self.fix:
            text += f"\n  fix: {self.fix}"
        return text


class ConfigError(LmgateError):
    title = "invalid configuration"


class Problems(LmgateError):
    """Several problems found in one pass: `validate` and `eval` list every one, not only the first.

    Use `raise_all(problems)`: one problem is raised as itself, so its type and location stay exact.
    """

    def __init__(self, problems: Sequence[LmgateError]) -> None:
        self.problems = tuple(problems)
        first = self.problems[0]
        super().__init__(f"{len(self.problems)} problems (the first: {first.message})", where=first.where,
                         fix=first.fix, key=first.key)
        self.args = (self.render(),)
        self.title = first.title

    def render(self) -> str:
        return f"{len(self.problems)} problems:\n" + "\n".join(p.render() for p in self.problems)


class ConfigProblems(Problems, ConfigError):
    """Several problems, every one of them in the configuration."""


def raise_all(problems: Sequence[LmgateError]) -> None:
    """Raise nothing, the one problem, or all of them at once (ordered by file and line)."""
    if len(problems) == 1:
        raise problems[0]
    if problems:
        kind = ConfigProblems if all(isinstance(p, ConfigError) for p in problems) else Problems
        raise kind(sorted(problems, key=lambda p: (str(p.where.file) if p.where else "",
                                                   (p.where.line or 0) if p.where else 0)))


class InputError(LmgateError):
    """A data file, template, event payload or argument that cannot be used."""

    title = "invalid input"


class TemplateError(InputError):
    title = "template error"


class SandboxViolation(TemplateError):
    title = "template blocked by the sandbox"


class ProviderError(LmgateError):
    """A model provider that cannot be used at all (not a per-item failure, which is recorded)."""

    title = "provider error"


class GitHubError(LmgateError):
    title = "GitHub API error"

    def __init__(self, message: str, *, status: int | None = None, **kw) -> None:
        super().__init__(message, **kw)
        self.status = status


class GitError(LmgateError):
    title = "git error"


class ResultsError(LmgateError):
    """A results folder or artifact that is missing, from another run, or fails its schema."""

    title = "invalid results"
