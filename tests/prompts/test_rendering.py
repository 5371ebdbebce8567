"""Prompts render as written: `lmgate eval` and `lmgate validate`, run as a user runs them (a subprocess,
against the fake OpenAI server), send what each file's engine renders, and refuse with exit 2, file:line
and the fix a prompt that would reach the model with a placeholder unrendered."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from fakes.openai_server import default_answer, serve_openai


def project(root: Path, base_url: str, prompt_file: str, text: str, prompt_extra: str = "") -> Path:
    (root / prompt_file).write_text(text, encoding="utf-8")
    (root / "d.jsonl").write_text("".join(json.dumps({"id": f"q{i}", "a": i, "b": 3, "x": f"x{i}"}) + "\n"
                                          for i in range(3)))
    (root / "lmgate.yaml").write_text(f"""version: 1
providers:
  m: {{type: openai, base_url: "{base_url}", model: mock, api_key: "${{LLM_API_KEY}}"}}
prompts:
  p: {{path: {prompt_file}{prompt_extra}}}
datasets: {{d: d.jsonl}}
suites:
  - {{name: s, prompt: p, dataset: d, provider: m, metrics: [{{regex: {{pattern: "^[0-9]+$"}}}}]}}
""")
    return root


def lmgate(root: Path, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "LMGATE_"))}
    return subprocess.run([sys.executable, "-m", "lmgate", *args, "--config", str(root / "lmgate.yaml")], cwd=root,
                          capture_output=True, text=True, env={**env, "LLM_API_KEY": "sk-test"}, timeout=120)


@pytest.fixture
def server():
    seen: list[str] = []

    def answer(messages: list, body: dict) -> str:
        seen.append(messages[-1]["content"])
        return default_answer(messages, body)

    with serve_openai(answer=answer) as srv:
        srv.seen = seen  # type: ignore[attr-defined]
        yield srv


def test_a_txt_prompt_with_jinja_placeholders_sends_the_rendered_text(tmp_path, server):
    project(tmp_path, server.base_url, "p.txt", "What is {{ a }} plus {{ b }}?\n")
    run = lmgate(tmp_path, "eval")
    assert run.returncode == 0, run.stderr
    assert sorted(server.seen) == ["What is 0 plus 3?", "What is 1 plus 3?", "What is 2 plus 3?"]
    outputs = [json.loads(line)["output"] for line in (tmp_path / ".lmgate/results/eval-items.jsonl").open()]
    assert sorted(outputs) == ["3", "4", "5"]
    shown = lmgate(tmp_path, "validate")
    assert shown.returncode == 0 and "p: p.txt  engine jinja2 (the text holds {{ }} or {% %})" in shown.stdout


@pytest.mark.parametrize(("file", "text", "line", "said"), [
    ("p.txt", "Compute this.\nWhat is {a} plus {b}?\n", 2, "'{a}' is not a placeholder plain fills"),
    ("p.j2", "What is {{ a }} plus ${b}?\n", 1, "'${b}' is not a placeholder jinja2 fills"),
    ("p.md", "# Sum\n\nWhat is {{ a }} plus {b}?\n", 3, "'{b}' is not a placeholder jinja2 fills"),
])
def test_a_placeholder_no_engine_fills_is_exit_2_with_file_line_before_any_call(tmp_path, server, file, text, line,
                                                                               said):
    project(tmp_path, server.base_url, file, text)
    for command in ("eval", "validate"):
        run = lmgate(tmp_path, command)
        assert run.returncode == 2, (command, run.stderr)
        assert f"{file}:{line}" in run.stderr and said in run.stderr and "fix:" in run.stderr
        assert "Traceback" not in run.stderr
    assert server.stats.requests == 0


def test_the_config_names_the_engine_of_a_txt_file(tmp_path, server):
    project(tmp_path, server.base_url, "p.txt", "What is {a} plus {b}?", ", engine: fstring")
    run = lmgate(tmp_path, "eval")
    assert run.returncode == 0, run.stderr
    assert sorted(server.seen) == ["What is 0 plus 3?", "What is 1 plus 3?", "What is 2 plus 3?"]
    shown = lmgate(tmp_path, "validate")
    assert "engine fstring (prompts.p.engine in lmgate.yaml)" in shown.stdout
    project(tmp_path, server.base_url, "p.txt", "Costs $$5: add ${a} and $b.", ", engine: dollar")
    assert lmgate(tmp_path, "eval").returncode == 0
    assert sorted(server.seen[3:]) == ["Costs $5: add 0 and 3.", "Costs $5: add 1 and 3.", "Costs $5: add 2 and 3."]


def test_a_misspelt_engine_is_a_config_error_with_a_suggestion(tmp_path, server):
    project(tmp_path, server.base_url, "p.txt", "What is {a}?", ", engine: fstrng")
    run = lmgate(tmp_path, "validate")
    assert run.returncode == 2 and "did you mean 'fstring'?" in run.stderr and "lmgate.yaml:" in run.stderr


def test_a_txt_cut_at_a_dashes_line_is_refused_unless_the_entry_says_which_prompt(tmp_path, server):
    # a `---` line (a Markdown rule, or promptfoo's separator) cuts a .txt into prompts: evaluating
    # the first one silently would drop the question from every request
    text = "You add numbers.\n---\nWhat is {{ a }} plus {{ b }}?\n"
    project(tmp_path, server.base_url, "p.txt", text)
    for command in ("eval", "validate"):
        run = lmgate(tmp_path, command)
        assert run.returncode == 2, (command, run.stderr)
        assert "lmgate.yaml:5" in run.stderr and "holds 2 prompts" in run.stderr and "p#1, p#2" in run.stderr
        assert "select: p#1" in run.stderr and "format: plain" in run.stderr
    assert server.stats.requests == 0
    project(tmp_path, server.base_url, "p.txt", text, ", select: p#3")
    run = lmgate(tmp_path, "validate")
    assert run.returncode == 2 and "holds no prompt named 'p#3'" in run.stderr and "p#1, p#2" in run.stderr
    project(tmp_path, server.base_url, "p.txt", text, ", select: p#2")
    assert lmgate(tmp_path, "eval").returncode == 0
    assert sorted(server.seen) == ["What is 0 plus 3?", "What is 1 plus 3?", "What is 2 plus 3?"]
    project(tmp_path, server.base_url, "p.txt", text, ", format: plain")
    assert lmgate(tmp_path, "eval").returncode == 0
    assert sorted(server.seen[3:]) == [f"You add numbers.\n---\nWhat is {i} plus 3?" for i in range(3)]


@pytest.mark.parametrize(("file", "text", "line", "raw"), [
    ("p.txt", "Add these.\nWhat is $a plus $b?\n", 2, "'$a' is not a placeholder plain fills"),
    ("p.md", "# Sum\nWhat is {{ a }} plus <b>?\n", 2, "'<b>' is not a placeholder jinja2 fills"),
    ("p.txt", "What is {{ a }} plus { b }?\n", 1, "'{ b }' is not a placeholder jinja2 fills"),
    ("p.j2", "What is {{ a }}\nplus %(b)s?\n", 2, "'%(b)s' is not a placeholder jinja2 fills"),
])
def test_a_placeholder_of_another_syntax_naming_a_field_is_exit_2(tmp_path, server, file, text, line, raw):
    project(tmp_path, server.base_url, file, text)
    for command in ("eval", "validate"):
        run = lmgate(tmp_path, command)
        assert run.returncode == 2, (command, run.stderr)
        assert f"{file}:{line}" in run.stderr and raw in run.stderr and "fix:" in run.stderr
    assert server.stats.requests == 0


def test_dollars_tags_and_math_that_name_no_field_or_are_closed_stay_text(tmp_path, server):
    text = ("What is {{ a }} plus {{ b }}? It costs $5; $x$, $x^2$ and $b + 1$ are maths; <b>{{ b }}</b>; "
            "<answer>…</answer>; {% raw %}$a{% endraw %}; $$a\n")
    project(tmp_path, server.base_url, "p.txt", text)
    run = lmgate(tmp_path, "eval")
    assert run.returncode == 0, run.stderr
