"""Every provider against something real: loopback HTTP servers, a subprocess, files, the app's code."""

from __future__ import annotations

import json
import sys
import textwrap

import pytest

from fakes.openai_server import Faults, serve_openai
from lmgate.errors import ConfigError
from lmgate.eval.providers import build_provider
from lmgate.eval.providers.base import ProviderCallError

CHAT = [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "What is 2 plus 3?"}]


def test_openai_sends_model_params_and_auth_and_reads_usage_and_logprobs(tmp_path):
    with serve_openai() as srv:
        spec = {"type": "openai", "base_url": srv.base_url, "model": "m1", "api_key": "sk-test-123",
                "params": {"temperature": 0, "logprobs": True}, "headers": {"X-Team": "qa"}}
        p = build_provider("cand", spec, root=tmp_path)
        out = p.complete(CHAT)
        p.close()
    assert out.text == "5"
    body = srv.stats.bodies[0]
    assert body["model"] == "m1" and body["temperature"] == 0 and body["messages"] == CHAT
    assert srv.stats.auth_headers == ["Bearer sk-test-123"]
    assert out.prompt_tokens == 7 and out.completion_tokens == 1  # "Be brief." + "What is 2 plus 3?"
    assert out.logprobs[0].token == "5" and out.logprobs[0].logprob == pytest.approx(-0.1)
    identity = json.dumps(p.identity())
    assert "sk-test-123" not in identity and "m1" in identity and srv.base_url in identity


def test_openai_reads_chunked_responses_and_reuses_connections(tmp_path):
    with serve_openai(chunked=True, answer=lambda msgs, body: "x" * 5000) as srv:
        p = build_provider("c", {"type": "openai", "base_url": srv.base_url, "model": "m"}, root=tmp_path,
                           concurrency=2)
        assert [p.complete(CHAT).text for _ in range(5)] == ["x" * 5000] * 5
        p.close()
    assert len(srv.stats.connections) == 1  # one keep-alive connection served all five


def test_openai_over_a_callers_requests_session(tmp_path):
    import requests

    with serve_openai() as srv, requests.Session() as session:
        p = build_provider("c", {"type": "openai", "base_url": srv.base_url, "model": "m"}, root=tmp_path,
                           session=session)
        assert p.complete(CHAT).text == "5"


def test_openai_client_error_is_not_retried_and_keeps_the_reason(tmp_path):
    with serve_openai() as srv:
        spec = {"type": "openai", "base_url": srv.url + "/nowhere", "model": "m", "retries": 3}
        p = build_provider("c", spec, root=tmp_path)
        with pytest.raises(ProviderCallError, match=r"HTTP 404: .*no route /nowhere/chat/completions"):
            p.complete(CHAT)
    assert srv.stats.requests == 1


def test_openai_retries_429_honouring_retry_after_then_succeeds(tmp_path):
    with serve_openai(faults=Faults(rate_429=0.5, retry_after="0.2", seed=3)) as srv:
        p = build_provider("c", {"type": "openai", "base_url": srv.base_url, "model": "m", "retries": 8},
                           root=tmp_path)
        outs = [p.complete(CHAT).text for _ in range(6)]
    assert outs == ["5"] * 6
    throttled = srv.stats.faults["429"]
    assert throttled >= 1 and srv.stats.requests == 6 + throttled
    assert p.limit.throttled == throttled  # each 429 halved the requests allowed in flight


def test_openai_times_out_a_hung_request_and_records_why(tmp_path):
    with serve_openai(faults=Faults(rate_hang=1.0, hang_s=1.5)) as srv:
        p = build_provider("c", {"type": "openai", "base_url": srv.base_url, "model": "m", "timeout": 0.2,
                                 "retries": 1}, root=tmp_path)
        with pytest.raises(ProviderCallError, match=r"timed out after 0.2 s \(after 2 attempts\)"):
            p.complete(CHAT)
    assert srv.stats.requests == 2  # a chat completion is safe to send again: it was, once


def test_openai_connection_refused_is_an_error_not_a_crash(tmp_path):
    with serve_openai() as srv:
        url = srv.base_url
    p = build_provider("c", {"type": "openai", "base_url": url, "model": "m", "retries": 0}, root=tmp_path)
    with pytest.raises(ProviderCallError, match="cannot connect: Connection refused"):
        p.complete(CHAT)


def test_openai_needs_a_base_url(tmp_path):
    with pytest.raises(ConfigError, match="needs a base_url"):
        build_provider("c", {"type": "openai"}, root=tmp_path)


