"""The rollout state between ticks, written with compare-and-swap on a revision number.

One JSON file (`canary.state`, default .lmgate/canary/state.json). A tick reads it at revision r
and may only write revision r+1; a second tick that read the same r loses and re-reads. Writes
are atomic (temp file + rename) under an exclusive lock, so a crash leaves the previous revision.
Files and the lock go through `lmgate.paths`: never through a link (a committed lock linked to
another file used to truncate it), and redacted.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lmgate import paths
from lmgate.canary.backends.base import LostRace
from lmgate.errors import InputError, Location
from lmgate.results import write_json_atomic
from lmgate.secrets import REDACTOR

TERMINAL = ("promoted", "rolled_back")


@dataclass
class RolloutState:
    """Mutable while one tick works on it; persisted as a whole."""

    rollout: dict[str, Any]                    # id, candidate, stable, started_at
    state: str = "progressing"                 # progressing | held | promoted | rolled_back
    step_index: int = 0
    weight: float = 0.0
    step_started_at: float = 0.0
    step_requests: int = 0
    cursor: Any = None
    last_tick_at: float | None = None
    ticks: int = 0
    metrics: dict[str, dict] = field(default_factory=dict)   # name -> {stats, canary, stable, step}
    marker: str | None = None                  # the marker of lmgate's last landed split write
    pending: dict | None = None                # {marker, weight, action}: a split write in flight
    decision: dict = field(default_factory=dict)
    timeline: list[dict] = field(default_factory=list)
    revision: int = 0

    def to_json(self) -> dict:
        return dict(self.__dict__)

    @classmethod
    def from_json(cls, data: dict) -> RolloutState:
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        return cls(**known)

    @property
    def finished(self) -> bool:
        return self.state in TERMINAL


class StateStore:
    def __init__(self, path: Path, display: str, root: Path | None = None) -> None:
        self.path, self.display, self.root = path, display, root
        self.lock_path = path.with_name(f".{path.name}.lock")

    def load(self) -> RolloutState | None:
        data = paths.read_bytes(self.path, root=self.root)
        if data is None:
            return None
        try:
            return RolloutState.from_json(json.loads(data.decode("utf-8")))
        except (ValueError, TypeError) as exc:
            raise InputError(f"the canary state file is unreadable: {exc}", where=Location(self.display),
                             fix="restore it from the decision log, or delete it and `lmgate canary start` "
                                 "again") from exc

    def save(self, state: RolloutState, expected_revision: int | None) -> RolloutState:
        """Write `state` as revision expected+1 if the stored revision is still `expected_revision`
        (None: the file must not exist yet)."""
        with paths.locked(self.lock_path, root=self.root):
            current = self.load()
            current_rev = None if current is None else current.revision
            if current_rev != expected_revision:
                raise LostRace(f"state moved from revision {expected_revision} to {current_rev}")
            state.revision = (expected_revision or 0) + 1
            write_json_atomic(self.path, state.to_json(), root=self.root)
        return state


class ContentsStateStore:
    """The state committed in the repository through the GitHub contents API, for scheduled
    workflows whose runners keep nothing between ticks. The blob `sha` is the compare-and-swap token."""

    def __init__(self, client, path: str, branch: str | None = None) -> None:
        self.client, self.path, self.branch = client, path, branch
        self.display, self._sha = path, None

    def load(self) -> RolloutState | None:
        from lmgate.github.transport import GitHubNotFound

        try:
            text, self._sha = self.client.get_contents(self.path, ref=self.branch)
        except GitHubNotFound:
            self._sha = None
            return None
        try:
            return RolloutState.from_json(json.loads(text))
        except (ValueError, TypeError) as exc:
            raise InputError(f"the canary state file is unreadable: {exc}", where=Location(self.path),
                             fix="restore it from the decision log, or delete it and start again") from exc

    def save(self, state: RolloutState, expected_revision: int | None) -> RolloutState:
        from lmgate.github.transport import GitHubConflict

        state.revision = (expected_revision or 0) + 1
        text = REDACTOR(json.dumps(state.to_json(), indent=1, default=str) + "\n")
        try:
            message = f"canary state r{state.revision}: {state.decision.get('action')}"
            self._sha = self.client.put_contents(self.path, text, sha=self._sha, branch=self.branch, message=message)
        except GitHubConflict as exc:
            state.revision = expected_revision or 0
            raise LostRace(f"the state file changed on GitHub: {exc.message}") from exc
        return state
