"""Bounded work in eval (issue 16.4): `--deadline` ends a run whatever the provider does, and never
green; an oversized answer is an error with its size, neither cached nor written whole."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

from fakes.openai_server import serve_openai

N = 10


def project(root, base_url: str) -> None:
    root.mkdir(parents=True)
    (root / "p.j2").write_text("What is {{ a }} plus {{ b }}?")
    (root / "cases.jsonl").write_text("".join(json.dumps({"id": f"c{i}", "a": i, "b": 2, "expected": str(i + 2)})
                                              + "\n" for i in range(N)))
    (root / "lmgate.yaml").write_text(f"""version: 1
providers:
  m: {{type: openai, base_url: "{base_url}", model: mock, concurrency: 2, timeout: 600, retries: 0}}
prompts: {{add: p.j2}}
datasets: {{cases: cases.jsonl}}
suites:
  - {{name: add, prompt: add, dataset: cases, provider: m, metrics: [{{equals: {{value: "{{{{ expected }}}}"}}}}]}}
""")


def run_eval(root, *args: str, timeout: float) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "RUNNER_", "LMGATE_"))}
    return subprocess.run([sys.executable, "-m", "lmgate", "eval", "--config", str(root / "lmgate.yaml"), *args],
                          capture_output=True, text=True, timeout=timeout,
                          env={**env, "XDG_CACHE_HOME": str(root.parent / "xdg")})


def test_deadline_abandons_stalled_calls_records_them_and_fails_the_run(tmp_path):
    def stalls_after_four(messages: list, body: dict) -> str:
        a = int(messages[-1]["content"].split()[2])
        if a >= 4:
            time.sleep(120)  # a provider that holds the connection (timeout is 600 s)
        return str(a + 2)

    root = tmp_path / "repo"
    with serve_openai(answer=stalls_after_four) as server:
        project(root, server.base_url)
        # without the deadline this run takes 6 × 120 s / 2; the subprocess timeout would fire first
        done = run_eval(root, "--deadline", "3", timeout=90)
    assert done.returncode == 1, done.stdout + done.stderr
    result = json.loads((root / ".lmgate/results/eval.json").read_text())
    assert result["verdict"] == "fail" and result["deadline"] == {"seconds": 3, "reached": True, "unfinished": 6}
    [suite] = result["suites"]
    assert suite["verdict"] == "fail" and any("run deadline of 3 s reached" in n for n in suite["notes"])
    items = [json.loads(line) for line in (root / ".lmgate/results/eval-items.jsonl").read_text().splitlines()]
    assert len(items) == N  # one line per item: no late answer is appended after the cut
    errors = {r["id"]: r["error"] for r in items}
    assert [errors[f"c{i}"] for i in range(4)] == [None] * 4
    assert all(errors[f"c{i}"] == "run deadline reached" for i in range(4, N))
    assert "::error" not in done.stdout and "run deadline of 3 s reached" in done.stderr


def test_deadline_must_be_positive(tmp_path):
    root = tmp_path / "repo"
    project(root, "http://127.0.0.1:9/v1")
    done = run_eval(root, "--deadline", "0", timeout=60)
    assert done.returncode == 2 and "--deadline must be a positive number" in done.stderr


def test_an_oversized_answer_is_an_error_and_is_neither_cached_nor_written_whole(tmp_path):
    huge = "x" * 3_000_000

    def one_huge(messages: list, body: dict) -> str:
        a = int(messages[-1]["content"].split()[2])
        return huge if a == 3 else str(a + 2)

    root = tmp_path / "repo"
    with serve_openai(answer=one_huge) as server:
        project(root, server.base_url)
        done = run_eval(root, timeout=120)
        assert done.returncode == 1, done.stderr  # the capped answer is a failed call: the suite fails (issue 15)
        again = run_eval(root, timeout=120)
        assert server.stats.requests == N + 1  # the error was not cached: only it is asked again
    assert again.returncode == 1 and '1 × answer over the size cap (first: "answer of 3,000,000 characters' in \
        " ".join(again.stdout.split())
    items = {r["id"]: r for r in map(json.loads, (root / ".lmgate/results/eval-items.jsonl").read_text().splitlines())}
    assert items["c3"]["error"].startswith("answer of 3,000,000 characters is over the 1,000,000-character cap")
    assert len(items["c3"]["output"]) == 2000 and items["c3"]["scores"] == {}
    assert (root / ".lmgate/results/eval-items.jsonl").stat().st_size < 100_000
    cache = root / ".lmgate/cache"
    assert sum(p.stat().st_size for p in cache.iterdir()) < 1_000_000
