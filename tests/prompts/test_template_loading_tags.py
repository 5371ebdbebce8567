"""A prompt that pulls in another template file is refused by validate and eval, with its line.

`{% include "x.j2" %}` (or extends / import) compiled, so `lmgate validate` said the config was
valid; `lmgate eval` then failed every item with "template error: no loader for this environment
specified", a message that names neither the file nor the line nor what to do.
"""

from __future__ import annotations

import json
import textwrap

import pytest

from lmgate.cli import main
from lmgate.prompts.engines import problems

CONFIG = """\
version: 1
providers: {echo: {type: echo}}
prompts: {p: p.j2}
datasets: {d: d.jsonl}
suites:
  - {name: qa, prompt: p, dataset: d, provider: echo, metrics: [exact_match]}
"""


@pytest.mark.parametrize(("text", "tag", "line"), [
    ('Q: {{ q }}\n{% include "footer.j2" %}\n', "include", 2),
    ('{% extends "base.j2" %}{% block body %}Q: {{ q }}{% endblock %}', "extends", 1),
    ('{% import "macros.j2" as m %}\nQ: {{ q }}', "import", 1),
    ('\n\n{% from "macros.j2" import say %}Q: {{ q }}', "from … import", 3),
])
def test_a_template_loading_tag_is_a_problem_on_its_line(text, tag, line):
    found = problems(text, "jinja2")
    assert [(p.line, p.message.split(" reads")[0]) for p in found] == [(line, f"{{% {tag} %}}")]
    assert "{% macro %}" in found[0].fix


@pytest.mark.parametrize("command", ["validate", "eval"])
def test_validate_and_eval_refuse_it_before_any_call(tmp_path, capsys, command):
    (tmp_path / "lmgate.yaml").write_text(textwrap.dedent(CONFIG))
    (tmp_path / "p.j2").write_text('Q: {{ q }}\n{% include "footer.j2" %}\n')
    (tmp_path / "d.jsonl").write_text(json.dumps({"id": "1", "q": "x", "expected": "x"}) + "\n")
    code = main([command, "--config", str(tmp_path / "lmgate.yaml")], env={})
    err = capsys.readouterr().err
    assert code == 2, err
    assert "p.j2:2: {% include %} reads another template file" in err
    assert not (tmp_path / ".lmgate/results/eval.json").exists()


def test_a_macro_in_the_same_file_still_renders():
    assert problems("{% macro say(x) %}Q: {{ x }}{% endmacro %}{{ say(q) }}", "jinja2") == []
