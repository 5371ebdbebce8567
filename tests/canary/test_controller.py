"""The tick end to end on a real quickstart copy: real files, real log, real routing file."""

from __future__ import annotations

import json
import random
from pathlib import Path

import jsonschema
import yaml

from canary.conftest import CANDIDATE
from canary.helpers import Clock, controller, log_records
from lmgate.canary import operations
from lmgate.cli import main

SCHEMA = json.loads((Path(__file__).resolve().parents[2] / "src/lmgate/schemas/canary.schema.json").read_text())


def cli(repo: Path, *args: str, capsys) -> tuple[int, dict]:
    code = main(["canary", *args, "--config", str(repo / "lmgate.yaml"), "--format", "json"], env={})
    return code, json.loads(capsys.readouterr().out.strip().splitlines()[-1])


def routing(repo: Path) -> dict:
    return yaml.safe_load((repo / "deploy" / "routing.yaml").read_text())


def test_no_harm_walks_every_step_and_promotes(repo, traffic, capsys):
    code, body = cli(repo, "start", "--candidate", CANDIDATE, capsys=capsys)
    assert code == 0 and body["weight"] == 5 and routing(repo)["canary"] == {"version": CANDIDATE, "weight": 5}
    for _ in range(40):
        traffic.serve(2000)
        code, body = cli(repo, "tick", capsys=capsys)
        if body["state"] == "promoted":
            break
    assert body["state"] == "promoted" and code == 0, body["decision"]
    assert routing(repo)["canary"]["weight"] == 100
    assert [t["weight"] for t in body["timeline"] if t["action"] != "hold"] == [5, 25, 50, 100]
    result = json.loads((repo / ".lmgate" / "results" / "canary.json").read_text())
    jsonschema.validate(result, SCHEMA)
    assert result["verdict"] == "pass"
    errors = next(m for m in result["metrics"] if m["name"] == "errors")
    assert errors["non_inferior"] and errors["upper_bound"] <= 1.5
    # every request of the candidate was counted exactly once
    assert errors["canary"]["total"] == traffic.served[CANDIDATE]
    assert errors["stable"]["total"] == traffic.served["v1"]
    code, again = cli(repo, "tick", capsys=capsys)  # idempotent once finished
    assert again["state"] == "promoted" and routing(repo)["canary"]["weight"] == 100


def test_harm_rolls_back_with_exit_1(repo, traffic, capsys):
    cli(repo, "start", "--candidate", CANDIDATE, capsys=capsys)
    for _ in range(20):
        traffic.serve(2000, harm=2.0)
        code, body = cli(repo, "tick", capsys=capsys)
        if body["state"] != "progressing":
            break
    assert body["state"] == "rolled_back" and code == 1
    assert "errors is worse on the canary" in body["decision"]["reason"]
    assert routing(repo)["canary"]["weight"] == 0
    assert log_records(repo)[-1]["action"] == "rollback"


def test_dry_run_writes_nothing(repo, traffic, capsys):
    cli(repo, "start", "--candidate", CANDIDATE, capsys=capsys)
    traffic.serve(6000)
    before = {p: p.read_bytes() for p in repo.rglob("*") if p.is_file()}
    _, body = cli(repo, "tick", "--dry-run", capsys=capsys)
    assert body["decision"]["action"] == "advance" and body["dry_run"] is True
    assert {p: p.read_bytes() for p in repo.rglob("*") if p.is_file()} == before
    _, body = cli(repo, "tick", capsys=capsys)
    assert body["decision"]["action"] == "advance" and routing(repo)["canary"]["weight"] == 25


def test_guard_rolls_back_at_once(repo, traffic, capsys):
    cli(repo, "start", "--candidate", CANDIDATE, capsys=capsys)
    traffic.serve(6000, harm=20.0)  # 60 % errors on the canary: beyond the 50 % guard
    _, body = cli(repo, "tick", capsys=capsys)
    assert body["state"] == "rolled_back" and body["decision"]["reason"].startswith("guard failed: errors")


def test_non_critical_alarm_holds_for_a_human(repo, traffic, capsys):
    cli(repo, "start", "--candidate", CANDIDATE, capsys=capsys)
    ctrl = controller(repo)
    with open(traffic.log, "a") as fh:  # hallucinations triple on the canary, errors unchanged
        for i in range(6000):
            canary, j = i % 4 == 0, i // 4 if i % 4 == 0 else i - i // 4  # j: the version's own count
            fh.write(json.dumps({"ts": 1_800_000_000 + i, "version": CANDIDATE if canary else "v1",
                                 "error": j % 50 == 0, "hallucination": j % (8 if canary else 24) == 0}) + "\n")
    out = ctrl.tick()
    assert out.decision["action"] == "hold" and out.state.state == "held", out.decision
    assert "hallucination is worse on the canary but not critical" in out.decision["reason"]
    assert routing(repo)["canary"]["weight"] == 5


