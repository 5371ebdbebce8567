"""Two `lmgate canary start`s at once: the state's compare-and-swap lets one win. The loser created its
GitHub deployment before it tried the swap, so every lost race left a deployment of a rollout that
never existed; and it said only that "another command changed the rollout". It now writes nothing
before it has won the swap, and says which start won."""

from __future__ import annotations

import json

import pytest
import yaml

from canary.conftest import CANDIDATE
from canary.helpers import controller, log_records
from canary.test_github import env_for
from canary.test_github import github as github  # the fixture: a loopback fake GitHub
from canary.test_resilience import wrap
from lmgate.canary import operations
from lmgate.errors import InputError

LOSER = "v3"


@pytest.mark.parametrize("before", ["no rollout yet", "a finished rollout"])
def test_a_start_that_loses_the_race_to_another_start_writes_nothing_and_names_the_winner(repo, github, before):
    env = env_for(github)
    if before == "a finished rollout":
        operations.start(controller(repo, env=env), "v0")
        operations.manual(controller(repo, env=env), "rollback", "make way")
    lines, deployments = log_records(repo), len(github.deployments)
    won = []
    winner = controller(repo, env=env)
    # the loser has read the state (no rollout running) when the winner's whole start runs
    loser = wrap(controller(repo, env=env), before_read=lambda: won.append(operations.start(winner, CANDIDATE)))
    with pytest.raises(InputError) as lost:
        operations.start(loser, LOSER)
    assert [d["ref"] for d in github.deployments[deployments:]] == [CANDIDATE]  # none for the loser
    said = lost.value.render()
    rollout = won[0].state.rollout
    assert "another `lmgate canary start` won" in said and rollout["id"] in said and CANDIDATE in said, said
    assert "wrote nothing" in said, said
    routing = yaml.safe_load((repo / "deploy" / "routing.yaml").read_text())
    assert routing["canary"] == {"version": CANDIDATE, "weight": 5} and routing["updated_by"] == won[0].state.marker
    state = json.loads((repo / ".lmgate" / "canary" / "state.json").read_text())
    assert state["rollout"] == rollout and state["pending"] is None
    new = log_records(repo)[len(lines):]
    assert [(r["action"], r["rollout"]) for r in new if r.get("marker")] == [("start", rollout["id"])]
    assert not any(LOSER in json.dumps(r) for r in new)


def test_a_start_whose_deployment_github_refuses_still_starts_and_says_why(repo, github):
    """The deployment is now created after the start has won the state, so a refusal can no longer stop the
    start with nothing written; like a refused deployment status, it is noted on the decision log, and the
    start's output says so too."""
    github.fail_next("POST", "/deployments", 403)
    out = operations.start(controller(repo, env=env_for(github)), CANDIDATE)
    assert out.wrote and out.state.weight == 5 and out.state.rollout.get("deployment_id") is None
    assert not github.deployments
    assert any("deployment could not be created" in r.get("note", "") for r in log_records(repo)), log_records(repo)
    assert any("deployment could not be created" in n for n in out.notes), out.notes  # printed, not only logged
    assert yaml.safe_load((repo / "deploy" / "routing.yaml").read_text())["canary"]["weight"] == 5
