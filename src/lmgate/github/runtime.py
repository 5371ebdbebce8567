"""What the GitHub Actions runner tells us, and the ways we talk back to it.

Reads the event and environment; writes outputs, the step summary, annotations and masks.
Outside Actions every call degrades to plain terminal output, so `lmgate` behaves the same on
a laptop. Workflow-command syntax and limits: docs.github.com "Workflow commands for GitHub
Actions" (10 error / 10 warning / 10 notice annotations per step, 50 per job; 1 MiB summary).
"""

from __future__ import annotations

import json
import os
import sys
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from lmgate.errors import InputError, Location

SUMMARY_LIMIT = 1024 * 1024
PER_STEP = {"error": 10, "warning": 10, "notice": 10}
PER_JOB = 50
_SEVERITY = {"error": 0, "warning": 1, "notice": 2}


@dataclass(frozen=True)
class Event:
    name: str | None = None
    repository: str | None = None
    pr_number: int | None = None
    base_sha: str | None = None
    head_sha: str | None = None
    base_ref: str | None = None
    is_fork: bool = False
    token_present: bool = False
    api_url: str = "https://api.github.com"
    run_url: str | None = None
    payload: Mapping[str, Any] = field(default_factory=dict, repr=False)


def read_event(env: Mapping[str, str]) -> Event:
    payload: dict = {}
    path = env.get("GITHUB_EVENT_PATH")
    if path and Path(path).is_file():
        try:
            payload = json.loads(Path(path).read_text(encoding="utf-8"))
        except (ValueError, OSError) as exc:
            raise InputError(f"cannot read the event payload: {exc}", where=Location(path)) from exc
    pr = payload.get("pull_request") or {}
    head_repo = (pr.get("head") or {}).get("repo") or {}
    base_repo = (pr.get("base") or {}).get("repo") or {}
    server, repo, run_id = env.get("GITHUB_SERVER_URL"), env.get("GITHUB_REPOSITORY"), env.get("GITHUB_RUN_ID")
    return Event(
        name=env.get("GITHUB_EVENT_NAME"),
        repository=repo,
        pr_number=pr.get("number") or payload.get("number"),
        base_sha=(pr.get("base") or {}).get("sha"),
        head_sha=(pr.get("head") or {}).get("sha") or env.get("GITHUB_SHA"),
        base_ref=(pr.get("base") or {}).get("ref") or env.get("GITHUB_BASE_REF") or None,
        is_fork=bool(head_repo.get("fork")) or bool(head_repo and base_repo
                                                     and head_repo.get("full_name") != base_repo.get("full_name")),
        token_present=bool(env.get("GITHUB_TOKEN") or env.get("LMGATE_GITHUB_TOKEN")),
        api_url=(env.get("GITHUB_API_URL") or "https://api.github.com").rstrip("/"),
        run_url=f"{server}/{repo}/actions/runs/{run_id}" if server and repo and run_id else None,
        payload=payload,
    )


@dataclass(frozen=True)
class Annotation:
    level: str  # error | warning | notice
    message: str
    file: str | None = None
    line: int | None = None
    end_line: int | None = None
    col: int | None = None
    title: str | None = None
    on_changed_line: bool = False  # shown first: it is what the reviewer is looking at


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def prioritise(annotations: Iterable[Annotation]) -> list[Annotation]:
    return sorted(annotations, key=lambda a: (not a.on_changed_line, _SEVERITY.get(a.level, 3),
                                              a.file or "", a.line or 0))


class Console:
    """Talks to the runner when `GITHUB_ACTIONS=true`, to a terminal otherwise."""

    def __init__(self, env: Mapping[str, str] | None = None, out: TextIO | None = None,
                 err: TextIO | None = None) -> None:
        self.env = os.environ if env is None else env
        self.in_actions = self.env.get("GITHUB_ACTIONS") == "true"
        self.out = out or sys.stdout
        self.err = err or sys.stderr
        self._shown = dict.fromkeys(PER_STEP, 0)

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
                where = f"{Location(a.file, a.line, a.col)}: " if a.file else ""
                self.err.write(f"{where}{a.level}: {a.message}\n")
                continue
            if self._shown.get(a.level, 0) >= PER_STEP.get(a.level, 0) or sum(self._shown.values()) >= PER_JOB:
                dropped += 1
                continue
            self._shown[a.level] += 1
            props = [f"{k}={escape_property(str(v))}" for k, v in (
                ("file", a.file), ("line", a.line), ("endLine", a.end_line), ("col", a.col),
                ("title", a.title)) if v is not None]
            self.out.write(f"::{a.level} {','.join(props)}::{escape_data(a.message)}\n")
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
