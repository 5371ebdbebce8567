"""A hostile network: servers that trickle, flood, stall or echo secrets, all on loopback.

Every network read is bounded by a deadline for the whole call and a body cap, and what comes back
is redacted as it arrives. The elapsed-time checks below are hang guards (10× the timeout), not
speed claims: without the deadline these calls take 25 s or more.
"""

from __future__ import annotations

import functools
import time

import pytest
from keyed_eval import run_keyed_eval

from fakes.openai_server import Faults, Reply, serve_openai
from lmgate.canary.backends import webhook as webhook_backend
from lmgate.canary.backends.base import Deps
from lmgate.canary.sources import prometheus
from lmgate.canary.sources import webhook as webhook_source
from lmgate.canary.sources.base import MetricDef, SourceProblem
from lmgate.errors import GitHubError, InputError
from lmgate.eval.providers import build_provider
from lmgate.eval.providers.base import ProviderCallError
from lmgate.github.api import GitHubClient
from lmgate.hallucination.detectors import nli
from lmgate.hallucination.detectors.base import Item
from lmgate.secrets import redact

CHAT = [{"role": "user", "content": "What is 2 plus 3?"}]
KEY = "sk-lmgate-test-5b1f0c9e2d7a4"
TRICKLE = Faults(trickle="headers", trickle_s=0.05)   # ~500 header bytes: 25 s without a deadline
TRICKLE_BODY = Faults(trickle="body", trickle_s=0.05)


def provider(url: str, tmp_path, **options):
    spec = {"type": "openai", "base_url": url, "model": "m", "api_key": KEY, "retries": 0, **options}
    return build_provider("p", spec, root=tmp_path, redact=functools.partial(redact, secrets={KEY}))


def failure(call) -> tuple[str, float]:
    start = time.monotonic()
    with pytest.raises(Exception) as info:
        call()
    return str(info.value), time.monotonic() - start


# -- the deadline: connect + send + headers + body --------------------------------------------------

@pytest.mark.parametrize("faults", [TRICKLE, TRICKLE_BODY], ids=["headers", "body"])
def test_a_trickling_server_cannot_outlast_the_timeout(tmp_path, faults):
    with serve_openai(faults=faults, answer=lambda m, b: "x" * 500) as srv:
        message, took = failure(lambda: provider(srv.base_url, tmp_path, timeout=0.5).complete(CHAT))
    assert message == "timed out after 0.5 s"
    assert took < 5  # hang guard


def test_every_other_network_read_has_the_same_deadline():
    metric = MetricDef("errors", bad="bad_total", total="all_total")
    with serve_openai(faults=TRICKLE) as srv:
        deps = Deps(root=None, env={})
        github = GitHubClient(None, api_url=srv.url, token="t", timeout=0.5, sleep=lambda s: None)
        calls = [
            (GitHubError, "timed out after 0.5 s", github.whoami),
            (SourceProblem, "timed out after 0.5 s", lambda: prometheus.build(
                {"url": srv.url, "label": "version", "first_window": 300, "token": None, "timeout": 0.5},
                deps).read(None, [metric], 300.0)),
            (SourceProblem, "timed out after 0.5 s", lambda: webhook_source.build(
                {"url": srv.url + "/counts", "token": None, "timeout": 0.5}, deps).read(None, [metric], 1.0)),
            (InputError, "timed out after 0.5 s", lambda: webhook_backend.build(
                {"url": srv.url + "/split", "token": None, "timeout": 0.5}, deps).read()),
        ]
        for kind, reason, call in calls:
            start = time.monotonic()
            with pytest.raises(kind, match=reason):
                call()
            assert time.monotonic() - start < 5 * 2  # hang guard (the backend's GET is retried once)


def test_the_hosted_nli_call_has_the_deadline_too():
    with serve_openai(faults=TRICKLE) as srv:
        deps = nli.prepare({"endpoint": srv.url + "/classify", "timeout": 0.3})
        verdict = nli.score(Item("She was born in Warsaw.", "She was born in Warsaw."), {}, deps)
    assert verdict.score is None and "timed out after 0.3 s (after 3 attempts)" in verdict.reason


# -- Retry-After is honoured up to max_retry_wait ----------------------------------------------------

def test_a_retry_after_beyond_max_retry_wait_fails_the_item_at_once_with_the_cause(tmp_path):
    stalling = serve_openai(faults=Faults(rate_429=1.0, retry_after="3600"))
    with stalling as srv, pytest.raises(ProviderCallError) as info:
        provider(srv.base_url, tmp_path, retries=3).complete(CHAT)
    assert info.value.reason == "HTTP 429: server asked to retry after 3600 s, more than max_retry_wait 60 s"
    assert srv.stats.requests == 1


def test_max_retry_wait_is_a_provider_option(tmp_path):
    replies = iter([Reply(429, {}, {"Retry-After": "0.2"}), Reply(429, {}, {"Retry-After": "2"})])
    with serve_openai(answer=lambda m, b: next(replies, "5")) as srv:
        p = provider(srv.base_url, tmp_path, retries=3, max_retry_wait=1)
        with pytest.raises(ProviderCallError, match=r"after 2 s, more than max_retry_wait 1 s"):
            p.complete(CHAT)  # 0.2 s was waited, 2 s is refused
        assert p.complete(CHAT).text == "5"
    assert srv.stats.requests == 3


# -- the body cap ------------------------------------------------------------------------------------

