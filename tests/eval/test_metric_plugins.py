"""llm_rubric with a judge (an in-test stand-in for an external model, then a real loopback server)
and the `python` metric with real user modules on disk."""

from __future__ import annotations

import json

import pytest

from fakes.openai_server import serve_openai
from lmgate.errors import ConfigError, InputError
from lmgate.eval.metrics import build_metric
from lmgate.eval.metrics.base import ScoringContext
from lmgate.eval.providers import build_provider
from lmgate.eval.providers.base import Completion, ProviderCallError


class Judge:
    """A fake external judge model: answers from a script and records what it was asked."""

    def __init__(self, *replies: str | Exception) -> None:
        self.replies = list(replies)
        self.asked: list = []

    def complete(self, messages, *, sample=0):
        self.asked.append(messages)
        reply = self.replies.pop(0)
        if isinstance(reply, Exception):
            raise reply
        return Completion(text=reply)


@pytest.mark.parametrize(("reply", "score", "passed", "reason"), [
    ('{"reason": "polite and correct", "score": 0.9, "pass": true}', 0.9, True, "polite and correct"),
    ('Sure!\n```json\n{"score": "0.3", "reason": "rude"}\n```', 0.3, False, "rude"),
    ('{"pass": false, "reason": "off topic"}', 0.0, False, "off topic"),
    ("Score: 8/10. Mostly fine.", 0.8, True, "Score: 8/10"),
    ("PASS - the answer cites its source", 1.0, True, "PASS"),
    ("I would rather not say.", 0.0, False, "unparseable judge verdict"),
    ('{"score": 7, "reason": "out of ten?"}', 0.0, False, "not a number in [0, 1]"),
    ("It could PASS or FAIL, hard to tell", 0.0, False, "unparseable"),
])
def test_llm_rubric_reads_verdicts_robustly(reply, score, passed, reason):
    judge = Judge(reply)
    metric = build_metric({"llm_rubric": {"rubric": "Answers {{ question }} politely", "input": "{{ question }}"}})
    result = metric.score("Paris, of course.", {"question": "capital of France?"}, ScoringContext(judge=judge))
    assert (result.score, result.passed) == (pytest.approx(score), passed)
    assert reason in result.reason
    prompt = judge.asked[0][0]["content"]  # lmgate's own template, rendered with the item's values
    assert "<rubric>\nAnswers capital of France? politely\n</rubric>" in prompt
    assert "<output>\nParis, of course.\n</output>" in prompt and '"score"' in prompt


def test_llm_rubric_failures_are_recorded_not_raised():
    metric = build_metric({"llm_rubric": {"rubric": "is short"}})
    down = metric.score("x", {}, ScoringContext(judge=Judge(ProviderCallError("HTTP 503 after 3 retries"))))
    assert (down.score, down.passed) == (0.0, False) and "judge call failed: HTTP 503" in down.reason
    # an output that looks like a template is data for the judge, never rendered
    sneaky = Judge('{"score": 1, "pass": true, "reason": "ok"}')
    metric.score("{{ ''.__class__.__mro__ }}", {}, ScoringContext(judge=sneaky))
    assert "{{ ''.__class__.__mro__ }}" in sneaky.asked[0][0]["content"]
    with pytest.raises(ConfigError, match="needs a judge"):
        metric.score("x", {}, ScoringContext())


def test_llm_rubric_through_a_real_openai_compatible_judge(tmp_path):
    def grade(messages, body):
        text = messages[-1]["content"]
        return json.dumps({"reason": "mentions Paris", "score": 1.0 if "Paris" in text.split("<output>")[1] else 0.2})

    metric = build_metric({"llm_rubric": {"rubric": "Names the capital", "threshold": 0.5, "provider": "grader"}})
    assert metric.judge_provider == "grader" and build_metric("f1").judge_provider is None
    with serve_openai(answer=grade) as server:
        judge = build_provider("judge", {"type": "openai", "base_url": server.base_url, "model": "judge-1",
                                         "retries": 0}, root=tmp_path)
        try:
            good = metric.score("Paris", {}, ScoringContext(judge=judge))
            bad = metric.score("Lyon", {}, ScoringContext(judge=judge))
        finally:
            judge.close()
        assert server.stats.requests == 2 and server.stats.bodies[0]["model"] == "judge-1"
    assert (good.score, good.passed, good.reason) == (1.0, True, "mentions Paris")
    assert (bad.score, bad.passed) == (pytest.approx(0.2), False)


def test_python_metric_calls_the_users_function(tmp_path):
    (tmp_path / "checks").mkdir()
    (tmp_path / "checks" / "helpers.py").write_text("WORD = 'because'\n")
    (tmp_path / "checks" / "grading.py").write_text(
        "from checks.helpers import WORD\n"
        "def explains(output, item):\n    return WORD in output\n"
        "def length(output, item):\n    return min(1.0, len(output) / item['target'])\n"
        "def rich(output, item):\n    return {'score': 0.25, 'pass': True, 'reason': 'lenient'}\n"
        "def broken(output, item):\n    raise ValueError('boom')\n"
        "def odd(output, item):\n    return 'yes'\n")
    ctx = ScoringContext(root=tmp_path)

    def run(function, output="ok because", **extra):
        return build_metric({"python": {"function": f"checks.grading:{function}", **extra}}).score(
            output, {"target": 20}, ctx)

    assert (run("explains").score, run("explains").passed) == (1.0, True)
    assert (run("length").score, run("length").passed) == (0.5, True)
    assert run("length", threshold=0.6).passed is False
    assert (run("rich").score, run("rich").passed, run("rich").reason) == (0.25, True, "lenient")
    failed = run("broken")
    assert failed.passed is False and "raised ValueError: boom" in failed.reason
    with pytest.raises(InputError, match="returned str"):
        run("odd")
    assert build_metric({"python": {"function": "checks.grading:explains", "kind": "pass_fail"}}).kind == "pass_fail"
    assert (run("rich", kind="pass_fail").score, run("length", kind="pass_fail").score) == (1.0, 1.0)
    with pytest.raises(ConfigError, match="defines no function 'missing'"):
        run("missing")
    with pytest.raises(ConfigError, match="no module 'nowhere'"):
        build_metric({"python": {"function": "nowhere:f"}}).score("x", {}, ctx)
    with pytest.raises(ConfigError, match=r"should be|does not match"):
        build_metric({"python": {"function": "../../etc/passwd"}})
