"""What a hostile contributor can still put in the files lmgate reads, found in review round 17.

`lmgate import promptfoo` reads a config someone else wrote and copies what it reads into files
that get committed: a `file://` reference leaving the repository (or a link to one) copied a
private file into the import; a key holding a newline wrote YAML of its choosing into lmgate.yaml
through a `# NOT IMPORTED` comment; a long integer literal was a traceback. Each is now exit 2 with
the place, or text that stays inert.
"""

from __future__ import annotations

import contextlib
import http.server
import json
import os
import subprocess
import sys
import threading
from pathlib import Path
from typing import ClassVar

import pytest
import yaml

from fakes.hub import FakeHub, serve_hub
from lmgate.http import HttpClient, HttpError

SECRET = "TOPSECRET-private-key-0123456789"


def lmgate(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "RUNNER_", "LMGATE_"))}
    return subprocess.run([sys.executable, "-m", "lmgate", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=120, env={**base, "XDG_CACHE_HOME": str(cwd.parent / "xdg")})


def repo_with(tmp_path: Path, config: str) -> Path:
    (tmp_path / "secret.txt").write_text(SECRET + "\n")
    (tmp_path / "secret.yaml").write_text(f"q: {SECRET}\n")
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "promptfooconfig.yaml").write_text(config)
    return repo


def nothing_leaked(repo: Path, done: subprocess.CompletedProcess) -> None:
    assert done.returncode == 2, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    assert "outside" in done.stderr and "promptfooconfig.yaml:" in done.stderr, done.stderr
    written = [p for p in repo.rglob("*") if p.is_file() and not p.is_symlink() and p.name != "promptfooconfig.yaml"]
    assert not any(SECRET in p.read_text() for p in written)
    assert SECRET not in done.stdout + done.stderr


@pytest.mark.parametrize("config", [
    "prompts: [file://../secret.txt]\nproviders: [echo]\n",
    "prompts: ['{{q}}']\nproviders: [echo]\ntests:\n  - vars: {q: file://../secret.txt}\n",
    "prompts: ['{{q}}']\nproviders: [echo]\ntests: file://../secret.yaml\n",
    "prompts: ['{{q}}']\nproviders: [echo]\ntests:\n  - vars: ../secret.yaml\n",
    "prompts: [file://link.txt]\nproviders: [echo]\n",
    "prompts: ['{{q}}']\nproviders: [echo]\ntests:\n  - vars: {q: 1}\n    assert: [{type: python, value: 'file://../x.py'}]\n",
])
def test_the_promptfoo_import_reads_no_file_outside_the_repository(tmp_path, config):
    # `file://../../home/runner/.ssh/id_rsa` (or a committed link to it) was read and its text
    # written into promptfoo_import/, ready to be committed with the import
    repo = repo_with(tmp_path, config)
    (tmp_path / "x.py").write_text(f"def get_assert(output, context):\n    return {SECRET!r}\n")
    (repo / "link.txt").symlink_to(tmp_path / "secret.txt")
    nothing_leaked(repo, lmgate(repo, "import", "promptfoo", "promptfooconfig.yaml"))


def test_a_glob_is_not_walked_outside_the_repository(tmp_path):
    repo = repo_with(tmp_path, "prompts: ['file://../**/*.txt']\nproviders: [echo]\n")
    nothing_leaked(repo, lmgate(repo, "import", "promptfoo", "promptfooconfig.yaml"))


@pytest.mark.parametrize("breaker", ["\n", "\r", "\u2028", "\x85"])
def test_a_key_holding_a_line_break_writes_no_yaml_into_the_imported_config(tmp_path, breaker):
    # each construct not imported becomes a `# NOT IMPORTED:` comment; the key's line break ended
    # the comment and the rest of the key became lmgate.yaml (here a provider running os:system)
    key = f"x{breaker}hallucination: {{detector: judge}}{breaker}#"
    config = yaml.safe_dump({key: 1, "prompts": ["{{q}}"], "providers": ["echo"],
                             "tests": [{"vars": {"q": "hi"}}]})
    repo = repo_with(tmp_path, config)
    done = lmgate(repo, "import", "promptfoo", "promptfooconfig.yaml")
    assert done.returncode == 1, done.stderr
    written = yaml.safe_load((repo / "lmgate.yaml").read_text())
    assert "hallucination" not in written
    assert set(written) == {"version", "providers", "prompts", "datasets", "suites", "lint"}
    assert not any(line.startswith("hallucination") for line in done.stdout.splitlines())


