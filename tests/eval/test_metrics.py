"""Every metric's behaviour, negation, templated options and option validation messages."""

from __future__ import annotations

import importlib.util
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lmgate.errors import ConfigError, InputError, Location
from lmgate.eval.metrics import build_metric, build_metrics, catalog, check_metrics, describe, registry
from lmgate.eval.metrics.base import ScoringContext
from lmgate.yamlfile import load_yaml

# (spec, output, item, score, passed): the metric's documented PASS/FAIL examples and edge cases
CASES = [
    ("exact_match", "The Eiffel Tower.", {"expected": "eiffel tower"}, 1.0, True),
    ("exact_match", "Paris", {"expected": "Lyon"}, 0.0, False),
    ("exact_match", "an apple", {"expected": ["a pear", "Apple!"]}, 1.0, True),
    ({"exact_match": {"squad": False}}, "The Eiffel Tower.", {"expected": "eiffel tower"}, 0.0, False),
    ({"exact_match": {"squad": False, "ignore_case": True, "ignore_punctuation": True}},
     "Eiffel Tower.", {"expected": "eiffel tower"}, 1.0, True),
    ({"exact_match": {"squad": False, "regexes_to_ignore": [r"^Answer:\s*"]}}, "Answer: 42", {"expected": "42"},
     1.0, True),
    ({"exact_match": {"field": "answer"}}, "4", {"answer": 4}, 1.0, True),
    ("f1", "the cat sat", {"expected": "a cat sat down"}, 0.8, None),
    ("f1", "nothing shared", {"expected": "cat"}, 0.0, None),
    ("equals", "42\n", {"expected": "42"}, 1.0, True),
    ("equals", "42.", {"expected": "42"}, 0.0, False),
    ({"equals": {"ignore_case": True, "value": "YES"}}, "yes", {}, 1.0, True),
    ({"contains": {"value": "Paris"}}, "Paris is the capital", {}, 1.0, True),
    ({"contains": {"value": "paris"}}, "Paris is the capital", {}, 0.0, False),
    ({"icontains": {"value": "paris"}}, "PARIS is the capital", {}, 1.0, True),
    ({"contains_all": {"value": ["red", "blue"]}}, "red, green, blue", {}, 1.0, True),
    ({"contains_all": {"value": ["red", "pink"]}}, "red, green, blue", {}, 0.0, False),
    ({"contains_any": {"value": ["pink", "green"]}}, "red, green, blue", {}, 1.0, True),
    ({"contains_any": {"value": ["pink", "teal"]}}, "red, green, blue", {}, 0.0, False),
    ({"starts_with": {"value": "Yes"}}, "  Yes, because", {}, 1.0, True),
    ({"starts_with": {"value": "Yes"}}, "No. Yes.", {}, 0.0, False),
    ({"regex": {"pattern": r"#\d{4}"}}, "Order #1234 shipped", {}, 1.0, True),
    ({"regex": {"pattern": r"\d+", "full": True}}, "12a", {}, 0.0, False),
    ({"regex": {"pattern": "^yes$", "flags": "im"}}, "no\nYES", {}, 1.0, True),
    ("is_json", '{"a": 1}', {}, 1.0, True),
    ("is_json", "```json\n[1, 2]\n```", {}, 1.0, True),
    ("is_json", "{a: 1}", {}, 0.0, False),
    ({"is_json": {"type": "object"}}, "[1]", {}, 0.0, False),
    ({"levenshtein": {"value": "sitting"}}, "kitten", {}, 1 - 3 / 7, False),
    ({"levenshtein": {"value": "hello world", "threshold": 0.9}}, "hello world!", {}, 1 - 1 / 12, True),
    ("levenshtein", "", {"expected": ""}, 1.0, True),
    ({"levenshtein": {"value": "lawn"}}, "flaw", {}, 0.5, False),
    ({"levenshtein": {"value": "execution"}}, "intention", {}, 1 - 5 / 9, False),
    ({"levenshtein": {"value": "naive"}}, "na\u00efve", {}, 0.8, True),  # code points: ï is one edit
    ({"levenshtein": {"value": "ok"}}, "\U0001f44d ok", {}, 0.5, False),  # an emoji is one character
    ({"levenshtein": {"value": "STRASSE", "ignore_case": True}}, "Stra\u00dfe", {}, 1.0, True),  # casefold: ß = ss
    ({"levenshtein": {"value": "a" * 2700}}, "a" * 3000, {}, 0.9, True),
    ({"levenshtein": {"value": "b" * 3000}}, "a" * 3000, {}, 0.0, False),
    ("levenshtein", "kitten", {"expected": ["mitten", "sitting"]}, 1 - 1 / 6, True),
    ({"rouge": {"variant": "rouge1"}}, "the cat sat on the mat", {"expected": "the cat lay on the mat"}, 5 / 6, True),
    ({"rouge": {"variant": "rouge2"}}, "the cat sat on the mat", {"expected": "the cat lay on the mat"}, 3 / 5, True),
    ({"rouge": {"variant": "rougeL", "stem": True}}, "running dogs", {"expected": "the dog runs"}, 0.4, False),
    ("bleu", "The cat sat on the mat.", {"expected": "The cat sat on the mat."}, 1.0, True),
    ("chrf", "colour", {"expected": "colour"}, 1.0, True),
]


