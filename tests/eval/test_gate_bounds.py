"""A gate must be able to fail when the metric gets worse, and only then.

A `min` on a metric where lower is better (tokens, cost, perplexity) passed at any value above it,
so a PR that doubled the answers' length stayed green; and there was no `max` to write instead.
"""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from lmgate.cli import main
from lmgate.eval.gates import evaluate_gate
from lmgate.eval.stats import Estimate

CONFIG = """\
version: 1
providers: {echo: {type: echo}}
prompts: {p: p.j2}
datasets: {d: d.jsonl}
suites:
  - name: s
    prompt: p
    dataset: d
    provider: echo
    metrics: [exact_match, tokens]
    gates: GATES
"""


def project(tmp_path: Path, gates: str) -> Path:
    (tmp_path / "lmgate.yaml").write_text(textwrap.dedent(CONFIG).replace("GATES", gates))
    # the echo provider answers with the prompt: five words, so `tokens` is 10 (prompt + completion)
    (tmp_path / "p.j2").write_text("please answer this question: {{ q }}\n")
    rows = [{"id": str(i), "q": f"q{i}", "expected": "no"} for i in range(4)]
    (tmp_path / "d.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    return tmp_path


def run(root: Path, command: str, capsys) -> tuple[int, str]:
    code = main([command, "--config", str(root / "lmgate.yaml"), *(["--no-cache"] if command == "eval" else [])],
                env={})
    out = capsys.readouterr()
    return code, out.out + out.err


@pytest.mark.parametrize("command", ["validate", "eval"])
def test_min_on_a_lower_is_better_metric_is_refused_with_the_key_to_write(tmp_path, capsys, command):
    code, text = run(project(tmp_path, "{tokens: {min: 5}}"), command, capsys)
    assert code == 2, text
    assert "lmgate.yaml:11:22:" in text and "lower is better for tokens" in text
    assert "write `max: 5`" in text
    assert not (tmp_path / ".lmgate/results/eval.json").exists()


def test_max_on_a_higher_is_better_metric_is_refused(tmp_path, capsys):
    code, text = run(project(tmp_path, "{exact_match: {max: 0.9}}"), "validate", capsys)
    assert code == 2, text
    assert "higher is better for exact_match" in text and "write `min: 0.9`" in text


def test_max_gate_fails_a_metric_above_it_and_passes_one_below(tmp_path, capsys):
    code, text = run(project(tmp_path, "{tokens: {max: 9}}"), "eval", capsys)
    assert code == 1, text
    assert "tokens gate fail: mean 10 is above max 9" in text
    code, text = run(project(tmp_path, "{tokens: {max: 10}}"), "eval", capsys)
    assert code == 0, text


def test_validate_lists_the_max_gate(tmp_path, capsys):
    code, text = run(project(tmp_path, "{tokens: {max: 20}}"), "validate", capsys)
    assert code == 0, text
    assert "gate tokens: max 20" in text


def test_evaluate_gate_max():
    head = Estimate(mean=3.0, se=0.1, ci_low=2.8, ci_high=3.2, n=10)
    assert evaluate_gate({"max": 2.5}, head=head, diff=None, higher_is_better=False, n_errors=0,
                         n_records=10)["verdict"] == "fail"
    assert evaluate_gate({"max": 3.0}, head=head, diff=None, higher_is_better=False, n_errors=0,
                         n_records=10) == {"verdict": "pass", "reason": "mean 3 ≤ max 3"}


@pytest.mark.parametrize(("gates", "said", "fix"), [
    # a percentage written as a number: `max_drop: 5` never fails, `min: 80` never passes
    ("{exact_match: {max_drop: 5}}", "so `max_drop: 5` never fails", "`0.05` for 5 %"),
    ("{exact_match: {min: 80}}", "so `min: 80` can never pass", "`0.8` for 80 %"),
    ("{exact_match: {min: 0}}", "so `min: 0` always passes", "e.g. `min: 0.8`"),
    ("{exact_match: {max_drop: 1}}", "so `max_drop: 1` never fails", "a number between 0 and 1"),
])
def test_a_pass_rate_threshold_that_decides_nothing_is_refused(tmp_path, capsys, gates, said, fix):
    for command in ("validate", "eval"):
        code, text = run(project(tmp_path, gates), command, capsys)
        assert code == 2, text
        assert "lmgate.yaml:11:" in text and "exact_match is a pass rate in [0, 1]" in text and said in text
        assert fix in text


def test_pass_rate_thresholds_inside_the_range_are_accepted(tmp_path, capsys):
    code, text = run(project(tmp_path, "{exact_match: {min: 1, max_drop: 0.99}}"), "validate", capsys)
    assert code == 0, text
