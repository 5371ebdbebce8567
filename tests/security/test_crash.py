"""`kill -9` during eval, then a rerun: no call whose answer lmgate received is made again (issue 16.6).

An answer is committed to the response cache before its item is written or counted, so every item
the killed run wrote is answered from the cache by the rerun; only the calls in flight at the kill
(at most `concurrency`) may be repeated. The fake server counts requests per rendered prompt.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from urllib.parse import urlsplit

from fakes.openai_server import serve_openai

N = 300
CONCURRENCY = 4


def project(root, base_url: str) -> None:
    root.mkdir(parents=True)
    (root / "p.j2").write_text("What is {{ a }} plus {{ b }}?")
    (root / "cases.jsonl").write_text("".join(json.dumps({"id": f"c{i}", "a": i, "b": 2, "expected": str(i + 2)})
                                              + "\n" for i in range(N)))
    (root / "lmgate.yaml").write_text(f"""version: 1
providers:
  m: {{type: openai, base_url: "{base_url}", model: mock, concurrency: {CONCURRENCY}}}
prompts: {{add: p.j2}}
datasets: {{cases: cases.jsonl}}
suites:
  - {{name: add, prompt: add, dataset: cases, provider: m, metrics: [{{equals: {{value: "{{{{ expected }}}}"}}}}]}}
""")


def eval_cmd(root) -> list[str]:
    return [sys.executable, "-m", "lmgate", "eval", "--config", str(root / "lmgate.yaml")]


def local_env(tmp_path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "RUNNER_", "LMGATE_"))}
    return {**env, "XDG_CACHE_HOME": str(tmp_path / "xdg")}


def test_kill_9_then_rerun_repeats_only_calls_that_were_in_flight(tmp_path):
    root, env = tmp_path / "repo", local_env(tmp_path)
    items = root / ".lmgate/results/eval-items.jsonl"
    with serve_openai() as server:
        project(root, server.base_url)
        kills = []  # per kill: the prompts of the items written as done, and the request counts then
        for stop_at in (N // 3, 2 * N // 3):  # two kills: each lands in a different commit window
            proc = subprocess.Popen(eval_cmd(root), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            deadline = time.time() + 60
            while time.time() < deadline and server.stats.requests < stop_at:
                time.sleep(0.002)
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait()
            written = [json.loads(line) for line in items.read_text().splitlines() if line.endswith("}")]
            done = {f"What is {r['inputs']['a']} plus {r['inputs']['b']}?" for r in written if not r["error"]}
            assert len(done) < N, "the kill must land mid-run"
            kills.append((done, dict(server.stats.prompts)))
        rerun = subprocess.run(eval_cmd(root), env=env, capture_output=True, text=True, timeout=120)
        assert rerun.returncode == 0, rerun.stderr
    final = server.stats.prompts
    for done, counts in kills:
        asked_again = {p for p in done if final[p] > counts[p]}
        assert not asked_again, f"items written as done were asked again (answers not committed): {asked_again}"
    assert sum(n - 1 for n in final.values()) <= 2 * CONCURRENCY  # only calls in flight at a kill repeat
    assert len(final) == N
    result = json.loads((root / ".lmgate/results/eval.json").read_text())
    assert result["calls"]["made"] + result["calls"]["cached"] == N and result["calls"]["errors"] == 0


def test_a_request_cut_off_mid_send_is_no_request():
    """What the kill above can leave: headers sent, the body not. The server never saw a request, so
    the fake must not count one (it used to count an empty body as a prompt named 'None')."""
    with serve_openai() as server:
        url = urlsplit(server.base_url)
        with socket.create_connection((url.hostname, url.port)) as sock:
            sock.sendall(b"POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                         b"Content-Length: 100\r\n\r\n{\"messages\": [")
            sock.shutdown(socket.SHUT_WR)
            sock.recv(1024)  # the server closes the connection without an answer
        assert server.stats.requests == 0 and not server.stats.prompts
