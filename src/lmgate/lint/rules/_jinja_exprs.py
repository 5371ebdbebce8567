"""Jinja expressions for the quick template reader: Jinja's own grammar (parser.py, `parse_expression`
and below) without macros' `*args`, dotted filter names, test arguments and tuples. This module
has the operators (conditional, or/and/not, comparisons, arithmetic); `_jinja_operands` what they join.

Each method returns the filter and test uses below it in the order of Jinja's AST walk (pre-order,
fields in declaration order). That is document order, except that a filter or test is the parent of
what it follows (`x | f | g` is met as g, f) and a conditional `a if b else c` is met as b, a, c.
"""

from __future__ import annotations

from collections.abc import Callable

from lmgate.lint.rules._jinja_operands import Call, OperandReader

_COMPARE = {"==", "!=", "<", "<=", ">", ">="}
_ARITHMETIC = {"+", "-", "*", "/", "//", "%", "**", "~"}


class ExpressionReader(OperandReader):
    def expression(self, condexpr: bool = True) -> list[Call]:
        calls = self.disjunction()
        while condexpr and self.at_name("if"):  # CondExpr(test, expr1, expr2): the test is met first
            self.take()
            test = self.disjunction()
            otherwise = []
            if self.at_name("else"):
                self.take()
                otherwise = self.expression()
            calls = test + calls + otherwise
        return calls

    def disjunction(self) -> list[Call]:
        return self.joined("or", self.conjunction)

    def conjunction(self) -> list[Call]:
        return self.joined("and", self.negation)

    def joined(self, word: str, part: Callable[[], list[Call]]) -> list[Call]:
        """`part (word part)*`: And/Or(left, right) are met left to right."""
        calls = part()
        while self.at_name(word):
            self.take()
            calls += part()
        return calls

    def negation(self) -> list[Call]:
        if self.at_name("not"):
            self.take()
            return self.negation()
        calls = self.arithmetic()
        while True:
            if self.at_op(*_COMPARE) or self.at_name("in"):
                self.take()
            elif self.at_name("not") and self.peek(1)[:2] == ("name", "in"):
                self.at += 2
            else:
                return calls
            calls += self.arithmetic()

    def arithmetic(self) -> list[Call]:
        """Operands joined by + - * / // % ** ~: precedence changes no fact, left to right either way."""
        calls = self.unary()
        while self.at_op(*_ARITHMETIC):
            self.take()
            calls += self.unary()
        return calls
