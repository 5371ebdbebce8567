"""Refuse custom-rule patterns that can take exponential time: a repeated group of repeats.

`lint.custom[].pattern` comes from lmgate.yaml, which a pull request may change; Python's `re`
backtracks and cannot be interrupted, so `(a+)+$` on forty `a`s and a `b` stalls the job until
its timeout. The classic shape is an unbounded repeat (`*`, `+`, `{n,}`) applied to a group that
itself holds one. This reads the pattern's text (escapes and character classes skipped) and says
where that happens; a possessive (`*+`) or atomic (`(?>…)`) form is still reported, rewriting
it without the nesting is always possible.
"""

from __future__ import annotations


def nested_repeat(pattern: str) -> int | None:
    """Offset of the outer repeat of a nested unbounded repeat in `pattern`, or None."""
    inside = [False]  # per open group: does it hold an unbounded repeat yet?
    i = 0
    while i < len(pattern):
        char, closed = pattern[i], None
        if char == "\\":
            i += 2
        elif char == "[":
            i = _class_end(pattern, i)
        elif char == "(":
            inside.append(False)
            i += 2 if pattern.startswith("?", i + 1) else 1  # (?:  (?P<name>  (?=: a group's kind, not a repeat
            continue
        elif char == ")" and len(inside) > 1:
            closed = inside.pop()
            i += 1
        else:
            i += 1
        end = _unbounded_repeat(pattern, i)
        if end is None:
            inside[-1] = inside[-1] or bool(closed)
            continue
        if closed:
            return i
        inside[-1] = True
        i = end
    return None


def _unbounded_repeat(pattern: str, i: int) -> int | None:
    """If `*`, `+` or `{n,}` (with its lazy `?` or possessive `+`) starts at i, the offset after it."""
    if pattern.startswith(("*", "+"), i):
        end = i + 1
    elif pattern.startswith("{", i) and (close := pattern.find("}", i)) > 0 \
            and pattern[i + 1:close].replace(",", "", 1).isdigit() and pattern[close - 1] == ",":
        end = close + 1
    else:
        return None
    return end + 1 if pattern.startswith(("?", "+"), end) else end


def _class_end(pattern: str, i: int) -> int:
    """The offset after the character class opening at i (`]` right after `[` or `[^` is a member)."""
    j = i + 1
    if pattern.startswith("^", j):
        j += 1
    if pattern.startswith("]", j):
        j += 1
    while j < len(pattern) and pattern[j] != "]":
        j += 2 if pattern[j] == "\\" else 1
    return j + 1
