"""A misbehaving server: the run finishes, every item has a score or a recorded error, errors are counted."""

from __future__ import annotations

import json
import threading
import time

import pytest

from fakes.openai_server import Faults, Reply, serve_openai
from lmgate.cli import main
from lmgate.http import AdaptiveLimit, HttpClient, HttpError, Retry, parse_retry_after

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
    assert reasons <= {"HTTP 429: rate limited", "HTTP 500: internal error", "timed out after 0.3 s",
                       "malformed response (not an OpenAI chat completion)"}, reasons
    result = json.loads((tmp_path / ".lmgate/results/eval.json").read_text())
    suite = result["suites"][0]
    assert suite["n_errors"] == len(errored) == result["calls"]["errors"]
    assert suite["metrics"][0]["head"]["n"] == N - len(errored)
    assert suite["metrics"][0]["head"]["mean"] == 1.0  # every answered item is right
    assert all(srv.stats.faults[k] for k in ("429", "500", "malformed", "hang")), srv.stats.faults
    assert srv.stats.peak_in_flight <= 8  # the configured ceiling is a promise, whatever the faults


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


def test_adaptive_limit_never_lets_more_threads_in_than_its_limit():
    limit, peak, now, done, lock = AdaptiveLimit(3), [0], [0], [0], threading.Lock()

    def work():
        with limit:
            with lock:
                now[0] += 1
                peak[0] = max(peak[0], now[0])
            time.sleep(0.01)
            with lock:
                now[0] -= 1
                done[0] += 1

    threads = [threading.Thread(target=work) for _ in range(12)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert done[0] == 12 and peak[0] <= 3


def scripted(*replies):
    """An `answer` for serve_openai giving these replies in order, then "ok"."""
    queue = iter(replies)
    return lambda messages, body: next(queue, "ok")


CHAT = json.dumps({"messages": [{"role": "user", "content": "hi"}]})


THREE = Retry(retries=3)


def send(client, srv, *, repeatable=False, retry=THREE, timeout=5.0, limit=None):
    return client.request("POST", srv.base_url + "/chat/completions", data=CHAT, timeout=timeout,
                          repeatable=repeatable, retry=retry, limit=limit)


def test_retries_back_off_exponentially_with_jitter_and_honour_retry_after():
    waits: list[float] = []
    replies = scripted(Reply(503, {}), Reply(502, {}), Reply(429, {}, {"Retry-After": "7"}))
    limit = AdaptiveLimit(8)
    with serve_openai(answer=replies) as srv:
        client = HttpClient(sleep=waits.append, rng=lambda: 1.0)
        response = send(client, srv, repeatable=True, retry=Retry(retries=3, base_delay=1.0), limit=limit)
    assert response.status == 200 and response.attempts == 4 and srv.stats.requests == 4
    assert waits == [1.0, 2.0, 7.0] and limit.limit == 4
    jittered = [Retry(base_delay=1.0).backoff(3, lambda r=r: r) for r in (0.0, 0.5, 1.0)]
    assert jittered == [2.0, 3.0, 4.0]


def test_a_request_the_server_may_have_acted_on_is_not_sent_again():
    with serve_openai(answer=scripted(Reply(500, {"error": "boom"}), Reply(503, {}))) as srv:
        client = HttpClient(sleep=lambda s: None)
        assert send(client, srv).status == 500  # a POST answered 500 may have been applied
        assert send(client, srv).status == 503  # a 503 without Retry-After does not say it was not
        assert srv.stats.requests == 2
    hung = serve_openai(faults=Faults(rate_hang=1.0, hang_s=1.0))
    with hung as srv, pytest.raises(HttpError, match=r"^timed out after 0.2 s$"):
        send(HttpClient(sleep=lambda s: None), srv, timeout=0.2)
    assert srv.stats.requests == 1


def test_a_request_the_server_did_not_act_on_is_sent_again_whatever_its_method():
    refusals = scripted(Reply(429, {}), Reply(503, {}, {"Retry-After": "0"}))
    with serve_openai(answer=refusals) as srv:
        response = send(HttpClient(sleep=lambda s: None), srv)
    assert response.status == 200 and srv.stats.requests == 3 and response.attempts == 3
    with serve_openai() as srv:
        url = srv.base_url
    waits: list[float] = []
    with pytest.raises(HttpError, match=r"cannot connect: Connection refused \(after 3 attempts\)") as info:
        HttpClient(sleep=waits.append).request("POST", url, data=CHAT, timeout=1, retry=Retry(retries=2))
    assert info.value.sent is False and len(waits) == 2  # nothing left: sending again is always safe


def test_a_tls_failure_is_not_retried_it_would_fail_alike():
    plain = serve_openai()  # plain HTTP: the TLS handshake cannot succeed
    with plain as srv, pytest.raises(HttpError, match=r"^TLS failed") as info:
        HttpClient(sleep=lambda s: None).request("POST", srv.url.replace("http:", "https:"), data=CHAT,
                                                 timeout=5, repeatable=True, retry=THREE)
    assert info.value.attempts == 1 and info.value.sent is False


def test_retries_run_out_and_the_last_answer_says_how_many_attempts_it_took():
    with serve_openai(answer=lambda m, b: Reply(500, {"error": "down"})) as srv:
        response = send(HttpClient(sleep=lambda s: None), srv, repeatable=True, retry=Retry(retries=2))
    assert response.status == 500 and response.attempts == 3 and srv.stats.requests == 3


def test_a_retry_after_longer_than_max_retry_wait_fails_at_once_with_the_cause():
    waits: list[float] = []
    with serve_openai(faults=Faults(rate_429=1.0, retry_after="3600")) as srv, pytest.raises(HttpError) as info:
        send(HttpClient(sleep=waits.append), srv, repeatable=True, retry=Retry(retries=5, max_wait=60))
    assert str(info.value) == "server asked to retry after 3600 s, more than max_retry_wait 60 s"
    assert info.value.status == 429 and srv.stats.requests == 1 and waits == []


def test_parse_retry_after_accepts_seconds_and_http_dates():
    assert parse_retry_after("2.5") == 2.5
    assert parse_retry_after(None) is None and parse_retry_after("soon") is None
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT") == 0.0  # in the past: no wait


@pytest.mark.parametrize("tolerance", ["max_error_rate: 1.0", "gates: {equals: {max_error_rate: 1.0}}"])
def test_a_suite_whose_every_call_failed_fails_whatever_max_error_rate_allows(tmp_path, capsys, tolerance):
    with serve_openai(faults=Faults(rate_500=1.0)) as srv:
        write_project(tmp_path, srv.base_url, retries=0)
        config = tmp_path / "lmgate.yaml"
        config.write_text(config.read_text().replace("    gates: {equals: {max_error_rate: 0.5}}",
                                                     f"    {tolerance}"))
        code = main(["eval", "--config", str(config)], env={})
    assert code == 1
    suite = json.loads((tmp_path / ".lmgate/results/eval.json").read_text())["suites"][0]
    assert suite["verdict"] == "fail"
    assert suite["gate"]["reason"].startswith(f"no item was evaluated: every one of the {N} calls failed")
    assert "× HTTP 500 (first: " in suite["gate"]["reason"]  # (a loaded machine may time out a connect too)


@pytest.mark.parametrize(("status", "body", "said"), [
    (500, {"error": {"message": "The server had an error while processing your request."}},
     "HTTP 500: The server had an error while processing your request."),
    (503, {"error": "upstream\n  overloaded"}, "HTTP 503: upstream overloaded"),
    (502, b"<html><body>Bad Gateway</body></html>", "HTTP 502"),
    (400, {"error": {"message": "max_tokens is too large"}}, "HTTP 400: max_tokens is too large"),
])
def test_a_failed_call_says_what_the_server_said(tmp_path, status, body, said):
    # the first messages of a failed gate are how a user learns why: "HTTP 500" alone says nothing
    with serve_openai(answer=lambda m, b: Reply(status, body)) as srv:
        write_project(tmp_path, srv.base_url, retries=0)
        main(["eval", "--config", str(tmp_path / "lmgate.yaml")], env={})
    records = [json.loads(line) for line in (tmp_path / ".lmgate/results/eval-items.jsonl").read_text().splitlines()]
    errors = {r["error"] for r in records}
    assert said in errors and all(e == said or "timed out" in e for e in errors), errors  # (a loaded machine)
