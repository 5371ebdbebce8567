"""A seeded fake secret, echoed by a hostile model in every way we could think of, reaches no byte
lmgate writes: no file, no output, no summary, no comment, no log line (issue 16.1).

The model echoes the API key raw, JSON-escaped (`\\/`), fully `\\u`-escaped, URL-encoded, inside
base64 and in an `Authorization:` line; a 400 error body and every response's headers carry it
too, and a header token from the config is echoed as well. A prompt file holds the key for lint
to find. Then the whole pipeline runs as a pull request's job would: lint (SARIF), eval (JUnit),
hallucination, report, comment (against the fake GitHub), and every byte of every file written,
and everything printed, is searched for the key and each of its forms.
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

from fakes.github import FakeGitHub
from fakes.openai_server import Reply, serve_openai
from lmgate.secrets import literal_forms

SECRET = "sk-sink/7f3a+9c2e5b1d4068-LEAK"
ORG = "org-tok-5e6f7a8b9c0d"
HEAD = "3f2a9c1d4b5e6f708192a3b4c5d6e7f809112233"

ECHOES = {  # question -> what the hostile model answers
    "raw": f"The key is {SECRET}.",
    "json": json.dumps({"key": SECRET}).replace("/", "\\/"),
    "unicode": "".join(f"\\u{ord(c):04x}" for c in SECRET),
    "base64": base64.b64encode(f"user:{SECRET}".encode()).decode(),
    "url": f"https://example.com/?key={quote(SECRET, safe='')}",
    "bearer": f"Authorization: Bearer {SECRET}",
    "org": f"your org header was {ORG}",
}


ECHO_HEADERS = {"X-Echo-Key": SECRET, "X-Org": ORG}  # on every response


def answer(messages: list, body: dict) -> Reply:
    question = messages[-1]["content"].split(":", 1)[1].strip()
    if question == "error":
        return Reply(400, {"error": {"message": f"invalid api key {SECRET} for org {ORG}"}}, ECHO_HEADERS)
    text = ECHOES.get(question, "Paris")
    return Reply(200, {"id": "x", "object": "chat.completion", "model": "fake", "choices": [
        {"index": 0, "finish_reason": "stop", "message": {"role": "assistant", "content": text}}]}, ECHO_HEADERS)


def project(repo: Path) -> set[Path]:
    (repo / "prompts").mkdir(parents=True)
    (repo / "prompts" / "qa.j2").write_text("Question: {{ question }}\n")
    (repo / "prompts" / "leaky.txt").write_text(f"Use the key api_key: {SECRET} to call the service.\n")
    rows = [*ECHOES, "error", "capital", "capital2"]
    (repo / "qa.jsonl").write_text("".join(json.dumps({
        "id": f"q{i}", "question": q, "expected": "Paris", "context": "Paris is the capital of France."}) + "\n"
        for i, q in enumerate(rows)))
    (repo / "lmgate.yaml").write_text("""version: 1
providers:
  m: {type: openai, base_url: "${LLM_BASE_URL}", model: fake, api_key: "${LLM_API_KEY}",
      headers: {X-Org-Token: "${ORG_TOKEN}"}, concurrency: 2, retries: 0}
prompts: {qa: prompts/qa.j2}
datasets: {qa: qa.jsonl}
suites:
  - {name: qa, prompt: qa, dataset: qa, provider: m, metrics: [exact_match, {contains: {value: "{{ expected }}"}}],
     gates: {exact_match: {min: 0.2}}}
