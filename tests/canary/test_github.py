"""GitHub as the audit trail and the store: deployments, statuses, and contents-API compare-and-swap,
against the loopback fake that checks every request with GitHub's OpenAPI description."""

from __future__ import annotations

import json

import pytest
import requests
import yaml

from canary.conftest import CANDIDATE
from canary.helpers import controller
from fakes.github import FakeGitHub, blob_sha
from lmgate.canary import operations
from lmgate.canary.backends.base import Deps, LostRace, Target
from lmgate.canary.backends.git_file import GitFile
from lmgate.github.api import GitHubClient

ROUTING = "stable: {version: v1}\ncanary: {version: null, weight: 0}\n"


@pytest.fixture
def github():
    from fakes.github_openapi import validator

    fake = FakeGitHub(validator=validator())
    fake.add_token("ghs_canary", "github-actions[bot]", app=True)
    fake.files["deploy/routing.yaml"] = (ROUTING, blob_sha(ROUTING))
    yield fake
    fake.close()
    assert not fake.invalid, "requests GitHub would reject:\n" + "\n".join(fake.invalid)


def env_for(fake: FakeGitHub) -> dict[str, str]:
    return {"GITHUB_TOKEN": "ghs_canary", "GITHUB_REPOSITORY": "acme/app", "GITHUB_API_URL": fake.url,
            "GITHUB_SERVER_URL": "https://github.com", "GITHUB_RUN_ID": "42"}


def test_contents_api_is_the_compare_and_swap(github):
    client = GitHubClient(requests.Session(), api_url=github.url, token="ghs_canary", repository="acme/app")
    backend = GitFile({"path": "deploy/routing.yaml", "github": True, "branch": None},
                      Deps(root=__import__("pathlib").Path("."), env={}, github=client))
    split = backend.read()
    assert split.weight == 0 and split.etag == blob_sha(ROUTING)
    backend.write(5, split.etag, Target("r", "t1", "v1", CANDIDATE, "start"))
    with pytest.raises(LostRace):
        backend.write(25, split.etag, Target("r", "t2", "v1", CANDIDATE, "advance"))
    assert yaml.safe_load(github.files["deploy/routing.yaml"][0])["canary"] == {"version": CANDIDATE, "weight": 5}


def test_rollout_through_github_records_a_deployment_and_a_status_per_tick(repo, traffic, github):
    text = (repo / "lmgate.yaml").read_text()
    text = text.replace("backend: {type: git-file, path: deploy/routing.yaml}",
                        "backend: {type: git-file, path: deploy/routing.yaml, github: true}\n  store: github\n"
                        "  state: deploy/canary-state.json")
    (repo / "lmgate.yaml").write_text(text)
    env = env_for(github)
    operations.start(controller(repo, env=env), CANDIDATE)
    for _ in range(30):
        traffic.serve(2000, weight=yaml.safe_load(github.files["deploy/routing.yaml"][0])["canary"]["weight"])
        out = controller(repo, env=env).tick()
        if out.state.finished:
            break
    assert out.state.state == "promoted"
    [deployment] = github.deployments
    assert deployment["ref"] == CANDIDATE and deployment["auto_merge"] is False
    assert deployment["required_contexts"] == [] and deployment["environment"] == "canary"
    statuses = github.statuses[deployment["id"]]
    assert len(statuses) == out.state.ticks  # start + every tick
    assert all(len(s["description"]) <= 140 for s in statuses)
    assert statuses[-1]["state"] == "success" and statuses[0]["state"] == "in_progress"
    assert statuses[-1]["log_url"] == "https://github.com/acme/app/actions/runs/42"
    state = json.loads(github.files["deploy/canary-state.json"][0])
    assert state["state"] == "promoted" and state["pending"] is None
    assert yaml.safe_load(github.files["deploy/routing.yaml"][0])["canary"]["weight"] == 100
    assert not (repo / ".lmgate" / "canary" / "state.json").exists()  # nothing relied on the runner's disk


@pytest.mark.parametrize("record", [{}, {"action": "start"}, {"action": "start", "status": 5, "at": 0}])
def test_a_pending_write_whose_record_was_edited_away_is_exit_2_not_a_traceback(repo, github, record, capsys):
    """A pending write's `record` is put on the decision log and posted as the deployment status once
    the write is found landed; the schema only asked for an object, so a hand-edited record without
    `action`, `status` or `at` was a KeyError traceback (exit 3) in the tick that reconciled it."""
    from canary.helpers import cli

    env = env_for(github)
    operations.start(controller(repo, env=env), CANDIDATE)
    path = repo / ".lmgate" / "canary" / "state.json"
    state = json.loads(path.read_text())
    before = {k: state[k] for k in ("state", "step_index", "weight", "step_started_at", "step_requests", "decision",
                                    "timeline", "metrics")}
    state["pending"] = {"marker": state["marker"], "weight": state["weight"], "action": "start", "at": 0,
                        "before": before, "record": record}
    path.write_text(json.dumps(state))
    code, _, err = cli(repo, "tick", env=env, capsys=capsys)
    assert code == 2 and "Traceback" not in err and "state.json" in err and "record" in err, err