@pytest.mark.parametrize(("literal", "expected"), [("9" * 400, float("inf")), ("-" + "9" * 400, float("-inf")),
                                                   ("0x" + "f" * 300, float("inf")),
                                                   ("12345678901234567890123", 1.2345678901234568e22),
                                                   ("0x20000000000001", float(2 ** 53 + 1)), ("0777", 777)])
def test_integer_literals_of_any_length_read_as_javascript_reads_them(literal, expected):
    # `int(text)` refuses 4,301 digits and `float(int)` overflows past 1.8e308: both were tracebacks
    from lmgate.importers.yaml12 import load_yaml12

    assert load_yaml12(f"x: {literal}\n", "c.yaml").data == {"x": expected}


def test_a_long_integer_in_a_promptfoo_config_is_imported_not_a_traceback(tmp_path):
    repo = repo_with(tmp_path, f"prompts: ['{{{{q}}}}']\nproviders: [echo]\ntests:\n  - vars: {{q: {'9' * 5000}}}\n")
    done = lmgate(repo, "import", "promptfoo", "promptfooconfig.yaml")
    assert done.returncode == 2 and "Traceback" not in done.stderr, done.stderr
    assert "promptfooconfig.yaml:4:" in done.stderr and "5,000 characters" in done.stderr


@pytest.mark.parametrize("where", ["config", "dataset", "key"])
def test_a_number_too_long_for_python_in_a_config_or_dataset_is_exit_2_at_its_line(tmp_path, where):
    # PyYAML's int() raised a ValueError past 4,300 digits, which no YAML error handler caught
    long = "9" * 5000
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "p.j2").write_text("{{ q }}")
    (repo / "d.yaml").write_text(f"- {{q: hi, expected: {long}}}\n" if where == "dataset" else
                                 f"- q: hi\n  ? {long}\n  : x\n" if where == "key" else "- {q: hi}\n")
    (repo / "lmgate.yaml").write_text(
        "version: 1\nproviders: {e: {type: echo}}\nprompts: {p: p.j2}\ndatasets: {d: d.yaml}\n"
        "suites: [{name: s, prompt: p, dataset: d, provider: e, metrics: [exact_match]}]\n"
        + (f"x: {long}\n" if where == "config" else ""))
    done = lmgate(repo, "validate")
    assert done.returncode == 2 and "Traceback" not in done.stderr, done.stderr
    assert {"config": "lmgate.yaml:6:", "dataset": "d.yaml:1:", "key": "d.yaml:2:"}[where] in done.stderr
    assert "5,000 characters long" in done.stderr


# -- redirects: the body cap and the caller's headers ----------------------------------------------

class _Redirecting(http.server.BaseHTTPRequestHandler):
    """`/hop` answers 302 to `/end` on the other loopback name with a 200 MiB body; `/end` echoes
    the request's headers; `/loop` redirects to itself; `/file` to a file: URL."""

    sent = 0
    protocol_version = "HTTP/1.1"

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        if self.path.startswith("/api/v1/query"):  # Prometheus, answering JSON nested 100,000 deep
            body = b"[" * 100_000 + b"]" * 100_000
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        if self.path.startswith("/charset/"):
            body = b'{"answer": "ok"}'
            self.send_response(200)
            self.send_header("Content-Type", f"application/json; charset={self.path.rsplit('/', 1)[1]}")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        other = f"http://{'localhost' if self.headers['host'].startswith('127.') else '127.0.0.1'}:" \
                f"{self.server.server_address[1]}"
        if self.path == "/hop":
            self._redirect(f"{other}/end", body=200 << 20)
        elif self.path == "/loop":
            self._redirect("/loop")
        elif self.path == "/file":
            self._redirect("file:///etc/passwd")
        else:
            body = json.dumps(dict(self.headers)).encode()
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    def _redirect(self, location: str, body: int = 0) -> None:
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", str(body))
        self.end_headers()
        chunk = b"x" * (1 << 20)
        try:
            for _ in range(body >> 20):
                self.wfile.write(chunk)
                type(self).sent += len(chunk)
        except OSError:
            self.close_connection = True


@pytest.fixture
def redirecting():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Redirecting)
    _Redirecting.sent = 0
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_a_redirects_body_is_not_read_and_another_origin_gets_no_credential(redirecting):
    # requests read the 302's 200 MiB body whole, past the 1 MiB cap, and kept X-Api-Key on the
    # way to another host (it strips only Authorization)
    client = HttpClient(max_body=1 << 20)
    response = client.request("GET", f"{redirecting}/hop", timeout=30,
                              headers={"X-Api-Key": SECRET, "Authorization": f"Bearer {SECRET}",
                                       "Accept": "application/json"})
    assert response.status == 200
    received = {k.lower(): v for k, v in response.json().items()}
    assert SECRET not in json.dumps(received)
    assert received["accept"] == "application/json"
    assert _Redirecting.sent < 64 << 20, f"the client read {_Redirecting.sent >> 20} MiB of a redirect's body"


