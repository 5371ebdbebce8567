"""llm-canary-release.yml under act: one act run per scheduled tick, the state and the routing file
kept in the fake GitHub (contents API) between runs, live traffic appended to the request log.
The approval step before 100 % holds every scheduled run; only a manual `approve` run whose
`production` environment a reviewer approved (the fake GitHub's review history) promotes."""

from __future__ import annotations

import json
import random

import pytest
import yaml
from e2e_artifacts import with_artifact_store
from e2e_support import WRITE_TOKEN, template

from fakes.github import blob_sha
from harness import ConsumerRepo

pytestmark = pytest.mark.act
ROUTING = "stable: {version: v1}\ncanary: {version: null, weight: 0}\n"
# Runners keep nothing between ticks: state and routing go through the contents API (store: github).
CANARY = """
canary:
  backend: {type: git-file, path: deploy/routing.yaml, github: true}
  store: github
  state: deploy/canary-state.json
  source: {type: jsonl, path: logs/requests.jsonl}
  stable: v1
  steps: [5, 25, 50, approve, 100]
  min_requests: 200
  metrics:
    - {name: errors, field: error, margin: 2.0, must_have_data: true}
    - {name: hallucination, field: hallucination, margin: 2.0, critical: false}
  guards:
    - {metric: errors, max_rate: 0.5, min_requests: 50}
"""


class Traffic:
    """Seeded requests at the weight the routing file (in the fake GitHub) shows; `harm` multiplies
    the candidate's error and hallucination rates."""

    def __init__(self, github, harm: float) -> None:
        self.github, self.harm, self.rng, self.ts = github, harm, random.Random(7), 1_800_000_000.0
        self.lines: list[str] = []

    def serve(self, n: int) -> str:
        weight = float((yaml.safe_load(self.github.files["deploy/routing.yaml"][0])["canary"] or {}).get("weight") or 0)
        for _ in range(n):
            canary = self.rng.random() < weight / 100
            k = self.harm if canary else 1.0
            self.ts += 0.5
            self.lines.append(json.dumps({"ts": self.ts, "version": "v2" if canary else "v1", "latency_ms": 300,
                                          "error": self.rng.random() < 0.03 * k,
                                          "hallucination": self.rng.random() < 0.05 * k}))
        return "\n".join(self.lines) + "\n"


def rollout(act, quickstart, github, tmp_path, harm: float, max_ticks: int):
    files = {str(p.relative_to(quickstart)): p.read_text() for p in quickstart.rglob("*") if p.is_file()}
    config = files["lmgate.yaml"]
    files["lmgate.yaml"] = config[: config.index("\ncanary:")] + CANARY
    files["logs/requests.jsonl"] = ""
    repo = ConsumerRepo.create(tmp_path / "repo", files)
    github.files["deploy/routing.yaml"] = (ROUTING, blob_sha(ROUTING))
    workflow = with_artifact_store(template("llm-canary-release.yml"))
    env = {"GITHUB_API_URL": github.url, "E2E_ARTIFACTS": str(tmp_path / "artifacts")}

    def run(event_name: str, event: dict, run_id: int = 1):
        return act.run(repo, workflow, event, event_name=event_name, secrets={"GITHUB_TOKEN": WRITE_TOKEN},
                       env={**env, "GITHUB_RUN_ID": str(run_id)}, name="llm-canary")

    started = run("workflow_dispatch", {"inputs": {"command": "start", "candidate": "v2"}})
    assert started.job_results() == {"tick": "success"}, started.log()[-4000:]
    assert started.outputs()["decision"] == "start" and started.outputs()["weight"] in ("5", "5.0")
    traffic, ticks = Traffic(github, harm), []
    for _ in range(max_ticks):
        repo.commit({"logs/requests.jsonl": traffic.serve(10_000)}, "ship the last 15 minutes of request logs")
        ticks.append(run("schedule", {"schedule": "*/15 * * * *"}))
        if ticks[-1].outputs().get("state") in ("promoted", "rolled_back", "held"):
            break
    return ticks, run


def weight(github) -> float:
    return yaml.safe_load(github.files["deploy/routing.yaml"][0])["canary"]["weight"]


def test_scheduled_ticks_wait_for_a_person_and_an_approved_run_promotes(act, quickstart, github, tmp_path):
    ticks, run = rollout(act, quickstart, github, tmp_path, harm=1.0, max_ticks=6)
    last = ticks[-1]
    assert last.outputs()["state"] == "held", [t.outputs() for t in ticks]
    assert all(t.job_results() == {"tick": "success"} for t in ticks)
    decisions = [t.outputs()["decision"] for t in ticks]
    assert "promote" not in decisions and "advance" in decisions, decisions
    assert weight(github) == 50
    canary = json.loads((tmp_path / "artifacts" / "lmgate-canary-1" / "results" / "canary.json").read_text())
    assert canary["decision"]["awaiting_approval"] is True
    assert "waiting for a person's approval to move to 100%" in canary["decision"]["reason"]
    again = run("schedule", {"schedule": "*/15 * * * *"})  # a scheduled run never passes the step
    assert again.outputs()["state"] == "held" and weight(github) == 50

    dispatch = {"inputs": {"command": "approve", "reason": ""}}
    refused = run("workflow_dispatch", dispatch, run_id=77)  # nobody approved run 77's environment
    assert refused.job_results() == {"approve": "failure"}, refused.log()[-4000:]
    assert refused.outputs()["exit-code"] == "2" and weight(github) == 50
    assert "no reviewer approved the `production` environment" in refused.log()

    github.review_run(78, "production", "alice", comment="dashboards are fine")
    approved = run("workflow_dispatch", dispatch, run_id=78)
    assert approved.job_results() == {"approve": "success"}, approved.log()[-4000:]
    assert approved.outputs()["state"] == "promoted" and approved.outputs()["decision"] == "promote"
    assert weight(github) == 100
    state = json.loads(github.files["deploy/canary-state.json"][0])
    assert state["state"] == "promoted" and state["decision"]["reason"].startswith('approved by alice ("dashboards')
    [deployment] = github.deployments
    assert deployment["ref"] == "v2"
    assert github.statuses[deployment["id"]][-1]["state"] == "success"


def test_canary_template_rolls_a_harmful_candidate_back(act, quickstart, github, tmp_path):
    ticks, _ = rollout(act, quickstart, github, tmp_path, harm=8.0, max_ticks=3)
    last = ticks[-1]
    assert last.outputs()["state"] == "rolled_back", [t.outputs() for t in ticks]
    assert last.outputs()["decision"] == "rollback" and last.outputs()["exit-code"] == "1"
    assert last.job_results() == {"tick": "failure"}  # a rollback turns the scheduled run red
    assert yaml.safe_load(github.files["deploy/routing.yaml"][0])["canary"]["weight"] == 0
    assert json.loads(github.files["deploy/canary-state.json"][0])["state"] == "rolled_back"
    [deployment] = github.deployments
    assert github.statuses[deployment["id"]][-1]["state"] in ("failure", "error", "inactive")
