"""The quick reader of `{{ expression }}` templates must give Jinja's own facts, or defer to Jinja."""

from __future__ import annotations

import pytest

from lmgate.lint import files
from lmgate.lint.rules import _jinja
from lmgate.lint.rules._jinja_exprs import expression_facts
from lmgate.lint.settings import LINT
from lmgate.spec import Context, validate


def jinja_own(text: str) -> _jinja.Facts | None:
    """What the AST walk says (the route the quick reader replaces)."""
    _jinja.jinja_facts.cache_clear()
    from unittest import mock

    with mock.patch("lmgate.lint.rules._jinja_exprs.expression_facts", lambda _t: None):
        return _jinja.jinja_facts(text)


def quick(text: str) -> _jinja.Facts | None:
    got = expression_facts(text)
    return None if got is None else _jinja.Facts(frozenset(got[0] - _jinja.BUILTINS), tuple(got[1]))


READ = [
    "Answer: {{ answer_choices[label] }}\n{{ a.b[0] | join(', ') | upper }}\n{{ '{{' }} {{ \"}}\" }}",
    "{{ tokens | join(\" \") | replace(\" .\", \".\") | replace(\" ,\", \",\") }}",
    "{{ question[-2] }} {{ x | default(y) }} {{ 'x' | upper }} {{ loop }}",
    "line 1\n{{ a\n | f\n | g }}\n\n{{ b[c] }} }} } {",
]
DEFERRED = ["{{ x if y }}", "{{ x -}}", "{{- x }}", "{{ 012 }}", "{{ 0x1F }}", "{{ 1.5 }}", "{{ true }}",
            "a {{ b", "{{ }}", "{{ x y }}", "{{ x | f.g }}", "{{ x | f(1,) }}", "{{ x | f(-1) }}",
            "{{ x.0 }}", "{{ x[1:2] }}", "{{ x() }}", "{{ x | f()() }}", "{{ {'a': 1} }}", "{{{ x }}}",
            "{{ caf\u00e9 }}", "{{ x }}\r\n{{ y | f }}", "{% if x %}{{ x }}{% endif %}", "{# c #}{{ x }}",
            "{{ x ~ y }}", "{{ x | in }}", "{{ x[y | f] }}", "{{ 'a'[0] }}", "{{ x.if }}"]


@pytest.mark.parametrize("text", READ)
def test_reads_the_small_language_exactly_as_jinja(text):
    assert quick(text) is not None and quick(text) == jinja_own(text)


@pytest.mark.parametrize("text", DEFERRED)
def test_defers_to_jinja_outside_it(text):
    assert expression_facts(text) is None


def test_agrees_with_jinja_on_every_template_of_the_shared_corpus(shared_data):
    root = shared_data / "prompts"
    lint = validate({}, LINT, ("lint",), Context(doc=None, env={}))
    corpus = files.read_all(files.discover([str(root)], root, lint), root, {})
    texts = {m.text for p in corpus.prompts for m in p.messages}
    read = [t for t in texts if expression_facts(t) is not None and _jinja._simple_names(t) is None]
    assert len(read) > 500  # the corpus's PromptSource/promptflow templates: most take the quick route
    for text in read:
        assert quick(text) == jinja_own(text), text[:200]
