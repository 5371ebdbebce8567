"""`lmgate report` as a user runs it: a real subprocess over a results folder."""

from __future__ import annotations

import os
import subprocess

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
    assert proc.returncode == 0, proc.stderr
    comment = out.read_text()
    assert comment.startswith("<!-- lmgate:pr-report -->") and "(first 10)" in comment
    assert "[workflow run](https://github.com/acme/app/actions/runs/7)" in comment
    assert "q-111" in summary.read_text() and "q-111" not in comment


def test_report_on_a_foreign_file_is_exit_2(tmp_path, lmgate_exe):
    (tmp_path / "eval.json").write_text('{"schema": "someone/else/v1"}')
    proc = subprocess.run([*lmgate_exe, "report", "--results", str(tmp_path)], capture_output=True, text=True)
    assert proc.returncode == 2 and "not an lmgate eval result" in proc.stderr