@pytest.mark.parametrize(("spec", "output", "item", "score", "passed"), CASES)
def test_metric_cases(spec, output, item, score, passed):
    result = build_metric(spec).score(output, item, ScoringContext())
    assert result.score == pytest.approx(score, abs=1e-9)
    assert result.passed is passed


def textbook_levenshtein(a: str, b: str) -> int:
    """Wagner–Fischer, the definition the metric's scores have always followed."""
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


@settings(max_examples=300, deadline=None, database=None)
@given(st.text(alphabet="abcAB\u00e9\U0001f600 ", max_size=25), st.text(alphabet="abcAB\u00e9\U0001f600 ", max_size=25))
def test_levenshtein_scores_as_the_textbook_distance(output, expected):
    longest = max(len(output), len(expected))
    want = 1.0 if longest == 0 else 1 - textbook_levenshtein(output, expected) / longest
    assert build_metric("levenshtein").score(output, {"expected": expected}).score == pytest.approx(want, abs=1e-12)


def test_every_registered_metric_declares_the_contract():
    assert set(registry().names()) >= {"exact_match", "f1", "rouge", "bleu", "chrf", "llm_rubric", "python", "cost"}
    for name in registry():
        module = registry().get(name)
        assert module.KIND in ("pass_fail", "score", "corpus"), name
        assert isinstance(module.HIGHER_IS_BETTER, bool) and isinstance(module.CONF, dict), name
        assert module.__doc__ and module.__doc__.startswith(f"{name}:"), f"{name}: the docstring is the user doc"
        assert re.search(r"^(PASS|FAIL|Score):", module.__doc__, re.M), f"{name}: docs/metrics.md shows an example"
        if module.KIND == "corpus":
            assert callable(module.aggregate), name


def test_negation_flips_pass_and_score():
    plain, negated = build_metrics([{"contains": {"value": "sorry"}}, {"not_contains": {"value": "sorry"}}])
    assert negated.name == "not_contains" and negated.kind == "pass_fail" and negated.higher_is_better
    for output in ("I am sorry, I cannot", "Here it is"):
        a, b = plain.score(output, {}), negated.score(output, {})
        assert b.passed is (not a.passed) and b.score == 1.0 - a.score
    rouge = build_metric({"not_rouge": {"variant": "rouge1"}})
    assert rouge.score("a b c d", {"expected": "a b x y"}).score == pytest.approx(0.5)


def test_options_are_templates_rendered_per_item():
    metric = build_metric({"contains": {"value": "{{ city }}"}})
    assert metric.score("It is Paris.", {"city": "Paris"}).passed is True
    assert metric.score("It is Paris.", {"city": "Rome"}).passed is False
    # the engine's variables (item plus suite vars) win over the raw item
    ctx = ScoringContext(item_vars={"city": "Rome"})
    assert metric.score("It is Rome.", {"city": "Paris"}, ctx).passed is True
    listed = build_metric({"contains_all": {"value": ["{{ a }}", "{{ b }}"]}})
    assert listed.score("x and y", {"a": "x", "b": "y"}).passed is True


def test_environment_references_in_options_resolve_from_the_given_env():
    metric = build_metric({"contains": {"value": "${BRAND}"}}, env={"BRAND": "Acme"})
    assert metric.score("Acme rocks", {}).passed is True
    with pytest.raises(ConfigError, match="environment variable BRAND is not set"):
        build_metric({"contains": {"value": "${BRAND}"}})


def test_missing_reference_field_is_an_input_error_with_a_fix():
    with pytest.raises(InputError) as info:
        build_metric("exact_match").score("x", {"question": "?"})
    assert "'expected'" in info.value.message and "value" in info.value.fix


