"""`lmgate report` as a user runs it: a real subprocess over a results folder."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

from report_cases import FIXTURES

# the interpreter runs the code under test: a source tree on PYTHONPATH (a worktree) stays first
SOURCE = {k: v for k, v in os.environ.items() if k == "PYTHONPATH"}


def test_report_writes_the_comment_and_the_longer_summary(tmp_path, lmgate_exe):
    summary = tmp_path / "summary.md"
    summary.write_text("")
    out = tmp_path / "deep" / "report.md"
    env = {**SOURCE, "PATH": "/usr/bin:/bin", "GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary),
           "GITHUB_REPOSITORY": "acme/app", "GITHUB_SERVER_URL": "https://github.com", "GITHUB_RUN_ID": "7"}
    proc = subprocess.run([*lmgate_exe, "report", "--results", str(FIXTURES / "eval_regression"),
                           "--output", str(out)], capture_output=True, text=True, env=env)
    assert proc.returncode == 1, proc.stderr  # the regression fails its gate: the step fails too
    comment = out.read_text()
    assert comment.startswith("<!-- lmgate:pr-report -->") and "(first 10)" in comment
    # the numbers are from the run that computed the results (42), not from this one (7)
    assert "numbers from [run 42](https://github.com/acme/app/actions/runs/42)" in comment
    assert "q-111" in summary.read_text() and "q-111" not in comment


def test_report_on_a_foreign_file_is_exit_2(tmp_path, lmgate_exe):
    (tmp_path / "eval.json").write_text('{"schema": "someone/else/v1"}')
    proc = subprocess.run([*lmgate_exe, "report", "--results", str(tmp_path)], capture_output=True, text=True)
    assert proc.returncode == 2 and "not an lmgate eval result" in proc.stderr


def test_report_leaves_out_a_stage_file_of_another_commit_and_says_so(tmp_path, lmgate_exe):
    results = Path(shutil.copytree(FIXTURES / "green", tmp_path / "results"))
    canary = json.loads((results / "canary.json").read_text())
    canary["git"]["head_sha"], canary["run_id"] = "0" * 40, "17"  # a tick on main, long ago
    (results / "canary.json").write_text(json.dumps(canary))
    proc = subprocess.run([*lmgate_exe, "report", "--results", str(results)], capture_output=True, text=True,
                          env={**SOURCE, "PATH": "/usr/bin:/bin"})
    assert proc.returncode == 0, proc.stderr
    assert "Canary" not in proc.stdout and "canary" not in proc.stdout.splitlines()[1]
    assert "Left out canary.json: it was computed on commit `000000000000` in run 17, not on commit " \
           "`3f2a9c1d4b5e` in run 42" in proc.stdout
    assert "Left out canary.json" in proc.stderr  # and a warning in the log
    assert "### ✅ Evaluation" in proc.stdout  # the rest of the run is reported


def test_report_keeps_this_runs_stages_when_an_older_run_wrote_in_the_same_second(tmp_path, lmgate_exe):
    # eval.json from run 41 and this run's (42) failed hallucination gate, both stamped the same second:
    # the report must be this run's (failed), not the older eval's "passed"
    results = Path(shutil.copytree(FIXTURES / "green", tmp_path / "results"))
    (results / "lint.json").unlink()
    (results / "canary.json").unlink()
    stale = json.loads((results / "eval.json").read_text())
    stale["run_id"] = "41"
    (results / "eval.json").write_text(json.dumps(stale))
    failed = json.loads((results / "hallucination.json").read_text())
    failed["verdict"] = "fail"
    (results / "hallucination.json").write_text(json.dumps(failed))
    for run in ("42", None):  # this run; or a run that wrote none of them (the later stage wins the tie)
        env = {**SOURCE, "PATH": "/usr/bin:/bin", **({"GITHUB_RUN_ID": run} if run else {})}
        proc = subprocess.run([*lmgate_exe, "report", "--results", str(results)], capture_output=True, text=True,
                              env=env)
        assert proc.returncode == 1, proc.stderr  # the failed gate is this run's
        assert "**lmgate ❌ failed**" in proc.stdout, proc.stdout[:300]
        assert "Left out eval.json: it was computed on commit `3f2a9c1d4b5e` in run 41" in proc.stdout


def test_outside_a_run_the_footer_names_the_folder_the_report_was_made_from(tmp_path, lmgate_exe):
    # the footer said "full results: `.lmgate/results/`" for a report made with --results elsewhere
    shutil.copytree(FIXTURES / "green", tmp_path / "results-smollm2")
    proc = subprocess.run([*lmgate_exe, "report", "--results", "results-smollm2"], capture_output=True, text=True,
                          cwd=tmp_path, env={**SOURCE, "PATH": "/usr/bin:/bin"})
    assert proc.returncode == 0, proc.stderr
    assert "full results: results-smollm2/</sub>" in proc.stdout and ".lmgate/results" not in proc.stdout
