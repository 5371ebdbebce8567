"""Helpers shared by the canary tests: a controllable clock, controllers on a repo, the decision log, and
`lmgate canary` run as a user runs it up to an approval step."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from canary.conftest import CANDIDATE, Traffic
from lmgate.canary.deps import build_controller
from lmgate.cli import main
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


def cli(repo: Path, *args: str, env: dict | None = None, capsys) -> tuple[int, dict | None, str]:
    """`lmgate canary <args> --format json` in this process: (exit code, the last JSON body, what was printed)."""
    code = main(["canary", *args, "--config", str(repo / "lmgate.yaml"), "--format", "json"], env=env or {})
    out, err = capsys.readouterr()
    bodies = [line for line in out.splitlines() if line.startswith("{")]  # in Actions ::error lines come too
    return code, (json.loads(bodies[-1]) if bodies else None), err + out


def weight(repo: Path) -> float:
    return yaml.safe_load((repo / "deploy" / "routing.yaml").read_text())["canary"]["weight"]


def to_the_gate(repo: Path, traffic: Traffic, capsys, env: dict | None = None, ticks: int = 40,
                slow: float = 0.0) -> list[dict]:
    """Start, then scheduled ticks on healthy traffic until the rollout stops moving or the ticks run out."""
    cli(repo, "start", "--candidate", CANDIDATE, env=env, capsys=capsys)
    bodies = []
    for _ in range(ticks):
        traffic.serve(2000, slow=slow)
        code, body, err = cli(repo, "tick", env=env, capsys=capsys)
        assert code == 0, err
        bodies.append(body)
        if body["decision"]["awaiting_approval"] or body["state"] in ("promoted", "rolled_back"):
            break
    return bodies