@pytest.mark.parametrize(("spec", "message", "fix"), [
    ("exact_mach", "unknown metric 'exact_mach'", "did you mean 'exact_match'?"),
    ("not_exact_mach", "unknown metric 'not_exact_mach'",
     "did you mean 'not_exact_match'? available: all_of, bleu, chrf"),
    ({"rouge": {"varient": "rouge1"}}, "invalid config: option 'varient' of metric 'rouge' unknown key",
     "did you mean 'variant'?"),
    ({"rouge": {"variant": "rouge3"}}, "option 'variant' of metric 'rouge' 'rouge3' is not allowed",
     "rouge1, rouge2, rougeL"),
    ({"latency": {"max": "fast"}}, "option 'max' of metric 'latency' should be a number, got the string 'fast'",
     "seconds"),
    ("latency", "invalid config: metric 'latency': missing required key 'max'", "seconds"),
    ({"regex": {"pattern": "(unclosed"}}, "option 'pattern' of metric 'regex' pattern '(unclosed' cannot run on RE2",
     "RE2 regular expression"),
    ({"exact_match": {"regexes_to_ignore": ["(?<=x)y"]}}, "option 'regexes_to_ignore[0]' of metric 'exact_match'",
     "an RE2 regular expression"),
    ({"contains": "Paris"}, "options of metric 'contains' should be a mapping", "{contains: {option: value}}"),
    ({"a": {}, "b": {}}, "exactly one name", None),
    ("not_tokens", "cannot be negated", "`max`"),
    ({"json_schema": {"schema": {"properties": {"age": {"type": "int"}}}}},
     "option 'schema' of metric 'json_schema' schema.properties.age: unknown type 'int'", None),
])
def test_option_errors_have_one_message_form(spec, message, fix):
    where = Location("lmgate.yaml", 12, 7)
    with pytest.raises(ConfigError) as info:
        build_metrics([spec], where=where)
    assert message in info.value.message
    assert info.value.where == where
    if fix:
        assert fix in (info.value.fix or "")


def test_json_schema_reasons_name_the_json_path():
    schema = {"type": "object", "required": ["name", "age"], "additionalProperties": False,
              "properties": {"name": {"type": "string", "minLength": 1},
                             "age": {"type": "integer", "minimum": 0},
                             "tags": {"type": "array", "items": {"enum": ["a", "b"]}, "maxItems": 2}}}
    metric = build_metric({"json_schema": {"schema": schema}})
    assert metric.score('{"name": "Ada", "age": 36, "tags": ["a"]}', {}).passed is True
    bad = metric.score('{"name": "", "age": -1, "tags": ["c"], "x": 1}', {})
    assert bad.passed is False
    assert "$.name: '' should be non-empty" in bad.reason and "$.age: -1 is less than the minimum of 0" in bad.reason
    assert "additional properties are not allowed ('x' unexpected)" in bad.reason
    assert "not JSON" in metric.score("Sure! {", {}).reason
    missing = metric.score('{"name": "Ada"}', {})
    assert "$: 'age' is a required property" in missing.reason


def test_latency_tokens_and_cost_read_the_context():
    ctx = ScoringContext(latency_s=0.8, prompt_tokens=1000, completion_tokens=500, model="gpt-4o-mini-2024-07-18")
    assert build_metric({"latency": {"max": 2}}).score("", {}, ctx).passed is True
    slow = build_metric({"latency": {"max": 0.5}}).score("", {}, ctx)
    assert slow.passed is False and "0.800 s" in slow.reason
    assert build_metric({"latency": {"max": 1}}).score("", {}, ScoringContext()).passed is False
    tokens = build_metric({"tokens": {"max": 1200}})
    assert tokens.higher_is_better is False
    assert tokens.score("", {}, ctx).score == 1500 and tokens.score("", {}, ctx).passed is False
    assert build_metric({"tokens": {"count": "completion"}}).score("", {}, ctx).passed is None
    cost = build_metric("cost").score("", {}, ctx)  # longest prefix: gpt-4o-mini, not gpt-4o
    assert cost.score == pytest.approx((1000 * 0.15 + 500 * 0.6) / 1e6)
    custom = build_metric({"cost": {"prices": {"my-model": {"input": 1, "output": 2}}, "model": "my-model",
                                    "max": 0.001}}).score("", {}, ctx)
    assert custom.score == pytest.approx(0.002) and custom.passed is False
    with pytest.raises(InputError) as info:
        build_metric("cost").score("", {}, ScoringContext(prompt_tokens=1, completion_tokens=1, model="mystery"))
    assert "no price for model 'mystery'" in info.value.message and "prices" in info.value.fix


