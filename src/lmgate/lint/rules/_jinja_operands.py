"""Operands of Jinja expressions for the quick template reader: names and literals, lists, dicts and
parenthesised expressions, then `.attr`, `[…]` and calls, then filters and tests (see `_jinja_exprs`
for the operators joining them and for the order the returned filter and test uses follow).
"""

from __future__ import annotations

import keyword
from collections.abc import Callable

from lmgate.lint.rules._jinja_lex import Cursor, Unsure

CONSTANTS = {"true", "false", "none", "True", "False", "None"}
Call = tuple[str, str, int]  # ("filter" | "test", name, line)


class OperandReader(Cursor):
    def variable(self, name: str, store: bool = False) -> None:
        if keyword.iskeyword(name) or name in CONSTANTS:
            raise Unsure
        (self.stores if store else self.loads).add(name)

    def expression(self, condexpr: bool = True) -> list[Call]:
        raise NotImplementedError  # ExpressionReader's: operands hold expressions (subscripts, arguments)

    def unary(self) -> list[Call]:
        while self.at_op("-", "+"):  # Neg/Pos wrap the operand; the filters after it wrap them: no fact changes
            self.take()
        calls = self.primary()
        while self.at_op(".", "[", "("):  # Getattr, Getitem, Call: the node's calls first
            _, value, _ = self.take()
            if value == ".":
                if self.take()[0] not in ("name", "int"):
                    raise Unsure
            elif value == "[":
                calls += self.subscript()
            else:
                calls += self.arguments()
        return self.filters_and_tests(calls)

    def primary(self) -> list[Call]:
        kind, value, _ = self.take()
        if kind == "name":
            if value not in CONSTANTS:
                self.variable(value)
            return []
        if kind in ("int", "float", "str"):
            if kind == "str" and self.peek()[0] == "str":  # 'a' 'b' concatenation: left to Jinja
                raise Unsure
            return []
        closing = {"(": ")", "[": "]", "{": "}"}.get(value) if kind == "op" else None
        if closing is None:
            raise Unsure

        def entry() -> list[Call]:  # a tuple's or list's item, or a dict's `key: value`
            calls = self.expression()
            if closing == "}":
                self.expect("op", ":")
                calls += self.expression()
            return calls
        return self.separated(closing, entry)

    def separated(self, closing: str, entry: Callable[[], list[Call]]) -> list[Call]:
        """Comma-separated entries up to `closing`, which is read too; Jinja allows a trailing comma."""
        calls: list[Call] = []
        first = True
        while not self.at_op(closing):
            if not first:
                self.expect("op", ",")
                if self.at_op(closing):
                    break
            first = False
            calls += entry()
        self.take()
        return calls

    def subscript(self) -> list[Call]:
        """After `[`: an expression or a slice (`a:b`, `:b`, `a:b:c`), then `]`."""
        calls: list[Call] = []
        for part in range(3):
            if not self.at_op(":", "]"):
                calls += self.expression()
            if self.at_op("]") or part == 2:
                break
            self.expect("op", ":")
        self.expect("op", "]")
        return calls

    def filters_and_tests(self, calls: list[Call]) -> list[Call]:
        """`| f(args)` and `is [not] t` after an operand: each is the parent of what came before."""
        while True:
            kind, value, offset = self.peek()
            if (kind, value) == ("op", "|"):
                self.take()
                _, name, where = self.expect("name")
                args = self.arguments(opened=False) if self.at_op("(") else []
                calls = [("filter", name, self.line(where)), *calls, *args]
            elif (kind, value) == ("name", "is"):
                self.take()
                if self.at_name("not"):
                    self.take()
                name = self.expect("name")[1]
                after = self.peek()
                if after[1] in (".", "(", "[", "{") or after[0] in ("int", "float", "str") or (
                        after[0] == "name" and after[1] not in ("and", "or", "else")):
                    raise Unsure  # a dotted test, or a test with an argument
                calls = [("test", name, self.line(offset)), *calls]
            elif self.at_op("(", "."):  # a call on a filter's result, or a dotted filter name
                raise Unsure
            else:
                return calls

    def arguments(self, opened: bool = True) -> list[Call]:
        """Call arguments up to `)`: positional, then `name=value`; `*args` and `**kwargs` are Jinja's."""
        if not opened:
            self.expect("op", "(")
        keywords = False

        def argument() -> list[Call]:
            nonlocal keywords
            if self.peek()[0] == "name" and self.peek(1)[:2] == ("op", "="):
                self.at += 2
                keywords = True
            elif keywords:  # a positional argument after a keyword one: Jinja refuses it
                raise Unsure
            return self.expression()
        return self.separated(")", argument)
