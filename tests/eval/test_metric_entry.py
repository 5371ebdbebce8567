"""The keys of a metrics entry beside the module's options (metric, per_item, engine), and the metrics
an imported promptfoo suite needs: all_of, contains_json, icontains_any/all, similar, levenshtein's
max_distance and starts_with's strip."""

from __future__ import annotations

import json

import pytest

from fakes.openai_server import serve_openai
from lmgate.errors import ConfigError, InputError
from lmgate.eval.metrics import build_metric
from lmgate.eval.metrics.base import MetricResult, ScoringContext
from lmgate.eval.providers import build_provider


def test_a_display_name_selects_a_module_so_one_suite_holds_two_of_a_kind():
    first = build_metric({"contains": {"value": "a"}})
    second = build_metric({"contains_2": {"metric": "contains", "value": "b"}})
    negated = build_metric({"no_c": {"metric": "not_contains", "value": "c"}})
    assert (second.name, second.module.NAME) == ("contains_2", "contains")
    assert first.score("a b", {}).passed and second.score("a b", {}).passed and negated.score("a b", {}).passed
    with pytest.raises(ConfigError, match=r"containz"):
        build_metric({"x": {"metric": "containz"}})


def test_per_item_options_apply_to_the_items_that_carry_them():
    metric = build_metric({"contains_2": {"metric": "contains", "per_item": "checks"}})
    assert metric.score("Paris", {"checks": {"contains_2": {"value": "Paris"}}}).passed is True
    assert metric.score("Paris", {"checks": {"contains_2": {"value": "Rome"}}}).passed is False
    assert metric.score("Paris", {"checks": {"other": {}}}) is None  # not scored: the item does not carry it
    assert metric.score("Paris", {}) is None
    with pytest.raises(InputError, match="item options of metric 'contains_2'"):
        metric.score("x", {"checks": {"contains_2": {"valeu": "x"}}})


def test_required_options_may_come_from_the_items():
    metric = build_metric({"python": {"per_item": "checks", "kind": "pass_fail"}})  # `function` comes per item
    assert metric.kind == "pass_fail"
    with pytest.raises(ConfigError, match="function"):
        build_metric({"python": {"kind": "pass_fail"}})


def test_the_nunjucks_engine_renders_option_templates_with_javascript_printing():
    jinja = build_metric({"equals": {"value": "{{ n }}", "strip": False}})
    nunjucks = build_metric({"equals": {"value": "{{ n }}", "strip": False, "engine": "nunjucks"}})
    assert jinja.score("1", {"n": 1.0}).passed is False  # Jinja prints 1.0
    assert nunjucks.score("1", {"n": 1.0}).passed is True
    assert nunjucks.score("", {"n": None}).passed is True  # a missing value renders empty, as in promptfoo


def test_a_corpus_metric_per_item_is_a_mean_of_item_scores():
    assert build_metric({"bleu": {"per_item": "checks"}}).kind == "score"


def test_all_of_is_the_test_verdict_with_weights_and_threshold():
    metric = build_metric({"test_pass": {"metric": "all_of", "per_item": "checks"}})

    def verdict(options, **results):
        scored = {k: MetricResult(1.0 if ok else 0.0, ok) for k, ok in results.items()}
        return metric.score("", {"checks": {"test_pass": options}}, ScoringContext(scored=scored))

    assert verdict({}, a=True, b=True).passed is True
    assert verdict({}, a=True, b=False).passed is False
    assert verdict({"metrics": ["a"]}, a=True, b=False).passed is True
    assert verdict({"weights": {"b": 0}}, a=True, b=False).passed is True  # weight 0 counts as passed
    result = verdict({"threshold": 0.6, "weights": {"a": 3}}, a=True, b=False)
    assert (result.passed, result.score) == (True, 0.75)
    assert verdict({"threshold": 0.9}, a=True, b=False).passed is False
    assert verdict({}).passed is True  # no assertions: promptfoo passes the test


