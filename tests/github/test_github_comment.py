"""The sticky comment and `lmgate comment`, against the loopback fake GitHub."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import requests

from fakes.actions import HEAD, actions_env, pr_event, run_cli
from lmgate.github.api import BOT_LOGIN, GitHubClient
from lmgate.github.comment import MARKER, upsert_comment

FIXTURES = Path(__file__).parents[1] / "report" / "fixtures"


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
