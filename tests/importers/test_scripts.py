"""promptfoo's python and javascript assertions as lmgate runs them: JavaScript translated exactly, results
read as promptfoo reads them."""

from __future__ import annotations

import math

import pytest

from lmgate.importers import javascript as js
from lmgate.importers.javascript import javascript_assertion
from lmgate.importers.promptfoo_runtime import normalize, python_assertion

ITEM = {"__id": "t0", "label": "pos", "n": 2, "__assert": {}}


def run_js(code: str, output: str, **kw):
    expression = js.translate(code)
    namespace = {name: getattr(js, name) for name in js.__all__}
    evaluate = eval(f"lambda output, context: {expression}", namespace)
    return javascript_assertion(output, ITEM, evaluate, **kw)


@pytest.mark.parametrize(("code", "output", "passed", "score"), [
    ("output.length > 3", "abcd", True, 1.0),
    ("output.length > 3", "a😀b", True, 1.0),  # an astral character is two UTF-16 units: length 4
    ("output.includes('x') && output.startsWith('a')", "ax", True, 1.0),
    ("output.toLowerCase().includes('hello') || output.endsWith('!')", "HELLO", True, 1.0),
    ("JSON.parse(output).label === context.vars.label", '{"label": "pos"}', True, 1.0),
    ("JSON.parse(output).score", '{"score": 0.25}', True, 0.25),
    ("JSON.parse(output).score", '{"score": 0}', False, 0.0),
    ("output.split(' ').length >= 3 ? 1 : 0", "a b c", True, 1.0),
    ("typeof JSON.parse(output).missing === 'undefined'", "{}", True, 1.0),
    ("Number(output) + 1 === 3", "2", True, 1.0),
    ("output + 1 === '21'", "2", True, 1.0),
    ("output.trim() !== ''", "   ", False, 0.0),
    ("!output", "", True, 1.0),
])
def test_translated_javascript_keeps_javascript_meaning(code, output, passed, score):
    result = run_js(code, output)
    assert (result["pass"], result["score"]) == (passed, score), result


def test_javascript_numbers_use_the_threshold_and_inverse_flips_the_verdict():
    assert run_js("JSON.parse(output).s", '{"s": 0.4}', threshold=0.5)["pass"] is False
    assert run_js("output.length > 1", "abc", inverse=True)["pass"] is False


def test_javascript_errors_and_non_results_fail_the_assertion():
    assert run_js("JSON.parse(output).a", "not json")["pass"] is False
    assert run_js("output.nothing.more", "x")["reason"].startswith("Custom function threw error")
    assert "must return a boolean, number" in run_js("output", "text")["reason"]


@pytest.mark.parametrize("code", ["const n = output.length; n > 3", "output.match(/x/)", "output == 'a'",
                                  "output.map(x => x)", "a\nb", "eval('1')"])
def test_what_cannot_be_translated_exactly_is_refused(code):
    with pytest.raises(js.JavascriptNotTranslatable):
        js.translate(code)


@pytest.mark.parametrize(("result", "threshold", "inverse", "passed", "score"), [
    (True, None, False, True, 1.0), (False, None, True, True, 1.0), (0.3, None, False, True, 0.3),
    (0, None, False, False, 0.0), (-1, -2, False, True, -1.0), (0.4, 0.5, False, False, 0.4),
    ("true", None, False, True, 1.0), ("0.7", None, False, True, 0.7), ('{"pass": false, "score": 0.9}', None, False,
                                                                         False, 0.9),
    ({"pass_": True, "score": 0.2}, 0.5, False, False, 0.2), ({"pass": True, "score": 1}, None, True, False, 1.0),
])
def test_script_results_are_read_as_promptfoo_reads_them(result, threshold, inverse, passed, score):
    got = normalize(result, threshold, inverse)
    assert (got["pass"], got["score"]) == (passed, score)


def test_python_assertions_inline_multiline_and_from_files(tmp_path):
    assert python_assertion("abc", ITEM, code="len(output) == 3 and context['vars']['n'] == 2")["pass"] is True
    body = ("words = output.split()\nif len(words) < 2:\n"
            "    return {'pass': False, 'score': 0.1, 'reason': 'short'}\nreturn 1")
    assert python_assertion("one", ITEM, code=body) == {"score": 0.1, "pass": False, "reason": "short"}
    (tmp_path / "grade.py").write_text("def get_assert(output, context):\n    return len(output) / 10\n")
    assert python_assertion("abcde", ITEM, file=str(tmp_path / "grade.py"))["score"] == 0.5
    failed = python_assertion("x", ITEM, code="1 / 0")
    assert failed["pass"] is False and "ZeroDivisionError" in failed["reason"]
    assert math.isclose(python_assertion("x", ITEM, code="0.5", threshold=0.6)["score"], 0.5)
