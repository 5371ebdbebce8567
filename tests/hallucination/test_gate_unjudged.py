"""A suite whose head answers were partly unjudged is not a pass: its rate speaks for the judged ones only.

22 of 25 answers without a context and 3 clean ones used to read "pass: flagged rate 0.0%" — a
green gate over 3 answers, with the other 22 only in a count.
"""

from __future__ import annotations

import json
import os
import subprocess

from helpers import GROUNDED, project, record

# the code under test: a worktree's src on PYTHONPATH stays first
SOURCE = {k: v for k, v in os.environ.items() if k == "PYTHONPATH"}


def run_gate(tmp_path, lmgate_exe) -> tuple[subprocess.CompletedProcess, dict]:
    run = subprocess.run([*lmgate_exe, "hallucination"], cwd=tmp_path, capture_output=True, text=True,
                         env={"PATH": "/usr/bin:/bin", **SOURCE})
    return run, json.loads((tmp_path / ".lmgate" / "results" / "hallucination.json").read_text())


def without_context(item_id: str) -> dict:
    rec = record(item_id, "head", GROUNDED[item_id.split("-")[0]])
    return {**rec, "inputs": {**rec["inputs"], "context": ""}}


def test_unjudged_answers_turn_a_clean_rate_into_a_warning_that_says_why(tmp_path, lmgate_exe):
    records = [record(f"q{i}-{i}", "head", GROUNDED[f"q{i}"]) for i in (1, 2, 3)]
    records += [without_context(f"q{i % 4 + 1}-x{i}") for i in range(22)]
    project(tmp_path, records)
    run, data = run_gate(tmp_path, lmgate_exe)
    suite = data["suites"][0]
    assert suite["head"] == {"rate": 0.0, "flagged": 0, "n": 3, "unjudged": 22}
    assert (run.returncode, data["verdict"], suite["verdict"]) == (0, "warn", "warn"), run.stderr
    assert suite["reason"].startswith("22 of 25 answers could not be judged (first: no context")
    assert "over the 3 judged: flagged rate 0.0%" in suite["reason"] and "— warn: 22 of 25" in run.stdout


def test_every_answer_judged_still_passes(tmp_path, lmgate_exe):
    project(tmp_path, [record(f"q{i}-{i}", "head", GROUNDED[f"q{i}"]) for i in (1, 2, 3, 4)])
    run, data = run_gate(tmp_path, lmgate_exe)
    assert run.returncode == 0 and data["verdict"] == "pass", run.stderr


def test_when_no_answer_could_be_judged_the_reason_says_why(tmp_path, lmgate_exe):
    # the eval calls failed: not the missing context the gate's fixed advice guesses at
    project(tmp_path, [record("q1-1", "head", "", error="HTTP 429 (after 4 attempts)"),
                       record("q2-2", "head", "", error="HTTP 429 (after 4 attempts)")])
    run, data = run_gate(tmp_path, lmgate_exe)
    suite = data["suites"][0]
    assert run.returncode == 1 and suite["verdict"] == "fail" and suite["head"]["rate"] is None, run.stderr
    assert suite["reason"].startswith("no answer could be judged (2 unjudged)")
    assert suite["reason"].endswith("; first: the eval call failed: HTTP 429 (after 4 attempts)")