@pytest.mark.parametrize(("path", "reason"), [("/loop", "more than 5 redirects"),
                                              ("/file", "redirected to a file URL")])
def test_a_redirect_loop_or_a_redirect_to_a_file_url_is_an_http_error(redirecting, path, reason):
    with pytest.raises(HttpError, match=reason):
        HttpClient().request("GET", redirecting + path, timeout=10)


# -- workflow commands in what lmgate prints ---------------------------------------------------------

def _commands(text: str) -> list[str]:
    """The lines the runner would run as workflow commands (it splits at \\r and \\n, then trims)."""
    return [line.strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
            if line.lstrip().startswith("::")]


def test_a_file_named_like_a_workflow_command_issues_none(tmp_path):
    # `lint --format text` printed the path at the start of the line: `::stop-commands::tok.j2…`
    # made the runner ignore every annotation after it
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "lmgate.yaml").write_text('version: 1\nprompts: {}\nlint: {paths: ["*.j2"]}\n')
    (repo / "::stop-commands::tok.j2").write_text("Hello {{ name }}   \n")
    base = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "RUNNER_", "LMGATE_"))}
    done = subprocess.run([sys.executable, "-m", "lmgate", "lint", "--format", "text"], cwd=repo,
                          capture_output=True, text=True, timeout=120, env={**base, "GITHUB_ACTIONS": "true"})
    assert "stop-commands" in done.stdout, done.stdout + done.stderr
    assert _commands(done.stdout + done.stderr) == []


@pytest.mark.parametrize("untrusted", ["::set-output name=verdict::pass", "  ::stop-commands::x",
                                       "ok\r::add-mask::pass", "\u2003::error::fake", "##[error]fake"])
def test_untrusted_text_printed_in_actions_issues_no_command_but_lmgates_own_do(untrusted):
    import io

    from lmgate.github.runtime import Annotation, Console

    out, err = io.StringIO(), io.StringIO()
    console = Console({"GITHUB_ACTIONS": "true"}, out=out, err=err)
    for stream in (console.out, console.err):
        stream.write(f"| answer |\n```text\n{untrusted}\n```\n")
        stream.write("  ")
        stream.write(untrusted.lstrip() + "\n")
    console.annotate([Annotation("error", "real finding", file="a.j2", line=1)])
    assert _commands(err.getvalue()) == []
    assert _commands(out.getvalue()) == ["::error file=a.j2,line=1::real finding"]
    assert "##[" not in out.getvalue() + err.getvalue()


def test_a_fifo_where_the_dataset_should_be_is_exit_2_at_once(tmp_path):
    # read_text() on a FIFO waited for a writer: validate and eval hung until the job's timeout
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "p.j2").write_text("{{ q }}")
    os.mkfifo(repo / "d.jsonl")
    (repo / "lmgate.yaml").write_text(
        "version: 1\nproviders: {e: {type: echo}}\nprompts: {p: p.j2}\ndatasets: {d: d.jsonl}\n"
        "suites: [{name: s, prompt: p, dataset: d, provider: e, metrics: [exact_match]}]\n")
    base = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "RUNNER_", "LMGATE_"))}
    done = subprocess.run([sys.executable, "-m", "lmgate", "validate"], cwd=repo, capture_output=True, text=True,
                          timeout=30, env=base)
    assert done.returncode == 2 and "Traceback" not in done.stderr, done.stderr
    assert "d.jsonl" in done.stderr and "not a regular file" in done.stderr


# -- the Hub: a file is refused by its announced size, not after its download --------------------

