"""Template bombs that no single operation gives away (beside `test_templates.py`'s): a value built of
shared parts (each part small, the whole 10^12 elements to print, compare, join or sum), a macro
calling itself twice per level (2^n calls, not one loop), and a format width passed as an argument
(`"{0:{1}}".format(1, 999999999)`). Each stops with a TemplateError, in a child process with a timeout
so that a regression fails instead of hanging the suite."""

from __future__ import annotations

import pytest
from template_child import render_in_child

from lmgate.templating import render

BIG = "{% set a = [0] * 2000000 %}"
BOMBS = {
    "shared parts printed": (BIG + "{% set b = [a] * 2000000 %}{{ b }}", "nested parts counted"),
    "shared parts compared": (BIG + "{% set b = [a] * 2000000 %}{{ b|max|length }}", "nested parts counted"),
    "shared parts joined": (BIG + "{% set b = [a] * 2000000 %}{{ b|join|length }}", "nested parts counted"),
    "shared parts in a literal": ("{% set a = [0] * 1000000 %}{% set b = [a, a, a, a, a, a, a, a, a] %}{{ b }}",
                                  "nested parts counted"),
    "shared strings": ('{% set s = "x" * 2000000 %}{{ ([s] * 2000000)|map("upper")|list|length }}',
                       "nested parts counted"),
    "doubling in a namespace": ("{% set ns = namespace(x=[1]) %}{% for i in range(64) %}"
                                "{% set ns.x = [ns.x, ns.x] %}{% endfor %}{{ ns.x }}", "nested parts counted"),
    "a namespace repeated": ("{% set ns = namespace(x=[0] * 1000000) %}{{ [ns] * 100 }}", "nested parts counted"),
    "dict of shared parts": ("{% set d = dict(a=[0] * 1000000) %}"
                             "{{ dict(a=d, b=d, c=d, d=d, e=d, f=d, g=d, h=d, i=d)|length }}", "nested parts counted"),
    "quadratic sum": ("{{ ([[0]] * 1500000)|sum(start=[])|length }}", ""),
    "batch filling": ("{% set a = [0] * 1000000 %}{{ [1]|batch(1000, fill_with=a)|list|length }}",
                      "nested parts counted"),
    "macro breadth": ("{% macro f(n) %}{% if n %}{{ f(n-1) }}{{ f(n-1) }}{% endif %}{% endmacro %}{{ f(40) }}",
                      "loops more than 1,000,000 times"),
    "caller breadth": ("{% macro f(n) %}{% if n %}{{ caller(n-1) }}{{ caller(n-1) }}{% endif %}{% endmacro %}"
                       "{% macro g(n) %}{% call(m) f(n) %}{{ g(m) }}{% endcall %}{% endmacro %}{{ g(40) }}",
                       "loops more than 1,000,000 times"),
    "nested format width": ('{{ "{0:{1}}".format(1, 999999999)|length }}', "a format width of 999999999"),
    "nested format width by name": ('{{ "{:{w}}".format(1, w="999999999")|length }}', "a format width"),
    "nested format_map width": ('{{ "{x:>{w}}".format_map({"x": 1, "w": 999999999})|length }}', "a format width"),
    "nested precision": ('{{ "{0:.{1}f}".format(1.5, 999999999)|length }}', "a format width"),
    "nested width in a loop": ('{% for i in range(100000) %}{{ "{0:{1}}".format(1, 900000000)|length }}{% endfor %}',
                               "a format width"),
}


@pytest.fixture(scope="module")
def outcomes() -> dict[str, str]:
    return render_in_child({name: source for name, (source, _) in BOMBS.items()}, timeout=120)


@pytest.mark.parametrize("name", BOMBS)
def test_a_bomb_of_shared_parts_calls_or_argument_widths_is_stopped(outcomes, name):
    said = BOMBS[name][1]
    if not said:  # bounded work: it may render (in linear time) or stop, but not hang
        assert outcomes[name].startswith(("rendered", "TemplateError")), outcomes[name]
        return
    assert outcomes[name].startswith("TemplateError: template stopped: "), outcomes[name]
    assert said in outcomes[name], outcomes[name]


def test_ordinary_lists_dicts_macros_and_formats_still_render():
    source = ('{% macro row(x) %}[{{ x }}]{% endmacro %}{% for a, b in [(1, 2), (3, 4)] %}{{ row(a ~ b) }}{% endfor %}'
              '|{{ {"k": [1, 2]}|dictsort }}|{{ [[1], [2]]|sum(start=[]) }}|{{ [1, 2]|sum }}'
              '|{{ "{0:>{1}}".format("x", 3) }}|{{ ([1, 2] * 2)|batch(3, fill_with=0)|list }}|{{ q.split() }}')
    out = render(source, {"q": "a b"})
    assert out == ("[12][34]|[('k', [1, 2])]|[1, 2]|3|  x|[[1, 2, 1], [2, 0, 0]]|['a', 'b']")
