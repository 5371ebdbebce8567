"""Every decision on the record: a JSONL decision log, and a GitHub deployment with a status per tick.

A split write's line is appended after the write lands and before the state lets go of `pending`:
a process that dies in between leaves the write pending, and the tick that reconciles it appends
the line again, which the dedup by marker makes a no-op, so each write appears exactly once (with
a log that does not persist between runners, at least once). A hold keeps its line owed in the state
(`unlogged`) from its first save until a second save after the append, so the same holds for it. It is opened
through `lmgate.paths` (never through a link; redacted).
"""

from __future__ import annotations

import fcntl
import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from lmgate import paths
from lmgate.secrets import redact

STATUS_LIMIT = 140  # GitHub truncates longer deployment-status descriptions
STATES = {"advance": "in_progress", "hold": "in_progress", "start": "in_progress", "promote": "success",
          "rollback": "failure"}


def short_count(n: float) -> str:
    return f"{n / 1000:.1f}k" if n >= 1000 else f"{int(n)}"


def status_line(weight: float, action: str, metrics: Iterable[Mapping], requests: float) -> str:
    """E.g. '25% · errors E=3.1/40 · n=1.2k · advance'; always within GitHub's 140 characters."""
    parts = [f"{weight:g}%"]
    parts += [f"{m['name']} E={m['evidence']:.1f}/{m['threshold']:g}" for m in metrics]
    parts += [f"n={short_count(requests)}", action]
    text = " · ".join(parts)
    return text if len(text) <= STATUS_LIMIT else text[: STATUS_LIMIT - 1] + "…"


def _marker_of(line: str) -> str | None:
    try:
        return json.loads(line).get("marker")
    except (ValueError, AttributeError):
        return None


class DecisionLog:
    def __init__(self, path: Path, secrets: Iterable[str] = (), *, root: Path | None = None) -> None:
        self.path, self.secrets, self.root = path, set(secrets), root

    def append(self, record: Mapping[str, Any]) -> bool:
        """Append once per split-write marker: a racing tick that reconciles the winner's write, and
        the winner itself, must not both log it. Check and append happen under one file lock."""
        line = redact(json.dumps(record, ensure_ascii=False, default=str), self.secrets)
        with paths.open_for_write(self.path, root=self.root, append=True, read=True) as fh:
            fcntl.flock(fh, fcntl.LOCK_EX)
            try:
                marker = record.get("marker")
                if marker is not None:
                    fh.seek(0)
                    if any(_marker_of(x) == marker for x in fh.read().splitlines()):
                        return False
                fh.write(line + "\n")
                fh.flush()
                return True
            finally:
                fcntl.flock(fh, fcntl.LOCK_UN)

    def records(self) -> list[dict]:
        data = paths.read_bytes(self.path, root=self.root)
        if data is None:
            return []
        return [json.loads(x) for x in data.decode("utf-8").splitlines() if x.strip()]


class Deployments:
    """One GitHub deployment per rollout and one status per tick (client: lmgate.github.api.GitHubClient)."""

    def __init__(self, client: Any, environment: str, log_url: str | None) -> None:
        self.client, self.environment, self.log_url = client, environment, log_url

    def create(self, rollout: Mapping[str, Any]) -> int:
        return self.client.create_deployment(
            ref=rollout["candidate"], environment=self.environment,
            description=f"lmgate canary of {rollout['candidate']}"[:STATUS_LIMIT],
            payload={"rollout": rollout["id"], "stable": rollout["stable"]})

    def status(self, deployment_id: int, action: str, description: str) -> None:
        self.client.create_deployment_status(deployment_id, STATES.get(action, "in_progress"),
                                             description[:STATUS_LIMIT], log_url=self.log_url)
