"""Each engine's variables, rendering, and the placeholders it would leave as written."""

from __future__ import annotations

import pytest

from lmgate.errors import Location, TemplateError
from lmgate.eval.prompts import ChatTemplate
from lmgate.prompts.engines import problems, render, variables

HERE = Location("p.txt", 10)


@pytest.mark.parametrize(("engine", "text", "names", "rendered"), [
    ("jinja2", "Q: {{ q | upper }}{% for c in cs %} {{ c }}{% endfor %}", {"q", "cs"}, "Q: HI a b"),
    ("fstring", 'Q: {q} {{"as": "json"}} {cs}', {"q", "cs"}, 'Q: hi {"as": "json"} [\'a\', \'b\']'),
    ("dollar", "Q: $q ${q}s cost $$5 or $5", {"q"}, "Q: hi his cost $5 or $5"),
    ("mustache", "Q: {{q}} {{{ q }}}{{! a comment }}", {"q"}, "Q: hi hi"),
    ("handlebars", "Q: {{~q~}}", {"q"}, "Q: hi"),
    ("ghmodels", "Q: {{q}}", {"q"}, "Q: hi"),
    ("vscode", "Q: ${input:q:the question}", {"q"}, "Q: hi"),
    ("plain", "Q: {{q}} {q} ${q}", set(), "Q: {{q}} {q} ${q}"),
])
def test_each_engine_fills_its_own_syntax(engine, text, names, rendered):
    assert variables(text, engine) == names
    assert render(text, engine, {"q": "hi", "cs": ["a", "b"]}, HERE) == rendered
    assert problems(text, engine) == []


@pytest.mark.parametrize(("engine", "text", "line", "said"), [
    ("jinja2", "a\n{% raw %}{kept} ${kept}{% endraw %}\nb {left}", 3, "'{left}' is not a placeholder jinja2 fills"),
    ("jinja2", "a\n\n${left} {{ x }}", 3, "'${left}' is not a placeholder jinja2 fills"),
    ("jinja2", "{{ x | shout }}", 1, "unknown Jinja filter 'shout'"),
    ("jinja2", "ok\n{% if %}", 2, "template syntax error"),
    ("jinja2", "ok {{ x }}\nthen {{{ y }}}", 2, "'{{{ y }}}' is Mustache/Handlebars' triple brace"),
    ("fstring", "a\n{x.__class__}", 2, "'{x.__class__}': lmgate fills only {name}"),
    ("mustache", "{{#items}}\n{{name}}\n{{/items}}", 1, "lmgate renders only {{name}} placeholders"),
    ("ghmodels", "a {{ name }}", 1, "GitHub Models fills only exact {{name}}"),
    ("plain", "line\n{name} and ${other}", 2, "'{name}' is not a placeholder plain fills"),
])
def test_what_an_engine_would_leave_as_written_is_a_problem_on_its_line(engine, text, line, said):
    found = problems(text, engine, declared=engine != "plain")
    assert found and found[0].line == line and said in found[0].message and found[0].fix


def test_text_that_only_looks_like_a_placeholder_is_no_problem():
    assert problems("{name} and ${other}", "plain", declared=True) == []  # `engine: plain`: sent as written
    # LaTeX and code: a brace right after a letter, backslash or brace is not a placeholder
    assert problems(r"Solve {{ q }}. Put the result in \boxed{answer}, as \frac{a}{b}.", "jinja2") == []
    assert problems("{{ q }} {% raw %}{kept} ${kept}{% endraw %}", "jinja2") == []
    # an engine someone chose has its own escapes: `{{x}}` is how an f-string writes a literal `{x}`
    assert problems("Reply as {{answer}} to {q}", "fstring") == [] and problems("$q {x}", "dollar") == []


def test_a_missing_variable_names_the_line_it_is_used_on():
    for engine, text in (("fstring", "a\nb {x}"), ("dollar", "a\nb $x"), ("ghmodels", "a\nb {{x}}")):
        with pytest.raises(TemplateError, match="uses 'x'") as err:
            render(text, engine, {}, HERE)
        assert err.value.where == Location("p.txt", 11)


def test_chat_template_lists_every_problem_with_the_file_line_of_its_message():
    messages = (("system", "Be {tone}.", "jinja2"), ("user", "{{ q | nope }}", "jinja2"))
    template = ChatTemplate("p", "p.prompty", messages, lines=(5, 8))
    found = template.problems()
    assert [(str(p.where), p.message.split(":")[0]) for p in found] == [
        ("p.prompty:5", "'{tone}' is not a placeholder jinja2 fills"), ("p.prompty:8", "unknown Jinja filter 'nope'")]
    with pytest.raises(TemplateError, match=r"\(and 1 more problem in this prompt\)"):
        template.check()
    assert template.engines == ("jinja2",) and template.variables() == {"q"}
