from __future__ import annotations

import pytest

from lmgate.errors import SandboxViolation, TemplateError
from lmgate.templating import probe, render, undeclared_variables


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