hallucination: {detector: grounding, suites: [qa], context: "{{ context }}", max_rate: 1.0, max_increase: 1.0}
lint: {paths: ["prompts/**"], fail_on: never}
""")
    return {p for p in repo.rglob("*") if p.is_file()}


def forms() -> list[str]:
    # every whole-value spelling, and the key's distinctive tail alone (a partial echo is a leak too)
    return [*literal_forms(SECRET), *literal_forms(ORG), "9c2e5b1d4068", "5e6f7a8b9c0d"]


def test_a_seeded_secret_reaches_no_byte_lmgate_writes(tmp_path):
    repo, runner, out, gh = tmp_path / "repo", tmp_path / "runner", tmp_path / "out", tmp_path / "gh"
    for folder in (runner, out, gh, tmp_path / "home"):
        folder.mkdir()
    inputs = project(repo)
    event = gh / "event.json"
    event.write_text(json.dumps({"number": 7, "pull_request": {
        "number": 7, "head": {"sha": HEAD, "repo": {"full_name": "acme/app", "fork": False}},
        "base": {"sha": "a" * 40, "repo": {"full_name": "acme/app"}}}}))
    github = FakeGitHub()
    github.add_token("ghs_sink_token_0123", "github-actions[bot]", app=True)
    printed = []
    try:
        with serve_openai(answer=answer) as server:
            env = {"PATH": os.environ["PATH"], "HOME": str(tmp_path / "home"), "GITHUB_ACTIONS": "true",
                   "GITHUB_WORKSPACE": str(repo), "RUNNER_TEMP": str(runner), "GITHUB_OUTPUT": str(gh / "output"),
                   "GITHUB_STEP_SUMMARY": str(gh / "summary.md"), "GITHUB_EVENT_NAME": "pull_request",
                   "GITHUB_EVENT_PATH": str(event), "GITHUB_REPOSITORY": "acme/app", "GITHUB_API_URL": github.url,
                   "GITHUB_SERVER_URL": "https://github.com", "GITHUB_RUN_ID": "42", "GITHUB_SHA": HEAD,
                   "GITHUB_TOKEN": "ghs_sink_token_0123", "LLM_BASE_URL": server.base_url, "LLM_API_KEY": SECRET,
                   "ORG_TOKEN": ORG, "PYTHONPATH": os.environ.get("PYTHONPATH", "")}
            for args in (["lint", "--format", "sarif", "--output", str(out / "lint.sarif")],
                         ["eval", "--junit", str(out / "junit.xml")],
                         ["hallucination"],
                         ["report", "--output", str(out / "report.md")],
                         ["comment"]):
                done = subprocess.run([sys.executable, "-m", "lmgate", *args], cwd=repo, env=env, capture_output=True,
                                      text=True, timeout=300)
                assert done.returncode in (0, 1), (args, done.stdout, done.stderr)
                printed += [done.stdout, done.stderr]
            assert f"Bearer {SECRET}" in server.stats.auth_headers  # the key really was in use
    finally:
        github.close()

    written = {p: p.read_bytes() for folder in (repo, runner, out, gh) for p in folder.rglob("*")
               if p.is_file() and p not in inputs}
    names = {p.name for p in written}
    assert {"lint.json", "eval.json", "eval-items.jsonl", "hallucination.json", "junit.xml", "lint.sarif",
            "report.md", "summary.md", "output", "responses.sqlite3"} <= names, names
    shown = "".join(printed)
    logs = "\n".join(line for line in shown.splitlines() if not line.startswith("::add-mask::"))
    comments = "\n".join(c["body"] for c in github.issue_comments(7))
    assert comments, "the comment was posted"
    for form in forms():
        for path, data in written.items():
            assert form.encode() not in data, f"{form!r} leaked into {path}"
        assert form not in logs, f"{form!r} leaked into the log"
        assert form not in comments, f"{form!r} leaked into the PR comment"
    # not vacuous: the echoes arrived and were masked where they landed
    items = (repo / ".lmgate/results/eval-items.jsonl").read_text()
    assert items.count("***") >= len(ECHOES) + 1
    assert b"***" in written[out / "junit.xml"] and b"***" in written[runner / "lmgate-cache/responses.sqlite3"]
    assert f"::add-mask::{SECRET}" in shown and f"::add-mask::{ORG}" in shown


def test_comment_and_report_redact_a_key_that_reached_the_results_some_other_way(tmp_path):
    """Results from an older run or another tool may hold a key: comment and report load no config,
    yet the job's secret-named variables are redacted from the comment, the summary and the report."""
    results = tmp_path / "results"
    shutil.copytree(Path(__file__).parents[1] / "report" / "fixtures" / "eval_regression", results)
    text = (results / "eval.json").read_text().replace('"Christopher Marlowe"', json.dumps(f"key {SECRET}"))
    (results / "eval.json").write_text(text)
    event = tmp_path / "event.json"
    event.write_text(json.dumps({"number": 7, "pull_request": {
        "number": 7, "head": {"sha": HEAD, "repo": {"full_name": "acme/app", "fork": False}},
        "base": {"sha": "a" * 40, "repo": {"full_name": "acme/app"}}}}))
    github = FakeGitHub()
    github.add_token("ghs_sink_token_0123", "github-actions[bot]", app=True)
    try:
        env = {"PATH": os.environ["PATH"], "PYTHONPATH": os.environ.get("PYTHONPATH", ""), "GITHUB_ACTIONS": "true",
               "GITHUB_STEP_SUMMARY": str(tmp_path / "summary.md"), "GITHUB_OUTPUT": str(tmp_path / "output"),
               "GITHUB_EVENT_NAME": "pull_request", "GITHUB_EVENT_PATH": str(event), "GITHUB_REPOSITORY": "acme/app",
               "GITHUB_API_URL": github.url, "GITHUB_TOKEN": "ghs_sink_token_0123", "LLM_API_KEY": SECRET}
        for args in (["comment", "--results", str(results)],
                     ["report", "--results", str(results), "--output", str(tmp_path / "report.md")]):
            done = subprocess.run([sys.executable, "-m", "lmgate", *args], cwd=tmp_path, env=env, capture_output=True,
                                  text=True, timeout=120)
            assert done.returncode in (0, 1), done.stderr
            assert SECRET not in done.stdout + done.stderr
        [comment] = github.issue_comments(7)
    finally:
        github.close()
    assert "key ***" in comment["body"] and SECRET not in comment["body"]
    for name in ("summary.md", "report.md"):
        assert SECRET not in (tmp_path / name).read_text() and "key ***" in (tmp_path / name).read_text()
