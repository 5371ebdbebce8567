"""Metric options come from pull requests and model output is untrusted: neither can stall a job.

Each test below runs for minutes or more (or crashes) on the code it guards against: Python's
backtracking `re` for user patterns, jsonschema's pairwise `uniqueItems`, unbounded recursion.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from lmgate.errors import ConfigError, Location
from lmgate.eval.metrics import build_metric, build_metrics
from lmgate.eval.metrics.base import ScoringContext
from lmgate.eval.providers.base import Completion

CATASTROPHIC = "(a|aa)*c"
LONG = "a" * 50_000


@pytest.mark.parametrize(("schema", "passed"), [
    ({"type": "string", "pattern": CATASTROPHIC}, False),
    ({"type": "object", "patternProperties": {CATASTROPHIC: {"type": "string"}}}, True),  # no key matches
    ({"type": "object", "patternProperties": {CATASTROPHIC: {}}, "additionalProperties": {"type": "integer"}},
     False),  # `k` is not matched by the pattern, so it is additional, and not an integer
    ({"type": "object", "properties": {"k": {"type": "array", "items": {"pattern": CATASTROPHIC}}}}, False),
])
def test_json_schema_patterns_run_in_linear_time(schema, passed):
    metric = build_metric({"json_schema": {"schema": schema}})
    output = json.dumps(LONG if schema.get("type") == "string" else {LONG: 1, "k": [LONG]})
    assert metric.score(output, {}).passed is passed


def test_json_schema_pattern_re2_cannot_run_is_a_config_error_with_the_place():
    where = Location("lmgate.yaml", 14, 9)
    with pytest.raises(ConfigError) as info:
        build_metrics([{"json_schema": {"schema": {"properties": {"id": {"pattern": r"(\d)\1"}}}}}], where=where)
    text = info.value.render()
    assert text.startswith("lmgate.yaml:14:9") and "schema.properties.id" in text and "backreferences" in text


def test_json_schema_refuses_the_pair_the_library_would_match_with_re():
    with pytest.raises(ConfigError, match="unevaluatedProperties beside patternProperties"):
        build_metric({"json_schema": {"schema": {"patternProperties": {"^x": {}}, "unevaluatedProperties": False}}})


def test_a_schema_nested_too_deeply_is_a_config_error_not_a_crash():
    schema: dict = {}
    for _ in range(5_000):
        schema = {"items": schema}
    with pytest.raises(ConfigError, match="nested too deeply"):
        build_metric({"json_schema": {"schema": schema}})


def test_unique_items_on_a_long_answer_is_linear():
    # jsonschema compares every pair of objects: 20,000 distinct objects are 2e8 comparisons
    metric = build_metric({"json_schema": {"schema": {"type": "array", "uniqueItems": True}}})
    distinct = json.dumps([{"n": i} for i in range(20_000)])
    assert metric.score(distinct, {}).passed is True
    repeated = json.dumps([{"n": i} for i in range(20_000)] + [{"n": 5}])
    result = metric.score(repeated, {})
    assert result.passed is False and "non-unique" in result.reason


@pytest.mark.parametrize("name", ["is_json", "json_schema"])
def test_deeply_nested_answers_fail_the_item_instead_of_crashing(name):
    spec = {name: {"schema": {"items": {"$ref": "#"}}}} if name == "json_schema" else name
    metric = build_metric(spec)
    result = metric.score("[" * 100_000 + "]" * 100_000, {})
    assert result.passed is False and "nested too deeply" in result.reason
    if name == "json_schema":  # deep enough for the validator's recursion, not for json.loads
        result = metric.score("[" * 900 + "]" * 900, {})
        assert result.passed is False and "nested too deeply" in result.reason


@pytest.mark.parametrize(("options", "output", "passed"), [
    ({"pattern": CATASTROPHIC}, LONG, False),
    ({"pattern": CATASTROPHIC}, LONG + "c", True),
    ({"pattern": "(a+)+$", "full": True}, LONG + "!", False),
    ({"pattern": r"(\w+\s?)*!", "flags": "i"}, "A" * 50_000 + "!", True),
])
def test_regex_metric_runs_in_linear_time(options, output, passed):
    assert build_metric({"regex": options}).score(output, {}).passed is passed


def test_regexes_to_ignore_run_in_linear_time():
    metric = build_metric({"exact_match": {"squad": False, "regexes_to_ignore": [CATASTROPHIC]}})
    assert metric.score(LONG + "c", {"expected": ""}).passed is True  # the whole answer is one match


def test_a_backreference_in_the_regex_metric_is_a_config_error_at_its_line(tmp_path):
    (tmp_path / "p.j2").write_text("{{ q }}\n")
    (tmp_path / "d.jsonl").write_text('{"id": "a", "q": "aa"}\n')
    (tmp_path / "lmgate.yaml").write_text("""version: 1
providers: {app: {type: echo}}
prompts: {p: p.j2}
datasets: {d: d.jsonl}
suites:
  - name: s
    prompt: p
    dataset: d
    provider: app
    metrics:
      - regex: {pattern: '(a)\\1'}
""")
    out = subprocess.run([sys.executable, "-m", "lmgate", "eval", "--no-cache"], cwd=tmp_path,
                         capture_output=True, text=True)
    assert out.returncode == 2, out.stderr
    assert "lmgate.yaml:11" in out.stderr and "backreferences" in out.stderr and "Traceback" not in out.stderr
    assert not (tmp_path / ".lmgate" / "results" / "eval.json").exists()


def test_a_fenced_answer_of_whitespace_is_read_in_linear_time():
    # the old fence pattern `(.*?)\n?\s*```$` backtracked quadratically: 8,000 spaces took 0.25 s
    metric = build_metric("is_json")
    assert metric.score("```json\n" + " " * 1_000_000, {}).passed is False
    assert metric.score("```json\n" + " " * 1_000_000 + "[1]\n```", {}).passed is True


class Judge:
    def __init__(self, reply: str) -> None:
        self.reply = reply

    def complete(self, messages, *, sample=0):
        return Completion(text=self.reply)


@pytest.mark.parametrize("reply", ["{" * 200_000, "{" * 200_000 + "}", '{"a": ' * 100_000 + "1" + "}" * 100_000])
def test_a_hostile_judge_answer_is_read_in_linear_time_and_never_crashes(reply):
    # `\{.*\}` over 200,000 `{` without a `}` is 2e10 steps on Python's re; the last one nests
    # deeper than json.loads can go (RecursionError, which the old parser did not catch)
    metric = build_metric({"llm_rubric": {"rubric": "polite"}})
    result = metric.score("hello", {}, ScoringContext(judge=Judge(reply)))
    assert result.passed is False and "unparseable judge verdict" in result.reason
