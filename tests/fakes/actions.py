"""A GitHub Actions step, faked: the event payload and the environment the runner gives a step,
pointed at the loopback fake GitHub (fakes/github.py), and `lmgate` run as that step (a subprocess)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

# the interpreter runs the code under test: a source tree on PYTHONPATH (a worktree) stays first
SOURCE = {k: v for k, v in os.environ.items() if k == "PYTHONPATH"}
HEAD = "3f2a9c1d4b5e6f708192a3b4c5d6e7f809112233"


def run_cli(args: list[str], env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "lmgate", *args], capture_output=True, text=True, cwd=cwd,
                          env={**SOURCE, "PATH": "/usr/bin:/bin", **env})


def actions_env(github, tmp_path: Path, event: dict, token: str, name: str = "pull_request") -> dict[str, str]:
    (tmp_path / "event.json").write_text(json.dumps(event))
    for f in ("summary.md", "output.txt"):
        (tmp_path / f).write_text("")
    return {"GITHUB_ACTIONS": "true", "GITHUB_API_URL": github.url, "GITHUB_REPOSITORY": "acme/app",
            "GITHUB_EVENT_NAME": name, "GITHUB_EVENT_PATH": str(tmp_path / "event.json"),
            "GITHUB_STEP_SUMMARY": str(tmp_path / "summary.md"), "GITHUB_OUTPUT": str(tmp_path / "output.txt"),
            "GITHUB_SERVER_URL": "https://github.com", "GITHUB_RUN_ID": "42", "GITHUB_TOKEN": token}


def pr_event(number: int, fork: bool = False) -> dict:
    head_repo = {"full_name": "fork/app" if fork else "acme/app", "fork": fork}
    return {"number": number, "pull_request": {"number": number, "head": {"sha": HEAD, "repo": head_repo},
                                               "base": {"sha": "a" * 40, "repo": {"full_name": "acme/app"}}}}


def stage_env(tmp_path: Path, run_id: str) -> dict[str, str]:
    """A pull request's run: GITHUB_SHA is the merge commit GitHub builds, not the PR's head."""
    (tmp_path / "pr.json").write_text(json.dumps(pr_event(4, fork=True)))
    return {"GITHUB_EVENT_NAME": "pull_request", "GITHUB_EVENT_PATH": str(tmp_path / "pr.json"),
            "GITHUB_SHA": "9" * 40, "GITHUB_RUN_ID": run_id, "GITHUB_REPOSITORY": "acme/app"}
