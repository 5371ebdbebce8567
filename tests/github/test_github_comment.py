"""The sticky comment and `lmgate comment`, against the loopback fake GitHub."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import requests

from lmgate.github.api import BOT_LOGIN, GitHubClient
from lmgate.github.comment import MARKER, upsert_comment

# the interpreter runs the code under test: a source tree on PYTHONPATH (a worktree) stays first
SOURCE = {k: v for k, v in os.environ.items() if k == "PYTHONPATH"}

FIXTURES = Path(__file__).parents[1] / "report" / "fixtures"
HEAD = "3f2a9c1d4b5e6f708192a3b4c5d6e7f809112233"


def client(github, token="ghs") -> GitHubClient:
    return GitHubClient(requests.Session(), api_url=github.url, token=token, repository="acme/app",
                        sleep=lambda s: None)


def test_first_run_creates_second_updates_the_same_comment(github):
    github.add_token("ghs", BOT_LOGIN, app=True)
    first = upsert_comment(client(github), "acme/app", 5, f"{MARKER}\nrun 1")
    second = upsert_comment(client(github), "acme/app", 5, f"{MARKER}\nrun 2")
    third = upsert_comment(client(github), "acme/app", 5, f"{MARKER}\nrun 2")
    assert (first.action, second.action, third.action) == ("created", "updated", "unchanged")
    assert first.comment_id == second.comment_id == third.comment_id
    assert [c["body"] for c in github.issue_comments(5)] == [f"{MARKER}\nrun 2"]


def test_a_planted_marker_from_someone_else_is_never_edited(github):
    github.add_token("ghs", BOT_LOGIN, app=True)
    planted = github.add_comment(5, "mallory", f"{MARKER}\nI am the report now")
    done = upsert_comment(client(github), "acme/app", 5, "the real report")
    assert done.action == "created" and done.comment_id != planted["id"]
    assert planted["body"] == f"{MARKER}\nI am the report now"


def test_finds_its_comment_past_the_first_100(github):
    github.add_token("ghs", BOT_LOGIN, app=True)
    for i in range(130):
        github.add_comment(5, "someone", f"chatter {i}")
    ours = github.add_comment(5, BOT_LOGIN, f"{MARKER}\nold")
    for i in range(40):
        github.add_comment(5, "someone", f"more {i}")
    done = upsert_comment(client(github), "acme/app", 5, "new")
    assert done.action == "updated" and done.comment_id == ours["id"]
    assert len(github.issue_comments(5)) == 171


def test_a_create_lost_in_a_5xx_is_not_duplicated_on_retry(github):
    github.add_token("ghs", BOT_LOGIN, app=True)
    github.fail_next("POST", "/comments", 502, apply=True)  # GitHub saved it, the answer got lost
    done = upsert_comment(client(github), "acme/app", 5, "report")
    assert done.action == "unchanged"  # found the saved one on the second look
    assert len([c for c in github.issue_comments(5) if MARKER in c["body"]]) == 1


def run_cli(args, env, cwd):
    return subprocess.run([sys.executable, "-m", "lmgate", *args], capture_output=True, text=True, cwd=cwd,
                          env={**SOURCE, "PATH": "/usr/bin:/bin", **env})


def actions_env(github, tmp_path, event: dict, token: str, name: str = "pull_request") -> dict:
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


def test_cli_comments_and_exits_with_the_gate_verdict(github, tmp_path):
    github.add_token("ghs", BOT_LOGIN, app=True)
    env = actions_env(github, tmp_path, pr_event(9), "ghs")
    proc = run_cli(["comment", "--results", str(FIXTURES / "eval_regression")], env, tmp_path)
    assert proc.returncode == 1, proc.stderr  # the eval gate failed; posting worked
    [comment] = github.issue_comments(9)
    assert comment["body"].startswith(MARKER) and "12 items flipped pass → fail" in comment["body"]
    assert "comment-id<<" in (tmp_path / "output.txt").read_text()
    assert "q-111" in (tmp_path / "summary.md").read_text()  # the long version went to the summary


def test_fork_read_only_token_falls_back_to_the_summary(github, tmp_path):
    github.add_token("ro", BOT_LOGIN, {"issues": "read", "pull_requests": "read", "contents": "read"}, app=True)
    env = actions_env(github, tmp_path, pr_event(9, fork=True), "ro")
    proc = run_cli(["comment", "--results", str(FIXTURES / "green")], env, tmp_path)
    assert proc.returncode == 0, proc.stderr  # green stays green despite the 403
    assert github.issue_comments(9) == []
    warning = next(line for line in proc.stdout.splitlines() if line.startswith("::warning"))
    assert "issues=write; pull_requests=write" in warning
    summary = (tmp_path / "summary.md").read_text()
    assert "could not be posted: the token lacks `issues: write` or `pull-requests: write`" in summary
    assert "**lmgate ✅ passed**" in summary


def test_workflow_run_comments_from_a_fork_artifact_on_the_right_pr(github, tmp_path):
    github.add_token("ghs", BOT_LOGIN, app=True)
    github.add_pull(3, "b" * 40)
    github.add_pull(4, HEAD, fork=True)
    artifact = Path(shutil.copytree(FIXTURES / "hallucination_fail", tmp_path / "artifact"))
    event = {"workflow_run": {"head_sha": HEAD, "pull_requests": [], "event": "pull_request"}}
    env = actions_env(github, tmp_path, event, "ghs", name="workflow_run")
    proc = run_cli(["comment", "--from-artifact", str(artifact)], env, tmp_path)
    assert proc.returncode == 1, proc.stderr
    assert [c["body"].splitlines()[1] for c in github.issue_comments(4)] == [
        "**lmgate ❌ failed** — ✅ prompt lint · ✅ evaluation · ❌ hallucination"]
    assert github.issue_comments(3) == []


def test_workflow_run_refuses_an_artifact_from_another_commit(github, tmp_path):
    github.add_token("ghs", BOT_LOGIN, app=True)
    github.add_pull(4, "c" * 40, fork=True)
    event = {"workflow_run": {"head_sha": "c" * 40, "pull_requests": []}}
    env = actions_env(github, tmp_path, event, "ghs", name="workflow_run")
    proc = run_cli(["comment", "--from-artifact", str(FIXTURES / "green")], env, tmp_path)
    assert proc.returncode == 2 and "not on the triggering run's head" in proc.stderr
    assert github.issue_comments(4) == []


def test_github_down_falls_back_to_the_summary_and_keeps_the_verdict(github, tmp_path):
    github.add_token("ghs", BOT_LOGIN, app=True)
    github.fail_next("GET", "/comments", 503, times=10, headers={"Retry-After": "0"})  # no real waiting
    env = actions_env(github, tmp_path, pr_event(9), "ghs")
    env["LMGATE_COMMENT_AUTHOR"] = BOT_LOGIN  # also skips /user, as for a GitHub App token
    proc = run_cli(["comment", "--results", str(FIXTURES / "lint_errors")], env, tmp_path)
    assert proc.returncode == 1, proc.stderr  # lint failed: that, not the outage, decides
    assert "::warning" in proc.stdout and "503" in proc.stdout
    assert "could not be posted: GitHub answered 503" in (tmp_path / "summary.md").read_text()
    assert len([r for r in github.requests if r[0] == "GET"]) == 5  # retried, then gave up


def test_without_a_token_the_body_is_printed_and_the_reason_given(tmp_path):
    proc = run_cli(["comment", "--results", str(FIXTURES / "eval_regression")], {}, tmp_path)
    assert proc.returncode == 1, proc.stderr  # the eval gate failed; not posting changes nothing
    assert proc.stdout.startswith(MARKER) and "**lmgate ❌ failed**" in proc.stdout
    assert "posted no PR comment: no GitHub token" in proc.stderr and "GITHUB_TOKEN" in proc.stderr


def test_without_a_token_in_actions_the_summary_says_why(github, tmp_path):
    env = actions_env(github, tmp_path, pr_event(9), "")
    proc = run_cli(["comment", "--results", str(FIXTURES / "green")], env, tmp_path)
    assert proc.returncode == 0, proc.stderr
    summary = (tmp_path / "summary.md").read_text()
    assert "No comment was posted (no GitHub token" in summary and "**lmgate ✅ passed**" in summary
    assert MARKER not in proc.stdout and "posted no PR comment: no GitHub token" in proc.stderr


def stage_env(tmp_path: Path, run_id: str) -> dict[str, str]:
    """A pull request's run: GITHUB_SHA is the merge commit GitHub builds, not the PR's head."""
    (tmp_path / "pr.json").write_text(json.dumps(pr_event(4, fork=True)))
    return {"GITHUB_EVENT_NAME": "pull_request", "GITHUB_EVENT_PATH": str(tmp_path / "pr.json"),
            "GITHUB_SHA": "9" * 40, "GITHUB_RUN_ID": run_id, "GITHUB_REPOSITORY": "acme/app"}


def test_one_runs_genuine_stage_results_are_accepted_and_a_mix_is_refused(github, quickstart, tmp_path):
    from lmgate.cli import main

    config = str(quickstart / "lmgate.yaml")
    assert main(["lint", "--config", config, "--format", "json"], env=stage_env(tmp_path, "42")) in (0, 1)
    assert main(["eval", "--config", config], env=stage_env(tmp_path, "42")) in (0, 1)
    assert main(["hallucination", "--config", config], env=stage_env(tmp_path, "42")) in (0, 1)
    results = quickstart / ".lmgate" / "results"
    for stage in ("lint", "eval", "hallucination"):
        data = json.loads((results / f"{stage}.json").read_text())
        assert (data["git"]["head_sha"], data["run_id"]) == (HEAD, "42"), stage  # lint had GITHUB_SHA
    artifact = tmp_path / "artifact"
    artifact.mkdir()
    for stage in ("lint", "eval", "hallucination"):
        shutil.copy(results / f"{stage}.json", artifact)
    github.add_token("ghs", BOT_LOGIN, app=True)
    github.add_pull(4, HEAD, fork=True)
    event = {"workflow_run": {"id": 42, "head_sha": HEAD, "pull_requests": [], "event": "pull_request"}}
    env = actions_env(github, tmp_path, event, "ghs", name="workflow_run")
    env["GITHUB_RUN_ID"] = "43"
    proc = run_cli(["comment", "--from-artifact", str(artifact)], env, tmp_path)
    assert proc.returncode in (0, 1), proc.stderr
    [comment] = github.issue_comments(4)
    assert "numbers from [run 42](https://github.com/acme/app/actions/runs/42)" in comment["body"]

    # a lint.json of another run of the same commit: refused with a message, nothing posted
    assert main(["lint", "--config", config, "--format", "json"], env=stage_env(tmp_path, "41")) in (0, 1)
    shutil.copy(results / "lint.json", artifact)
    proc = run_cli(["comment", "--from-artifact", str(artifact)], env, tmp_path)
    assert proc.returncode == 2 and "the artifact mixes results of different commits or runs" in proc.stderr
    assert "run 41" in proc.stderr and "Traceback" not in proc.stderr
    assert len(github.issue_comments(4)) == 1


def test_the_event_names_the_pull_request_of_every_kind_of_run(tmp_path):
    from lmgate.github.event import pull_request_base, read_event

    def event(name: str, payload: dict) -> object:
        (tmp_path / "e.json").write_text(json.dumps(payload))
        return read_event({"GITHUB_EVENT_NAME": name, "GITHUB_EVENT_PATH": str(tmp_path / "e.json"),
                           "GITHUB_SHA": "9" * 40, "GITHUB_RUN_ID": "5"})

    pr = event("pull_request", pr_event(9))
    assert (pr.head_sha, pr.base_sha, pr.run_id, pull_request_base(pr)) == (HEAD, "a" * 40, "5", "a" * 40)
    assert pull_request_base(event("pull_request_target", pr_event(9))) == "a" * 40
    run = event("workflow_run", {"workflow_run": {"id": 4, "head_sha": HEAD, "pull_requests": [
        {"number": 9, "head": {"sha": HEAD}, "base": {"sha": "b" * 40}}]}})
    assert (run.pr_number, run.head_sha, pull_request_base(run)) == (9, HEAD, "b" * 40)
    fork_run = event("workflow_run", {"workflow_run": {"id": 4, "head_sha": HEAD, "pull_requests": []}})
    assert pull_request_base(fork_run) is None and fork_run.head_sha == HEAD
    push = event("push", {"after": "9" * 40})
    assert pull_request_base(push) is None and push.head_sha == "9" * 40
