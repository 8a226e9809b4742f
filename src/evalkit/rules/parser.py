"""A recursive-descent parser from rule-expression tokens to the syntax tree of ``nodes``.

Grammar, loosest binding first::

    expression  := and ("or" and)*
    and         := not ("and" not)*
    not         := "not" not | comparison
    comparison  := sum (COMPARE sum)* | sum ["not"] "in" options
    options     := "(" expression ("," expression)* [","] ")"   (or with brackets)
    sum         := product (("+" | "-") product)*
    product     := unary (("*" | "/") unary)*
    unary       := "-" unary | "+" unary | primary
    primary     := NUMBER | STRING | "true" | "false" | call | "(" expression ")"
    call        := NAME "(" [expression ("," expression)*] ")" ["." NAME]

Nesting (parentheses, calls, ``not`` and unary signs) is limited to ``MAX_DEPTH`` levels so
that neither parsing nor evaluation can exhaust the stack.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

from evalkit.rules.errors import ExpressionError
from evalkit.rules.lexer import Token, tokenize
from evalkit.rules.nodes import (
    Arithmetic,
    Boolean,
    Call,
    Comparison,
    Logical,
    Membership,
    Negate,
    Node,
    Not,
    Number,
    Text,
)

MAX_DEPTH = 50
"""Deepest nesting of parentheses, calls, ``not`` and signs accepted."""

COMPARISONS = ("<", "<=", ">", ">=", "==", "!=")
_KEYWORDS = frozenset({"and", "or", "not", "in", "true", "false"})
_CLOSING = {"(": ")", "[": "]"}
_NO_ATTRIBUTES = (
    "attribute access is not allowed; only a function's fields are, e.g. target('csat').goal"
)


COLUMN = "column"
"""With ``bare_names``, a bare name ``status`` parses as ``column('status')`` (row filters)."""


def parse_expression(text: str, offset: int = 0, *, bare_names: bool = False) -> Node:
    """The syntax tree of ``text``; columns in it (and in errors) are shifted by ``offset``.

    ``bare_names`` (row filters over a table's columns) reads a name that is not called as
    ``column('name')``; rules keep requiring quoted ids.
    """
    parser = _Parser(tokenize(text, offset), bare_names)
    if parser.peek().kind == "end":
        raise ExpressionError("empty expression", offset)
    node = parser.expression()
    token = parser.peek()
    if token.kind != "end":
        raise ExpressionError(
            f"unexpected {_describe(token)} after a complete expression", token.column
        )
    return node


def _describe(token: Token) -> str:
    if token.kind == "end":
        return "end of expression"
    return f"'{token.text}'"


class _Parser:
    def __init__(self, tokens: list[Token], bare_names: bool = False) -> None:
        self._tokens = tokens
        self._bare_names = bare_names
        self._position = 0
        self._depth = 0

    def peek(self, ahead: int = 0) -> Token:
        return self._tokens[min(self._position + ahead, len(self._tokens) - 1)]

    def _next(self) -> Token:
        token = self.peek()
        self._position += 1
        return token

    def _at(self, text: str, ahead: int = 0) -> bool:
        token = self.peek(ahead)
        return token.kind in ("name", "operator") and token.text == text

    def _enter(self, token: Token) -> None:
        self._depth += 1
        if self._depth > MAX_DEPTH:
            raise ExpressionError(
                f"expression is nested more than {MAX_DEPTH} levels deep", token.column
            )

    def _expect(self, text: str, opened: Token) -> None:
        token = self._next()
        if token.kind != "operator" or token.text != text:
            raise ExpressionError(
                f"expected '{text}' to close the '{opened.text}' at column {opened.column + 1}, "
                f"found {_describe(token)}",
                token.column,
            )

    def expression(self) -> Node:
        return self._logical("or", self._and)

    def _and(self) -> Node:
        return self._logical("and", self._not)

    def _logical(self, operator: Literal["and", "or"], parse: Callable[[], Node]) -> Node:
        first = self.peek()
        operands = [parse()]
        while self._at(operator):
            self._next()
            operands.append(parse())
        if len(operands) == 1:
            return operands[0]
        return Logical(operator, tuple(operands), first.column)

    def _not(self) -> Node:
        if not self._at("not"):
            return self._comparison()
        token = self._next()
        self._enter(token)
        operand = self._not()
        self._depth -= 1
        return Not(operand, token.column)

    def _comparison(self) -> Node:
        first = self._sum()
        if self._at("in") or (self._at("not") and self._at("in", 1)):
            return self._membership(first)
        operands: list[Node] = [first]
        operators: list[str] = []
        columns: list[int] = []
        while self.peek().kind == "operator" and self.peek().text in COMPARISONS:
            token = self._next()
            operators.append(token.text)
            columns.append(token.column)
            operands.append(self._sum())
        if self._at("in"):
            raise ExpressionError(
                "combine 'in' with other comparisons using 'and'", self.peek().column
            )
        if not operators:
            return first
        return Comparison(tuple(operands), tuple(operators), tuple(columns), first.column)

    def _membership(self, item: Node) -> Node:
        negated = self._at("not")
        if negated:
            self._next()
        keyword = self._next()
        opened = self._next()
        if opened.kind != "operator" or opened.text not in _CLOSING:
            raise ExpressionError(
                "'in' needs a parenthesised list of values, "
                "e.g. status('csat') in ('red', 'amber')",
                opened.column,
            )
        self._enter(opened)
        options = [self.expression()]
        while self._at(","):
            self._next()
            if self._at(_CLOSING[opened.text]):
                break
            options.append(self.expression())
        self._expect(_CLOSING[opened.text], opened)
        self._depth -= 1
        if self.peek().kind == "operator" and self.peek().text in (*COMPARISONS, "in"):
            raise ExpressionError(
                "combine 'in' with other comparisons using 'and'", self.peek().column
            )
        return Membership(item, tuple(options), negated, keyword.column)

    def _sum(self) -> Node:
        return self._chain(("+", "-"), self._product)

    def _product(self) -> Node:
        return self._chain(("*", "/"), self._unary)

    def _chain(self, operators: tuple[str, ...], parse: Callable[[], Node]) -> Node:
        first = self.peek()
        operands: list[Node] = [parse()]
        found: list[str] = []
        columns: list[int] = []
        while self.peek().kind == "operator" and self.peek().text in operators:
            token = self._next()
            found.append(token.text)
            columns.append(token.column)
            operands.append(parse())
        if not found:
            return operands[0]
        return Arithmetic(tuple(operands), tuple(found), tuple(columns), first.column)

    def _unary(self) -> Node:
        if not (self._at("-") or self._at("+")):
            return self._primary()
        token = self._next()
        self._enter(token)
        operand = self._unary()
        self._depth -= 1
        return Negate(operand, token.column) if token.text == "-" else operand

    def _primary(self) -> Node:
        token = self._next()
        if token.kind == "number":
            return Number(token.number, token.column)
        if token.kind == "string":
            return Text(token.string, token.column)
        if token.kind == "name":
            return self._name(token)
        if token.text == "(":
            node = self._parenthesised(token)
            if self._at("."):
                raise ExpressionError(_NO_ATTRIBUTES, self.peek().column)
            return node
        if token.text == "[":
            raise ExpressionError("a list of values is only allowed after 'in'", token.column)
        raise ExpressionError(f"expected a value, found {_describe(token)}", token.column)

    def _name(self, token: Token) -> Node:
        if token.text in ("true", "false"):
            return Boolean(token.text == "true", token.column)
        if token.text in _KEYWORDS:
            raise ExpressionError(f"expected a value, found '{token.text}'", token.column)
        if not self._at("(") and self._bare_names:
            return Call(COLUMN, (Text(token.text, token.column),), token.column)
        if not self._at("("):
            raise ExpressionError(
                f"'{token.text}' is not a value: call a function, and quote ids, "
                f"e.g. value('{token.text}')",
                token.column,
            )
        opened = self._next()
        self._enter(opened)
        args: list[Node] = []
        if not self._at(")"):
            args.append(self.expression())
            while self._at(","):
                self._next()
                args.append(self.expression())
        self._expect(")", opened)
        self._depth -= 1
        if not self._at("."):
            return Call(token.text, tuple(args), token.column)
        self._next()
        name = self._next()
        return Call(token.text, tuple(args), token.column, name.text)

    def _parenthesised(self, opened: Token) -> Node:
        self._enter(opened)
        if self._at(")"):
            raise ExpressionError("empty parentheses", opened.column)
        node = self.expression()
        if self._at(","):
            raise ExpressionError("a list of values is only allowed after 'in'", opened.column)
        self._expect(")", opened)
        self._depth -= 1
        return node