@pytest.mark.parametrize(("output", "schema", "passed"), [
    ('Here: {"a": 1} done', None, True), ("no braces", None, False), ("{a: 1, b: [x]}", None, True),
    ('{"a": 1} and {"b": [1, 2]}', {"type": "object", "required": ["b"]}, True),
    ('{"a": 1}', {"type": "object", "required": ["b"]}, False), ('cut off {"a": {"b": 1}', None, True),
])
def test_contains_json_finds_objects_in_text(output, schema, passed):
    options = {"schema": schema} if schema else {}
    assert build_metric({"contains_json": options}).score(output, {}).passed is passed


def test_case_insensitive_list_checks():
    assert build_metric({"icontains_any": {"value": ["RED", "blue"]}}).score("Blue sky", {}).passed is True
    assert build_metric({"icontains_all": {"value": ["RED", "blue"]}}).score("Blue sky", {}).passed is False


def test_levenshtein_distance_bound_and_starts_with_without_stripping():
    assert build_metric({"levenshtein": {"value": "sitting", "max_distance": 3}}).score("kitten", {}).passed is True
    assert build_metric({"levenshtein": {"value": "sitting", "max_distance": 2}}).score("kitten", {}).passed is False
    assert build_metric({"starts_with": {"value": "Yes"}}).score("  Yes", {}).passed is True
    assert build_metric({"starts_with": {"value": "Yes", "strip": False}}).score("  Yes", {}).passed is False


def test_similar_compares_embeddings_from_the_provider(tmp_path):
    with serve_openai() as server:
        embedder = build_provider("embedder", {"type": "openai", "base_url": server.base_url, "model": "emb"},
                                  root=tmp_path)
        ctx = ScoringContext(judge=embedder)
        close = build_metric({"similar": {"value": "kitten!", "threshold": 0.9}}).score("kitten", {}, ctx)
        far = build_metric({"similar": {"value": "zzz", "threshold": 0.9}}).score("kitten", {}, ctx)
        distance = build_metric({"similar": {"value": ["kitten!", "zzz"], "threshold": 0.5, "measure": "euclidean"}})
        near = distance.score("kitten", {}, ctx)
        embedder.close()
        sent = [b for b in server.stats.bodies if "input" in b]
    assert close.passed is True and round(close.score, 4) == 0.9428  # 8 / (sqrt(8) * 3) on letter counts
    assert far.passed is False
    assert near.passed is True and near.score > 0.7
    assert json.loads(json.dumps(sent[0])) == {"model": "emb", "input": ["kitten", "kitten!"]}


def test_perplexity_from_the_answers_token_logprobs():
    from lmgate.eval.providers.base import TokenLogprob

    tokens = tuple(TokenLogprob(t, lp) for t, lp in (("a", -0.1), ("b", -0.2), ("c", -0.3)))
    result = build_metric({"perplexity": {"max": 1.3}}).score("abc", {}, ScoringContext(logprobs=tokens))
    assert result.passed is True and abs(result.score - 1.2214) < 1e-4
    assert build_metric({"perplexity": {"max": 1.2}}).score("abc", {}, ScoringContext(logprobs=tokens)).passed is False
    assert build_metric("perplexity").score("abc", {}, ScoringContext(logprobs=tokens)).passed is True
    missing = build_metric("perplexity").score("abc", {}, ScoringContext())
    assert missing.passed is False and "logprobs" in missing.reason


def test_an_item_that_does_not_carry_a_per_item_metric_is_not_counted_as_a_pass():
    """JUnit has one test case per gate: the gate's figures leave out an item without the metric."""
    from lmgate.eval.compare import MetricMeta, summarize_suite
    from lmgate.eval.junit import build_junit

    records = [{"suite": "s", "id": "a", "side": "head", "output": "x", "error": None,
                "scores": {"contains_2": 1.0}, "passed": {"contains_2": True}},
               {"suite": "s", "id": "b", "side": "head", "output": "y", "error": None, "scores": {}, "passed": {}}]
    suite = summarize_suite("s", records, [MetricMeta("contains_2", "pass_fail")], {"contains_2": {"min": 1.0}})
    assert suite["metrics"][0]["head"]["n"] == 1 and suite["metrics"][0]["gate"]["verdict"] == "pass"
    root = build_junit({"suites": [suite]})
    assert [case.get("name") for case in root.iter("testcase")] == ["gate contains_2", "suite checks"]
