"""`make demo` must stop, not go on to green, when a stage dies of a signal.

A native library's segfault (llama.cpp built for CPU features the machine lacks) ends `lmgate eval` with
a negative return code; the demo used to print "-> exit -11" and run the later stages on what the
crashed one never wrote, ending with exit 0.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def demo_module():
    spec = importlib.util.spec_from_file_location("lmgate_demo_script", ROOT / "scripts" / "demo.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_stage_killed_by_a_signal_stops_the_demo(monkeypatch, tmp_path, capsys):
    demo = demo_module()
    segfault = "import os, signal; os.kill(os.getpid(), signal.SIGSEGV)"
    monkeypatch.setattr(demo, "LMGATE", [sys.executable, "-c", segfault])
    with pytest.raises(SystemExit) as stopped:
        demo.step("a stage that segfaults", "eval", cwd=tmp_path)
    assert "killed by SIGSEGV" in str(stopped.value)
    assert "-> exit -11 (killed by SIGSEGV)" in capsys.readouterr().out


@pytest.mark.parametrize(("code", "goes_on"), [(0, True), (1, True), (2, False), (3, False)])
def test_a_failed_gate_goes_on_and_bad_input_stops(monkeypatch, tmp_path, code, goes_on):
    demo = demo_module()
    monkeypatch.setattr(demo, "LMGATE", [sys.executable, "-c", f"raise SystemExit({code})"])
    if goes_on:
        assert demo.step("a stage", "eval", cwd=tmp_path) == code
    else:
        with pytest.raises(SystemExit):
            demo.step("a stage", "eval", cwd=tmp_path)