def test_corpus_bleu_is_not_the_mean_of_sentence_scores():
    metric = build_metric("bleu")
    assert metric.kind == "corpus"
    outputs = ["the cat sat on the mat", "a dog"]
    items = [{"expected": "the cat sat on the mat"}, {"expected": "a big dog barked loudly"}]
    corpus = metric.aggregate(outputs, items)
    mean = sum(metric.score(o, i).score for o, i in zip(outputs, items, strict=True)) / 2
    assert 0 < corpus < 1 and corpus != pytest.approx(mean)
    assert build_metric("not_bleu").aggregate(outputs, items) == pytest.approx(1 - corpus)
    assert build_metric("f1").aggregate(outputs, items) == pytest.approx(
        sum(build_metric("f1").score(o, i).score for o, i in zip(outputs, items, strict=True)) / 2)


# JSON Schema (draft 2020-12) compares by JSON value: true is not 1, 1.0 is an integer, key order
# does not matter. Each row is a verdict the spec requires and lmgate's old hand-made validator
# (jsonschema_lite) got wrong; a schema the spec calls invalid is refused when the config loads.
SPEC_CASES = [
    ({"enum": [1, "x"]}, "true", False),                      # a boolean is not the number 1
    ({"enum": [0]}, "false", False),
    ({"const": 0}, "false", False),
    ({"const": False}, "0", False),
    ({"const": {"a": [0]}}, '{"a": [false]}', False),          # not inside containers either
    ({"type": "integer"}, "1.0", True),                       # 1.0 is an integer (its value is whole)
    ({"type": "integer", "minimum": 0}, "2e3", True),
    ({"uniqueItems": True}, "[1, 1.0]", False),               # 1 and 1.0 are the same number
    ({"uniqueItems": True}, '[{"a": 1, "b": 2}, {"b": 2, "a": 1}]', False),  # key order is not identity
    ({"uniqueItems": True}, "[1, true]", True),
    ({"$defs": {"a/b": {"type": "string"}}, "$ref": "#/$defs/a~1b"}, "7", False),  # JSON Pointer escapes
    ({"$defs": {"s": {"$anchor": "str", "type": "string"}}, "$ref": "#str"}, '"x"', True),  # anchors
    ({"multipleOf": 0.5}, "1.25", False),                     # keywords the old subset refused outright
    ({"if": {"type": "string"}, "then": {"minLength": 2}}, '"a"', False),
    ({"dependentRequired": {"card": ["cvv"]}}, '{"card": 1}', False),
    ({"contains": {"const": 3}, "minContains": 2}, "[3, 1, 3]", True),
    ({"patternProperties": {"^x-": {"type": "integer"}}, "additionalProperties": False}, '{"x-a": 1, "y": 2}', False),
]


@pytest.mark.parametrize(("schema", "output", "passed"), SPEC_CASES, ids=lambda v: json.dumps(v)[:40])
def test_json_schema_follows_the_spec(schema, output, passed):
    import jsonschema

    assert jsonschema.Draft202012Validator(schema).is_valid(json.loads(output)) is passed  # the reference agrees
    result = build_metric({"json_schema": {"schema": schema}}).score(output, {})
    assert result.passed is passed, result.reason


@pytest.mark.parametrize(("schema", "message"), [
    ({"required": "name"}, "schema.required: 'name' is not of type 'array'"),   # the old one required n, a, m, e
    ({"enum": "abc"}, "schema.enum: 'abc' is not of type 'array'"),             # ... and matched substrings
    ({"minLength": -1}, "schema.minLength: -1 is less than the minimum of 0"),
    ({"properties": {"age": {"type": "int"}}}, "schema.properties.age: unknown type 'int'"),
    ({"requird": ["a"]}, "unknown keyword 'requird'"),
    ({"$ref": "https://example.com/s.json"}, "not a local reference"),
    ({"$ref": "#/$defs/missing"}, "cannot be resolved"),
    ({"$schema": "http://json-schema.org/draft-07/schema#"}, "draft 2020-12"),
])
def test_json_schema_refuses_invalid_schemas_when_the_config_loads(schema, message):
    with pytest.raises(ConfigError) as info:
        build_metrics([{"json_schema": {"schema": schema}}], where=Location("lmgate.yaml", 3, 5))
    assert message in info.value.message and info.value.where == Location("lmgate.yaml", 3, 5)


