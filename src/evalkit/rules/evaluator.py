"""Evaluate a checked expression against an evaluation, with no Python ``eval`` anywhere.

Numbers are floats; every arithmetic result must be finite (else ``RuleFailed``); dividing by
zero skips the rule (``RuleSkipped``); a function that finds no value skips it with
``no data``. ``and``/``or`` and chained comparisons short-circuit left to right, so
``value('a') < 1 or value('b') > 2`` fires when ``a`` is below 1 even if ``b`` has no data.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from evalkit.rules.errors import RuleFailed, RuleSkipped
from evalkit.rules.functions import RuleFunction
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
    Value,
    type_of,
)
from evalkit.rules.view import EvaluationView


def evaluate(node: Node, view: EvaluationView, functions: Mapping[str, RuleFunction]) -> Value:
    """The value of ``node``; raises ``RuleSkipped`` or ``RuleFailed`` when it has none."""
    return _Evaluator(view, functions).value(node)


class _Evaluator:
    def __init__(self, view: EvaluationView, functions: Mapping[str, RuleFunction]) -> None:
        self._view = view
        self._functions = functions

    def value(self, node: Node) -> Value:
        match node:
            case Number() | Text() | Boolean():
                return node.value
            case Call():
                return self._call(node)
            case Negate():
                return -self._number(node.operand)
            case Arithmetic():
                return self._arithmetic(node)
            case Comparison():
                return self._comparison(node)
            case Membership():
                item = self.value(node.item)
                found = any(item == self.value(option) for option in node.options)
                return found != node.negated
            case Logical():
                stop = node.operator == "or"
                for operand in node.operands:
                    if self._bool(operand) == stop:
                        return stop
                return not stop
            case Not():
                return not self._bool(node.operand)

    def _number(self, node: Node) -> float:
        value = self.value(node)
        if type_of(value) != "number":
            raise RuleFailed(f"expected a number at column {node.column + 1}, got {value!r}")
        return float(value)

    def _bool(self, node: Node) -> bool:
        value = self.value(node)
        if not isinstance(value, bool):
            raise RuleFailed(f"expected true or false at column {node.column + 1}, got {value!r}")
        return value

    def _arithmetic(self, node: Arithmetic) -> float:
        result = self._number(node.operands[0])
        steps = zip(node.operators, node.operator_columns, node.operands[1:], strict=True)
        for operator, column, operand in steps:
            right = self._number(operand)
            if operator == "+":
                result += right
            elif operator == "-":
                result -= right
            elif operator == "*":
                result *= right
            elif right == 0:
                raise RuleSkipped("division by zero", f"division by zero at column {column + 1}")
            else:
                result /= right
            if not math.isfinite(result):
                raise RuleFailed(f"the result of '{operator}' is too large to be a finite number")
        return result

    def _comparison(self, node: Comparison) -> bool:
        left = self.value(node.operands[0])
        for operator, operand in zip(node.operators, node.operands[1:], strict=True):
            right = self.value(operand)
            if not _compare(operator, left, right):
                return False
            left = right
        return True

    def _call(self, node: Call) -> Value:
        function = self._functions[node.name]
        args = [self.value(arg) for arg in node.args]
        fields = {"field": node.field} if node.field else {}
        try:
            result = function.implementation(self._view, *args, **fields)
        except (RuleSkipped, RuleFailed):
            raise
        except Exception as exc:
            raise RuleFailed(f"{node.name}() raised {type(exc).__name__}: {exc}") from exc
        shown = f"{node.name}({', '.join(repr(a) for a in args)})" + (
            f".{node.field}" if node.field else ""
        )
        if result is None:
            raise RuleSkipped("no data", f"{shown} has no data")
        if not isinstance(result, bool | str | int | float) or type_of(result) != function.returns:
            raise RuleFailed(f"{shown} returned {result!r}, not a {function.returns}")
        if isinstance(result, int | float) and not isinstance(result, bool):
            result = float(result)
            if not math.isfinite(result):
                raise RuleFailed(f"{shown} is not a finite number")
        return result


def _compare(operator: str, left: Value, right: Value) -> bool:
    if operator == "==":
        return left == right
    if operator == "!=":
        return left != right
    if isinstance(left, str | bool) or isinstance(right, str | bool):
        raise RuleFailed(f"'{operator}' compares numbers, not {left!r} and {right!r}")
    if operator == "<":
        return left < right
    if operator == "<=":
        return left <= right
    if operator == ">":
        return left > right
    return left >= right
