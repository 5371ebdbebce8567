"""YAML chat prompt files (`*.chat.yaml`): read by lint and eval, rendered exactly (Nunjucks semantics with
`engine: nunjucks`)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from lmgate.errors import InputError, TemplateError
from lmgate.eval.prompts import load_prompt
from lmgate.prompts.reading import read_prompts

MESSAGES = """\
# a chat prompt
engine: nunjucks
messages:
  - role: system
    content: |
      You answer in {{ language }}.
  - role: user
    content: "  {{ question }}  "
"""


def test_messages_keep_their_text_and_positions(tmp_path):
    (tmp_path / "qa.chat.yaml").write_text(MESSAGES)
    prompts, problems = read_prompts(tmp_path / "qa.chat.yaml", tmp_path)
    assert problems == []
    (prompt,) = prompts
    assert prompt.format == "chat-yaml" and prompt.metadata == {"engine": "nunjucks", "chat": "messages"}
    assert [(m.role, m.text, m.start.line) for m in prompt.messages] == [
        ("system", "You answer in {{ language }}.\n", 6), ("user", "  {{ question }}  ", 8)]


def test_eval_renders_without_trimming_and_with_nunjucks_semantics(tmp_path):
    (tmp_path / "qa.chat.yaml").write_text(MESSAGES)
    template = load_prompt("qa", {"path": "qa.chat.yaml"}, root=tmp_path)
    assert template.variables() == frozenset()  # a missing variable renders empty, as in promptfoo
    assert template.render({"language": ["fr", "de"], "question": True}) == [
        {"role": "system", "content": "You answer in fr,de.\n"}, {"role": "user", "content": "  true  "}]


def test_a_template_renders_whole_then_reads_as_a_chat_or_text(tmp_path):
    (tmp_path / "t.chat.yaml").write_text('engine: nunjucks\ntemplate: "{% if chat %}[{\\"role\\": \\"user\\", '
                                          '\\"content\\": {{ q | dump }}}]{% else %}Q: {{ q }}\\n{% endif %}"\n')
    template = load_prompt("t", {"path": "t.chat.yaml"}, root=tmp_path)
    assert template.render({"chat": True, "q": 'say "hi"'}) == [{"role": "user", "content": 'say "hi"'}]
    assert template.render({"chat": False, "q": "x"}) == [{"role": "user", "content": "Q: x\n"}]


def test_a_jinja_chat_file_renders_with_lmgates_jinja(tmp_path):
    (tmp_path / "j.chat.yaml").write_text("messages:\n  - role: user\n    content: 'Hi {{ name }}'\n")
    template = load_prompt("j", {"path": "j.chat.yaml"}, root=tmp_path)
    assert template.variables() == frozenset({"name"})
    assert template.render({"name": "Ada"}) == [{"role": "user", "content": "Hi Ada"}]


@pytest.mark.parametrize(("text", "message"), [
    ("messages: [{role: user}]\ntemplate: x\n", "either `messages`"),
    ("engine: mustache\ntemplate: x\n", "engine should be one of"),
    ("messages:\n  - role: user\n    content: [a, b]\n", "message 1 should be"),
])
def test_malformed_files_are_problems_not_crashes(tmp_path, text, message):
    (tmp_path / "bad.chat.yaml").write_text(text)
    _, problems = read_prompts(tmp_path / "bad.chat.yaml", tmp_path)
    assert problems and message in problems[0].message
    with pytest.raises(InputError):
        load_prompt("bad", {"path": "bad.chat.yaml"}, root=tmp_path)


def test_a_nunjucks_syntax_error_stops_eval_with_the_file(tmp_path):
    (tmp_path / "s.chat.yaml").write_text("engine: nunjucks\ntemplate: '{% if x %}open'\n")
    with pytest.raises(TemplateError) as caught:
        load_prompt("s", {"path": "s.chat.yaml"}, root=tmp_path)
    assert caught.value.where.file == "s.chat.yaml"


def test_lint_reads_chat_files(tmp_path):
    (tmp_path / "prompts").mkdir()
    (tmp_path / "prompts/qa.chat.yaml").write_text(MESSAGES)
    (tmp_path / "lmgate.yaml").write_text("version: 1\nlint: {paths: ['prompts/**']}\n")
    proc = subprocess.run([sys.executable, "-m", "lmgate", "lint", "--format", "json"], cwd=tmp_path,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    summary = json.loads(proc.stdout)["summary"]
    assert (summary["files"], summary["prompts"], summary["parse_failures"]) == (1, 1, 0)


@pytest.mark.parametrize("name", ["chat.yaml", "chat.yml", "chat.chat.yaml"])
def test_a_yaml_file_that_is_a_bare_list_of_messages_is_a_chat(tmp_path, name):
    (tmp_path / name).write_text("# the chat\n- role: system\n  content: You add.\n"
                                 "- role: user\n  content: 'What is {{ a }} plus {{ b }}?'\n")
    template = load_prompt("c", {"path": name}, root=tmp_path)
    assert template.variables() == frozenset({"a", "b"}) and template.lines == (3, 5)
    assert template.render({"a": 1, "b": 2}) == [{"role": "system", "content": "You add."},
                                                 {"role": "user", "content": "What is 1 plus 2?"}]


def test_a_file_of_no_known_format_names_the_formats_to_choose_from(tmp_path):
    (tmp_path / "p.yaml").write_text("question: hi\n")
    with pytest.raises(InputError) as caught:
        load_prompt("p", {"path": "p.yaml"}, root=tmp_path)
    assert "prompts.p.format" in caught.value.fix and "chat-yaml" in caught.value.fix
