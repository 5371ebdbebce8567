"""actions/hallucination-gate under nektos/act: a PR whose head invents facts fails the gate."""

from __future__ import annotations

import json

import pytest
from helpers import CONFIG, many

from harness import ConsumerRepo, pr_event

pytestmark = pytest.mark.act

WORKFLOW = """
name: ci
on: pull_request
permissions: {}
jobs:
  gate:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v5
        with: {persist-credentials: false}
      - id: hall
        uses: lmgate/lmgate/actions/hallucination-gate@v1
        with: {max-rate: "0.5"}
      - if: always()
        env: {VERDICT: "${{ steps.hall.outputs.verdict }}", RATE: "${{ steps.hall.outputs.rate }}"}
        run: echo "gate said $VERDICT at $RATE"
"""


def test_hallucination_gate_action_fails_a_pr_that_invents_facts(act, tmp_path):
    records = many(30, "head", 3) + many(30, "base", None)
    files = {"lmgate.yaml": CONFIG.replace("MAX_RATE", "0.05"), "qa.j2": "{{ question }}",
             "qa.jsonl": json.dumps({"id": "q1", "question": "?"}) + "\n",
             ".lmgate/results/eval-items.jsonl": "".join(json.dumps(r) + "\n" for r in records)}
    repo = ConsumerRepo.create(tmp_path / "repo", files)
    sha = repo.commit({}, "head invents facts")
    result = act.run(repo, WORKFLOW, pr_event(7, sha, sha))
    assert result.steps()["hall"] == "failure", result.log()[-3000:]
    out = result.outputs()
    assert out["verdict"] == "fail" and out["exit-code"] == "1"
    assert float(out["rate"]) == pytest.approx(10 / 30, abs=1e-4) and float(out["base-rate"]) == 0.0
    errors = [a for a in result.annotations() if a["level"] == "error"]
    assert any("rose by" in a["message"] for a in errors), errors
