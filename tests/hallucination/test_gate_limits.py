"""Limits given on the command line are shares from 0 to 1; NaN is refused, not compared.

`--max-rate nan` passed every rate (`rate > nan` is false) and `--threshold nan` flagged no answer
(`score >= nan` is false): a green gate from a typo in an action input.
"""

from __future__ import annotations

import json
import os
import subprocess

import pytest
from helpers import INVENTED, project, record

SOURCE = {k: v for k, v in os.environ.items() if k == "PYTHONPATH"}


def run_gate(tmp_path, lmgate_exe, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([*lmgate_exe, "hallucination", *args], cwd=tmp_path, capture_output=True, text=True,
                          env={"PATH": "/usr/bin:/bin", **SOURCE})


@pytest.mark.parametrize(("args", "words"), [
    (("--max-rate", "nan"), "argument --max-rate: 'nan' is not a share from 0 to 1"),
    (("--max-rate", "5"), "argument --max-rate: '5' is not a share from 0 to 1"),
    (("--threshold", "nan"), "--threshold: threshold nan is not a score in [0, 1]"),
    (("--threshold", "-0.1"), "--threshold: threshold -0.1 is not a score in [0, 1]"),
])
def test_a_limit_outside_0_1_is_exit_2(tmp_path, lmgate_exe, args, words):
    project(tmp_path, [record(f"q{i}-{i}", "head", INVENTED[f"q{i}"]) for i in (1, 2, 3, 4)], max_rate=0.1)
    run = run_gate(tmp_path, lmgate_exe, *args)
    assert run.returncode == 2 and words in run.stderr and "Traceback" not in run.stderr, run.stderr
    assert not (tmp_path / ".lmgate" / "results" / "hallucination.json").exists()


def test_in_range_limits_still_decide(tmp_path, lmgate_exe):
    project(tmp_path, [record(f"q{i}-{i}", "head", INVENTED[f"q{i}"]) for i in (1, 2, 3, 4)], max_rate=0.1)
    assert run_gate(tmp_path, lmgate_exe, "--max-rate", "1").returncode == 0
    failed = run_gate(tmp_path, lmgate_exe, "--max-rate", "0.0", "--threshold", "0.5")
    data = json.loads((tmp_path / ".lmgate" / "results" / "hallucination.json").read_text())
    assert failed.returncode == 1 and data["verdict"] == "fail" and data["threshold"] == 0.5
