from __future__ import annotations

import pytest

from lmgate.errors import SandboxViolation, TemplateError
from lmgate.templating import TemplateSyntax, probe, render, syntax_error, template_facts, undeclared_variables


def test_renders_variables():
    assert render("Q: {{ q }}", {"q": "why?"}) == "Q: why?"


def test_undefined_variable_is_an_error():
    with pytest.raises(TemplateError, match="undefined"):
        render("{{ missing }}", {})


@pytest.mark.parametrize("payload", [
    "{{ ''.__class__.__mro__ }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ cycler.__init__.__globals__.os.popen('id').read() }}",
    "{{ x.__class__ }}",
])
def test_sandbox_blocks_ssti(payload):
    with pytest.raises(SandboxViolation):
        render(payload, {"x": 1})
    with pytest.raises(SandboxViolation):
        probe(payload)


def test_syntax_error_has_line():
    with pytest.raises(TemplateError) as err:
        render("line\n{{ broken", {}, name="p.j2")
    assert err.value.where.file == "p.j2" and err.value.where.line == 2


def test_undeclared_variables():
    assert undeclared_variables("{{ a }} {% for x in b %}{{ x }}{% endfor %}") == {"a", "b"}


def test_facts_come_from_jinja2_meta_with_jinja_scoping():
    facts = template_facts("{% for x in xs %}{{ loop.index }}{{ x }}{% endfor %}{{ x }}\n"
                           "{% macro m(a) %}{{ a }}{{ caller() }}{% endmacro %}{{ range(3) | list }}")
    assert facts.variables == {"xs", "x"}  # `x` after the loop comes from the caller; globals are not variables
    assert template_facts("{{ t }}{% set t = 1 %}").variables == {"t"}  # read before it is set


def test_unknown_filters_and_tests_keep_the_variables_and_name_their_lines():
    facts = template_facts("{{ a | lower }}\n{{ b | choice }}\n{% if c is prime %}{{ d | choice }}{% endif %}")
    assert facts.variables == {"a", "b", "c", "d"}
    assert facts.unknown() == [("filter", "choice", 2), ("filter", "choice", 3), ("test", "prime", 3)]


def test_syntax_and_compile_errors_name_the_line():
    assert syntax_error("ok\n{{ broken") == TemplateSyntax("unexpected end of template, expected 'end of print "
                                                           "statement'.", 2)
    error = syntax_error("{% block a %}{% endblock %}\n{% block a %}{% endblock %}")
    assert error is not None and "defined twice" in error.message and error.line == 2
    assert template_facts("{{ broken") is None and syntax_error("{{ fine }}") is None