def test_hf_provider_talks_to_a_tgi_style_endpoint(tmp_path):
    with serve_openai(answer=lambda msgs, body: f"tgi:{msgs[-1]['content']}") as srv:
        p = build_provider("judge", {"type": "hf", "base_url": srv.url, "model": "org/model", "token": "hf_secret",
                                     "params": {"max_tokens": 5}}, root=tmp_path)
        out = p.complete(CHAT)
    assert out.text == "tgi:What is 2 plus 3?"
    assert srv.stats.paths["/v1/chat/completions"] == 1
    assert srv.stats.bodies[0]["max_tokens"] == 5 and srv.stats.auth_headers == ["Bearer hf_secret"]
    assert out.completion_tokens == 5 and "hf_secret" not in json.dumps(p.identity())


def test_hf_provider_retries_server_errors(tmp_path):
    with serve_openai(faults=Faults(rate_500=0.5, seed=1)) as srv:
        p = build_provider("j", {"type": "hf", "base_url": srv.url, "retries": 6}, root=tmp_path)
        assert [p.complete(CHAT).text for _ in range(4)] == ["5"] * 4
    assert srv.stats.by_status[500] or srv.stats.faults["500"]


def test_python_provider_passes_prompt_and_declared_keywords(tmp_path):
    (tmp_path / "myapp.py").write_text(textwrap.dedent("""
        def plain(prompt):
            return prompt.upper()

        def rich(prompt, *, item, sample):
            return {"output": f"{item['id']}#{sample}:{len(prompt)}", "completion_tokens": 3}

        def broken(prompt):
            raise RuntimeError("boom")
    """))
    plain = build_provider("a", {"type": "python", "target": "myapp:plain"}, root=tmp_path)
    assert plain.complete(CHAT).text == "BE BRIEF.\n\nWHAT IS 2 PLUS 3?"
    rich = build_provider("b", {"type": "python", "target": "myapp:rich"}, root=tmp_path)
    out = rich.complete(CHAT, sample=2, item={"id": "q7"})
    assert out.text == "q7#2:28" and out.completion_tokens == 3
    assert rich.cacheable is False
    broken = build_provider("c", {"type": "python", "target": "myapp:broken"}, root=tmp_path)
    with pytest.raises(ProviderCallError, match="myapp:broken raised RuntimeError: boom"):
        broken.complete(CHAT)
    with pytest.raises(ConfigError, match="cannot load 'myapp:missing'"):
        build_provider("d", {"type": "python", "target": "myapp:missing"}, root=tmp_path)


def test_exec_provider_runs_a_command_with_json_on_stdin(tmp_path):
    (tmp_path / "bot.py").write_text(textwrap.dedent("""
        import json, sys
        req = json.load(sys.stdin)
        if req["item"].get("fail"):
            sys.exit("bad item")
        print(json.dumps({"output": req["messages"][-1]["content"][::-1], "prompt_tokens": 7}))
    """))
    p = build_provider("x", {"type": "exec", "command": [sys.executable, "bot.py"]}, root=tmp_path)
    out = p.complete(CHAT, item={"id": "1"})
    assert out.text == "?3 sulp 2 si tahW" and out.prompt_tokens == 7
    with pytest.raises(ProviderCallError, match="exited 1: bad item"):
        p.complete(CHAT, item={"fail": True})


def test_replay_and_echo(tmp_path):
    (tmp_path / "rec.jsonl").write_text('{"id": "a", "output": "recorded A"}\n'
                                        '{"id": "b", "sample": 1, "output": "B1"}\n')
    p = build_provider("r", {"type": "replay", "path": "rec.jsonl"}, root=tmp_path)
    assert p.complete(CHAT, item={"id": "a"}).text == "recorded A"
    assert p.complete(CHAT, sample=1, item={"id": "b"}).text == "B1"
    with pytest.raises(ProviderCallError, match="no recorded output for item 'zzz'"):
        p.complete(CHAT, item={"id": "zzz"})
    echo = build_provider("e", {"type": "echo"}, root=tmp_path)
    assert echo.complete(CHAT).text == "What is 2 plus 3?"


def test_unknown_provider_type_lists_the_choices(tmp_path):
    with pytest.raises(ConfigError, match="unknown provider type 'opneai'") as info:
        build_provider("c", {"type": "opneai"}, root=tmp_path)
    assert "did you mean 'openai'" in info.value.fix


def test_hf_sends_the_runners_hub_token_only_to_the_hubs_own_router(tmp_path):
    env = {"HF_TOKEN": "hf_runner_token_123"}
    router = build_provider("r", {"type": "hf", "model": "org/model"}, root=tmp_path, env=env)
    assert router.headers.get("Authorization") == "Bearer hf_runner_token_123"
    # a base_url from a pull request must not collect the runner's token
    custom = build_provider("c", {"type": "hf", "model": "org/model", "base_url": "http://127.0.0.1:9/v1"},
                            root=tmp_path, env=env)
    assert "Authorization" not in custom.headers
    named = build_provider("n", {"type": "hf", "base_url": "http://127.0.0.1:9/v1", "token": "hf_named_456"},
                           root=tmp_path, env=env)
    assert named.headers["Authorization"] == "Bearer hf_named_456"
