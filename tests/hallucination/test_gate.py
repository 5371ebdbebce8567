"""`lmgate hallucination`: the gate on hand-made eval-items files, run as a real subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from helpers import GROUNDED, INVENTED, many, project, record

ROOT = Path(__file__).resolve().parents[2]
SOURCE = {k: v for k, v in os.environ.items() if k == "PYTHONPATH"}  # a worktree's src, not the installed one
SCHEMA = json.loads((ROOT / "src" / "lmgate" / "schemas" / "hallucination.schema.json").read_text())


def gate(cwd: Path, lmgate_exe, *args: str, env: dict | None = None) -> tuple[subprocess.CompletedProcess, dict]:
    out = cwd / "gh_output"
    out.write_text("")
    run = subprocess.run([*lmgate_exe, "hallucination", *args], cwd=cwd, capture_output=True, text=True,
                         env={"PATH": "/usr/bin:/bin", **SOURCE, "GITHUB_OUTPUT": str(out),
                              "GITHUB_STEP_SUMMARY": str(cwd / "summary.md"), **(env or {})})
    outputs = dict(line.split("=", 1) for line in out.read_text().splitlines() if "=" in line and "<<" not in line)
    lines = out.read_text().splitlines()
    for i, line in enumerate(lines):  # heredoc form: name<<delim / value / delim
        if "<<" in line:
            outputs[line.split("<<")[0]] = lines[i + 1]
    return run, outputs


def result(cwd: Path) -> dict:
    data = json.loads((cwd / ".lmgate" / "results" / "hallucination.json").read_text())
    jsonschema.validate(data, SCHEMA)
    return data


def test_passes_when_answers_are_grounded(tmp_path, lmgate_exe):
    project(tmp_path, many(12, "head", None) + many(12, "base", None), max_rate=0.1)
    run, outputs = gate(tmp_path, lmgate_exe)
    assert run.returncode == 0, run.stderr
    data = result(tmp_path)
    assert data["verdict"] == "pass" and data["suites"][0]["head"] == {"rate": 0.0, "flagged": 0, "n": 12,
                                                                       "unjudged": 0}
    assert data["suites"][0]["increase"]["test"] == "mcnemar"
    assert outputs == {"rate": "0.0000", "base-rate": "0.0000", "verdict": "pass"}


def test_fails_on_a_significant_increase_over_the_base_paired(tmp_path, lmgate_exe):
    # 40 paired items: base grounded everywhere, head invents on every 3rd -> 14 discordant pairs
    project(tmp_path, many(40, "head", 3) + many(40, "base", None), max_rate=0.5)
    run, outputs = gate(tmp_path, lmgate_exe)
    assert run.returncode == 1, run.stdout + run.stderr
    suite = result(tmp_path)["suites"][0]
    assert suite["verdict"] == "fail" and "rose by" in suite["reason"]
    assert suite["increase"]["test"] == "mcnemar" and suite["increase"]["p_value"] < 0.001
    assert suite["increase"]["head_only"] == 14 and suite["increase"]["base_only"] == 0
    assert suite["examples"] and suite["examples"][0]["spans"][0]["reason"]
    assert outputs["verdict"] == "fail" and float(outputs["rate"]) == pytest.approx(14 / 40, abs=1e-4)
    summary = (tmp_path / "summary.md").read_text()
    assert "### Hallucination gate (grounding" in summary and "| qa | 35.0% (14/40) | 0.0% | +35.0 pp" in summary


def test_a_small_increase_is_not_significant(tmp_path, lmgate_exe):
    head = many(40, "head", None)
    head[0] = record("q1-0", "head", INVENTED["q1"])
    head[1] = record("q2-1", "head", INVENTED["q2"])
    project(tmp_path, head + many(40, "base", None), max_rate=0.5, extra="")
    run, _ = gate(tmp_path, lmgate_exe, "--max-rate", "0.1")
    assert run.returncode == 0, run.stdout
    suite = result(tmp_path)["suites"][0]
    assert suite["increase"]["diff"] == 0.05 and suite["increase"]["p_value"] > 0.05


def test_max_rate_without_base_and_unpaired_two_proportion(tmp_path, lmgate_exe):
    project(tmp_path, many(8, "head", 2), max_rate=0.2)
    run, _ = gate(tmp_path, lmgate_exe)
    assert run.returncode == 1 and "above max_rate" in result(tmp_path)["suites"][0]["reason"]
    base = [dict(r, id=r["id"] + "-old") for r in many(30, "base", None)]
    project(tmp_path, many(30, "head", 2) + base, max_rate=0.9)
    run, _ = gate(tmp_path, lmgate_exe)
    suite = result(tmp_path)["suites"][0]
    assert run.returncode == 1 and suite["increase"]["test"] == "two_proportion"


def test_failed_calls_and_missing_context_are_unjudged(tmp_path, lmgate_exe):
    records = [record("q1-a", "head", "", error="timeout"), record("q2-b", "head", GROUNDED["q2"])]
    records.append({**record("q3-c", "head", GROUNDED["q3"]), "inputs": {"question": "?"}})  # no `context`
    project(tmp_path, records)
    run, _ = gate(tmp_path, lmgate_exe)
    assert run.returncode == 0, run.stderr
    head = result(tmp_path)["suites"][0]["head"]
    assert head == {"rate": 0.0, "flagged": 0, "n": 1, "unjudged": 2}


def test_bad_eval_items_line_is_located(tmp_path, lmgate_exe):
    project(tmp_path, many(2, "head", None))
    items = tmp_path / ".lmgate" / "results" / "eval-items.jsonl"
    items.write_text(items.read_text() + "{oops\n" + json.dumps(record("q1-9", "head", "x")) + "\n")
    run, _ = gate(tmp_path, lmgate_exe)
    assert run.returncode == 2 and "eval-items.jsonl:3" in run.stderr and "Traceback" not in run.stderr
    items.unlink()
    run, _ = gate(tmp_path, lmgate_exe)
    assert run.returncode == 2 and "lmgate eval" in run.stderr


def test_unknown_detector_lists_the_choices(tmp_path, lmgate_exe):
    project(tmp_path, many(2, "head", None))
    run, _ = gate(tmp_path, lmgate_exe, "--detector", "groundin")
    assert run.returncode == 2 and "did you mean 'grounding'" in run.stderr


def test_selfcheck_uses_the_repeats_as_samples(tmp_path, lmgate_exe):
    records = []
    for i, key in enumerate(["q1", "q2", "q3", "q4"]):
        answers = [INVENTED[key] if i % 2 else GROUNDED[key]] + [GROUNDED[key]] * 3
        records += [record(f"{key}-{i}", "head", a, sample=s) for s, a in enumerate(answers)]
    project(tmp_path, records, max_rate=0.9)
    run, _ = gate(tmp_path, lmgate_exe, "--detector", "selfcheck")
    assert run.returncode == 0, run.stderr
    suite = result(tmp_path)["suites"][0]
    assert suite["head"]["flagged"] == 2 and {e["id"] for e in suite["examples"]} == {"q2-1", "q4-3"}


def test_demo_head_app_is_caught(tmp_path):
    run = subprocess.run([sys.executable, str(ROOT / "scripts" / "hallucination_demo.py"), str(tmp_path)],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 1, run.stdout + run.stderr
    data = result(tmp_path / "quickstart")
    suite = data["suites"][0]
    assert suite["verdict"] == "fail" and suite["base"]["rate"] == 0.0 and suite["head"]["flagged"] >= 3
    assert any("not in the context" in s["reason"] for e in suite["examples"] for s in e["spans"])


def test_a_mistyped_detector_option_points_at_its_line(tmp_path, lmgate_exe):
    project(tmp_path, many(2, "head", None), extra="  options: {use_questoin: true}\n")
    run, _ = gate(tmp_path, lmgate_exe)
    assert run.returncode == 2 and "lmgate.yaml:16" in run.stderr and "did you mean 'use_question'" in run.stderr


@pytest.mark.parametrize("named", [True, False])
def test_a_gate_with_no_answer_to_judge_fails(tmp_path, lmgate_exe, named):
    """An empty eval-items.jsonl (eval crashed before its first answer) passed as "skipped", silently when no
    suite was named."""
    project(tmp_path, [])
    if not named:
        config = tmp_path / "lmgate.yaml"
        config.write_text(config.read_text().replace("  suites: [qa]\n", ""))
    run, outputs = gate(tmp_path, lmgate_exe)
    assert run.returncode == 1, run.stdout + run.stderr
    data = result(tmp_path)
    assert data["verdict"] == "fail" and outputs["verdict"] == "fail"
    assert [s["name"] for s in data["suites"]] == ["qa"]
    assert "no head answers to judge" in data["suites"][0]["reason"]
    assert "qa: head rate — (0/0" in run.stdout and "did it finish?" in run.stdout


def test_a_gate_that_could_judge_no_answer_fails(tmp_path, lmgate_exe):
    """Every answer without a context: nothing was judged, which used to be a warning and exit 0."""
    records = many(6, "head", None)
    for r in records:
        r["inputs"]["context"] = ""
    project(tmp_path, records)
    run, _ = gate(tmp_path, lmgate_exe)
    assert run.returncode == 1, run.stdout + run.stderr
    suite = result(tmp_path)["suites"][0]
    assert suite["verdict"] == "fail" and suite["reason"].startswith("no answer could be judged (6 unjudged)")
    assert "hallucination.context" in suite["reason"]
