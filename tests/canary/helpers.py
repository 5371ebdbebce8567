"""Helpers shared by the canary tests: a controllable clock, controllers on a repo, the decision log."""

from __future__ import annotations

import json
from pathlib import Path

from lmgate.canary.deps import build_controller
from lmgate.config import load_config


def controller(repo: Path, *, clock=None, dry_run: bool = False, lease_s: float = 300.0, env=None, **kw):
    config = load_config(repo / "lmgate.yaml", env=env or {})
    ctrl = build_controller(config, env or {}, dry_run=dry_run, clock=clock or Clock(), **kw)
    ctrl.lease_s = lease_s
    return ctrl


class Clock:
    def __init__(self, now: float = 1_800_000_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        self.now += 60.0
        return self.now


def log_records(repo: Path) -> list[dict]:
    path = repo / ".lmgate" / "canary" / "decisions.jsonl"
    return [json.loads(x) for x in path.read_text().splitlines()] if path.exists() else []
