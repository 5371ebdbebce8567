from __future__ import annotations

import pytest

from lmgate.errors import ConfigError, Location
from lmgate.userregex import MAX_PATTERN_CHARS, compile_user_regex


@pytest.mark.parametrize("pattern, matches", [("(a|aa)*c", False), ("(a+)+$", False), ("(a|a)*!$", True),
                                              (r"(\w+\s?)*!", True), ("(a*a*)+b", False)])
def test_catastrophic_patterns_finish(pattern, matches):
    # each of these runs for minutes or more on Python's backtracking engine against this text
    text = "a" * 50_000 + "!"
    assert (compile_user_regex(pattern).search(text) is not None) is matches


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
