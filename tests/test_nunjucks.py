"""lmgate.nunjucks renders as Nunjucks 3.2.4 (promptfoo 0.123.1's) does: every expected string below
was produced by nunjucks itself (renderString with autoescape off, promptfoo's `load` filter)."""

from __future__ import annotations

import pytest

from lmgate import nunjucks
from lmgate.errors import SandboxViolation, TemplateError

VARS = {"name": "Ada", "n": 3, "f": 1.5, "one": 1, "t": True, "nul": None, "lst": ["a", "b", 3],
        "obj": {"k": "v", "n": 2}, "nested": {"a": {"b": [1, 2]}}, "s": "  hi there  ",
        "js": '{"x": [1, 2], "y": "z"}', "empty": [], "big": 1e21, "small": 1.5e-7,
        "text": "one two three four five six seven", "q": 'say "hi" \\ now', "ml": "a\nb\n"}
MEASURED = [
    ("{{ missing }}|", "|"),
    ("{{ t }} {{ nul }} {{ lst }} {{ obj }}", "true  a,b,3 [object Object]"),
    ("{{ f }} {{ one }} {{ n / 2 }} {{ 10 / 2 }}", "1.5 1 1.5 5"),
    ("{% for k, v in obj %}{{ k }}={{ v }};{% endfor %}", "k=v;n=2;"),
    ("{% for k in obj %}{{ k }};{% endfor %}x", "x"),
    ("{% for x in lst %}{{ loop.index }}:{{ x }} {% endfor %}", "1:a 2:b 3:3 "),
    ("{{ obj | dump }}", '{"k":"v","n":2}'),
    ("{{ lst | dump(2) }}", '[\n  "a",\n  "b",\n  3\n]'),
    ("{{ (js | load).x[1] }}", "2"),
    ("{{ lst | join(', ') }}", "a, b, 3"),
    ("{{ lst | length }} {{ obj | length }} {{ name.length }}", "3 2 3"),
    ("{% if empty %}yes{% else %}no{% endif %}", "yes"),
    ("{% if n > 2 %}big{% elseif n > 1 %}mid{% else %}small{% endif %}", "big"),
    ("{{ missing | default('dflt') }} {{ nul | default('d2') }}", "dflt "),
    ("{{ name + 1 }} {{ n + 1 }}", "Ada1 4"),
    ("{{ text | truncate(10) }}", "one two..."),
    ("{{ text | title }}", "One Two Three Four Five Six Seven"),
    ("{{ 2.5 | round }} {{ 3.14159 | round(2) }}", "3 3.14"),
    ("{{ big }} {{ small }}", "1e+21 1.5e-7"),
    ("{{ q | dump }}", '"say \\"hi\\" \\\\ now"'),
    ("{{ nested.a.b }} {{ nested.a.c.d }}", "1,2 "),
    ("{{ text | wordcount }}", "7"),
    ("{{ ml }}|", "a\nb\n|"),
    ("{{ ml | nl2br }}", "a<br />\nb<br />\n"),
    ("{{ s | indent(2, true) }}", "    hi there  "),
    ("{{ name.toUpperCase() }} {{ text.split(' ').length }}", "ADA 7"),
    ("{{ '5' | int + 1 }}", "6"),
    ("{{ obj | list | length }}", "2"),
    ("{%- for i in lst -%}\n{{ i }}\n{%- endfor %}", "ab3"),
]


@pytest.mark.parametrize(("template", "expected"), MEASURED, ids=[t for t, _ in MEASURED])
def test_renders_as_nunjucks(template, expected):
    assert nunjucks.render(template, VARS) == expected


def test_join_of_a_string_fails_as_in_nunjucks():
    with pytest.raises(TemplateError, match="join filter"):
        nunjucks.render("{{ s | join(', ') }}", VARS)


def test_the_sandbox_and_its_bounds_still_apply():
    with pytest.raises(SandboxViolation):
        nunjucks.render("{{ ''.__class__.__mro__ }}", {})
    for bomb in ("{{ 'a' * 1000000000 }}", "{{ 7 ** 99999999 }}", "{{ 'x' + ('y' | indent(10000000)) }}",
                 "{% for i in range(100000) %}{% for j in range(100000) %}.{% endfor %}{% endfor %}"):
        with pytest.raises(TemplateError, match="template stopped"):
            nunjucks.render(bomb, {})


@pytest.mark.parametrize(("value", "text"), [(0.1 + 0.2, "0.30000000000000004"), (-0.0, "0"), (123e-20, "1.23e-18"),
                                             (1e300, "1e+300"), (2.5e-6, "0.0000025"), (float("nan"), "NaN"),
                                             (float("-inf"), "-Infinity"), (123456789.125, "123456789.125")])
def test_numbers_print_as_javascript_prints_them(value, text):
    assert nunjucks.js_number_string(value) == text


def test_variables_are_prepared_as_promptfoo_prepares_them():
    prepared = nunjucks.prepare_variables({"a": "x\n", "b": "hello {{ a }}", "c": "{{ c | upper }}", "d": 1},
                                          render_values=True)
    assert prepared == {"a": "x", "b": "hello x", "c": "{{ C | UPPER }}", "d": 1}  # rendered once, with itself
    assert nunjucks.prepare_variables({"b": "{{ missing }}"}, render_values=True) == {"b": "{{ missing }}"}


def test_a_json_chat_is_rendered_message_by_message_and_a_template_whole():
    messages = [("system", "Be {{ tone }}"), ("user", "{{ q }}")]
    assert nunjucks.render_chat(messages, {"tone": 'a "calm" one', "q": "line\nbreak"}, whole=False) == [
        {"role": "system", "content": 'Be a "calm" one'}, {"role": "user", "content": "line\nbreak"}]
    loop = ('[{% for m in turns %}{"role": "user", "content": {{ m | dump }}}'
            '{% if not loop.last %},{% endif %}{% endfor %}]')
    assert nunjucks.render_chat([("user", loop)], {"turns": ["a", 'b"c']}, whole=True) == [
        {"role": "user", "content": "a"}, {"role": "user", "content": 'b"c'}]
    assert nunjucks.render_chat([("user", "- role: user\n  content: {{ q }}")], {"q": "hi"}, whole=True) == [
        {"role": "user", "content": "hi"}]
    assert nunjucks.render_chat([("user", "Plain {{ q }}  ")], {"q": "text"}, whole=True) == [
        {"role": "user", "content": "Plain text  "}]
    with pytest.raises(TemplateError, match="broken JSON"):
        nunjucks.render_chat([("user", '[{"role": "user", "content": "{{ q }}"}]')], {"q": 'a"b'}, whole=True)
