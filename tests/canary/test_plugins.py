"""Each traffic backend and metric source against real files or a loopback server."""

from __future__ import annotations

import pytest
import requests
import yaml

from canary.helpers import controller
from canary.servers import CountsEndpoint, FakePrometheus, Loopback, SplitEndpoint
from lmgate.canary.backends import litellm, webhook
from lmgate.canary.backends.base import Deps, LostRace, Target
from lmgate.canary.sources import prometheus
from lmgate.canary.sources import webhook as webhook_source
from lmgate.canary.sources.base import MetricDef, SourceProblem
from lmgate.errors import LmgateError

ERRORS = MetricDef("errors", bad='llm_requests_total{error="1"}', total="llm_requests_total")
LITELLM = """
model_list:
  - model_name: qa
    litellm_params: {model: openai/qa-v1, api_base: http://v1.internal/v1, weight: 1}
    model_info: {id: v1}
  - model_name: qa
    litellm_params: {model: openai/qa-v2, api_base: http://v2.internal/v1}
    model_info: {id: v2}
  - model_name: other
    litellm_params: {model: openai/other}
router_settings: {routing_strategy: simple-shuffle}
"""


@pytest.fixture
def session():
    with requests.Session() as s:
        yield s


def test_litellm_writes_both_weights_and_detects_races(tmp_path):
    (tmp_path / "litellm_config.yaml").write_text(LITELLM)
    backend = litellm.build({"path": "litellm_config.yaml", "model": "qa"}, Deps(root=tmp_path, env={}))
    split = backend.read()
    assert split.weight == 0 and split.canary is None
    assert backend.exists("v2") is True and backend.exists("v3") is False
    backend.write(25, split.etag, Target("r", "t1", "v1", "v2", "advance"))
    doc = yaml.safe_load((tmp_path / "litellm_config.yaml").read_text())
    weights = {e["model_info"].get("id"): e["litellm_params"].get("weight") for e in doc["model_list"]
               if e["model_name"] == "qa"}
    assert weights == {"v1": 75, "v2": 25}
    assert doc["router_settings"] == {"routing_strategy": "simple-shuffle"}  # the rest is untouched
    after = backend.read()
    assert (after.weight, after.canary, after.marker) == (25, "v2", "r/t1")
    with pytest.raises(LostRace):
        backend.write(50, split.etag, Target("r", "t2", "v1", "v2", "advance"))


def test_webhook_backend_sends_if_match_and_an_idempotency_key(session):
    server = SplitEndpoint()
    try:
        backend = webhook.build({"url": server.url + "/split", "token": "s3cret", "timeout": 5},
                                Deps(root=None, env={}, session=session))
        split = backend.read()
        backend.write(5, split.etag, Target("r", "t1", "v1", "v2", "start"))
        method, _, headers, body = server.requests[-1]
        assert method == "POST" and headers["Idempotency-Key"] == "r/t1" and headers["If-Match"] == split.etag
        assert headers["Authorization"] == "Bearer s3cret" and body["weight"] == 5
        with pytest.raises(LostRace):
            backend.write(25, split.etag, Target("r", "t2", "v1", "v2", "advance"))
        assert backend.read().weight == 5 and backend.read().marker == "r/t1"
    finally:
        server.close()


def test_webhook_source_reads_counts_and_holds_on_bad_answers(session):
    server = CountsEndpoint()
    try:
        source = webhook_source.build({"url": server.url + "/counts", "token": None, "timeout": 5},
                                      Deps(root=None, env={}, session=session))
        server.answers.append((200, {"until": 100, "versions": {
            "v2": {"_requests": 50, "errors": {"bad": 2, "total": 50}}, "v1": {"errors": {"bad": 5, "total": 950}}}}))
        window = source.read(None, [ERRORS], 100.0)
        assert window.counts["v2"]["errors"] == [2, 50] and window.cursor == {"until": 100.0}
        for status, body, reason in [(503, {"message": "down"}, "HTTP 503"),
                                     (200, ["not", "counts"], "something else than counts"),
                                     (200, {"until": 150, "versions": {"v2": {"errors": {"bad": 9, "total": 3}}}},
                                      "impossible counts"),
                                     (200, {"until": 50, "versions": {}}, "back in time")]:
            server.answers.append((status, body))
            with pytest.raises(SourceProblem, match=reason):
                source.read(window.cursor, [ERRORS], 200.0)
    finally:
        server.close()


def test_prometheus_source_queries_increase_per_version(session):
    server = FakePrometheus()
    try:
        for t, (v1_total, v1_bad, v2_total, v2_bad) in [(0, (0, 0, 0, 0)), (300, (950, 19, 50, 1)),
                                                         (600, (1700, 30, 300, 12))]:
            server.add("llm_requests_total", "v1", t, v1_total)
            server.add('llm_requests_total{error="1"}', "v1", t, v1_bad)
            server.add("llm_requests_total", "v2", t, v2_total)
            server.add('llm_requests_total{error="1"}', "v2", t, v2_bad)
        source = prometheus.build({"url": server.url, "label": "version", "first_window": 300, "token": None,
                                   "timeout": 5}, Deps(root=None, env={}, session=session))
        first = source.read(None, [ERRORS], 300.0)
        assert first.counts["v2"]["errors"] == [1, 50] and first.counts["v1"]["errors"] == [19, 950]
        second = source.read(first.cursor, [ERRORS], 600.0)
        assert second.counts["v2"]["errors"] == [11, 250] and second.counts["v2"]["_requests"] == [250]
        with pytest.raises(SourceProblem, match="earlier than the last"):
            source.read(second.cursor, [ERRORS], 500.0)
        server.down = True
        with pytest.raises(SourceProblem, match="TSDB not ready"):
            source.read(second.cursor, [ERRORS], 900.0)
        server.close()
        with pytest.raises(SourceProblem, match="unreachable"):
            source.read(second.cursor, [ERRORS], 900.0)
    finally:
        server.server.server_close()


