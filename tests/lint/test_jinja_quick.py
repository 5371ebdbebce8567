"""The quick template reader must give Jinja's own facts (names, filters, tests with lines, in the AST
walk's order), or defer to Jinja: on hand-picked cases, every template of the shared corpus, and
thousands of generated templates, valid and broken."""

from __future__ import annotations

import random
from unittest import mock

import pytest

from lmgate.lint import files
from lmgate.lint.rules import _jinja
from lmgate.lint.rules._jinja_quick import quick_facts
from lmgate.lint.settings import LINT
from lmgate.spec_validation import Context, validate


def jinja_own(text: str) -> _jinja.Facts | None:
    """What the AST walk says (the route the quick reader replaces); None if Jinja refuses the text."""
    _jinja.jinja_facts.cache_clear()
    with mock.patch("lmgate.lint.rules._jinja.quick_facts", lambda _t: None), \
            mock.patch("lmgate.lint.rules._jinja.jinja_ast", wraps=_jinja.jinja_ast) as parse:
        facts = _jinja.jinja_facts(text)
    assert parse.called  # the comparison is with Jinja's parser, not the quick reader again
    return facts


def quick(text: str) -> _jinja.Facts | None:
    _jinja.jinja_facts.cache_clear()
    with mock.patch("lmgate.lint.rules._jinja.jinja_ast", side_effect=AssertionError("Jinja was asked")):
        try:
            return _jinja.jinja_facts(text)
        except AssertionError:
            return None


READ = [
    "Answer: {{ answer_choices[label] }}\n{{ a.b[0] | join(', ') | upper }}\n{{ '{{' }} {{ \"}}\" }}",
    "{{ tokens | join(\" \") | replace(\" .\", \".\") | replace(\" ,\", \",\") }}",
    "{{ question[-2] }} {{ x | default(y) }} {{ 'x' | upper }} {{ loop }} {{ true }} {{ x.if }} {{ x.0 }}",
    "line 1\n{{ a\n | f\n | g }}\n\n{{ b[c] }} }} } {",
    "{% if label == 1 %}yes{% elif label != -1 and not x is defined %}no{% else %}{{ y }}{% endif %}",
    "{%- for c in answer_choices | list -%}\n- {{ c }}{{ loop.index }}\n{%- else %}none{% endfor %}",
    "{% set n = items | length %}{# a comment {{ z }} #}{{ n }} {% if (a | f) | g(h | k, 'x') > 0 %}{% endif %}",
    "{% if x is not odd or y not in z[0] %}{{ x[y | f] }}{% endif %}{{- x -}}",
    "{{ a | f if b | g else c | h }} {{ x[1:2] }} {{ x[::y|f] }} {{ range(n | int) }} {{ 1.5 * -x ~ 'a' }}",
    "{{ {'a': k | f, 'b': [1, 2,]} }} {{ (a, b | g,) }} {{ ', '.join(xs | map(attribute='t')) }}",
    "{% for k, v in d.items() if v is defined %}{{ k }}{% endfor %}{% set q = text.split(' ')[0] %}",
]
DEFERRED = ["{{ 012 }}", "{{ 0x1F }}", "{{ 1e5 }}", "a {{ b", "{{ }}", "{{ x y }}", "{{ x | f.g }}",
            "{{ x | f()() }}", "{{{ x }}}", "{{ caf\u00e9 }}", "{{ x }}\r\n{{ y | f }}", "{{ a, b }}",
            "{% raw %}{{ x }}{% endraw %}", "{% if x %}", "{% endif %}", "{% macro m() %}{% endmacro %}",
            "{% if x: %}{% endif %}", "{% set ns.a = 1 %}", "{{ '\\x' }}", "{# open comment",
            "{{ x is divisibleby 3 }}", "{% for x in y recursive %}{% endfor %}", "{{ f(a=1, 2) }}",
            "{{ f(*args) }}", "{{ 'a' 'b' }}", "{{ x[a, b] }}", "{% if a if b else c %}{% endif %}",
            "{% for x in a, b %}{% endfor %}", "{{ x | f.g(1) }}", "{{ not }}", "{% extends 'a' %}"]


@pytest.mark.parametrize("text", READ)
def test_reads_its_part_of_the_language_exactly_as_jinja(text):
    assert quick_facts(text) is not None
    assert quick(text) == jinja_own(text)


@pytest.mark.parametrize("text", DEFERRED)
def test_defers_to_jinja_outside_it(text):
    assert quick_facts(text) is None


