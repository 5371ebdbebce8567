"""An eval that never finishes must not leave the previous run's eval.json vouching for its answers.

eval-items.jsonl is emptied when a run starts; eval.json was replaced only when it ended. A run
killed in between left new, partial answers beside the old run's eval.json, whose commit, run id and
verdict the hallucination gate and `report` then took for these answers'.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

APP = """import os, signal

def answer(prompt):
    if os.environ.get("DIE_ON_CALL") and "q2" in prompt:
        os.kill(os.getpid(), signal.SIGKILL)  # a runner losing the job mid-run
    return "ok"
"""


def project(root: Path) -> None:
    (root / "app.py").write_text(APP)
    (root / "p.j2").write_text("Question {{ id }}")
    (root / "cases.jsonl").write_text("".join(json.dumps({"id": f"q{i}", "expected": "ok"}) + "\n" for i in range(4)))
    (root / "lmgate.yaml").write_text("""version: 1
providers: {app: {type: python, target: "app:answer", concurrency: 1}}
prompts: {p: p.j2}
datasets: {cases: cases.jsonl}
suites:
  - {name: s, prompt: p, dataset: cases, provider: app, metrics: [exact_match]}
""")


def eval_run(root: Path, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "lmgate", "eval", "--no-cache"], cwd=root, capture_output=True,
                          text=True, env={"PATH": os.environ["PATH"], "PYTHONPATH": str(ROOT / "src"),
                                          "GITHUB_RUN_ID": env.pop("run", "1"), **env})


def test_a_killed_run_leaves_no_earlier_eval_json(tmp_path):
    project(tmp_path)
    first = eval_run(tmp_path, run="41")
    results = tmp_path / ".lmgate" / "results"
    assert first.returncode == 0, first.stdout + first.stderr
    assert json.loads((results / "eval.json").read_text())["run_id"] == "41"
    killed = eval_run(tmp_path, run="42", DIE_ON_CALL="1")
    assert killed.returncode == -9, killed.stdout + killed.stderr
    answered = [json.loads(line) for line in (results / "eval-items.jsonl").read_text().splitlines()]
    assert 1 <= len(answered) < 4  # run 42's partial answers ...
    assert not (results / "eval.json").exists()  # ... with no run 41 eval.json to vouch for them
