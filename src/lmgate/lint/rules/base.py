"""The contract of a lint rule module (see the modules listed in rules/__init__.MODULES).

A rule module defines, like a yamllint rule:

    CODE = "SYN002"; NAME = "undefined-variable"; SEVERITY = "error"   # error | warning | info
    SCOPE = "prompt"      # "prompt": check(prompt, options, ctx)
                          # "file":   check_file(path, text, options, ctx)  (raw text: whitespace, bytes)
                          # "run":    check_run(prompts, options, ctx) yields (prompt, Problem)
    PREVIEW = False       # preview rules run only when selected explicitly
    CONF = {"max": Opt("int", 4000, "...")}   # options, validated by lmgate.spec with one message form
    BASE_AWARE = False    # True: needs ctx.base_* (runs only with --diff-base)

and yields `Problem`s. The module docstring is the user documentation shown by
`lmgate lint --explain CODE`: what it finds, why it matters, options, PASS/FAIL examples.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from lmgate.prompts.model import Position, Prompt


@dataclass(frozen=True)
class Problem:
    message: str
    position: Position
    end: Position | None = None
    fix: str | None = None


@dataclass(frozen=True)
class TokenCount:
    count: int
    exact: bool          # False: an estimate, and every output must say so
    encoding: str        # o200k_base | cl100k_base | estimate:<family>


@dataclass
class LintContext:
    root: Path
    sources: Mapping[str, str]                                    # path -> decoded file text
    count_tokens: Callable[[str, str | None], TokenCount]         # (text, model) -> count
    base_source: Callable[[str], str | None] = lambda path: None  # file text at --diff-base
    base_prompts: Callable[[str], Sequence[Prompt] | None] = lambda path: None
    changed_lines: Mapping[str, set[int]] | None = None
    settings: Mapping = field(default_factory=dict)               # the validated `lint` section

    def base_twin(self, prompt: Prompt) -> Prompt | None:
        """The same prompt (same file, same name) on the base branch, if it existed there."""
        return next((p for p in self.base_prompts(prompt.path) or () if p.name == prompt.name), None)
