"""User regexes (`lint.custom`, the `regex` metric, …) come from pull requests: they run on RE2, in linear
time, and a pattern RE2 cannot run is a config error at its line, never a hang (issue 16/17).
"""

from __future__ import annotations

import pytest

from lint.helpers import lint
from lmgate.errors import ConfigError, Location
from lmgate.userregex import MAX_PATTERN_CHARS, compile_user_regex


@pytest.mark.parametrize("pattern, matches", [("(a|aa)*c", False), ("(a+)+$", False), ("(a|a)*!$", True),
                                              (r"(\w+\s?)*!", True), ("(a*a*)+b", False)])
def test_catastrophic_patterns_finish(pattern, matches):
    # each of these runs for minutes or more on Python's backtracking engine against this text
    text = "a" * 50_000 + "!"
    assert (compile_user_regex(pattern).search(text) is not None) is matches


@pytest.mark.parametrize(("pattern", "found"), [("(a|aa)*c", False), ("(a|a)*$", True), ("(a+)+$", False),
                                               (r"(\w+\s?)*!", True)])
def test_a_custom_pattern_that_backtracks_on_python_re_runs_in_linear_time(tmp_path, pattern, found):
    """A PR can change lmgate.yaml: each of these runs for minutes on Python's backtracking `re` against
    a long run of `a`. On RE2 they are accepted and finish (the timeout only guards against a hang)."""
    (tmp_path / "lmgate.yaml").write_text("version: 1\nlint:\n  select: [ACME]\n  custom:\n    - code: ACME001\n"
                                          f"      name: slow\n      pattern: '{pattern}'\n")
    (tmp_path / "p.txt").write_text("a" * 50_000 + "!\n")
    run = lint(tmp_path, "p.txt", "--format", "json", "--output", "out.json", timeout=60)
    assert run.code in (0, 1) and "Traceback" not in run.err, run.err
    hits = [f for f in run.result()["findings"] if f["code"] == "ACME001"]
    assert bool(hits) == found


def test_a_custom_pattern_re2_cannot_run_is_a_config_error_with_its_line(tmp_path):
    (tmp_path / "lmgate.yaml").write_text("version: 1\nlint:\n  custom:\n    - code: ACME001\n"
                                          "      name: twice\n      pattern: '(\\w+) \\1'\n")
    (tmp_path / "p.txt").write_text("the the\n")
    run = lint(tmp_path, "p.txt", timeout=60)
    assert run.code == 2 and "Traceback" not in run.err, run.err
    assert "lmgate.yaml:6" in run.err and "lint.custom[0].pattern" in run.err and "backreferences" in run.err


@pytest.mark.parametrize("pattern, reason", [(r"(a)\1", "backreferences"), (r"(?=a)b", "lookaround"),
                                             (r"(?<!a)b", "lookaround")])
def test_patterns_re2_cannot_run_are_refused_with_the_reason(pattern, reason):
    with pytest.raises(ConfigError) as err:
        compile_user_regex(pattern, where=Location("lmgate.yaml", 7), what="lint.custom[0].pattern")
    text = err.value.render()
    assert text.startswith("lmgate.yaml:7: lint.custom[0].pattern") and reason in text


def test_oversized_patterns_and_programs_are_refused():
    with pytest.raises(ConfigError, match="characters"):
        compile_user_regex("a" * (MAX_PATTERN_CHARS + 1))
    with pytest.raises(ConfigError, match="RE2"):
        compile_user_regex("((a{100}){100}){100}")


def test_flags():
    assert compile_user_regex("HELLO", ignore_case=True).search("say hello")
    assert not compile_user_regex("HELLO").search("say hello")
    assert compile_user_regex("^b$", multiline=True).search("a\nb\nc")
    assert not compile_user_regex("^b$").search("a\nb\nc")
    assert compile_user_regex("a.b", dotall=True).search("a\nb")
    assert [m.group(0) for m in compile_user_regex(r"\d+").finditer("a1b22")] == ["1", "22"]
    assert compile_user_regex("café").search("un café")


def test_rule_options_that_hold_patterns_run_on_re2_too(tmp_path):
    """SEC001's `patterns` (variable names) and SEC002's `allow` (values a pull request wrote) are
    patterns from lmgate.yaml as well; on Python's `re`, `(a|aa)*c` against this key's 40 `a`s ran
    for minutes."""
    (tmp_path / "lmgate.yaml").write_text("version: 1\nlint:\n  rules:\n    SEC002: {allow: ['(a|aa)*c']}\n"
                                          "    SEC001: {patterns: ['(a|aa)*c']}\n")
    (tmp_path / "p.txt").write_text("Use sk-" + "a" * 40 + " here.\n\n{{ " + "a" * 40 + " }}\n")
    run = lint(tmp_path, "p.txt", "--format", "json", "--output", "out.json", timeout=60)
    assert run.code in (0, 1) and "Traceback" not in run.err, run.err
    assert {f["code"] for f in run.result()["findings"]} >= {"SEC002"}


@pytest.mark.parametrize(("rule", "option", "line"), [("SEC001", "patterns", 4), ("SEC002", "allow", 5)])
def test_a_rule_pattern_re2_cannot_run_is_a_config_error_with_its_line(tmp_path, rule, option, line):
    (tmp_path / "lmgate.yaml").write_text("version: 1\nlint:\n  rules:\n    SEC001: {patterns: ['^user_']}\n"
                                          "    SEC002: {allow: ['^x']}\n".replace(
                                              "['^user_']" if rule == "SEC001" else "['^x']", "['(a)\\1']"))
    (tmp_path / "p.txt").write_text("hello\n")
    run = lint(tmp_path, "p.txt", timeout=60)
    assert run.code == 2 and "Traceback" not in run.err, run.err
    assert f"lmgate.yaml:{line}" in run.err and option in run.err and "backreferences" in run.err, run.err