CONFIG = """suites:
  - name: s
    metrics:
      - exact_mach
      - regex: {pattern: "(a)\\\\1"}
      - contains:
          valeu: x
      - f1
      - not_contians: {value: sorry}
      - {contains: {value: Paris}}
      - {contains: {value: France}}
"""


def test_check_metrics_reports_every_problem_at_its_line():
    doc = load_yaml(CONFIG, "lmgate.yaml")
    specs = doc.data["suites"][0]["metrics"]
    problems = check_metrics(specs, locate=lambda path: doc.where(("suites", 0, "metrics", *path)))
    found = [(str(p.where), p.message, p.fix) for p in problems]
    assert [where for where, _, _ in found] == ["lmgate.yaml:4:9", "lmgate.yaml:5:17", "lmgate.yaml:7:11",
                                                "lmgate.yaml:9:9", "lmgate.yaml:11:9"]
    assert "unknown metric 'exact_mach'" in found[0][1] and "did you mean 'exact_match'?" in found[0][2]
    assert "backreferences" in found[1][1] + found[1][2]
    assert "unknown key 'valeu'" in found[2][1] and "did you mean 'value'?" in found[2][2]
    assert "did you mean 'not_contains'?" in found[3][2]
    assert "listed twice" in found[4][1] and "(entries 6 and 7)" in found[4][1]
    with pytest.raises(ConfigError) as info:  # build_metrics raises the first of them
        build_metrics(specs, locate=lambda path: doc.where(("suites", 0, "metrics", *path)))
    assert info.value.message == problems[0].message


def test_checking_calls_no_model_and_runs_no_user_code(tmp_path):
    # the module and the judge provider do not exist: only scoring would need them
    specs = [{"python": {"function": "nowhere.grading:check"}}, {"llm_rubric": {"rubric": "polite", "provider": "x"}}]
    assert check_metrics(specs) == []


def test_catalog_describes_every_metric_from_its_module():
    infos = {info.name: info for info in catalog()}
    assert set(infos) == set(registry().names())
    rouge = describe("not_rouge")  # a negation describes the metric it negates
    assert rouge.name == "rouge" and rouge.kind == "score" and rouge.higher_is_better and rouge.negatable
    assert rouge.options["variant"].default == "rougeL" and rouge.options["variant"].choices == (
        "rouge1", "rouge2", "rougeL")
    assert rouge.summary.startswith("ROUGE-1/2/L F-measure")
    assert infos["llm_rubric"].needs_judge and not infos["tokens"].negatable and infos["bleu"].kind == "corpus"
    with pytest.raises(ConfigError, match="unknown metric 'rogue'") as info:
        describe("rogue")
    assert "did you mean 'rouge'?" in info.value.fix


ROOT = Path(__file__).resolve().parents[2]


def test_metrics_doc_is_current():
    spec = importlib.util.spec_from_file_location("gen_metrics_doc", ROOT / "scripts" / "gen_metrics_doc.py")
    generator = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generator)
    text = (ROOT / "docs" / "metrics.md").read_text(encoding="utf-8")
    assert text == generator.render(), "docs/metrics.md is stale: run `python scripts/gen_metrics_doc.py`"
    for info in catalog():  # every metric and each of its options is on the page
        assert f"## `{info.name}`" in text and all(f"| `{o}` |" in text for o in info.options), info.name


def test_metrics_doc_check_mode_fails_on_a_stale_page(tmp_path):
    script = tmp_path / "scripts" / "gen_metrics_doc.py"
    script.parent.mkdir()
    script.write_text((ROOT / "scripts" / "gen_metrics_doc.py").read_text())
    (tmp_path / "src").symlink_to(ROOT / "src")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "metrics.md").write_text("# Metrics\n\nhand-edited\n")
    stale = subprocess.run([sys.executable, str(script), "--check"], capture_output=True, text=True)
    assert stale.returncode == 1 and "docs/metrics.md is stale" in stale.stderr
    assert subprocess.run([sys.executable, str(script)]).returncode == 0
    assert subprocess.run([sys.executable, str(script), "--check"]).returncode == 0
    assert (tmp_path / "docs" / "metrics.md").read_text() == (ROOT / "docs" / "metrics.md").read_text()