@pytest.mark.parametrize("chunked", [False, True], ids=["content-length", "chunked"])
def test_a_50_mb_answer_is_cut_off_while_it_arrives(tmp_path, chunked):
    size = 50_000_000
    with serve_openai(faults=Faults(answer_bytes=size), chunked=chunked) as srv:
        p = provider(srv.base_url, tmp_path, max_response_bytes=1024 * 1024)
        with pytest.raises(ProviderCallError, match=r"over the 1 MiB limit"):
            p.complete(CHAT)
    assert srv.stats.bytes_sent < size // 2  # the client hung up: the rest was never read
    if chunked:  # no length announced: the client read up to its cap before it knew
        assert srv.stats.bytes_sent > 1024 * 1024


def test_the_body_cap_is_8_mib_by_default_and_documented(tmp_path):
    from lmgate.eval.providers.base import HTTP

    assert HTTP["max_response_bytes"].default == 8 * 1024 * 1024
    flood = serve_openai(faults=Faults(answer_bytes=9 * 1024 * 1024), chunked=True)
    with flood as srv, pytest.raises(ProviderCallError, match=r"over the 8 MiB limit"):
        provider(srv.base_url, tmp_path).complete(CHAT)


def test_every_other_network_read_has_a_body_cap():
    flood = Faults(answer_bytes=50_000_000)
    source = serve_openai(faults=flood, chunked=True)
    with source as srv, pytest.raises(SourceProblem, match="over the 8 MiB limit"):
        webhook_source.build({"url": srv.url + "/counts", "token": None, "timeout": 10},
                             Deps(root=None, env={})).read(None, [MetricDef("errors")], 1.0)
    assert srv.stats.bytes_sent < 50_000_000 // 2
    github = serve_openai(faults=flood, chunked=True)
    with github as srv, pytest.raises(GitHubError, match="over the 32 MiB limit"):
        GitHubClient(None, api_url=srv.url, token="t", sleep=lambda s: None).get_pull("acme/app", 1)
    assert srv.stats.bytes_sent < 50_000_000


# -- redaction at the source -------------------------------------------------------------------------

def test_a_key_echoed_in_an_answer_an_error_body_or_a_header_is_redacted_as_it_arrives(tmp_path):
    escaped = KEY.replace("s", "\\u0073", 1)  # JSON-escaped: only the parsed text shows the key
    raw = ('{"choices": [{"message": {"role": "assistant", "content": "yours: ' + escaped + '"}}]}').encode()
    replies = iter([
        f"the key is {KEY}",
        Reply(200, raw),
        Reply(400, {"error": {"message": f"bad request for key {KEY}"}}),
        Reply(401, {"error": "unauthorized"}, {"WWW-Authenticate": f'Bearer error_description="{KEY} revoked"'}),
    ])
    with serve_openai(answer=lambda m, b: next(replies)) as srv:
        p = provider(srv.base_url, tmp_path)
        assert p.complete(CHAT).text == "the key is ***"
        assert p.complete(CHAT).text == "yours: ***"
        with pytest.raises(ProviderCallError) as bad:
            p.complete(CHAT)
        with pytest.raises(ProviderCallError) as refused:
            p.complete(CHAT)
    assert bad.value.reason == 'HTTP 400: bad request for key ***'
    assert refused.value.reason == 'HTTP 401: unauthorized (Bearer error_description="*** revoked")'
    assert srv.stats.auth_headers == [f"Bearer {KEY}"] * 4  # the key itself still went to the server


def test_the_judge_detector_redacts_what_its_provider_echoes(tmp_path):
    from lmgate.config import load_config
    from lmgate.hallucination.detectors import judge

    with serve_openai(answer=lambda m, b: f"no JSON, but the key: {KEY}") as srv:
        (tmp_path / "lmgate.yaml").write_text(
            f"version: 1\nproviders:\n  judge: {{type: openai, base_url: '{srv.base_url}', model: m, retries: 0, "
            "api_key: '${JUDGE_KEY}'}\nhallucination: {detector: judge, options: {provider: judge}}\n")
        env = {"JUDGE_KEY": KEY}
        deps = judge.prepare({"provider": "judge"}, config=load_config(tmp_path / "lmgate.yaml", env), env=env)
        verdict = judge.score(Item("It opened in 1925.", "It opened in 1925."), {}, deps)
    assert verdict.score is None and "the key: ***" in verdict.reason and KEY not in verdict.reason


def test_an_eval_run_writes_no_echoed_key_anywhere(tmp_path):
    """Through the CLI: answers (some of them errors) echo the key; no file lmgate writes holds it."""
    def answer(messages, body):
        text = messages[-1]["content"]
        return Reply(400, {"error": f"no {KEY}"}) if "odd" in text else f"{KEY} says {text}"

    code = run_keyed_eval(tmp_path, ["odd" if i % 2 else "even" for i in range(6)], answer, key=KEY, contains="says")
    assert code in (0, 1)
    written = [f for f in tmp_path.rglob("*") if f.is_file() and f.name not in ("lmgate.yaml", "p.j2", "cases.jsonl")]
    assert any(f.name == "eval-items.jsonl" for f in written) and any("cache" in str(f) for f in written)
    for f in written:
        assert KEY.encode() not in f.read_bytes(), f
    items = (tmp_path / ".lmgate/results/eval-items.jsonl").read_text()
    assert "*** says even" in items and "no ***" in items
