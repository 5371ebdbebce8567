"""Free names, filters and tests of a template, read without Jinja's parser when the template keeps
to the common part of the language.

Jinja's lexer and parser are most of a corpus lint's time, yet most templates only print
expressions and branch or loop: `{% for c in answer_choices %}`, `{% if label != -1 %}`,
`{{ tokens | join(" ") | replace(" .", ".") }}`. This reads `{{ }}`, `{% if/elif/else %}`,
`{% for … in … [if …] %}`, `{% set name = … %}` and comments, with the expressions of
`_jinja_exprs`. Anything else answers None and Jinja decides, so the facts are always Jinja's
own: tests/lint/test_jinja_quick.py compares both on the shared corpus and on generated templates.
"""

from __future__ import annotations

from lmgate.lint.rules._jinja_exprs import ExpressionReader
from lmgate.lint.rules._jinja_lex import Unsure, tag_tokens
from lmgate.lint.rules._jinja_operands import Call


def quick_facts(text: str) -> tuple[set[str], set[str], list[Call]] | None:
    """(names read, names assigned, filter and test uses in AST pre-order), or None if unsure."""
    tokens = tag_tokens(text)
    if tokens is None:
        return None
    reader = _TemplateReader(text, tokens)
    try:
        calls, _ = reader.body(())
    except Unsure:
        return None
    return reader.loads, reader.stores, calls


class _TemplateReader(ExpressionReader):
    def body(self, until: tuple[str, ...]) -> tuple[list[Call], str]:
        """Text and tags up to a `{% <one of until>` tag (read up to its name); returns that name."""
        calls: list[Call] = []
        while True:
            kind, value, _ = self.take()
            if kind == "eof":
                if until:  # a block left open
                    raise Unsure
                return calls, ""
            if value == "{{":
                calls += self.expression()
                self.expect("end")
                continue
            tag = self.expect("name")[1]
            if tag in until:
                return calls, tag
            if tag == "if":
                calls += self.branches()
            elif tag == "for":
                calls += self.loop()
            elif tag == "set":
                self.variable(self.expect("name")[1], store=True)
                self.expect("op", "=")
                calls += self.expression()
                self.expect("end")
            else:
                raise Unsure

    def branches(self) -> list[Call]:
        """If(test, body, elif_, else_): met in document order."""
        calls: list[Call] = []
        tag = "elif"  # the `if` itself reads like an elif: a test, then its branch
        while tag == "elif":
            calls += self.expression(condexpr=False)
            self.expect("end")
            more, tag = self.body(("elif", "else", "endif"))
            calls += more
        calls += self.otherwise(tag, "endif")
        self.expect("end")
        return calls

    def loop(self) -> list[Call]:
        """For(target, iter, body, else_, test): the `if` filter is met after the body."""
        while True:  # `for a, b in …` (Jinja allows a trailing comma)
            self.variable(self.expect("name")[1], store=True)
            if not self.at_op(","):
                break
            self.take()
            if self.at_name("in"):
                break
        self.expect("name", "in")
        calls = self.expression(condexpr=False)
        test = []
        if self.at_name("if"):
            self.take()
            test = self.expression()
        self.expect("end")  # `recursive` is left to Jinja
        more, tag = self.body(("endfor", "else"))
        calls += more + self.otherwise(tag, "endfor")
        self.expect("end")
        return calls + test

    def otherwise(self, tag: str, end: str) -> list[Call]:
        """The `{% else %}` part, if `tag` opened one, read up to `{% <end>`."""
        if tag != "else":
            return []
        self.expect("end")
        return self.body((end,))[0]
