"""Each format turns its files into the right messages, roles, engines, variables and positions."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

from lmgate.prompts.formats import MODULES, modules
from lmgate.prompts.reading import read_prompts


def read(tmp_path: Path, name: str, text: str, fmt: str | None = None):
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    prompts, problems = read_prompts(path, tmp_path, fmt)
    assert not problems, problems
    return prompts


def roles(prompt) -> list[str]:
    return [m.role for m in prompt.messages]


SRC = Path(__file__).resolve().parents[2] / "src" / "lmgate"


def test_every_format_module_is_registered():
    on_disk = {p.stem for p in (SRC / "prompts" / "formats").glob("*.py")} - {"__init__"}
    assert on_disk == set(MODULES), "list every format module in prompts/formats/__init__.MODULES"


def test_prompt_files_are_a_core_package_eval_reads_without_lint():
    """lint and eval both read prompt files through lmgate.prompts; neither it nor eval imports lint."""
    for folder in ("prompts", "eval"):
        for path in (SRC / folder).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                    [node.module or ""] if isinstance(node, ast.ImportFrom) else []
                assert not any(n == "lmgate.lint" or n.startswith("lmgate.lint.") for n in names), path


def test_every_listed_module_has_the_format_contract():
    assert len(modules()) == len(MODULES)
    for module in modules().values():
        assert callable(module.detect) and callable(module.parse) and isinstance(module.NAME, str)


def test_jinja_with_promptflow_role_lines(tmp_path):
    [p] = read(tmp_path, "chat.jinja2", "# system:\nYou are terse.\n\n# user:\n{{ question }}\n")
    assert (p.format, p.name, roles(p)) == ("jinja2", "chat", ["system", "user"])
    assert p.messages[1].text.strip() == "{{ question }}" and p.messages[1].start.line == 5
    [plain] = read(tmp_path, "x.j2", "Hello {{ name }}")
    assert roles(plain) == [""] and plain.messages[0].engine == "jinja2"


def test_prompty_front_matter_inputs_and_body(tmp_path):
    text = ("---\nname: qa\nmodel:\n  api: chat\n  configuration:\n    azure_endpoint: ${env:AZURE_OPENAI_ENDPOINT}\n"
            "inputs:\n  question:\n    type: string\nsample:\n  context: ctx\n---\nsystem:\nBe brief.\n\nuser:\n"
            "{{question}} {{context}}\n")
    [p] = read(tmp_path, "qa.prompty", text)
    assert p.name == "qa" and roles(p) == ["system", "user"]
    assert p.declared_inputs == {"question", "context"}
    assert p.messages[0].start.line == 14 and p.messages[1].start.line == 17
    assert p.metadata["model"]["configuration"]["azure_endpoint"] == "${env:AZURE_OPENAI_ENDPOINT}"


def test_github_models_messages_positions_and_test_data(tmp_path):
    text = ("name: Summ\nmodel: openai/gpt-4o\nmessages:\n  - role: system\n    content: You summarise.\n"
            "  - role: user\n    content: |\n      Summarise {{text}}\ntestData:\n  - text: a\n    expected: b\n")
    [p] = read(tmp_path, "s.prompt.yml", text)
    assert roles(p) == ["system", "user"] and p.messages[0].engine == "ghmodels"
    assert p.messages[0].start.line == 5 and p.messages[1].start.line == 8 and p.messages[1].start.col == 7
    assert p.declared_inputs is None and p.metadata["testData"][0]["text"] == "a"
    [bare] = read(tmp_path, "b.prompt.yaml", "messages:\n  - {role: user, content: 'Hi {{who}}'}\n")
    assert bare.declared_inputs == frozenset()


def test_vscode_prompt_md(tmp_path):
    text = "---\nagent: agent\ndescription: d\ntools: [search]\n---\nWrite ${input:topic:a topic} for ${selection}\n"
    [p] = read(tmp_path, "w.prompt.md", text)
    assert (p.format, roles(p), p.messages[0].engine) == ("vscode", ["user"], "vscode")
    assert p.messages[0].start.line == 6 and p.metadata["agent"] == "agent"


def test_promptfoo_txt_splits_on_separators(tmp_path):
    prompts = read(tmp_path, "prompts.txt", "Translate {{text}}\n---\nSummarise {{text}}\n")
    assert [p.name for p in prompts] == ["prompts#1", "prompts#2"]
    assert prompts[1].messages[0].start.line == 3 and prompts[1].format == "promptfoo"


def test_openai_chat_json(tmp_path):
    chat = [{"role": "system", "content": "Be kind."}, {"role": "user", "content": [{"type": "text", "text": "{{q}}"}]}]
    [p] = read(tmp_path, "chat.json", json.dumps(chat, indent=1))
    assert (p.format, roles(p)) == ("openai-chat", ["system", "user"])
    assert p.messages[1].text == "{{q}}" and p.messages[1].start.line > p.messages[0].start.line


@pytest.mark.parametrize(("fmt", "engine"), [("f-string", "fstring"), ("jinja2", "jinja2"), ("mustache", "mustache")])
def test_langchain_prompt_yaml(tmp_path, fmt, engine):
    text = f"_type: prompt\ninput_variables: [topic]\ntemplate_format: {fmt}\ntemplate: Tell me about {{topic}}\n"
    [p] = read(tmp_path, "lc.yaml", text)
    assert (p.format, p.declared_inputs, p.messages[0].engine) == ("langchain", {"topic"}, engine)
    assert p.messages[0].start.line == 4


def test_langchain_few_shot_json(tmp_path):
    data = {"_type": "few_shot", "input_variables": ["adj"], "prefix": "Antonyms.", "suffix": "Input: {adj}",
            "examples": [{"in": "a", "out": "b"}], "example_prompt": {"template": "{in}->{out}"}}
    [p] = read(tmp_path, "fs.json", json.dumps(data))
    assert [m.text for m in p.messages] == ["Antonyms.", "Input: {adj}"] and p.metadata["examples"]


def test_langchain_chat_yaml(tmp_path):
    """`_type: chat` as langchain_core's loader reads it: each message's `prompt.template`."""
    text = ("_type: chat\ninput_variables: [city]\nmessages:\n  - prompt:\n      _type: prompt\n"
            "      template: Weather in {city}?\n      template_format: f-string\n")
    [p] = read(tmp_path, "chat.yaml", text)
    assert (p.format, roles(p), p.declared_inputs) == ("langchain", ["user"], {"city"})
    assert (p.messages[0].text, p.messages[0].engine, p.messages[0].start.line) == ("Weather in {city}?", "fstring", 6)
    (tmp_path / "bad.yaml").write_text("_type: chat\ninput_variables: []\nmessages:\n  - nope\n")
    _, problems = read_prompts(tmp_path / "bad.yaml", tmp_path)
    assert problems and "messages[0]" in problems[0].message and problems[0].position.line == 4


def test_dotprompt_roles_and_picoschema(tmp_path):
    text = ("---\nmodel: googleai/gemini-2.0-flash\ninput:\n  schema:\n    name?: string\n"
            "    style(enum, tone): [a, b]\n---\n"
            "{{role \"system\"}}\nYou are {{style}}.\n{{role \"user\"}}\nHi {{name}}\n")
    [p] = read(tmp_path, "greet.prompt", text)
    assert (p.format, roles(p), p.declared_inputs) == ("dotprompt", ["system", "user"], {"name", "style"})
    assert p.messages[0].engine == "handlebars" and p.messages[1].text.strip() == "Hi {{name}}"


def test_promptsource_templates_yaml(tmp_path):
    text = ("dataset: imdb\ntemplates:\n  abc: !Template\n    answer_choices: bad ||| good\n    id: abc\n"
            "    jinja: 'Review: {{text}} ||| {{ answer_choices[label] }}'\n    metadata: !TemplateMetadata\n"
            "      original_task: true\n    name: Sentiment\n")
    [p] = read(tmp_path, "imdb/templates.yaml", text)
    assert (p.format, p.name, roles(p)) == ("promptsource", "Sentiment", ["user", "assistant"])
    assert p.messages[0].text == "Review: {{text}} " and p.messages[0].start == type(p.start)(6, 13)
    assert p.metadata["answer_choices"] == "bad ||| good" and p.metadata["dataset"] == "imdb"


def test_promptsource_refuses_foreign_yaml_tags(tmp_path):
    """Only !Template and !TemplateMetadata: a `!!python/...` or other tag is a parse problem, also
    when a `!` in the text made the quick check look at every node."""
    from lmgate.prompts.formats import promptsource

    base = "templates:\n  abc: !Template\n    jinja: 'Hi {{x}}!'\n    name: n\n"
    for extra, bad in (("", False), ("    x: !!python/object:os.system []\n", True), ("    y: !Other 1\n", True)):
        prompts, problems = promptsource.parse("t/templates.yaml", base + extra)
        assert bool(problems) == bad and ("unknown YAML tag" in problems[0].message if bad else prompts)


def test_plain_text_and_markdown(tmp_path):
    [p] = read(tmp_path, "summarize/system.md", "# IDENTITY\nYou summarise ${input}.\n")
    assert (p.format, roles(p), p.name, p.messages[0].engine) == ("plain", ["system"], "summarize", "plain")
    [t] = read(tmp_path, "greet.txt", "Hello {name}")
    assert roles(t) == [""] and t.format == "plain"


def test_format_override_by_name(tmp_path):
    [p] = read(tmp_path, "odd.tmpl", "{{ x }}", fmt="jinja2")
    assert p.format == "jinja2"


def test_real_corpus_samples_read(shared_data):
    root = shared_data / "prompts"
    [ps, *_] = read_prompts(root / "promptsource/templates/imdb/templates.yaml", root)
    assert len(ps) > 5 and all(p.format == "promptsource" for p in ps)
    [gh], _ = read_prompts(root / "ghmodels/template_variables_prompt.yml", root)
    assert roles(gh) == ["system", "user"] and "{{persona}}" in gh.messages[0].text
