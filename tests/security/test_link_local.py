"""A provider's `base_url` comes from the pull request: one at a link-local or cloud metadata address
(169.254.169.254, fe80::/10, metadata.google.internal) would get the API key and have the runner's
credentials quoted in the PR comment. It is a config error unless the provider sets
`allow_link_local: true`; loopback stays allowed (local model servers, these tests)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from fakes.openai_server import serve_openai
from lmgate import http
from lmgate.eval.providers import build_provider
from lmgate.http import HttpError, link_local_reason

CONFIG = """\
version: 1
providers:
  m:
    type: {type}
    model: x
    base_url: "{url}"{extra}
prompts: {{qa: qa.j2}}
datasets: {{qa: qa.jsonl}}
suites:
  - {{name: qa, prompt: qa, dataset: qa, provider: m, metrics: [exact_match]}}
"""
REFUSED = ["http://169.254.169.254/latest/meta-data", "http://[fe80::1]:8000/v1", "http://[fe80::1%25eth0]/v1",
           "http://metadata.google.internal/computeMetadata/v1", "http://METADATA.google.internal./v1",
           "http://[::ffff:169.254.169.254]/v1", "http://2852039166/v1", "http://0xa9.0xfe.0xa9.0xfe/v1",
           "http://100.100.100.200/v1", "http://[fd00:ec2::254]/v1"]
ALLOWED = ["http://127.0.0.1:1/v1", "http://localhost:1/v1", "http://[::1]:1/v1", "https://api.openai.com/v1",
           "http://10.0.0.5:8000/v1", "http://169.254.example.com/v1"]


def validate(tmp_path: Path, url: str, *, kind: str = "openai", extra: str = "") -> subprocess.CompletedProcess:
    (tmp_path / "lmgate.yaml").write_text(CONFIG.format(type=kind, url=url, extra=extra))
    (tmp_path / "qa.j2").write_text("Q: {{ question }}\n")
    (tmp_path / "qa.jsonl").write_text('{"id": "1", "question": "2+2?", "expected": "4"}\n')
    env = {"PATH": "/usr/bin:/bin", **{k: os.environ[k] for k in ("PYTHONPATH",) if k in os.environ}}
    return subprocess.run([sys.executable, "-m", "lmgate", "validate"], cwd=tmp_path, capture_output=True,
                          text=True, env=env, timeout=120)


@pytest.mark.parametrize("kind", ["openai", "hf"])
def test_validate_refuses_a_base_url_at_the_metadata_service_with_its_line_and_the_fix(tmp_path, kind):
    done = validate(tmp_path, "http://169.254.169.254/latest/meta-data", kind=kind)
    assert done.returncode == 2, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    assert "lmgate.yaml:3" in done.stderr  # the provider `m`
    assert "providers.m.base_url" in done.stderr and "169.254.169.254 is a link-local address" in done.stderr
    assert "set `allow_link_local: true` on the provider" in done.stderr


def test_allow_link_local_opts_in(tmp_path):
    done = validate(tmp_path, "http://169.254.169.254/v1", extra="\n    allow_link_local: true")
    assert done.returncode == 0, done.stderr


def test_validate_still_accepts_loopback(tmp_path):
    done = validate(tmp_path, "http://[::1]:1/v1")
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize("url", REFUSED)
def test_every_spelling_of_a_link_local_or_metadata_host_is_refused(url):
    assert link_local_reason(url) is not None


@pytest.mark.parametrize("url", ALLOWED)
def test_loopback_private_and_public_hosts_are_not(url):
    assert link_local_reason(url) is None


def test_a_loopback_provider_still_answers(tmp_path):
    with serve_openai() as srv:
        provider = build_provider("p", {"type": "openai", "base_url": srv.base_url, "model": "m"}, root=tmp_path)
        assert provider.complete([{"role": "user", "content": "What is 2 plus 3?"}]).text == "5"


class _Peer:
    """A connected socket as far as the check sees it: where it reached."""

    def __init__(self, address: str) -> None:
        self.address, self.closed = address, False

    def getpeername(self) -> tuple[str, int]:
        return self.address, 80

    def shutdown(self, how: int) -> None:
        self.closed = True

    def close(self) -> None:
        self.closed = True


@pytest.mark.parametrize("peer", ["169.254.169.254", "fe80::1%eth0", "::ffff:169.254.169.254"])
def test_a_connection_that_reached_a_link_local_address_is_closed_before_anything_is_sent(peer):
    # what the name resolved to at connect time, not what the config said: a PR author's DNS record
    # for 169.254.169.254, or a name rebound between `validate` and the call, passes the check above
    call = http._WATCHDOG.begin(5, refuse_link_local=True)
    sock = _Peer(peer)
    try:
        with pytest.raises(HttpError, match=r"refused to connect: .* link-local address") as info:
            http._WATCHDOG.attach(sock)
    finally:
        http._WATCHDOG.end(call)
    assert sock.closed and info.value.sent is False and info.value.final


def test_a_client_that_allows_link_local_does_not_check_the_peer():
    call = http._WATCHDOG.begin(5)
    sock = _Peer("169.254.169.254")
    try:
        http._WATCHDOG.attach(sock)
    finally:
        http._WATCHDOG.end(call)
    assert not sock.closed