class ShapedPrometheus(Loopback):
    """Answers every query with one fixed JSON body, whatever its shape."""

    def __init__(self, body) -> None:
        self.body = body
        super().__init__()

    def handle(self, method, path, query, headers, body):
        return 200, self.body, {}


@pytest.mark.parametrize("body", [
    [], "success", 7, None,
    {"status": "success", "data": []},
    {"status": "success", "data": {"result": {"metric": {}}}},
    {"status": "success", "data": {"result": [{"metric": ["v2"], "value": [0, "1"]}]}},
    {"status": "success", "data": {"result": ["v2"]}},
])
def test_a_prometheus_answer_of_another_shape_holds_the_tick_without_a_traceback(session, body):
    # a JSON list body raised AttributeError ('list' object has no attribute 'get'): the tick crashed
    server = ShapedPrometheus(body)
    try:
        source = prometheus.build({"url": server.url, "label": "version", "first_window": 300, "token": None,
                                   "timeout": 5}, Deps(root=None, env={}, session=session))
        with pytest.raises(SourceProblem, match="Prometheus"):
            source.read(None, [ERRORS], 300.0)
    finally:
        server.close()
        server.server.server_close()


@pytest.mark.parametrize("edit, message", [
    ("type: git-file, path: deploy/routing.yaml}", "unknown traffic backend 'git-fil'"),
    ("type: git-file, path: deploy/routing.yaml}", "missing required key 'model'"),
    ("type: git-file, path: deploy/routing.yaml}", "path '../outside.yaml' leaves the repository"),
])
def test_bad_plugin_options_point_at_the_line(repo, edit, message):
    replacement = {"unknown traffic backend 'git-fil'": "type: git-fil}",
                   "missing required key 'model'": "type: litellm}",
                   "path '../outside.yaml' leaves the repository": "type: git-file, path: ../outside.yaml}"}[message]
    text = (repo / "lmgate.yaml").read_text().replace(edit, replacement)
    (repo / "lmgate.yaml").write_text(text)
    line = next(i for i, x in enumerate(text.splitlines(), 1) if replacement in x)
    with pytest.raises(LmgateError) as err:
        controller(repo)
    assert message in err.value.render() and f"lmgate.yaml:{line}" in err.value.render()


def test_hf_pointer_commits_with_parent_commit_and_tags_history(tmp_path):
    from canary.fake_hub import FakeHub
    from lmgate.canary.backends import hf_pointer

    hub = FakeHub()
    try:
        conf = {"repo_id": "acme/qa-routing", "repo_type": "model", "path": "routing.yaml", "branch": "main",
                "model_repo": None, "token": "hf_fake", "tags": True}
        backend = hf_pointer.build(conf, Deps(root=tmp_path, env={"HF_ENDPOINT": hub.url}))
        split = backend.read()
        assert split.weight == 0 and split.etag == hub.head
        new = backend.write(5, split.etag, Target("r1", "t1", "v1", hub.head, "start"))
        assert new == hub.head and yaml.safe_load(hub.file("routing.yaml"))["canary"]["weight"] == 5
        assert hub.tags == {"lmgate-r1-t1": new}
        assert (backend.read().weight, backend.read().marker) == (5, "r1/t1")
        with pytest.raises(LostRace):  # the Hub's 412: someone committed since `split` was read
            backend.write(25, split.etag, Target("r1", "t2", "v1", "x", "advance"))
        assert yaml.safe_load(hub.file("routing.yaml"))["canary"]["weight"] == 5
        assert backend.exists(new) is True and backend.exists("0" * 40) is False
    finally:
        hub.close()


def test_a_backend_token_reaches_the_service_and_nothing_else(repo, traffic, capsys):
    from lmgate.cli import main

    server = SplitEndpoint()
    secret = "split-token-5f9c2e"
    try:
        text = (repo / "lmgate.yaml").read_text().replace(
            "backend: {type: git-file, path: deploy/routing.yaml}",
            f"backend: {{type: webhook, url: '{server.url}', token: '${{SPLIT_TOKEN}}'}}")
        (repo / "lmgate.yaml").write_text(text)
        env = {"SPLIT_TOKEN": secret}
        config = ["--config", str(repo / "lmgate.yaml")]
        assert main(["canary", "start", "--candidate", "v2", "--dry-run", *config], env=env) == 0
        assert server.split["weight"] == 0 and not (repo / ".lmgate").exists()  # dry run: nothing anywhere
        assert main(["canary", "start", "--candidate", "v2", *config], env=env) == 0
        traffic.serve(6000, weight=5)
        assert main(["canary", "tick", *config], env=env) == 0
        assert server.split["weight"] == 25
        assert all(h.get("Authorization") == f"Bearer {secret}" for _, _, h, _ in server.requests)
        printed = capsys.readouterr()
        assert secret not in printed.out + printed.err
        for path in repo.rglob("*"):
            if path.is_file() and path.name != "lmgate.yaml":
                assert secret.encode() not in path.read_bytes(), path
    finally:
        server.close()
