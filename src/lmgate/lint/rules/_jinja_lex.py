"""The tokens of a template's tags, as Jinja's lexer cuts them, and a cursor over them, for the quick
reader (`_jinja_quick`).

Anything this does not cut exactly as Jinja (a non-ASCII name, `1e5` or `0x1F`, an unterminated tag,
`\\r` line ends) answers None and the template goes to Jinja.
Token: (kind, value, offset) with kind begin (`{{` or `{%`), end, name, int, float, str or op.
"""

from __future__ import annotations

import re

_BEGIN = re.compile(r"\{[{%#]")
_TOKEN = r"""\s*(?:ENDS
    |(?P<name>[A-Za-z_][A-Za-z0-9_]*)(?!\w|[^\x00-\x7f])
    |(?P<float>(?<!\.)[0-9]+\.[0-9]+)(?![0-9A-Za-z_.])
    |(?P<int>0|[1-9][0-9]*)(?![0-9A-Za-z_.])
    |(?P<str>'[^'\\]*(?:\\.[^'\\]*)*'|"[^"\\]*(?:\\.[^"\\]*)*")
    |(?P<op>//|\*\*|==|!=|<=|>=|[-+/*%~\[\](){}<>=.:|,]))"""
# One pattern per tag kind: Jinja skips `\s+` between tokens and tries the tag's end markers before
# any token (`-}}` / `}}` in `{{ }}`, `+%}` / `-%}` / `%}` in `{% %}`)
_TAG = {"{{": re.compile(_TOKEN.replace("ENDS", r"(?P<end>-\}\}|\}\})"), re.S | re.X),
        "{%": re.compile(_TOKEN.replace("ENDS", r"(?P<end>[-+]?%\})"), re.S | re.X)}
Token = tuple[str, str, int]


def tag_tokens(text: str) -> list[Token] | None:
    """Every tag's tokens in order (text between tags and comments left out), or None if unsure."""
    if "\r" in text:  # Jinja counts `\r\n` and `\r` as one line break each: keep line numbers simple
        return None
    out: list[Token] = []
    pos = 0
    while (begin := _BEGIN.search(text, pos)) is not None:
        start, pos = begin.start(), begin.end()
        if text.startswith(("-", "+"), pos):  # whitespace control belongs to the begin marker
            pos += 1
        if begin.group() == "{#":
            end = text.find("#}", pos)
            if end < 0:
                return None
            pos = end + 2
            continue
        out.append(("begin", begin.group(), start))
        pos = _tag(text, pos, begin.group(), out)
        if pos < 0:
            return None
    return out


def _tag(text: str, pos: int, begin: str, out: list[Token]) -> int:
    """Tokens of one tag up to its end marker; the offset after it, or -1 if unsure."""
    pattern = _TAG[begin]
    while (match := pattern.match(text, pos)) is not None:
        kind = match.lastgroup or ""
        value = match.group(kind)
        if kind == "str" and "\\" in value and not _escapes_ok(value):
            return -1
        out.append((kind, value, match.start(kind)))
        if kind == "end":
            return match.end()
        pos = match.end()
    return -1


def _escapes_ok(literal: str) -> bool:
    """Jinja decodes string escapes as Python's unicode-escape does, and fails the template if that fails."""
    try:
        literal[1:-1].encode("ascii", "backslashreplace").decode("unicode-escape")
    except (UnicodeDecodeError, ValueError):
        return False
    return True


class Unsure(Exception):
    """Outside the language the quick reader knows: let Jinja decide."""


class Cursor:
    """A position in a template's tokens, and the names its expressions read and assign."""

    def __init__(self, text: str, tokens: list[Token]):
        self.text, self.tokens, self.at = text, [*tokens, *[("eof", "", len(text))] * 3], 0
        self.loads: set[str] = set()
        self.stores: set[str] = set()

    def peek(self, ahead: int = 0) -> Token:
        return self.tokens[self.at + ahead]

    def take(self) -> Token:
        token = self.tokens[self.at]
        if token[0] != "eof":  # the sentinels at the end are never passed
            self.at += 1
        return token

    def at_op(self, *values: str) -> bool:
        token = self.tokens[self.at]
        return token[0] == "op" and token[1] in values

    def at_name(self, *values: str) -> bool:
        token = self.tokens[self.at]
        return token[0] == "name" and token[1] in values

    def expect(self, kind: str, value: str | None = None) -> Token:
        token = self.take()
        if token[0] != kind or (value is not None and token[1] != value):
            raise Unsure
        return token

    def line(self, offset: int) -> int:
        return self.text.count("\n", 0, offset) + 1
