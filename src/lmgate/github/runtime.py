"""The ways we talk back to the GitHub Actions runner: outputs, step summary, annotations and masks.

Outside Actions every call degrades to plain terminal output, so `lmgate` behaves the same on
a laptop. Workflow-command syntax and limits: docs.github.com "Workflow commands for GitHub
Actions" (1 MiB summary; the annotation limits live in `annotations`). What the runner tells
us (the event, the run) is read in `event`.
"""

from __future__ import annotations

import json
import os
import sys
import uuid
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, TextIO

from lmgate.errors import Location
from lmgate.github.annotations import Annotation, AnnotationBudget, prioritise, terminal_line, workflow_command

SUMMARY_LIMIT = 1024 * 1024


class Console:
    """Talks to the runner when `GITHUB_ACTIONS=true`, to a terminal otherwise."""

    def __init__(self, env: Mapping[str, str] | None = None, out: TextIO | None = None,
                 err: TextIO | None = None) -> None:
        self.env = os.environ if env is None else env
        self.in_actions = self.env.get("GITHUB_ACTIONS") == "true"
        self.out = out or sys.stdout
        self.err = err or sys.stderr
        self._budget = AnnotationBudget()

    def mask(self, secrets: Iterable[str]) -> None:
        if not self.in_actions:
            return
        for secret in secrets:
            for line in str(secret).splitlines():
                if line.strip():
                    self.out.write(f"::add-mask::{line}\n")
        self.out.flush()

    def annotate(self, annotations: Iterable[Annotation]) -> int:
        """Emit the most important annotations within the limits; return how many were dropped."""
        dropped = 0
        for a in prioritise(annotations):
            if not self.in_actions:
                self.err.write(terminal_line(a))
            elif self._budget.take(a.level):
                self.out.write(workflow_command(a))
            else:
                dropped += 1
        self.out.flush()
        return dropped

    def set_output(self, name: str, value: Any) -> None:
        path = self.env.get("GITHUB_OUTPUT")
        if not path:
            return
        text = value if isinstance(value, str) else json.dumps(value)
        delimiter = f"ghadelim_{uuid.uuid4()}"
        while delimiter in text:  # practically never; a value must not end the heredoc early
            delimiter = f"ghadelim_{uuid.uuid4()}"
        with open(path, "a", encoding="utf-8") as fh:
            fh.write(f"{name}<<{delimiter}\n{text}\n{delimiter}\n")

    def add_summary(self, markdown: str) -> bool:
        """Append to the step summary, cut to the 1 MiB limit. False when not in Actions."""
        path = self.env.get("GITHUB_STEP_SUMMARY")
        if not path:
            return False
        used = Path(path).stat().st_size if Path(path).exists() else 0
        room = SUMMARY_LIMIT - used
        data = markdown.encode("utf-8")
        if len(data) > room:
            note = b"\n\n> lmgate: the summary was cut here to stay within GitHub's 1 MiB limit.\n"
            data = data[: max(0, room - len(note))].decode("utf-8", "ignore").encode() + note
            data = data[:room]
        with open(path, "ab") as fh:
            fh.write(data)
        return True

    def echo_untrusted(self, text: str) -> None:
        """Print text from a PR (prompts, model output) so it cannot issue workflow commands."""
        if not self.in_actions:
            self.out.write(text if text.endswith("\n") else text + "\n")
            return
        token = uuid.uuid4().hex
        self.out.write(f"::stop-commands::{token}\n{text}\n::{token}::\n")
        self.out.flush()

    def error(self, message: str, where: Location | None = None, title: str | None = None) -> None:
        self.annotate([Annotation("error", message, file=where.file if where else None,
                                  line=where.line if where else None, col=where.col if where else None,
                                  title=title)])