def test_must_have_metric_without_data_holds(repo, traffic):
    operations.start(controller(repo), CANDIDATE)
    traffic.serve(2000, weight=0)  # only the stable version served anything
    out = controller(repo).tick()
    assert out.decision["action"] == "hold"
    assert out.decision["reason"] == "no data for must-have metric errors at this step"


def test_status_reports_without_writing(repo, traffic, capsys):
    cli(repo, "start", "--candidate", CANDIDATE, capsys=capsys)
    state = (repo / ".lmgate" / "canary" / "state.json").read_bytes()
    code, body = cli(repo, "status", capsys=capsys)
    assert code == 0 and body["state"] == "progressing" and body["weight"] == 5
    assert (repo / ".lmgate" / "canary" / "state.json").read_bytes() == state


def test_manual_rollback_and_promote_use_the_same_record(repo, capsys):
    cli(repo, "start", "--candidate", CANDIDATE, capsys=capsys)
    code, body = cli(repo, "rollback", "--reason", "saw it in the dashboards", capsys=capsys)
    assert code == 1 and body["state"] == "rolled_back" and routing(repo)["canary"]["weight"] == 0
    assert log_records(repo)[-1]["reason"] == "rollback by hand: saw it in the dashboards"
    assert main(["canary", "promote", "--config", str(repo / "lmgate.yaml")], env={}) == 2  # already finished
    assert "already rolled_back" in capsys.readouterr().err


def test_clock_is_injected_and_dwell_is_respected(repo, traffic):
    text = (repo / "lmgate.yaml").read_text().replace("min_requests: 200", "min_requests: 200\n  min_dwell: 10m")
    (repo / "lmgate.yaml").write_text(text)
    clock = Clock()
    operations.start(controller(repo, clock=clock), CANDIDATE)
    traffic.serve(6000)
    out = controller(repo, clock=clock).tick()
    assert out.decision["action"] == "hold" and "dwelling at 5%" in out.decision["reason"]
    clock.now += 600
    assert controller(repo, clock=clock).tick().decision["action"] == "advance"


def test_in_actions_it_sets_outputs_and_writes_the_step_summary(repo, traffic, tmp_path, capsys):
    out, summary = tmp_path / "out.txt", tmp_path / "summary.md"
    env = {"GITHUB_ACTIONS": "true", "GITHUB_OUTPUT": str(out), "GITHUB_STEP_SUMMARY": str(summary)}
    assert main(["canary", "start", "--candidate", CANDIDATE, "--config", str(repo / "lmgate.yaml")], env=env) == 0
    traffic.serve(6000)
    assert main(["canary", "tick", "--config", str(repo / "lmgate.yaml")], env=env) == 0
    capsys.readouterr()
    outputs = out.read_text()
    assert "state<<" in outputs and "\n25\n" in outputs and "\nadvance\n" in outputs
    text = summary.read_text()
    assert "Canary" in text and "step 5% done; moving to 25%" in text and "| errors |" in text


def test_a_score_metric_uses_msprt_and_rolls_back_a_quality_drop(repo):
    text = (repo / "lmgate.yaml").read_text().replace(
        "  metrics:\n", "  metrics:\n    - {name: quality, kind: score, field: eval_score, margin: 0.05}\n")
    (repo / "lmgate.yaml").write_text(text)
    operations.start(controller(repo), CANDIDATE)
    rng = random.Random(9)
    with open(repo / "logs" / "requests.jsonl", "a") as fh:
        for i in range(8000):
            canary = rng.random() < 0.05
            score = min(1.0, max(0.0, rng.gauss(0.65 if canary else 0.8, 0.1)))
            fh.write(json.dumps({"ts": 1_800_000_000 + i, "version": CANDIDATE if canary else "v1",
                                 "error": False, "eval_score": round(score, 3)}) + "\n")
    out = controller(repo).tick()
    assert out.decision["action"] == "rollback" and "quality is worse on the canary" in out.decision["reason"]
    quality = next(m for m in out.metrics if m["name"] == "quality")
    assert quality["lower_bound"] < -0.05 and quality["kind"] == "score"
