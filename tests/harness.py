"""Runs workflows that use our actions for real, under nektos/act on this host.

A throw-away consuming repository (git, `origin` remote, a pull_request event file) runs a
workflow with `act -P ubuntu-latest=-self-hosted --action-offline-mode`; our repository is
served as `lmgate/lmgate@v1` from a clean export, and every other remote action is a
`--local-repository` stub. Results come back from act's `--json` log: per-step results,
outputs, annotations, and the step summaries (act logs them as records).
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
ACT = Path(sys.executable).with_name("act")
STUB_ACTIONS = ("actions/setup-python@v5", "actions/upload-artifact@v4", "actions/download-artifact@v4",
                "actions/cache@v4", "actions/cache@27d5ce7f107fe9357f9df03efb73ab90386fccae",  # the templates' pin
                "github/codeql-action/upload-sarif@v3")
GIT_ENV = {"GIT_AUTHOR_NAME": "dev", "GIT_AUTHOR_EMAIL": "dev@example.com", "GIT_COMMITTER_NAME": "dev",
           "GIT_COMMITTER_EMAIL": "dev@example.com"}


def git(cwd: Path, *args: str) -> str:
    out = subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True,
                         env={**os.environ, **GIT_ENV})
    return out.stdout.strip()


def export_project(dest: Path) -> Path:
    """Copy the files git would ship (tracked and new, not ignored): what a release tag holds."""
    listed = git(PROJECT, "ls-files", "-co", "--exclude-standard", "-z")
    for rel in filter(None, listed.split("\0")):
        src = PROJECT / rel
        if src.is_file():
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / rel)
    return dest


def make_stub(dest: Path) -> Path:
    for folder in (dest, dest / "restore", dest / "save"):  # actions/cache/restore and /save are sub-actions
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "action.yml").write_text(
            "name: stub\ndescription: stands in for a remote action under act\n"
            "runs: {using: composite, steps: [{shell: bash, run: 'true'}]}\n")
    return dest


@dataclass
class ConsumerRepo:
    path: Path
    remote: str = "https://github.com/acme/app.git"

    @classmethod
    def create(cls, path: Path, files: dict[str, str], remote: str = "https://github.com/acme/app.git"):
        path.mkdir(parents=True, exist_ok=True)
        git(path, "init", "-q", "-b", "main")
        git(path, "remote", "add", "origin", remote)
        repo = cls(path, remote)
        repo.commit(files, "initial")
        return repo

    def commit(self, files: dict[str, str | None], message: str) -> str:
        for rel, text in files.items():
            target = self.path / rel
            if text is None:
                target.unlink(missing_ok=True)
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text)
        git(self.path, "add", "-A")
        git(self.path, "commit", "-q", "--allow-empty", "-m", message)
        return git(self.path, "rev-parse", "HEAD")


def pr_event(number: int, base_sha: str, head_sha: str, *, fork: bool = False,
             repo: str = "acme/app") -> dict:
    head_repo = "contributor/app" if fork else repo
    return {"action": "synchronize", "number": number, "pull_request": {
        "number": number, "head": {"sha": head_sha, "ref": "feature", "repo": {"full_name": head_repo, "fork": fork}},
        "base": {"sha": base_sha, "ref": "main", "repo": {"full_name": repo, "fork": False}}},
        "repository": {"full_name": repo}}


@dataclass
class ActResult:
    returncode: int
    records: list[dict]

    @property
    def summaries(self) -> dict[str, str]:
        """job id -> its step summaries, from act's `summary` log records (act gives every step a
        fresh SUMMARY.md and deletes it, so the file itself cannot be read afterwards)."""
        out: dict[str, str] = {}
        for rec in self.records:
            if rec.get("command") == "summary":
                out[rec["jobID"]] = out.get(rec["jobID"], "") + rec.get("content", "")
        return out

    def steps(self) -> dict[str, str]:
        """step id -> result; a composite action's inner steps appear as `outer/inner`."""
        out = {}
        for r in self.records:
            if "stepResult" in r and r.get("stepID") and r.get("stage") == "Main":
                out["/".join(r["stepID"])] = r["stepResult"]
        return out

    def outputs(self) -> dict[str, str]:
        return {r["name"]: r.get("arg", "") for r in self.records if r.get("command") == "set-output"}

    def annotations(self) -> list[dict]:
        return [{"level": r["command"], "message": r.get("arg", ""), **r.get("kvPairs", {})}
                for r in self.records if r.get("command") in ("error", "warning", "notice")]

    def job_results(self) -> dict[str, str]:
        return {r["jobID"]: r["jobResult"] for r in self.records if "jobResult" in r}

    def log(self) -> str:
        return "".join(str(r.get("msg", "")) + ("" if str(r.get("msg", "")).endswith("\n") else "\n")
                       for r in self.records)


@dataclass
class Act:
    """One per test session: a clean export of lmgate, stubs, a sandboxed HOME and a shared venv."""

    work: Path

    def __post_init__(self) -> None:
        self.project = export_project(self.work / "lmgate")
        git(self.project, "init", "-q")
        self.stubs = make_stub(self.work / "stub")
        self.home = self.work / "home"
        self.home.mkdir(exist_ok=True)
        self.venv = self.work / "venv"  # LMGATE_VENV: built by the first run, reused after

    def run(self, repo: ConsumerRepo, workflow: str, event: dict, *, event_name: str = "pull_request",
            secrets: dict[str, str] | None = None, env: dict[str, str] | None = None,
            name: str = "ci", timeout: float = 400) -> ActResult:
        wf = repo.path / ".github" / "workflows" / f"{name}.yml"
        wf.parent.mkdir(parents=True, exist_ok=True)
        wf.write_text(workflow)
        event_file = self.work / "event.json"
        event_file.write_text(json.dumps(event))
        cmd = [str(ACT), event_name, "-W", str(wf), "-e", str(event_file), "--json",
               "-P", "ubuntu-latest=-self-hosted", "--action-offline-mode",
               "--action-cache-path", str(self.work / "act-cache"),
               "--local-repository", f"lmgate/lmgate@v1={self.project}"]
        for stub in STUB_ACTIONS:
            cmd += ["--local-repository", f"{stub}={self.stubs}"]
        for key, value in (secrets or {}).items():
            cmd += ["-s", f"{key}={value}"]
        for key, value in (env or {}).items():
            cmd += ["--env", f"{key}={value}"]
        proc_env = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "RUNNER_", "LMGATE_"))}
        proc_env.update(HOME=str(self.home), LMGATE_VENV=str(self.venv))
        proc = subprocess.run(cmd, cwd=repo.path, capture_output=True, text=True, env=proc_env, timeout=timeout)
        records = []
        for line in proc.stdout.splitlines() + proc.stderr.splitlines():
            if line.startswith("{"):
                with contextlib.suppress(ValueError):
                    records.append(json.loads(line))
        plain = [{"msg": line} for line in proc.stderr.splitlines() if not line.startswith("{")]
        return ActResult(proc.returncode, records + plain)