def test_agrees_with_jinja_on_every_template_of_the_shared_corpus(shared_data):
    root = shared_data / "prompts"
    lint = validate({}, LINT, ("lint",), Context(doc=None, env={}))
    corpus = files.read_all(files.discover([str(root)], root, lint), root, {})
    texts = {m.text for p in corpus.prompts for m in p.messages}
    read = [t for t in texts if quick_facts(t) is not None and _jinja._simple_names(t) is None]
    assert len(read) > 700  # most corpus templates beyond `{{ name }}` take the quick route
    for text in read:
        assert quick(text) == jinja_own(text), text[:300]


OPERANDS = ["x", "y", "loop.index", "a.b", "c[0]", "c[-1]", "d['k']", "e[x]", "'s'", "1", "2.5", "true",
            "(x)", "[x, 'a']", "{'k': y}", "f(x)", "g(x, k=y | f)", "s[1:x]", "s[::2]", "-x", "()"]
FILTERS = ["", " | f", " | g(1)", "|h('a', y)", " | f | g", " | k(x | f)", " | m(attribute='a')"]
TESTS = ["", " is defined", " is not none"]
JOINS = [" == ", " != ", " < ", " in ", " not in ", " and ", " or ", " + ", " * ", " ~ ", " // "]


def _expression(rng: random.Random, depth: int = 0) -> str:
    operand = rng.choice(OPERANDS) + rng.choice(FILTERS) + rng.choice(TESTS)
    if depth < 2 and rng.random() < 0.4:
        operand = f"({_expression(rng, depth + 1)})" + rng.choice(FILTERS)
    if depth < 2 and rng.random() < 0.3:
        operand += rng.choice(JOINS) + _expression(rng, depth + 1)
    if depth == 0 and rng.random() < 0.15:
        operand += f" if {_expression(rng, 1)}" + rng.choice(["", f" else {_expression(rng, 1)}"])
    return rng.choice(["", "not "]) * (rng.random() < 0.2) + operand


def _template(rng: random.Random, depth: int = 0) -> str:
    parts = []
    for _ in range(rng.randint(1, 4)):
        pick = rng.random()
        if pick < 0.3:
            parts.append(f"{{{{{rng.choice(['', '-'])} {_expression(rng)} {rng.choice(['', '-'])}}}}}")
        elif pick < 0.45 and depth < 2:
            parts.append(f"{{% if {_expression(rng)} %}}{_template(rng, depth + 1)}"
                         + rng.choice(["", f"{{% elif {_expression(rng)} %}}x"]) + rng.choice(["", "{% else %}"])
                         + f"{_template(rng, depth + 1)}{{% endif %}}")
        elif pick < 0.6 and depth < 2:
            parts.append(f"{{%- for {rng.choice(['i', 'x', 'loop', 'k, v'])} in {_expression(rng)}"
                         f"{rng.choice(['', ' if x', ' if y | f'])} -%}}"
                         f"{_template(rng, depth + 1)}{rng.choice(['', '{% else %}'])}{{% endfor %}}")
        elif pick < 0.7:
            parts.append(f"{{% set {rng.choice(['x', 'z'])} = {_expression(rng)} %}}")
        elif pick < 0.75:
            parts.append("{# note #}")
        else:
            parts.append(rng.choice(["text ", "\n", "line\n  ", "} {"]))
    return "".join(parts)


def _mutate(rng: random.Random, text: str) -> str:
    """A random cut, doubling or swap of a few characters: mostly broken templates, some still valid."""
    i, j = sorted(rng.randrange(len(text) + 1) for _ in range(2))
    return rng.choice([text[:i] + text[j:], text[:j] + text[i:j] + text[j:], text[:i] + text[i + 1:i + 2]
                       + text[i:i + 1] + text[i + 2:], text[:i] + rng.choice(["%", "}", "{{", "(", "'", ",",
                                                                                     " is ", " if "]) + text[i:]])


def test_agrees_with_jinja_on_generated_templates_valid_and_broken():
    rng = random.Random(11)
    read = refused = 0
    for n in range(2500):
        text = _template(rng)
        if n % 2:
            text = _mutate(rng, text)
        facts = quick(text)
        if facts is None:
            continue
        read += 1
        own = jinja_own(text)
        refused += own is None
        assert facts == own, text  # also fails if Jinja refuses a template the quick reader accepted
    assert read > 750, read  # about a third: half the texts are mutated, most of those broken
