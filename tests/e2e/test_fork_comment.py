"""A fork's PR: the read-only token cannot comment, so llm-pr-checks.yml leaves the summary and the
results artifact, and llm-pr-comment.yml (workflow_run, write token) posts the comment from it."""

from __future__ import annotations

import pytest
from e2e_artifacts import with_artifact_store
from e2e_support import (
    BOT,
    LONG,
    MARKER,
    READ_TOKEN,
    SHORT,
    WRITE_TOKEN,
    prompt_with,
    read_json,
    step_summaries,
    template,
)

from harness import pr_event

pytestmark = pytest.mark.act


def workflow_run_event(run_id: int, head_sha: str) -> dict:
    # GitHub lists no pull_requests for a fork's run: the PR is found by its head commit
    return {"action": "completed", "workflow_run": {
        "id": run_id, "name": "LLM checks", "event": "pull_request", "conclusion": "success",
        "head_sha": head_sha, "head_branch": "feature", "pull_requests": [],
        "head_repository": {"full_name": "contributor/app"}, "repository": {"full_name": "acme/app"}},
        "repository": {"full_name": "acme/app"}}


def test_fork_pr_gets_its_comment_from_the_workflow_run_template(act, consumer, github, tmp_path):
    repo = consumer(SHORT)
    base = repo.commit({}, "base")
    head = repo.commit(prompt_with(repo, LONG), "answer in full sentences")  # a regression
    store = tmp_path / "artifacts"
    env = {"GITHUB_API_URL": github.url, "E2E_ARTIFACTS": str(store)}

    checks = act.run(repo, with_artifact_store(template("llm-pr-checks.yml")), pr_event(9, base, head, fork=True),
                     secrets={"GITHUB_TOKEN": READ_TOKEN}, env=env, name="llm-checks")
    assert checks.job_results() == {"llm-checks": "failure"}, checks.log()[-4000:]
    assert checks.outputs()["exit-code"] == "1"  # the failed gate, not the refused comment (that would be 2 or 3)
    assert github.comments == []
    [warning] = [a for a in checks.annotations() if a.get("title") == "lmgate comment not posted"]
    assert "403" in warning["message"] or "permission" in warning["message"].lower(), warning
    summary = step_summaries(checks)["llm-checks"]
    assert "could not be posted" in summary and "workflow_run" in summary  # the summary says why, and what to do
    assert "🔻 regressed" in summary and "Prompt lint" in summary  # ...and is the full report
    artifact = store / "lmgate-results"
    assert {"lint.json", "eval.json", "eval-items.jsonl", "hallucination.json"} <= {p.name for p in artifact.iterdir()}
    assert read_json(artifact / "eval.json")["git"]["head_sha"] == head

    # the PR as GitHub knows it; the comment run downloads the artifact from the store above
    github.add_pull(9, head, fork=True)
    run_id = read_json(artifact / "eval.json")["run_id"]  # every stage of the checks run recorded its id
    assert run_id and {read_json(artifact / f"{s}.json")["run_id"] for s in ("lint", "hallucination")} == {run_id}
    comment = act.run(repo, with_artifact_store(template("llm-pr-comment.yml")), workflow_run_event(int(run_id), head),
                      event_name="workflow_run", secrets={"GITHUB_TOKEN": WRITE_TOKEN}, env=env, name="llm-comment")
    # the job stays green on a failed gate (the PR's own run is red already) once the comment is made
    assert comment.job_results() == {"comment": "success"}, comment.log()[-4000:]
    assert comment.outputs()["exit-code"] == "1" and comment.outputs()["verdict"] == "fail"
    [posted] = github.issue_comments(9)
    assert posted["user"]["login"] == BOT and MARKER in posted["body"]
    assert "🔻 regressed" in posted["body"] and "items flipped pass → fail" in posted["body"]
    assert head[:7] in posted["body"]
    assert comment.outputs()["comment-id"] == str(posted["id"])


def test_comment_template_skips_same_repository_runs(act, consumer, github, tmp_path):
    repo = consumer(SHORT)
    head = repo.commit({}, "head")
    event = workflow_run_event(1, head)
    event["workflow_run"]["head_repository"]["full_name"] = "acme/app"  # not a fork: LLM checks commented
    result = act.run(repo, with_artifact_store(template("llm-pr-comment.yml")), event, event_name="workflow_run",
                     secrets={"GITHUB_TOKEN": WRITE_TOKEN}, env={"GITHUB_API_URL": github.url,
                                                                 "E2E_ARTIFACTS": str(tmp_path / "none")},
                     name="llm-comment")
    assert result.returncode == 0, result.log()[-3000:]
    assert result.job_results() == {} and result.steps() == {} and github.requests == []  # the job was skipped


def test_a_forged_artifact_fails_the_comment_job_and_posts_nothing(act, consumer, github, tmp_path):
    """The artifact comes from the fork's run, so it is untrusted: a result file that is not what
    lmgate writes makes `lmgate comment` exit 2, the template's last step fails the job with that
    exit code, and nothing is posted."""
    repo = consumer(SHORT)
    head = repo.commit({}, "head")
    store = tmp_path / "artifacts"
    (store / "lmgate-results").mkdir(parents=True)
    (store / "lmgate-results" / "eval.json").write_text('{"schema": "lmgate/eval/v1", "verdict": "pass", '
                                                        '"suites": "<img src=x onerror=alert(1)>"}')
    github.add_pull(13, head, fork=True)
    result = act.run(repo, with_artifact_store(template("llm-pr-comment.yml")), workflow_run_event(4343, head),
                     event_name="workflow_run", secrets={"GITHUB_TOKEN": WRITE_TOKEN},
                     env={"GITHUB_API_URL": github.url, "E2E_ARTIFACTS": str(store)}, name="llm-comment")
    log = result.log()
    assert result.job_results() == {"comment": "failure"}, log[-4000:]
    assert "Failure - Main Fail on a bad artifact or a crash" in log and "lmgate comment exited 2" in log
    assert "eval.json" in log  # the error says which file is wrong
    assert github.issue_comments(13) == []
