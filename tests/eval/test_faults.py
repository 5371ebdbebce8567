"""A misbehaving server: the run finishes, every item has a score or a recorded error, errors are counted."""

from __future__ import annotations

import json
import threading
import time

import pytest

from fakes.openai_server import Faults, serve_openai
from lmgate.cli import main
from lmgate.eval.providers.base import ProviderCallError
from lmgate.eval.resilience import AdaptiveLimit, RetryPolicy, call_with_retries, parse_retry_after

N = 200


def write_project(root, base_url: str, retries: int = 1) -> None:
    (root / "p.j2").write_text("What is {{ a }} plus {{ b }}?")
    (root / "cases.jsonl").write_text("".join(json.dumps({"id": f"c{i}", "a": i, "b": 1, "expected": str(i + 1)}) + "\n"
                                              for i in range(N)))
    (root / "lmgate.yaml").write_text(f"""version: 1
providers:
  flaky: {{type: openai, base_url: "{base_url}", model: m, concurrency: 8, timeout: 0.3, retries: {retries}}}
prompts: {{add: p.j2}}
datasets: {{cases: cases.jsonl}}
suites:
  - name: add
    prompt: add
    dataset: cases
    provider: flaky
    metrics: [{{equals: {{value: "{{{{ expected }}}}"}}}}]
    gates: {{equals: {{max_error_rate: 0.5}}}}
""")


def test_run_survives_429_500_malformed_and_hangs(tmp_path, capsys):
    faults = Faults(rate_429=0.20, retry_after="0.05", rate_500=0.05, rate_malformed=0.02, rate_hang=0.02,
                    hang_s=1.0, seed=11)
    with serve_openai(faults=faults) as srv:
        write_project(tmp_path, srv.base_url)
        code = main(["eval", "--config", str(tmp_path / "lmgate.yaml")], env={})
    assert code == 0, capsys.readouterr().err
    lines = (tmp_path / ".lmgate/results/eval-items.jsonl").read_text().splitlines()
    records = [json.loads(line) for line in lines]
    assert sorted(r["id"] for r in records) == sorted(f"c{i}" for i in range(N))
    errored = [r for r in records if r["error"]]
    for r in records:
        assert (r["error"] is None) == ("equals" in r["scores"]), r
    assert errored, "with one retry some items must exhaust it"
    reasons = {r["error"].split(" (after")[0] for r in errored}
    assert reasons <= {"HTTP 429", "HTTP 500", "timed out after 0.3 s", "malformed response (not an OpenAI chat "
                       "completion)"}, reasons
    result = json.loads((tmp_path / ".lmgate/results/eval.json").read_text())
    suite = result["suites"][0]
    assert suite["n_errors"] == len(errored) == result["calls"]["errors"]
    assert suite["metrics"][0]["head"]["n"] == N - len(errored)
    assert suite["metrics"][0]["head"]["mean"] == 1.0  # every answered item is right
    assert all(srv.stats.faults[k] for k in ("429", "500", "malformed", "hang")), srv.stats.faults
    assert srv.stats.peak_in_flight <= 8


def test_adaptive_limit_halves_on_throttle_and_grows_back_slowly():
    limit = AdaptiveLimit(16)
    limit.on_throttle()
    limit.on_throttle()
    assert limit.limit == 4
    for _ in range(4):
        limit.on_success()
    assert limit.limit == 5  # one slot per full window of successes
    for _ in range(200):
        limit.on_success()
    assert limit.limit == 16  # never above the ceiling


def test_adaptive_limit_bounds_threads_in_flight():
    limit, peak, now, lock = AdaptiveLimit(3), [0], [0], threading.Lock()

    def work():
        with limit:
            with lock:
                now[0] += 1
                peak[0] = max(peak[0], now[0])
            time.sleep(0.01)
            with lock:
                now[0] -= 1

    threads = [threading.Thread(target=work) for _ in range(12)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert peak[0] == 3


def test_retries_back_off_exponentially_with_jitter_and_honour_retry_after():
    waits: list[float] = []
    calls = iter([ProviderCallError("HTTP 503", retryable=True, status=503),
                  ProviderCallError("HTTP 503", retryable=True, status=503),
                  ProviderCallError("HTTP 429", retryable=True, status=429, retry_after=7.0), "ok"])

    def send():
        value = next(calls)
        if isinstance(value, Exception):
            raise value
        return value

    limit = AdaptiveLimit(8)
    policy = RetryPolicy(retries=3, base_delay=1.0)
    assert call_with_retries(send, policy=policy, limit=limit, sleep=waits.append, rng=lambda: 1.0) == "ok"
    assert waits == [1.0, 2.0, 7.0] and limit.limit == 4
    jittered = [RetryPolicy(base_delay=1.0).delay(2, lambda r=r: r, None) for r in (0.0, 0.5, 1.0)]
    assert jittered == [2.0, 3.0, 4.0]


def test_non_retryable_errors_and_exhausted_retries_keep_the_reason():
    def send():
        raise ProviderCallError("HTTP 500", retryable=True, status=500)

    with pytest.raises(ProviderCallError, match=r"HTTP 500 \(after 3 attempts\)"):
        call_with_retries(send, policy=RetryPolicy(retries=2), sleep=lambda s: None)


def test_parse_retry_after_accepts_seconds_and_http_dates():
    assert parse_retry_after("2.5") == 2.5
    assert parse_retry_after(None) is None and parse_retry_after("soon") is None
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT") == 0.0  # in the past: no wait
