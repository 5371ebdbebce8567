"""A NaN score never hangs calibration: the command refuses it with its line, the figures refuse it,
and the rank loops always move on (NaN == NaN is false, so a tied block never grew past `j = i`)."""

from __future__ import annotations

import json
import os
import subprocess

import pytest

from lmgate.hallucination.calibrate import report

NAN = float("nan")
SOURCE = {k: v for k, v in os.environ.items() if k == "PYTHONPATH"}


def test_the_command_refuses_a_nan_score_with_its_line(tmp_path, lmgate_exe):
    rows = [{"score": 0.2, "label": 0, "split": "dev"}, {"score": NAN, "label": 1, "split": "dev"}]
    path = tmp_path / "g.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))  # json.dumps writes NaN
    run = subprocess.run([*lmgate_exe, "hallucination", "calibrate", "--input", str(path)], capture_output=True,
                         text=True, timeout=60, env={"PATH": "/usr/bin:/bin", **SOURCE})
    assert run.returncode == 2 and "g.jsonl:2" in run.stderr and "a finite number" in run.stderr, run.stderr


def test_rank_figures_end_on_nan_and_report_refuses_it(lmgate_exe):
    # in a child process with a timeout: a regression hangs, and must fail the test rather than the suite
    code = ("from lmgate.hallucination.calibrate import auprc, auroc; n = float('nan'); "
            "print(auroc([n, 0.2, 0.8, n], [1, 0, 1, 0]), auprc([n, 0.2, 0.8, n], [1, 0, 1, 0]))")
    run = subprocess.run([lmgate_exe[0], "-c", code], capture_output=True, text=True, timeout=60,
                         env={"PATH": "/usr/bin:/bin", **SOURCE})
    assert run.returncode == 0 and all(0.0 <= float(v) <= 1.0 for v in run.stdout.split()), run.stderr
    with pytest.raises(ValueError, match="finite"):
        report(([NAN, 0.2, 0.8, NAN], [1, 0, 1, 0]), ([0.1, 0.9], [0, 1]), rounds=10)
