"""The `verdict` output of `lmgate comment` is "pass" only when a stage ran and none failed.

It used to be "pass" for an empty results folder, or one holding only skipped stages: a workflow
reading `steps.comment.outputs.verdict == 'pass'` then went ahead on evidence of nothing.
"""

from __future__ import annotations

import re
from pathlib import Path

from fakes.actions import actions_env, pr_event, run_cli

FIXTURES = Path(__file__).parents[1] / "report" / "fixtures"


def outputs(tmp_path: Path) -> dict[str, str]:
    text = (tmp_path / "output.txt").read_text()
    return {m[0]: m[2] for m in re.findall(r"^([\w-]+)<<(\S+)\n(.*?)\n\2$", text, re.M | re.S)}


def test_no_stage_result_is_skipped_not_pass(github, tmp_path):
    empty = tmp_path / "results"
    empty.mkdir()
    proc = run_cli(["comment", "--mode", "summary", "--results", str(empty)],
                   actions_env(github, tmp_path, pr_event(9), ""), tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert outputs(tmp_path)["verdict"] == "skipped"


def test_only_a_skipped_stage_is_skipped_not_pass(github, tmp_path):
    (tmp_path / "lmgate.yaml").write_text("version: 1\n")  # no hallucination section: the gate is skipped
    env = actions_env(github, tmp_path, pr_event(9), "")
    gate = run_cli(["hallucination"], env, tmp_path)
    assert gate.returncode == 0 and "the gate is skipped" in gate.stdout, gate.stderr
    proc = run_cli(["comment", "--mode", "summary", "--results", ".lmgate/results"], env, tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert outputs(tmp_path)["verdict"] == "skipped"


def test_a_green_run_is_still_pass(github, tmp_path):
    proc = run_cli(["comment", "--mode", "summary", "--results", str(FIXTURES / "green")],
                   actions_env(github, tmp_path, pr_event(9), ""), tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert outputs(tmp_path)["verdict"] == "pass"
