"""The rollout state between ticks, written with compare-and-swap on a revision number.

One JSON file (`canary.state`, default .lmgate/canary/state.json). A tick reads it at revision r
and may only write revision r+1; a second tick that read the same r loses and re-reads. Writes
are atomic (temp file + rename) under an exclusive lock, so a crash leaves the previous revision.
Files and the lock go through `lmgate.paths`: never through a link (a committed lock linked to
another file used to truncate it), and redacted.
The file may have been edited by hand or committed in a pull request, so it is checked against
`STATE_SCHEMA` (and every number for being finite) before a field is used: a file of the wrong
shape is bad input (exit 2, naming the file and how to reset it), never a traceback mid-tick.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lmgate import jsonschema_re2, paths
from lmgate.canary.backends.base import LostRace
from lmgate.canary.stats import FACTORS, UB_GRID
from lmgate.errors import InputError, Location
from lmgate.github.api import GitHubConflict, GitHubNotFound
from lmgate.results import write_json_atomic
from lmgate.secrets import REDACTOR

TERMINAL = ("promoted", "rolled_back")
RESET = "restore it from the decision log, or delete it and `lmgate canary start` again"

# Bounds well past anything a rollout reaches, so no later arithmetic overflows or loses precision.
_COUNT = {"type": "number", "minimum": 0, "maximum": 1e15}
_TIME = {"type": "number", "minimum": 0, "maximum": 253402300799}   # up to 9999-12-31, what datetime shows
_LOG = {"type": "number", "minimum": -1e12, "maximum": 1e12}
_TEXT = {"type": "string", "maxLength": 100_000}
_INDEX = {"type": "integer", "minimum": 0, "maximum": 10_000}
# A score's information (Σ 1/variance per tick): 0, or at least 0.5 once a tick counted scores in [0, 1];
# a hand-edited 1e-200 squares to zero in the always-valid bound.
_INFO = {"anyOf": [{"const": 0}, {"type": "number", "minimum": 1e-3, "maximum": 1e15}]}
_WEIGHT = {"type": "number", "minimum": 0, "maximum": 100}
_STATES = {"enum": ["progressing", "held", "promoted", "rolled_back"]}
_ACTIONS = {"enum": ["start", "advance", "hold", "promote", "rollback"]}
_LOGS = {"type": "array", "items": _LOG, "minItems": len(FACTORS), "maxItems": len(FACTORS)}
_SIDE = {"type": "array", "items": _COUNT, "minItems": 2, "maxItems": 3}
_METRIC = {"type": "object", "properties": {
    "canary": _SIDE, "stable": _SIDE, "step": _SIDE,
    "stats": {"anyOf": [
        {"type": "object", "required": ["harm", "ni", "grid"], "properties": {
            "harm": _LOGS, "ni": _LOGS, "grid": {"type": "array", "items": _LOGS, "maxItems": len(UB_GRID)}}},
        {"type": "object", "required": ["s", "info"], "properties": {"s": _LOG, "info": _INFO}}]}}}
_DECISION = {"type": "object", "properties": {"action": _ACTIONS, "reason": _TEXT,
                                              "awaiting_approval": {"type": "boolean"}}}
_SNAPSHOT = {"state": _STATES, "step_index": _INDEX, "weight": _WEIGHT, "step_started_at": _TIME,
             "step_requests": {"type": "integer", "minimum": 0, "maximum": 1e15},
             "decision": _DECISION,
             "timeline": {"type": "array", "maxItems": 100_000, "items": {
                 "type": "object", "required": ["at", "weight", "action", "reason"],
                 "properties": {"at": _TIME, "weight": _WEIGHT, "action": _ACTIONS, "reason": _TEXT}}},
             "metrics": {"type": "object", "additionalProperties": _METRIC}}
# A pending write's decision-log record: appended, and posted as the deployment status, once the write lands.
_RECORD = {"type": "object", "required": ["at", "action", "status"], "properties": {
    "at": _TIME, "action": _ACTIONS, "status": _TEXT, "reason": _TEXT, "marker": {"type": ["string", "null"]},
    "metrics": {"type": "array"}, "notes": {"type": "array"}, "decided_on": {"type": "object"}}}
STATE_SCHEMA = {
    "type": "object",
    "required": ["rollout", "state", "step_index", "weight", "step_started_at", "step_requests", "ticks",
                 "metrics", "decision", "timeline", "revision"],
    "properties": {
        **_SNAPSHOT,
        "rollout": {"type": "object", "required": ["id", "candidate", "stable", "started_at"], "properties": {
            "id": _TEXT, "candidate": _TEXT, "stable": _TEXT, "started_at": _TIME,
            "deployment_id": {"type": ["integer", "null"], "minimum": 0}}},
        # every source's cursor is a few numbers (byte offset, timestamps)
        "cursor": {"type": ["object", "null"], "additionalProperties": {"anyOf": [_LOG, {"type": "null"}]},
                   "properties": {"offset": {"type": "integer", "minimum": 0, "maximum": 1e15}}},
        "last_tick_at": {"anyOf": [_TIME, {"type": "null"}]},
        "ticks": {"type": "integer", "minimum": 0, "maximum": 1e12},
        "marker": {"type": ["string", "null"], "maxLength": 1000},
        # null or an object (`required` and `properties` pass a null), so a damaged field is named
        "pending": {"type": ["object", "null"], "required": ["marker", "weight", "action", "at", "before", "record"],
                    "properties": {"marker": _TEXT, "weight": _WEIGHT, "action": _ACTIONS, "at": _TIME,
                                   "record": _RECORD, "by_hand": {"type": "boolean"},
                                   "before": {"type": "object", "required": list(_SNAPSHOT), "properties": _SNAPSHOT}}},
        # a hold saved with its decision-log line still owed (see `Controller.apply`)
        "unlogged": {"anyOf": [{"type": "null"}, _RECORD]},
        "revision": {"type": "integer", "minimum": 0, "maximum": 1e12},
    },
}


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
    pending: dict | None = None                # {marker, weight, action, ...}: a split write in flight
    decision: dict = field(default_factory=dict)
    timeline: list[dict] = field(default_factory=list)
    unlogged: dict | None = None               # a hold's decision-log record, until it is on the log
    revision: int = 0

    def to_json(self) -> dict:
        return dict(self.__dict__)

    @classmethod
    def from_json(cls, data: Any) -> RolloutState:
        """The state in `data`, or ValueError saying where its shape is wrong."""
        problems = jsonschema_re2.errors(data, STATE_SCHEMA, limit=3)
        if problems:
            raise ValueError("; ".join(problems))
        bad = _first_non_finite(data)
        if bad:
            raise ValueError(f"{bad}: not a finite number")
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        # JSON Schema counts 2.0 as an integer; an index or a count must be one in Python too
        for snapshot in (known, (known.get("pending") or {}).get("before") or {}):
            for key in ("step_index", "step_requests", "ticks", "revision"):
                if key in snapshot:
                    snapshot[key] = int(snapshot[key])
        return cls(**known)

    @property
    def finished(self) -> bool:
        return self.state in TERMINAL

    def unreadable(self) -> str | None:
        """Why `from_json` would refuse this state once saved (None: it would read it back)."""
        data = json.loads(json.dumps(self.to_json(), default=str))
        problems = jsonschema_re2.errors(data, STATE_SCHEMA, limit=1)
        bad = _first_non_finite(data)
        return problems[0] if problems else (f"{bad}: not a finite number" if bad else None)


def _first_non_finite(data: Any) -> str | None:
    """The JSON path of the first NaN or infinity (Python's json reads `NaN`, `Infinity`, `1e999`)."""
    todo: list[tuple[str, Any]] = [("$", data)]
    while todo:
        path, node = todo.pop()
        if isinstance(node, float) and not math.isfinite(node):
            return path
        if isinstance(node, dict):
            todo += [(f"{path}.{k}", v) for k, v in node.items()]
        elif isinstance(node, list):
            todo += [(f"{path}[{i}]", v) for i, v in enumerate(node)]
    return None


def refuse_unreadable(state: RolloutState, display: str) -> None:
    """Refuse to save a state that `load` would refuse: saved, it would stop every later command (even
    a rollback) with "unreadable", while the split it was written for is already routed."""
    problem = state.unreadable()
    if problem:
        raise InputError(f"lmgate will not save a canary state it could not read back ({problem[:300]}); "
                         "nothing was written", where=Location(display),
                         fix="keep inputs such as --candidate within the state's limits (text up to 100,000 "
                             "characters), or report this as a bug if they are")


class StateStore:
    def __init__(self, path: Path, display: str, root: Path | None = None) -> None:
        self.path, self.display, self.root = path, display, root
        self.lock_path = path.with_name(f".{path.name}.lock")

    def load(self) -> RolloutState | None:
        try:
            data = paths.read_bytes(self.path, root=self.root)
            if data is None:
                return None
            return RolloutState.from_json(json.loads(data.decode("utf-8")))
        except (ValueError, TypeError, RecursionError, IsADirectoryError) as exc:  # garbage, a wrong shape, a folder
            raise InputError(f"the canary state file is unreadable: {exc}", where=Location(self.display),
                             fix=RESET) from exc

    def save(self, state: RolloutState, expected_revision: int | None) -> RolloutState:
        """Write `state` as revision expected+1 if the stored revision is still `expected_revision`
        (None: the file must not exist yet)."""
        refuse_unreadable(state, self.display)
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
        try:
            text, self._sha = self.client.get_contents(self.path, ref=self.branch)
            return RolloutState.from_json(json.loads(text))
        except GitHubNotFound:
            self._sha = None
            return None
        except (ValueError, TypeError, RecursionError) as exc:  # not UTF-8, not JSON, or a wrong shape
            raise InputError(f"the canary state file is unreadable: {exc}", where=Location(self.path),
                             fix=RESET) from exc

    def save(self, state: RolloutState, expected_revision: int | None) -> RolloutState:
        refuse_unreadable(state, self.display)
        state.revision = (expected_revision or 0) + 1
        text = REDACTOR(json.dumps(state.to_json(), indent=1, default=str) + "\n")
        try:
            message = f"canary state r{state.revision}: {state.decision.get('action')}"
            self._sha = self.client.put_contents(self.path, text, sha=self._sha, branch=self.branch, message=message)
        except GitHubConflict as exc:
            state.revision = expected_revision or 0
            raise LostRace(f"the state file changed on GitHub: {exc.message}") from exc
        return state
