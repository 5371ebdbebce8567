"""`--diff-base`: base text through git, changed lines from `git diff -U0`, `--changed-only`."""

from __future__ import annotations

import json
import subprocess

from lmgate.lint.diffbase import DiffBase, parse_diff

from .helpers import lint, write

GIT_ENV = ["-c", "user.name=dev", "-c", "user.email=dev@example.com"]


def git(root, *args: str) -> str:
    return subprocess.run(["git", *GIT_ENV, *args], cwd=root, check=True, capture_output=True, text=True).stdout.strip()


def repo(tmp_path):
    git(tmp_path, "init", "-q", "-b", "main")
    write(tmp_path, {"prompts/a.j2": "one \ntwo \nthree \n", "prompts/old.j2": "old \n"})
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-qm", "base")
    base = git(tmp_path, "rev-parse", "HEAD")
    write(tmp_path, {"prompts/a.j2": "one \nTWO \nthree \nfour \n", "prompts/new.j2": "new \n"})
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-qm", "head")
    return base


def test_base_text_and_changed_lines(tmp_path):
    base_sha = repo(tmp_path)
    base = DiffBase.open(tmp_path, "HEAD~1")
    assert base.sha == base_sha
    assert base.source("prompts/a.j2") == "one \ntwo \nthree \n" and base.source("prompts/new.j2") is None
    assert base.changed == {"prompts/a.j2": {2, 4}, "prompts/new.j2": {1}}
    diff = "+++ b/sub/x.j2\n@@ -1,0 +2,3 @@\n+a\n+++ /dev/null\n@@ -1 +0,0 @@\n"
    assert parse_diff(diff, "sub/") == {"x.j2": {2, 3, 4}}


def test_changed_only_keeps_findings_on_changed_lines(tmp_path):
    base_sha = repo(tmp_path)
    everything = lint(tmp_path, "prompts", "--format", "json", "--fail-on", "never")
    assert {(f["path"], f["line"]) for f in json.loads(everything.out)["findings"] if f["code"] == "STY001"} >= {
        ("prompts/a.j2", 1), ("prompts/old.j2", 1)}
    run = lint(tmp_path, "prompts", "--diff-base", "HEAD~1", "--changed-only", "--format", "json")
    found = {(f["path"], f["line"]) for f in json.loads(run.out)["findings"] if f["code"] == "STY001"}
    assert found == {("prompts/a.j2", 2), ("prompts/a.j2", 4), ("prompts/new.j2", 1)}
    assert run.result()["git"]["base_sha"] == base_sha


def test_in_actions_the_base_defaults_to_the_pr_base_sha(tmp_path):
    base_sha = repo(tmp_path)
    event = write(tmp_path, {"event.json": json.dumps({"pull_request": {"number": 7, "base": {"sha": base_sha}}})})
    env = {"GITHUB_ACTIONS": "true", "GITHUB_EVENT_PATH": str(event / "event.json"),
           "GITHUB_EVENT_NAME": "pull_request"}
    run = lint(tmp_path, "prompts", "--format", "json", env=env)
    assert run.result()["git"]["base_sha"] == base_sha
    shallow = {**env, "GITHUB_EVENT_PATH": str(write(tmp_path, {"e2.json": json.dumps(
        {"pull_request": {"base": {"sha": "0" * 40}}})}) / "e2.json")}
    degraded = lint(tmp_path, "prompts", "--format", "json", env=shallow)
    assert degraded.code in (0, 1) and "fetch-depth: 0" in degraded.err
    assert lint(tmp_path, "prompts", "--diff-base", "nope").code == 2
