"""Only lmgate's own response cache is trusted (issue 16.3, and the garbage cache of 16.5).

A pull request can commit `.lmgate/cache/` full of forged all-correct answers (and even a key to
sign them with); they must never pass the gate: every entry carries an HMAC under a key that is
never in the repository, and on a pull request a cache inside the checkout is not used at all.
A cache file that is not a database is set aside with a notice; the run goes on.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import sqlite3
import stat
import subprocess
import sys

from fakes.openai_server import serve_openai
from lmgate.eval.cache import FILE, ResponseCache, cache_key

N = 12


def project(root, base_url: str) -> None:
    root.mkdir(parents=True, exist_ok=True)
    (root / "p.j2").write_text("What is {{ a }} plus {{ b }}?")
    (root / "cases.jsonl").write_text("".join(json.dumps({"id": f"c{i}", "a": i, "b": 2, "expected": str(i + 2)})
                                              + "\n" for i in range(N)))
    (root / "lmgate.yaml").write_text(f"""version: 1
providers:
  m: {{type: openai, base_url: "{base_url}", model: mock, concurrency: 2}}
prompts: {{add: p.j2}}
datasets: {{cases: cases.jsonl}}
suites:
  - {{name: add, prompt: add, dataset: cases, provider: m, metrics: [{{equals: {{value: "{{{{ expected }}}}"}}}}],
     gates: {{equals: {{min: 0.9}}}}}}
