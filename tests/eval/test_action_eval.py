"""The benchmark-eval action under nektos/act, against a loopback OpenAI-compatible server."""

from __future__ import annotations

import json
import shutil

import pytest

from fakes.openai_server import serve_openai
from harness import ConsumerRepo, pr_event

pytestmark = pytest.mark.act

WORKFLOW = """
name: eval
on: pull_request
permissions: {}
jobs:
  eval:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v5
        with: {persist-credentials: false}
      - id: ev
        uses: lmgate/lmgate/actions/benchmark-eval@v1
        env: {LLM_API_KEY: "${{ secrets.LLM_API_KEY }}"}
        with: {config: lmgate.yaml, suite: add, concurrency: "3"}
      - if: always()
        env: {VERDICT: "${{ steps.ev.outputs.verdict }}", DIR: "${{ steps.ev.outputs.results-dir }}"}
        run: test -s "$DIR/eval.json" && echo "eval verdict $VERDICT"
"""

CONFIG = """version: 1
providers:
  model: {type: openai, base_url: "${LLM_BASE_URL}", model: mock, api_key: "${LLM_API_KEY}"}
prompts: {add: add.j2}
datasets: {cases: cases.jsonl}
suites:
  - name: add
    prompt: add
    dataset: cases
    provider: model
    metrics: [{equals: {value: "{{ expected }}"}}]
    gates: {equals: {min: 0.9}}
"""


def test_benchmark_eval_action_runs_the_suite_and_sets_outputs(act, tmp_path):
    cases = "".join(json.dumps({"id": f"c{i}", "a": i, "b": 2, "expected": str(i + 2)}) + "\n" for i in range(20))
    repo = ConsumerRepo.create(tmp_path / "repo", {"lmgate.yaml": CONFIG, "add.j2": "What is {{ a }} plus {{ b }}?",
                                                   "cases.jsonl": cases})
    base = repo.commit({}, "base")
    with serve_openai() as srv:
        result = act.run(repo, WORKFLOW, pr_event(4, base, base), secrets={"LLM_API_KEY": "sk-act-secret-77"},
                         env={"LLM_BASE_URL": srv.base_url})
    assert result.returncode == 0, result.log()[-3000:]
    assert result.steps()["ev"] == "success"
    outputs = result.outputs()
    assert outputs["verdict"] == "pass" and outputs["results-dir"].endswith(".lmgate/results")
    assert srv.stats.requests == 20 and srv.stats.peak_in_flight <= 3  # the `concurrency` input is a ceiling
    assert set(srv.stats.auth_headers) == {"Bearer sk-act-secret-77"}
    assert "sk-act-secret-77" not in result.log()
    shutil.rmtree(repo.path)
