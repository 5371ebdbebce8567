"""actions/pr-comment under nektos/act: the first run creates the sticky comment, the second updates it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from harness import ConsumerRepo, pr_event
from lmgate.github.api import BOT_LOGIN
from lmgate.github.comment import MARKER

pytestmark = pytest.mark.act
FIXTURES = Path(__file__).parents[1] / "report" / "fixtures"

WORKFLOW = """
name: report
on: pull_request
permissions: {}
jobs:
  comment:
    runs-on: ubuntu-latest
    permissions: {pull-requests: write}
    steps:
      - uses: actions/checkout@v5
        with: {persist-credentials: false}
      - id: c
        uses: lmgate/lmgate/actions/pr-comment@v1
        with: {results-dir: results}
      - if: always()
        env: {CODE: "${{ steps.c.outputs.exit-code }}", ID: "${{ steps.c.outputs.comment-id }}"}
        run: echo "lmgate exited $CODE, comment $ID"
"""


def results(case: str) -> dict[str, str]:
    return {f"results/{p.name}": p.read_text() for p in (FIXTURES / case).glob("*.json")}


def test_pr_comment_action_creates_then_updates_one_comment(act, github, tmp_path):
    github.add_token("ghs_fake", BOT_LOGIN, app=True)
    github.add_comment(1, "mallory", f"{MARKER}\nplanted")
    repo = ConsumerRepo.create(tmp_path / "repo", results("green"))
    base = repo.commit({}, "base")
    env = {"GITHUB_API_URL": github.url}
    first = act.run(repo, WORKFLOW, pr_event(1, base, base), secrets={"GITHUB_TOKEN": "ghs_fake"}, env=env)
    assert first.returncode == 0, first.log()[-3000:]
    assert first.outputs()["exit-code"] == "0"
    ours = [c for c in github.issue_comments(1) if c["user"]["login"] == BOT_LOGIN]
    assert len(ours) == 1 and "**lmgate ✅ passed**" in ours[0]["body"]
    assert first.outputs()["comment-id"] == str(ours[0]["id"])

    head = repo.commit({p: None for p in results("green")} | results("eval_regression"), "regress")
    second = act.run(repo, WORKFLOW, pr_event(1, base, head), secrets={"GITHUB_TOKEN": "ghs_fake"}, env=env)
    assert second.returncode != 0 and second.outputs()["exit-code"] == "1", second.log()[-3000:]
    assert second.steps()["c"] == "failure"
    after = [c for c in github.issue_comments(1) if c["user"]["login"] == BOT_LOGIN]
    assert [c["id"] for c in after] == [ours[0]["id"]]  # updated in place, not a second comment
    assert "**lmgate ❌ failed**" in after[0]["body"]
    assert github.issue_comments(1)[0]["body"] == f"{MARKER}\nplanted"
    assert json.dumps(github.invalid) == "[]"