class _Hub(FakeHub):
    """A Hub that announces a 50 MiB dataset file (and serves it to whoever asks)."""

    announced = 50 << 20
    served = 0

    def send_file(self) -> None:
        self.send_file_headers()
        chunk = b" " * (1 << 16)  # blank lines: a valid (empty) JSONL file, if it were ever read
        for _ in range(self.announced // len(chunk)):
            self.wfile.write(chunk)
            type(self).served += len(chunk)


def test_a_hub_dataset_over_max_bytes_is_refused_before_it_is_downloaded(tmp_path):
    from lmgate.errors import InputError
    from lmgate.eval.datasets import load_dataset

    _Hub.served = 0
    with serve_hub(_Hub, tmp_path) as env, pytest.raises(InputError, match="over the dataset's cap of 1,000"):
        load_dataset("d", {"path": "hf://datasets/org/name@main/d.jsonl", "max_bytes": 1000}, root=tmp_path, env=env)
    assert _Hub.served == 0, f"{_Hub.served:,} bytes were downloaded first"


def test_sec005_phrases_run_on_re2_in_linear_time(tmp_path):
    # SEC005's `phrases` came from lmgate.yaml and ran on Python's backtracking `re`: `(a|aa)*c`
    # against forty `a`s of test data ran for minutes (SEC001/SEC002 options were moved to RE2 before)
    (tmp_path / "lmgate.yaml").write_text(
        "version: 1\nlint:\n  rules:\n    SEC005: {phrases: ['(a|aa)*c', 'jailbreak']}\n")
    (tmp_path / "p.prompt.yml").write_text("name: x\nmessages:\n  - role: user\n    content: hi {{t}}\ntestData:\n"
                                           f"  - t: {'a' * 40}\n  - t: a JAILBREAK here\n")
    base = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "RUNNER_", "LMGATE_"))}
    done = subprocess.run([sys.executable, "-m", "lmgate", "lint", "p.prompt.yml", "--format", "json"], cwd=tmp_path,
                          capture_output=True, text=True, timeout=30, env=base)
    assert done.returncode in (0, 1) and "Traceback" not in done.stderr, done.stderr
    found = [f for f in json.loads(done.stdout)["findings"] if f["code"] == "SEC005"]
    assert len(found) == 1 and "JAILBREAK" in found[0]["message"]


def test_a_sec005_phrase_re2_cannot_run_is_a_config_error_at_its_line(tmp_path):
    (tmp_path / "lmgate.yaml").write_text("version: 1\nlint:\n  rules:\n    SEC005: {phrases: ['(a)\\1']}\n")
    (tmp_path / "p.prompt.yml").write_text("name: x\nmessages:\n  - role: user\n    content: hi\n")
    done = lmgate(tmp_path, "lint", "p.prompt.yml")
    assert done.returncode == 2 and "Traceback" not in done.stderr, done.stderr
    assert "lmgate.yaml:4" in done.stderr and "backreferences" in done.stderr


# -- templates: a filter given the wrong kind of value fails the item, never the run ---------------

@pytest.mark.parametrize(("prompt", "command"), [
    ("p.j2:{{ 'a'|xmlattr }}", "validate"),                  # the probe renders it before any model call
    ("p.j2:{{ q|xmlattr }}", "eval"),
    ("p.j2:{{ [1]|first|xmlattr }}", "eval"),
    ("p.j2:{{ q|truncate(1) }}", "eval"),                     # Jinja asserts the length
    ("p.chat.yaml:engine: nunjucks\ntemplate: \"{{ q|xmlattr }}\"\n", "eval"),
])
def test_a_filter_given_the_wrong_kind_of_value_is_a_template_error_not_a_crash(tmp_path, prompt, command):
    # xmlattr calls .items() on what it gets (AttributeError) and truncate asserts its length
    # (AssertionError): render() caught neither, so the run crashed with a traceback (exit 3)
    name, text = prompt.split(":", 1)
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / name).write_text(text)
    (repo / "d.jsonl").write_text('{"q": "hi", "expected": "x"}\n')
    (repo / "lmgate.yaml").write_text(
        f"version: 1\nproviders: {{e: {{type: echo}}}}\nprompts: {{p: {name}}}\ndatasets: {{d: d.jsonl}}\n"
        "suites: [{name: s, prompt: p, dataset: d, provider: e, metrics: [exact_match]}]\n")
    done = lmgate(repo, command)
    assert done.returncode in (0, 1, 2) and "Traceback" not in done.stderr, done.stderr
    if command == "eval":
        items = (repo / ".lmgate/results/eval-items.jsonl").read_text()
        assert "template failed to render" in items


@pytest.mark.parametrize("charset", ["rot13", "base64", "zlib", "undefined", "idna", "no-such-codec"])
def test_a_charset_that_is_no_text_encoding_is_read_as_utf8(redirecting, charset):
    # the server names the codec: bytes.decode("rot-13") raises LookupError, which no caller expected
    response = HttpClient().request("GET", f"{redirecting}/charset/{charset}", timeout=10)
    assert response.json() == {"answer": "ok"}


# -- the contents API: a state path names a file, never another endpoint ---------------------------

