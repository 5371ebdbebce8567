"""An `exec` provider's answers are not cached unless the config says so.

The cache was keyed on the command line. A pull request that broke `bot.py` kept the command
`python bot.py`, so its head and its base shared every cached answer: the eval compared one side with
itself and passed, whatever the edit broke.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GIT = ["git", "-c", "user.name=t", "-c", "user.email=t@t.invalid", "-c", "init.defaultBranch=main"]
BOT = """import json, sys
request = json.load(sys.stdin)
print(json.dumps({"output": ANSWER}))
"""
CONFIG = """version: 1
providers: {bot: {type: exec, command: [PYTHON, bot.py]CACHE}}
prompts: {p: p.j2}
datasets: {cases: cases.jsonl}
suites:
  - name: s
    prompt: p
    dataset: cases
    provider: bot
    metrics: [exact_match]
    gates: {exact_match: {max_drop: 0.05}}
"""


def lmgate(repo: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "lmgate", *args], cwd=repo, capture_output=True, text=True,
                          env={"PATH": os.environ["PATH"], "PYTHONPATH": str(ROOT / "src")})


def repo_with_a_broken_head(tmp_path: Path, cache: str) -> Path:
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "p.j2").write_text("{{ q }}")
    (repo / "cases.jsonl").write_text("".join(json.dumps({"id": i, "q": f"say {i}", "expected": str(i)}) + "\n"
                                              for i in range(10)))
    (repo / "lmgate.yaml").write_text(CONFIG.replace("PYTHON", json.dumps(sys.executable)).replace("CACHE", cache))
    (repo / "bot.py").write_text(BOT.replace("ANSWER", 'request["prompt"].split()[-1]'))  # right every time
    subprocess.run([*GIT, "init", "-q"], cwd=repo, check=True)
    subprocess.run([*GIT, "add", "-A"], cwd=repo, check=True)
    subprocess.run([*GIT, "commit", "-qm", "base"], cwd=repo, check=True)
    (repo / "bot.py").write_text(BOT.replace("ANSWER", '"I do not know"'))  # the pull request breaks it
    subprocess.run([*GIT, "commit", "-qam", "head"], cwd=repo, check=True)
    return repo


def test_a_pull_request_that_breaks_the_command_fails_the_gate(tmp_path):
    repo = repo_with_a_broken_head(tmp_path, "")
    run = lmgate(repo, "eval", "--baseline-ref", "HEAD~1")
    assert run.returncode == 1, run.stdout + run.stderr
    suite = json.loads((repo / ".lmgate" / "results" / "eval.json").read_text())["suites"][0]
    metric = suite["metrics"][0]
    assert metric["head"]["mean"] == 0.0 and metric["base"]["mean"] == 1.0 and metric["change"] == "regression"
    again = lmgate(repo, "eval", "--baseline-ref", "HEAD~1")  # a rerun: nothing was cached to go stale
    assert again.returncode == 1, again.stdout + again.stderr


def test_cache_true_is_the_users_word_that_no_file_changes_the_answers(tmp_path):
    repo = repo_with_a_broken_head(tmp_path, ", cache: true")
    assert lmgate(repo, "validate").returncode == 0
    from lmgate.eval.providers import build_provider

    assert build_provider("b", {"type": "exec", "command": ["x"], "cache": True}, root=repo).cacheable is True
    assert build_provider("b", {"type": "exec", "command": ["x"]}, root=repo).cacheable is False


@pytest.mark.parametrize("value", ["yes please", 3])
def test_cache_takes_a_boolean(tmp_path, value):
    repo = repo_with_a_broken_head(tmp_path, f", cache: {json.dumps(value)}")
    run = lmgate(repo, "validate")
    assert run.returncode == 2 and "providers.bot.cache" in run.stderr, run.stderr
