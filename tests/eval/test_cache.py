"""The response cache: content-addressed, errors never stored, kill -9 safe, shared by processes."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

from fakes.openai_server import Faults, serve_openai
from lmgate.eval.cache import ResponseCache, cache_key, hmac_key
from lmgate.eval.providers.base import Completion, TokenLogprob

N = 240


def project(root, base_url: str, *, n: int = N, api_key: str = "sk-cache-test-key") -> None:
    root.mkdir(parents=True, exist_ok=True)
    (root / "p.j2").write_text("What is {{ a }} plus {{ b }}?")
    (root / "cases.jsonl").write_text("".join(json.dumps({"id": f"c{i}", "a": i, "b": 2, "expected": str(i + 2)})
                                              + "\n" for i in range(n)))
    (root / "lmgate.yaml").write_text(f"""version: 1
providers:
  m: {{type: openai, base_url: "{base_url}", model: mock, api_key: "{api_key}", concurrency: 4}}
prompts: {{add: p.j2}}
datasets: {{cases: cases.jsonl}}
suites:
  - {{name: add, prompt: add, dataset: cases, provider: m, metrics: [{{equals: {{value: "{{{{ expected }}}}"}}}}]}}
""")


def local_env(root) -> dict[str, str]:
    """A laptop's environment: not in Actions, the cache's HMAC key under a private XDG_CACHE_HOME."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "RUNNER_", "LMGATE_CACHE"))}
    return {**env, "XDG_CACHE_HOME": str(root.parent / "xdg")}


def lmgate(root, *extra: str, wait: bool = True):
    cmd = [sys.executable, "-m", "lmgate", "eval", "--config", str(root / "lmgate.yaml"), *extra]
    if not wait:
        return subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=local_env(root))
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120, env=local_env(root))


def rows(root) -> int:
    with sqlite3.connect(root / ".lmgate/cache/responses.sqlite3") as db:
        return db.execute("SELECT COUNT(*) FROM answers").fetchone()[0]


def comparable(root, out: str = ".lmgate/results") -> dict:
    data = json.loads((root / out / "eval.json").read_text())
    for key in ("created_at", "timing", "calls", "config_hash"):
        data.pop(key)
    return data


def test_kill_9_then_rerun_makes_no_call_for_answered_items_and_gives_identical_results(tmp_path):
    with serve_openai(latency=0.02) as srv:
        project(tmp_path / "a", srv.base_url)
        proc = lmgate(tmp_path / "a", wait=False)
        items = tmp_path / "a/.lmgate/results/eval-items.jsonl"
        deadline = time.time() + 60
        while time.time() < deadline and (not items.exists() or len(items.read_text().splitlines()) < 60):
            time.sleep(0.02)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        answered = rows(tmp_path / "a")
        assert 60 <= answered < N  # every answer written as an item was committed first
        before = srv.stats.requests
        done = lmgate(tmp_path / "a")
        assert done.returncode == 0, done.stderr
        assert srv.stats.requests - before == N - answered  # only the unanswered items were asked
        result = json.loads((tmp_path / "a/.lmgate/results/eval.json").read_text())
        assert result["calls"] == {"made": N - answered, "cached": answered, "errors": 0}

        project(tmp_path / "b", srv.base_url)  # the same evaluation, never interrupted, no cache
        assert lmgate(tmp_path / "b", "--no-cache").returncode == 0
        assert not (tmp_path / "b/.lmgate/cache/responses.sqlite3").exists()
    assert comparable(tmp_path / "a") == comparable(tmp_path / "b")


def test_two_processes_share_one_cache(tmp_path):
    with serve_openai(latency=0.005) as srv:
        project(tmp_path, srv.base_url)
        procs = [lmgate(tmp_path, "--out", str(tmp_path / f"out{i}"), wait=False) for i in range(2)]
        outs = [p.communicate(timeout=120) for p in procs]
        assert [p.returncode for p in procs] == [0, 0], outs
        assert rows(tmp_path) == N
        assert srv.stats.requests <= 2 * N
        before = srv.stats.requests
        assert lmgate(tmp_path).returncode == 0
        assert srv.stats.requests == before
    assert comparable(tmp_path, "out0")["suites"] == comparable(tmp_path, "out1")["suites"]


def test_errors_are_not_cached_and_the_key_never_holds_the_api_key(tmp_path):
    with serve_openai(faults=Faults(rate_500=1.0)) as srv:
        project(tmp_path, srv.base_url, n=5)
        result = lmgate(tmp_path)
        assert result.returncode == 1, result.stderr  # every call failed: a failed gate, never a green run
    assert rows(tmp_path) == 0
    assert b"sk-cache-test-key" not in (tmp_path / ".lmgate/cache/responses.sqlite3").read_bytes()
    items = (tmp_path / ".lmgate/results/eval-items.jsonl").read_text()
    assert items.count('"error": "HTTP 500: internal error (after 4 attempts)"') == 5


def test_key_covers_what_determines_the_answer():
    ident = {"type": "openai", "endpoint": "http://x/v1", "model": "m", "params": {"temperature": 0}}
    chat = [{"role": "user", "content": "hi"}]
    base = cache_key(ident, chat, 0)
    assert base == cache_key(dict(reversed(list(ident.items()))), chat, 0)  # key order does not matter
    assert base != cache_key({**ident, "model": "m2"}, chat, 0)
    assert base != cache_key({**ident, "params": {"temperature": 1}}, chat, 0)
    assert base != cache_key(ident, [{"role": "user", "content": "hi!"}], 0)
    assert base != cache_key(ident, chat, 1)


def test_round_trip_keeps_tokens_and_logprobs(tmp_path):
    cache = ResponseCache(tmp_path, key=b"k" * 32)
    cache.put("k", Completion("out", 3, 4, (TokenLogprob("o", -0.5),), 0.25))
    got = cache.get("k")
    assert (got.text, got.prompt_tokens, got.completion_tokens, got.latency_s) == ("out", 3, 4, 0.25)
    assert got.logprobs == (TokenLogprob("o", -0.5),) and cache.get("missing") is None
    assert set(cache.get_many(["k", "missing"])) == {"k"} and cache.answered(["k", "x"]) == {"k"}
    cache.close()


def test_processes_starting_together_agree_on_one_key(tmp_path):
    # Each of these threads stands for a process: the one that creates the key file must never let
    # another read it half-written (that one took the empty file for a broken key, used a random
    # key, and the next run distrusted every answer it had cached).
    keys: dict[int, set[bytes]] = {}
    errors: list[BaseException] = []

    def start(folder: Path, barrier: threading.Barrier, attempt: int) -> None:
        barrier.wait()
        try:
            keys.setdefault(attempt, set()).add(hmac_key(folder, env={}, checkout=[], notice=errors.append))
        except BaseException as exc:  # any failure is the finding
            errors.append(exc)

    for attempt in range(150):
        folder, barrier = tmp_path / str(attempt), threading.Barrier(6)
        threads = [threading.Thread(target=start, args=(folder, barrier, attempt)) for _ in range(6)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    assert errors == []
    assert all(len(found) == 1 for found in keys.values())
    assert len(list(tmp_path.glob("*/*.[0-9]*.*"))) == 0  # no draft left behind