class _Contents(http.server.BaseHTTPRequestHandler):
    paths: ClassVar[list] = []
    protocol_version = "HTTP/1.1"

    def log_message(self, *args: object) -> None:
        pass

    def _answer(self) -> None:
        type(self).paths.append((self.command, self.path))
        if self.headers.get("Content-Length"):
            self.rfile.read(int(self.headers["Content-Length"]))
        body = json.dumps({"type": "file", "content": "e30=", "sha": "s1"}).encode()
        if self.command == "PUT":
            body = json.dumps({"content": {"sha": "s2"}}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_PUT = _answer


@contextlib.contextmanager
def contents_client():
    """A GitHub client for repository o/r whose API is a `_Contents` server on loopback."""
    from lmgate.github.api import GitHubClient

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Contents)
    _Contents.paths = []
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield GitHubClient(None, api_url=f"http://127.0.0.1:{server.server_address[1]}", token="t",
                           repository="o/r", sleep=lambda s: None)
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize("path", ["deploy/../../../../user", "./state.json", "deploy//state.json"])
def test_a_contents_path_with_dot_segments_reaches_no_other_endpoint(path):
    # requests collapses dot segments: `deploy/../../../../user` was a GET and a PUT of /repos/user
    from lmgate.errors import GitHubError

    with contents_client() as client:
        with pytest.raises(GitHubError, match="segment"):
            client.get_contents(path)
        with pytest.raises(GitHubError, match="segment"):
            client.put_contents(path, "{}", sha=None, message="m")
    assert _Contents.paths == []


def test_a_question_mark_or_hash_in_a_contents_path_stays_in_the_file_name():
    with contents_client() as client:
        assert client.get_contents("deploy/state?ref=x#y.json") == ("{}", "s1")
    assert _Contents.paths == [("GET", "/repos/o/r/contents/deploy/state%3Fref%3Dx%23y.json")]


def test_a_metric_source_answering_json_nested_too_deeply_is_a_source_problem(redirecting):
    # the parser's RecursionError was no ValueError: the canary tick crashed with a traceback
    from lmgate.canary.backends.base import Deps
    from lmgate.canary.sources import prometheus
    from lmgate.canary.sources.base import MetricDef, SourceProblem

    source = prometheus.build({"url": redirecting, "label": "version", "first_window": 300, "token": None,
                               "timeout": 10}, Deps(root=None, env={}))
    with pytest.raises(SourceProblem, match="without JSON"):
        source.read(None, [MetricDef("errors", bad="bad_total", total="all_total")], 300.0)


@pytest.mark.parametrize("config", [
    "tests:\n  - vars: {a: [%s], b: [%s], c: [%s]}\n" % ((",".join(f"v{i}" for i in range(100)),) * 3),
    "evaluateOptions: {repeat: 1000000000}\ntests:\n  - vars: {q: 1}\n",
    "tests:\n  - vars: {q: 1}\n    options: {repeat: 1000000000}\n",
    "evaluateOptions: {repeat: .inf}\ntests:\n  - vars: {q: 1}\n",
    "evaluateOptions: {repeat: lots}\ntests:\n  - vars: {q: 1}\n",
])
def test_list_variables_and_repeat_cannot_multiply_the_import_without_bound(tmp_path, config):
    # promptfoo multiplies list variables and repeats: 100^3 rows, or a billion repeats, ran until
    # memory ran out; `repeat: .inf` or a word was a traceback
    repo = repo_with(tmp_path, "prompts: ['{{a}}{{b}}{{c}}{{q}}']\nproviders: [echo]\n" + config)
    done = lmgate(repo, "import", "promptfoo", "promptfooconfig.yaml")
    assert done.returncode == 2 and "Traceback" not in done.stderr, done.stderr
    assert "promptfooconfig.yaml:" in done.stderr and ("100,000" in done.stderr or "whole number" in done.stderr)


def test_an_inlined_var_file_cannot_make_the_imported_dataset_larger_than_lmgate_reads(tmp_path):
    # each case inlines the file's text: 60 cases × 2 MB made a 120 MB dataset (built in memory,
    # then written) that lmgate's own 100 MiB dataset cap refuses
    tests = "".join(f"  - vars: {{q: '{i}'}}\n" for i in range(60))
    repo = repo_with(tmp_path, "prompts: ['{{doc}} {{q}}']\nproviders: [echo]\n"
                               "defaultTest:\n  vars: {doc: file://doc.txt}\ntests:\n" + tests)
    (repo / "doc.txt").write_text("x" * (2 << 20))
    done = lmgate(repo, "import", "promptfoo", "promptfooconfig.yaml")
    assert done.returncode == 2 and "Traceback" not in done.stderr, done.stderr
    assert "tests.jsonl" in done.stderr and "104,857,600" in done.stderr
    assert not (repo / "promptfoo_import").exists()