""")


def wrong(messages: list, body: dict) -> str:
    return "I do not know"  # the model under test is bad: the gate must fail


def keys(base_url: str) -> list[str]:
    identity = {"type": "openai", "endpoint": base_url, "model": "mock", "params": {}}
    return [cache_key(identity, [{"role": "user", "content": f"What is {i} plus 2?"}], 0) for i in range(N)]


def forge(folder, base_url: str) -> None:
    """Commit what an attacker would: the old unauthenticated table, and entries signed with their own key."""
    folder.mkdir(parents=True, exist_ok=True)
    attacker_key = b"a" * 32
    (folder / "hmac.key").write_text(attacker_key.hex() + "\n")
    with sqlite3.connect(folder / FILE) as db:
        db.execute("CREATE TABLE responses (key TEXT PRIMARY KEY, value TEXT NOT NULL, created REAL)")
        db.execute("CREATE TABLE answers (key TEXT PRIMARY KEY, value TEXT NOT NULL, mac TEXT NOT NULL, created REAL)")
        for i, key in enumerate(keys(base_url)):
            value = json.dumps({"text": str(i + 2), "prompt_tokens": 1, "completion_tokens": 1, "latency_s": 0.1,
                                "logprobs": None})
            mac = hmac.new(attacker_key, f"{key}\0{value}".encode(), hashlib.sha256).hexdigest()
            db.execute("INSERT INTO responses VALUES (?, ?, 0)", (key, value))
            db.execute("INSERT INTO answers VALUES (?, ?, ?, 0)", (key, value, mac))


def lmgate(root, env: dict, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "lmgate", "eval", *args], cwd=root, env=env, capture_output=True,
                          text=True, timeout=120)


def laptop(tmp_path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "RUNNER_", "LMGATE_"))}
    return {**env, "XDG_CACHE_HOME": str(tmp_path / "xdg")}


def pull_request(tmp_path, repo) -> dict[str, str]:
    (tmp_path / "runner").mkdir(exist_ok=True)
    return {**laptop(tmp_path), "GITHUB_ACTIONS": "true", "GITHUB_EVENT_NAME": "pull_request",
            "GITHUB_WORKSPACE": str(repo), "RUNNER_TEMP": str(tmp_path / "runner")}


def test_forged_answers_committed_in_the_cache_do_not_pass_the_gate(tmp_path):
    repo = tmp_path / "repo"
    with serve_openai(answer=wrong) as server:
        project(repo, server.base_url)
        forge(repo / ".lmgate/cache", server.base_url)
        done = lmgate(repo, laptop(tmp_path))
        assert server.stats.requests == N  # every forged answer was refused: the model was asked
    assert done.returncode == 1, done.stdout + done.stderr
    result = json.loads((repo / ".lmgate/results/eval.json").read_text())
    assert result["calls"] == {"made": N, "cached": 0, "errors": 0} and result["verdict"] == "fail"
    assert f"{N} cached answer(s) failed authentication" in done.stderr
    # the key lmgate signs with lives outside the checkout, private to the user
    key_file = tmp_path / "xdg/lmgate/hmac.key"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert (repo / ".lmgate/cache/hmac.key").read_text() == "61" * 32 + "\n"  # the planted key was never used


def test_on_a_pull_request_a_cache_in_the_checkout_is_ignored_and_the_runner_temp_one_reused(tmp_path):
    repo = tmp_path / "repo"
    with serve_openai() as server:
        project(repo, server.base_url)
        forge(repo / ".lmgate/cache", server.base_url)
        env = pull_request(tmp_path, repo)
        first = lmgate(repo, env)
        assert server.stats.requests == N
        second = lmgate(repo, env)  # the next run of the job (actions/cache restores RUNNER_TEMP/lmgate-cache)
        assert server.stats.requests == N
    assert first.returncode == 0 and second.returncode == 0, first.stdout + first.stderr
    assert "::notice title=lmgate response cache::the response cache in the checkout" in first.stdout
    assert json.loads((repo / ".lmgate/results/eval.json").read_text())["calls"]["cached"] == N
    cache = tmp_path / "runner/lmgate-cache"
    assert (cache / FILE).is_file() and stat.S_IMODE((cache / "hmac.key").stat().st_mode) == 0o600


def test_entries_written_under_another_key_are_refused(tmp_path):
    repo = tmp_path / "repo"
    with serve_openai() as server:
        project(repo, server.base_url)
        env = laptop(tmp_path)
        assert lmgate(repo, {**env, "LMGATE_CACHE_KEY": "key-one-0123456789"}).returncode == 0
        again = lmgate(repo, {**env, "LMGATE_CACHE_KEY": "key-two-0123456789"})
        assert server.stats.requests == 2 * N and f"{N} cached answer(s) failed authentication" in again.stderr
        assert lmgate(repo, {**env, "LMGATE_CACHE_KEY": "key-two-0123456789"}).returncode == 0
        assert server.stats.requests == 2 * N  # re-signed by the second run, trusted by the third


def test_a_tampered_answer_is_refused(tmp_path):
    cache = ResponseCache(tmp_path, key=b"k" * 32)
    from lmgate.eval.providers.base import Completion

    cache.put("a", Completion("right"))
    cache.put("b", Completion("right"))
    cache.close()
    with sqlite3.connect(tmp_path / FILE) as db:
        db.execute("""UPDATE answers SET value = replace(value, 'right', 'forged') WHERE key = 'a'""")
    cache = ResponseCache(tmp_path, key=b"k" * 32)
    assert set(cache.get_many(["a", "b"])) == {"b"} and cache.rejected == 1
    cache.close()


def test_a_garbage_or_truncated_cache_file_is_set_aside_and_the_run_goes_on(tmp_path):
    repo = tmp_path / "repo"
    with serve_openai() as server:
        project(repo, server.base_url)
        env = laptop(tmp_path)
        cache = repo / ".lmgate/cache"
        cache.mkdir(parents=True)
        (cache / FILE).write_bytes(b"this is not a database\n" * 100)
        garbage = lmgate(repo, env)
        assert garbage.returncode == 0, garbage.stderr
        assert "is not a usable database" in garbage.stderr and "set aside" in garbage.stderr
        assert [p.name.split(".corrupt-")[0] for p in cache.glob("*.corrupt-*")] == [FILE]
        assert lmgate(repo, env).returncode == 0 and server.stats.requests == N  # the new cache works
        data = (cache / FILE).read_bytes()
        (cache / FILE).write_bytes(data[: len(data) // 2])  # a cache cut short (a full disk, a bad copy)
        truncated = lmgate(repo, env)
    assert truncated.returncode == 0, truncated.stderr
    assert "is not a usable database" in truncated.stderr, truncated.stderr
    assert json.loads((repo / ".lmgate/results/eval.json").read_text())["verdict"] == "pass"
