"""Promotion needs a person: approval steps hold every scheduled tick; only a verified approval passes them.

The quickstart ships `steps: [5, 25, 50, approve, 100]`; before approval steps existed its scheduled
ticks promoted the candidate to 100 % by themselves.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from canary.conftest import CANDIDATE
from canary.helpers import cli, controller, log_records, to_the_gate, weight
from fakes.github import FakeGitHub
from lmgate.canary.decide import Plan, Progress, Verdict, decide
from lmgate.cli import main

GATED = "steps: [5, 25, 50, approve, 100]"
RUN_ID = "4242"


@pytest.fixture
def gated(repo) -> Path:
    text = (repo / "lmgate.yaml").read_text()
    (repo / "lmgate.yaml").write_text(text.replace("steps: [5, 25, 50, 100]", GATED))
    return repo


@pytest.fixture
def github():
    from fakes.github_openapi import validator

    fake = FakeGitHub(validator=validator())
    fake.add_token("ghs_canary", "github-actions[bot]", app=True)
    yield fake
    fake.close()
    assert not fake.invalid, "requests GitHub would reject:\n" + "\n".join(fake.invalid)


def actions_env(fake: FakeGitHub, tmp_path: Path, event: str) -> dict[str, str]:
    return {"GITHUB_ACTIONS": "true", "GITHUB_EVENT_NAME": event, "GITHUB_RUN_ID": RUN_ID,
            "GITHUB_TOKEN": "ghs_canary", "GITHUB_REPOSITORY": "acme/app", "GITHUB_API_URL": fake.url,
            "GITHUB_SERVER_URL": "https://github.com", "GITHUB_OUTPUT": str(tmp_path / "output"),
            "GITHUB_STEP_SUMMARY": str(tmp_path / "summary.md")}


def test_a_person_at_the_terminal_approves_and_the_rollout_promotes(gated, traffic, capsys):
    assert to_the_gate(gated, traffic, capsys)[-1]["decision"]["awaiting_approval"]
    code, body, err = cli(gated, "approve", env={"USER": "dana"}, capsys=capsys)
    assert code == 0, err
    assert body["state"] == "promoted" and weight(gated) == 100
    assert body["decision"]["reason"].startswith("approved by dana by hand, outside GitHub Actions: every metric")
    assert log_records(gated)[-1]["action"] == "promote"


def test_an_approval_step_can_still_roll_back(gated, traffic, capsys):
    to_the_gate(gated, traffic, capsys)
    traffic.serve(20000, harm=20.0)
    code, body, _ = cli(gated, "tick", capsys=capsys)
    assert code == 1 and body["state"] == "rolled_back" and weight(gated) == 0


@pytest.mark.parametrize(("event", "review", "refusal"), [
    ("schedule", ("production", "approved"), "this run was started by `schedule`, not by a person"),
    ("push", ("production", "approved"), "started by `push`"),
    ("workflow_dispatch", None, "no reviewer approved the `production` environment in "
                                f"https://github.com/acme/app/actions/runs/{RUN_ID} (environments reviewed: none)"),
    ("workflow_dispatch", ("staging", "approved"), "(environments reviewed: staging)"),
    ("workflow_dispatch", ("production", "rejected"), "erin rejected the `production` environment"),
])
def test_in_actions_an_approval_is_refused_unless_github_shows_a_reviewer_approved_this_run(
        gated, traffic, github, tmp_path, capsys, event, review, refusal):
    to_the_gate(gated, traffic, capsys)
    if review:
        github.review_run(int(RUN_ID), review[0], "erin", review[1])
    for action in ("approve", "promote"):
        code, body, err = cli(gated, action, env=actions_env(github, tmp_path, event), capsys=capsys)
        assert code == 2 and body is None, err
        assert f"approval refused: {refusal}" in err or refusal in err, err
        assert weight(gated) == 50
    assert controller(gated).load().state == "held"


def test_in_actions_a_verified_approval_passes_the_step(gated, traffic, github, tmp_path, capsys):
    to_the_gate(gated, traffic, capsys)
    github.review_run(999, "production", "mallory")  # another run's approval does not count
    github.review_run(int(RUN_ID), "production", "alice", comment="dashboards look fine")
    code, body, err = cli(gated, "approve", env=actions_env(github, tmp_path, "workflow_dispatch"), capsys=capsys)
    assert code == 0, err
    assert body["state"] == "promoted" and weight(gated) == 100
    reason = body["decision"]["reason"]
    assert reason.startswith(f'approved by alice ("dashboards look fine") in https://github.com/acme/app/actions/'
                             f"runs/{RUN_ID}: ") and "mallory" not in reason
    assert ("GET", f"/repos/acme/app/actions/runs/{RUN_ID}/approvals") in github.requests


def test_a_manual_promotion_in_actions_records_its_reviewer(gated, traffic, github, tmp_path, capsys):
    cli(gated, "start", "--candidate", CANDIDATE, capsys=capsys)
    github.review_run(int(RUN_ID), "production", "alice")
    env = actions_env(github, tmp_path, "workflow_dispatch")
    code, body, err = cli(gated, "promote", "--reason", "hotfix", env=env, capsys=capsys)
    assert code == 0, err
    assert body["decision"]["reason"] == (f"promote by hand, approved by alice in https://github.com/acme/app/actions/"
                                          f"runs/{RUN_ID}: hotfix")


def test_approve_where_no_approval_step_stands_is_refused(gated, traffic, capsys):
    cli(gated, "start", "--candidate", CANDIDATE, capsys=capsys)
    code, body, err = cli(gated, "approve", capsys=capsys)
    assert code == 2 and body is None
    assert "nothing to approve: the rollout at 5% does not stand at an approval step; the next approval step " \
           "is after 50%" in err


def test_an_approval_before_the_step_is_done_holds_and_says_so(gated, traffic, capsys):
    cli(gated, "start", "--candidate", CANDIDATE, capsys=capsys)
    for _ in range(20):
        traffic.serve(2000)
        _, body, _ = cli(gated, "tick", capsys=capsys)
        if body["weight"] == 50:
            break
    traffic.serve(100)  # a few requests at 50 %: far from min_requests
    code, body, _ = cli(gated, "approve", env={"USER": "dana"}, capsys=capsys)
    assert code == 0 and body["decision"]["action"] == "hold" and weight(gated) == 50
    assert "approved by dana by hand, outside GitHub Actions, but the step is not done yet, so it stays at 50%: " \
           "dwelling at 50%" in body["decision"]["reason"]


def test_an_approval_between_weights_carries_its_reason(repo, traffic, capsys):
    text = (repo / "lmgate.yaml").read_text()
    (repo / "lmgate.yaml").write_text(text.replace("steps: [5, 25, 50, 100]",
                                                   'steps: [5, {approve: "check the dashboards"}, 25, 100]'))
    bodies = to_the_gate(repo, traffic, capsys)
    assert bodies[-1]["weight"] == 5
    assert "to move to 25% (check the dashboards)" in bodies[-1]["decision"]["reason"]
    code, body, _ = cli(repo, "approve", capsys=capsys)
    assert code == 0 and body["decision"]["action"] == "advance" and weight(repo) == 25
    for _ in range(20):  # no approval step before 100 here: the scheduled ticks may promote
        traffic.serve(2000)
        _, body, _ = cli(repo, "tick", capsys=capsys)
        if body["state"] == "promoted":
            break
    assert body["state"] == "promoted"


@pytest.mark.parametrize(("steps", "problem"), [
    ("[approve, 5, 100]", "item 1 ('approve'): an approval cannot come first"),
    ("[5, approve, approve, 100]", "item 3 ('approve'): two approval steps in a row"),
    ("[5, 100, approve]", "an approval after 100 guards nothing"),
    ("[5, 100, 50]", "item 3 (50): 100 (the promotion) must be the last weight"),
    ("[5, 25, 25, 100]", "item 3 (25): weights should rise strictly"),
    ("[5, wait, 100]", "the word `approve`"),  # the fix offered for a word that is not `approve`
    ("[5, {approve: 3}, 100]", "an approval step, with the reason"),
])
def test_misplaced_approval_steps_are_config_errors_with_the_line(repo, capsys, steps, problem):
    text = (repo / "lmgate.yaml").read_text().replace("steps: [5, 25, 50, 100]", f"steps: {steps}")
    (repo / "lmgate.yaml").write_text(text)
    line = text[: text.index("steps:")].count("\n") + 1
    assert main(["validate", "--config", str(repo / "lmgate.yaml")], env={}) == 2
    err = capsys.readouterr().err
    assert problem in err and f"lmgate.yaml:{line}" in err, err


def test_the_default_steps_hold_for_a_person_before_100(repo):
    text = (repo / "lmgate.yaml").read_text().replace("  steps: [5, 25, 50, 100]\n", "")
    (repo / "lmgate.yaml").write_text(text)
    plan = controller(repo).s.plan
    assert plan.steps == (5, 25, 50) and set(plan.approvals) == {2}


VERDICT = st.builds(Verdict, name=st.sampled_from(["errors", "slow"]), alarm=st.booleans(),
                    non_inferior=st.booleans(), has_data=st.booleans(), critical=st.booleans(),
                    must_have_data=st.booleans(), guard=st.none() | st.just("errors rate 0.6 > 0.5"))


@settings(max_examples=400, deadline=None)
@given(index=st.integers(0, 2), requests=st.integers(0, 10**7), age=st.floats(0, 10**8), verdicts=st.lists(VERDICT))
def test_decide_never_leaves_an_approval_step_without_an_approval(index, requests, age, verdicts):
    plan = Plan(steps=(5.0, 25.0, 50.0), min_requests=100, approvals={index: "a person decides"})
    d = decide(plan, Progress(index, requests, age, age), verdicts)
    assert d.action in ("hold", "rollback")
    assert d.weight in (0.0, plan.steps[index])
    passed = decide(plan, Progress(index, requests, age, age, approved=True), verdicts)
    if d.awaiting_approval:  # the same evidence with an approval moves on
        assert passed.action == ("promote" if index == 2 else "advance")
