from __future__ import annotations

import pytest

from lmgate.eval.compare import MetricMeta, summarize_suite
from lmgate.eval.gates import check_error_rate, check_max_drop, check_min, error_kind, evaluate_gate, worst
from lmgate.eval.stats import Comparison, Estimate

from .recordgen import make_records

HEAD = Estimate(0.62, 0.02, 0.58, 0.66, 500)


def diff(mean: float, p: float, mde: float | None, n: int = 500) -> Comparison:
    return Comparison(mean, mean - 0.03, mean + 0.03, p, "paired_t", mde, n)


def test_min_passes_and_fails_with_the_numbers_in_the_reason():
    assert check_min(HEAD, 0.6) == ("pass", "mean 0.62 ≥ min 0.6")
    verdict, reason = check_min(HEAD, 0.7)
    assert verdict == "fail" and "0.62" in reason and "0.7" in reason
    assert check_min(Estimate(None, None, None, None, 0), 0.1)[0] == "fail"


def test_max_drop_fails_only_when_significant_and_beyond_the_margin():
    assert check_max_drop(diff(-0.10, 0.001, 0.04), 0.05, True)[0] == "fail"
    # significant but smaller than the margin: allowed
    verdict, reason = check_max_drop(diff(-0.03, 0.01, 0.02), 0.05, True)
    assert verdict == "pass" and "within max_drop" in reason
    # as large as the margin but not significant: noise never blocks a PR
    assert check_max_drop(diff(-0.08, 0.2, 0.04), 0.05, True)[0] == "pass"
    # lower is better: an increase is the drop
    assert check_max_drop(diff(+0.10, 0.001, 0.04), 0.05, False)[0] == "fail"
    assert check_max_drop(diff(-0.10, 0.001, 0.04), 0.05, False)[0] == "pass"


def test_max_drop_warns_when_the_suite_cannot_detect_the_margin():
    verdict, reason = check_max_drop(diff(-0.02, 0.6, 0.31, n=12), 0.05, True)
    assert verdict == "warn"
    assert "n=12" in reason and "0.31" in reason and "add items or repeats" in reason
    verdict, reason = check_max_drop(Comparison(None, None, None, None, "paired_t", None, 1), 0.05, True)
    assert verdict == "warn" and "too few" in reason
    verdict, reason = check_max_drop(Comparison(0.0, None, None, 1.0, "paired_t", None, 1), 0.05, True)
    assert verdict == "warn" and "detects no drop at all" in reason


def test_max_drop_without_a_baseline_says_it_was_not_checked():
    verdict, reason = check_max_drop(None, 0.05, True)
    assert verdict == "pass" and "not checked" in reason


def test_error_rate():
    assert check_error_rate(1, 100, 0.05)[0] == "pass"
    verdict, reason = check_error_rate(6, 50, 0.05)
    assert verdict == "fail" and "12.0%" in reason and "6/50" in reason


def test_evaluate_gate_takes_the_worst_check_and_lists_it_first():
    gate = evaluate_gate({"min": 0.7, "max_drop": 0.05, "max_error_rate": None}, head=HEAD,
                         diff=diff(-0.01, 0.5, 0.03), higher_is_better=True, n_errors=0, n_records=500)
    assert gate["verdict"] == "fail" and gate["reason"].startswith("mean 0.62 is below min 0.7")
    assert "no significant drop" in gate["reason"]
    assert evaluate_gate({"min": None}, head=HEAD, diff=None, higher_is_better=True, n_errors=0, n_records=1) is None
    assert worst(["pass", "warn", "pass"]) == "warn" and worst([]) == "pass"


@pytest.mark.parametrize("n,expected", [(8, "warn"), (3000, "fail")])
def test_suite_gate_end_to_end(n, expected):
    """A real 10-point drop: a tiny suite cannot tell (warn), a large one fails the gate."""
    records = make_records(n, seed=2, p_base=0.8, p_head=0.7)
    suite = summarize_suite("qa", records, [MetricMeta("exact_match", "pass_fail")],
                            {"exact_match": {"max_drop": 0.05}})
    gate = suite["metrics"][0]["gate"]
    assert gate["verdict"] == expected == suite["verdict"], gate["reason"]


@pytest.mark.parametrize("message, kind", [
    ("HTTP 429 (after 4 attempts)", "HTTP 429"), ("HTTP 500: upstream", "HTTP 500"),
    ("timed out after 60 s", "timeout"), ("connect timed out after 5 s", "timeout"),
    ("command timed out after 3 s", "timeout"), ("template error: 'x' is undefined", "template error"),
    ("metric f1: cannot score", "metric error"), ("connection error: refused", "connection error"),
    ("app:answer raised ValueError: boom", "exception ValueError"), ("something odd: detail", "something odd"),
    ("answer of 3,000,000 characters is over the 1,000,000-character cap", "answer over the size cap"),
    ("run deadline reached", "run deadline")])
def test_failed_calls_are_grouped_by_kind(message, kind):
    assert error_kind(message) == kind
