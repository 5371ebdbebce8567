"""Regular expressions written by users, run on a linear-time engine.

Patterns in lmgate.yaml (`lint.custom[].pattern`, SEC001 `patterns`, SEC002 `allow`, the `regex`
metric, a JSON schema's `pattern`) arrive in pull requests. Python's `re` backtracks and cannot be
interrupted: `(a|aa)*c` against forty `a`s runs for minutes. RE2 (the `google-re2` wheel) matches
in time linear in the text, so no pattern can stall a job; the price is that RE2 has no
backreferences and no lookaround, and such a pattern is refused with the reason instead of being
run on the backtracking engine.
"""

from __future__ import annotations

from typing import Any

import re2

from lmgate.errors import ConfigError, Location

MAX_PATTERN_CHARS = 4096
# RE2 compiles to an automaton whose memory is bounded by this; `a{1000}{1000}` exceeds it and is
# refused at compile time instead of taking the machine's memory.
MAX_PROGRAM_BYTES = 8 << 20


class UserRegex:
    """A compiled user pattern with the few methods lmgate needs (all linear-time)."""

    def __init__(self, pattern: str, compiled: Any) -> None:
        self.pattern = pattern
        self._compiled = compiled

    def search(self, text: str):
        return self._compiled.search(text)

    def fullmatch(self, text: str):
        return self._compiled.fullmatch(text)

    def finditer(self, text: str):
        return self._compiled.finditer(text)

    def __repr__(self) -> str:
        return f"UserRegex({self.pattern!r})"


def compile_user_regex(pattern: str, *, ignore_case: bool = False, multiline: bool = False,
                       dotall: bool = False, where: Location | None = None, what: str = "pattern") -> UserRegex:
    """Compile `pattern` on RE2, or raise a ConfigError that says why and how to rewrite it."""
    if not isinstance(pattern, str):
        raise ConfigError(f"{what} should be a string, not {type(pattern).__name__}", where=where)
    if len(pattern) > MAX_PATTERN_CHARS:
        raise ConfigError(f"{what} is {len(pattern):,} characters (at most {MAX_PATTERN_CHARS:,})", where=where,
                          fix="write a shorter pattern, or split it into several")
    options = re2.Options()
    options.max_mem = MAX_PROGRAM_BYTES
    options.case_sensitive = not ignore_case
    options.dot_nl = dotall
    options.never_nl = False
    options.log_errors = False
    # RE2 has no MULTILINE option; the inline flag gives `^`/`$` their per-line meaning.
    source = f"(?m){pattern}" if multiline else pattern
    try:
        compiled = re2.compile(source, options)
    except re2.error as exc:
        reason = exc.args[0].decode("utf-8", "replace") if exc.args and isinstance(exc.args[0], bytes) else str(exc)
        raise ConfigError(f"{what} {pattern!r} cannot run on RE2, lmgate's linear-time regex engine: {reason}",
                          where=where,
                          fix="RE2 has no backreferences (\\1) and no lookaround ((?=…), (?<!…)); rewrite the "
                              "pattern without them (https://github.com/google/re2/wiki/Syntax)") from None
    return UserRegex(pattern, compiled)


def refusal(pattern: str) -> str | None:
    """Why RE2 cannot run `pattern`, or None: the `check` of an option that holds a user pattern."""
    try:
        compile_user_regex(pattern)
    except ConfigError as exc:  # an option's check gives one message: the fix goes into it
        return f"{exc.message}; {exc.fix}" if exc.fix else exc.message
    return None
