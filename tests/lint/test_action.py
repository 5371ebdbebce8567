"""The prompt-lint action, run for real under nektos/act on a pull request that breaks a prompt."""

from __future__ import annotations

import shutil

import pytest

from harness import ConsumerRepo, pr_event

pytestmark = pytest.mark.act

WORKFLOW = """
name: lint
on: pull_request
permissions: {}
jobs:
  lint:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v5
        with: {persist-credentials: false, fetch-depth: 0}
      - id: lint
        uses: lmgate/lmgate/actions/prompt-lint@v1
        with: {config: lmgate.yaml}
      - if: always()
        env:
          ERRORS: "${{ steps.lint.outputs.errors }}"
          VERDICT: "${{ steps.lint.outputs.verdict }}"
          SARIF: "${{ steps.lint.outputs.sarif-file }}"
        run: test -s "$SARIF" && echo "lint verdict $VERDICT with $ERRORS errors"
"""


def test_prompt_lint_action_annotates_a_broken_prompt(act, quickstart, tmp_path):
    files = {str(p.relative_to(quickstart)): p.read_text() for p in quickstart.rglob("*") if p.is_file()}
    repo = ConsumerRepo.create(tmp_path / "repo", files)
    base = repo.commit({}, "base")
    head = repo.commit({"prompts/greet.j2": "# system:\nBe kind.\n# user:\nHello {{ name }\n"}, "add a prompt")
    result = act.run(repo, WORKFLOW, pr_event(3, base, head))
    assert result.steps()["lint"] == "failure", result.log()[-3000:]
    outputs = result.outputs()
    assert outputs["verdict"] == "fail" and int(outputs["errors"]) >= 1
    assert outputs["sarif-file"] == "lmgate-lint.sarif"
    errors = [a for a in result.annotations() if a["level"] == "error" and a.get("file") == "prompts/greet.j2"]
    assert errors and errors[0]["line"] == "4" and "SYN001" in errors[0]["message"], result.annotations()
    # the step summary is checked in test_cli: under act each step gets its own summary file,
    # so the harness's last-step copy cannot see ours
    shutil.rmtree(repo.path)
