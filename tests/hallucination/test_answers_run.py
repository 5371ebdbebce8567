"""Whose answers the gate judged: hallucination.json names them, and a report never pairs a verdict
with another run's or commit's answers (the rule: lmgate.commands.hallucination's docstring).

Before, a gate run in a later workflow run stamped its own run id on an earlier run's answers, and
`lmgate report` then took that verdict for this run's."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import jsonschema
import pytest
from helpers import many, project

from lmgate.errors import ResultsError
from lmgate.report.artifact import check_one_run
from lmgate.report.render import select_run

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = json.loads((ROOT / "src" / "lmgate" / "schemas" / "hallucination.schema.json").read_text())
EVAL_FIXTURE = ROOT / "tests" / "report" / "fixtures" / "green" / "eval.json"
SOURCE = {k: v for k, v in os.environ.items() if k == "PYTHONPATH"}  # a worktree's source stays first
HEAD, OTHER = "3f2a9c1d4b5e6f708192a3b4c5d6e7f809112233", "0123456789abcdef0123456789abcdef01234567"


def results_of(tmp: Path, eval_head: str, eval_run: str) -> Path:
    """A grounded project whose eval.json (beside eval-items.jsonl) says commit `eval_head`, run `eval_run`."""
    project(tmp, many(8, "head", None), max_rate=0.5)
    data = json.loads(EVAL_FIXTURE.read_text())
    data["git"]["head_sha"], data["run_id"] = eval_head, eval_run
    results = tmp / ".lmgate" / "results"
    (results / "eval.json").write_text(json.dumps(data))
    return results


def lmgate(cwd: Path, exe: list[str], *args: str, run_id: str) -> subprocess.CompletedProcess:
    env = {**SOURCE, "PATH": "/usr/bin:/bin", "GITHUB_SHA": HEAD, "GITHUB_RUN_ID": run_id}
    return subprocess.run([*exe, *args], cwd=cwd, capture_output=True, text=True, env=env)


def test_answers_of_another_commit_are_refused_and_nothing_is_written(tmp_path, lmgate_exe):
    results = results_of(tmp_path, OTHER, "41")
    run = lmgate(tmp_path, lmgate_exe, "hallucination", run_id="42")
    assert run.returncode == 2, run.stderr
    assert "computed on commit 0123456789ab (run 41)" in run.stderr and "fix:" in run.stderr
    assert "Traceback" not in run.stderr and not (results / "hallucination.json").exists()


def test_a_verdict_on_an_earlier_runs_answers_names_them_and_the_report_leaves_it_out(tmp_path, lmgate_exe):
    results = results_of(tmp_path, HEAD, "41")
    run = lmgate(tmp_path, lmgate_exe, "hallucination", run_id="42")
    assert run.returncode == 0, run.stderr
    assert "judging answers of run 41, not this run's (42)" in run.stderr
    data = json.loads((results / "hallucination.json").read_text())
    jsonschema.validate(data, SCHEMA)
    assert (data["git"]["head_sha"], data["run_id"]) == (HEAD, "42")  # who judged
    assert data["answers"] == {"head_sha": HEAD, "run_id": "41"}  # whose answers
    report = lmgate(tmp_path, lmgate_exe, "report", "--results", str(results), run_id="42")
    assert report.returncode == 0, report.stderr
    assert "Left out hallucination.json: it judged the answers of commit `3f2a9c1d4b5e` in run 41, not those " \
           "of commit `3f2a9c1d4b5e` in run 42" in report.stdout
    assert "Left out eval.json" in report.stdout and "Hallucination" not in report.stdout


def test_this_runs_answers_are_reported_as_before(tmp_path, lmgate_exe):
    results = results_of(tmp_path, HEAD, "42")
    run = lmgate(tmp_path, lmgate_exe, "hallucination", run_id="42")
    assert run.returncode == 0 and "answers of another run" not in run.stderr + run.stdout, run.stderr
    assert json.loads((results / "hallucination.json").read_text())["answers"] == {"head_sha": HEAD, "run_id": "42"}
    report = lmgate(tmp_path, lmgate_exe, "report", "--results", str(results), run_id="42")
    assert report.returncode == 0 and "Left out" not in report.stdout, report.stdout
    assert "Hallucination" in report.stdout


def stage(run_id: str, answers: dict | None = None) -> dict:
    data = {"schema": "x", "git": {"head_sha": HEAD}, "run_id": run_id, "created_at": "2026-12-01T00:00:00+00:00",
            "verdict": "pass"}
    return data if answers is None else {**data, "answers": answers}


def test_select_run_and_the_artifact_check_both_look_at_the_judged_answers():
    earlier = {"head_sha": HEAD, "run_id": "41"}
    results = {"eval": stage("42"), "hallucination": stage("42", earlier)}
    kept, notes = select_run(results, "42")
    assert list(kept) == ["eval"] and notes[0].startswith("Left out hallucination.json: it judged the answers")
    with pytest.raises(ResultsError, match=r"the answers hallucination\.json judged: commit 3f2a9c1d4b5e, run 41"):
        check_one_run(results)
    same = {"eval": stage("42"), "hallucination": stage("42", {"head_sha": HEAD, "run_id": "42"})}
    assert select_run(same, "42") == (same, []) and check_one_run(same) is None
    # a skipped gate judged nothing (`answers: null`); a file without `answers` predates the field
    for hallucination in ({**stage("42"), "answers": None}, stage("42")):
        assert select_run({"eval": stage("42"), "hallucination": hallucination}, "42")[1] == []
