"""The root action, run for real under nektos/act in a throw-away consuming repository."""

from __future__ import annotations

import shutil

import pytest

from harness import ConsumerRepo, pr_event

pytestmark = pytest.mark.act

WORKFLOW = """
name: ci
on: pull_request
permissions: {}
jobs:
  check:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v5
        with: {persist-credentials: false}
      - id: lm
        uses: lmgate/lmgate@v1
        with: {command: validate}
      - if: always()
        env: {CODE: "${{ steps.lm.outputs.exit-code }}"}
        run: echo "lmgate exited $CODE"
"""


def quickstart_files(quickstart) -> dict[str, str]:
    return {str(p.relative_to(quickstart)): p.read_text() for p in quickstart.rglob("*") if p.is_file()}


def test_root_action_validates_and_fails_on_broken_config(act, quickstart, tmp_path):
    files = quickstart_files(quickstart)
    repo = ConsumerRepo.create(tmp_path / "repo", files)
    base = repo.commit({}, "base")
    result = act.run(repo, WORKFLOW, pr_event(1, base, base), secrets={"GITHUB_TOKEN": "fake"})
    assert result.returncode == 0, result.log()[-3000:]
    assert result.steps()["lm"] == "success"
    assert result.outputs()["exit-code"] == "0"
    assert result.outputs()["suites"] == "qa"

    broken = files["lmgate.yaml"].replace("fail_on: error", "fail_on: errors")
    head = repo.commit({"lmgate.yaml": broken}, "break the config")
    result = act.run(repo, WORKFLOW, pr_event(1, base, head))
    assert result.returncode != 0
    assert result.steps()["lm"] == "failure"
    assert result.outputs()["exit-code"] == "2"
    errors = [a for a in result.annotations() if a["level"] == "error" and a.get("file")]
    assert errors, result.log()[-3000:]
    line = broken.splitlines().index("  fail_on: errors") + 1
    assert errors[0]["file"] == "lmgate.yaml" and errors[0]["line"] == str(line)
    assert "did you mean 'error'" in errors[0]["message"]
    shutil.rmtree(repo.path)
