"""Static checks of a parsed expression: names, argument counts and types, before anything runs.

Every problem found is collected (not only the first) with the column it points at. Types are
inferred bottom-up; a node whose type cannot be known because of an earlier problem is
``None`` and is not reported again.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field

from evalkit.errors import did_you_mean
from evalkit.rules.functions import Param, RuleFunction
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
    ValueType,
)


@dataclass(frozen=True)
class ExpressionProblem:
    """A problem at ``column`` (0-based); ``hint`` is a suffix such as `` (did you mean …?)``."""

    message: str
    column: int
    hint: str = ""


@dataclass(frozen=True)
class Names:
    """What expressions may refer to: the spec's metric and criterion ids, and the functions."""

    metrics: Collection[str]
    criteria: Collection[str]
    functions: Mapping[str, RuleFunction] = field(default_factory=dict)


def check_expression(
    node: Node, names: Names, expected: ValueType | None = "bool"
) -> tuple[ValueType | None, list[ExpressionProblem]]:
    """The type of ``node`` and every problem in it; ``expected`` is the type it must have."""
    checker = _Checker(names)
    found = checker.type_of(node)
    if expected is not None and found is not None and found != expected:
        checker.report(f"the expression must be a {_NAMES[expected]}, not a {_NAMES[found]}", node)
    return found, checker.problems


_NAMES: dict[ValueType, str] = {"number": "number", "string": "string", "bool": "true/false test"}


class _Checker:
    def __init__(self, names: Names) -> None:
        self._names = names
        self.problems: list[ExpressionProblem] = []

    def report(self, message: str, node: Node | int, hint: str = "") -> None:
        column = node if isinstance(node, int) else node.column
        self.problems.append(ExpressionProblem(message, column, hint))

    def type_of(self, node: Node) -> ValueType | None:
        match node:
            case Number():
                return "number"
            case Text():
                return "string"
            case Boolean():
                return "bool"
            case Call():
                return self._call(node)
            case Negate():
                self._require(node.operand, "number", "'-'")
                return "number"
            case Arithmetic():
                for index, operand in enumerate(node.operands):
                    self._require(operand, "number", f"'{node.operators[max(index - 1, 0)]}'")
                return "number"
            case Comparison():
                self._comparison(node)
                return "bool"
            case Membership():
                self._membership(node)
                return "bool"
            case Logical():
                for operand in node.operands:
                    self._require(operand, "bool", f"'{node.operator}'")
                return "bool"
            case Not():
                self._require(node.operand, "bool", "'not'")
                return "bool"

    def _require(self, node: Node, wanted: ValueType, by: str) -> None:
        found = self.type_of(node)
        if found is not None and found != wanted:
            self.report(f"{by} needs a {_NAMES[wanted]}, not a {_NAMES[found]}", node)

    def _comparison(self, node: Comparison) -> None:
        types = [self.type_of(operand) for operand in node.operands]
        for index, operator in enumerate(node.operators):
            left, right = types[index], types[index + 1]
            column = node.operator_columns[index]
            if left is None or right is None:
                continue
            if operator in ("<", "<=", ">", ">=") and "number" not in (left, right):
                self.report(f"'{operator}' compares numbers, not a {_NAMES[left]}", column)
            elif left != right:
                self.report(f"cannot compare a {_NAMES[left]} with a {_NAMES[right]}", column)
            else:
                self._choices(node.operands[index], node.operands[index + 1])
                self._choices(node.operands[index + 1], node.operands[index])

    def _membership(self, node: Membership) -> None:
        item = self.type_of(node.item)
        for option in node.options:
            found = self.type_of(option)
            if item is not None and found is not None and found != item:
                self.report(f"'in' compares a {_NAMES[item]} with a {_NAMES[found]}", option)
            self._choices(node.item, option)

    def _choices(self, call: Node, literal: Node) -> None:
        """A string literal compared with a function that returns only some strings."""
        if not (isinstance(call, Call) and isinstance(literal, Text)):
            return
        function = self._names.functions.get(call.name)
        if function and function.returns_choices and literal.value not in function.returns_choices:
            self.report(
                f"{call.name}() is never '{literal.value}'; it is one of "
                + ", ".join(f"'{c}'" for c in function.returns_choices),
                literal,
                did_you_mean(literal.value, function.returns_choices),
            )

    def _call(self, node: Call) -> ValueType | None:
        function = self._names.functions.get(node.name)
        if function is None:
            self.report(
                f"unknown function '{node.name}'",
                node,
                did_you_mean(node.name, self._names.functions),
            )
            for arg in node.args:
                self.type_of(arg)
            return None
        count, least = len(node.args), len(function.params)
        if count < least or (count > least and not function.variadic):
            wanted = f"at least {least}" if function.variadic else str(least)
            plural = "" if least == 1 and not function.variadic else "s"
            self.report(f"{function.signature} takes {wanted} argument{plural}, got {count}", node)
        for index, arg in enumerate(node.args):
            if index < least or (function.variadic and least):
                self._argument(function, function.params[min(index, least - 1)], arg)
            else:
                self.type_of(arg)
        if node.field and node.field not in function.fields:
            known = ", ".join(f".{f}" for f in function.fields)
            self.report(
                f"{node.name}() has no field '.{node.field}'"
                + (f"; use one of {known}" if known else ": it returns a plain value"),
                node,
                did_you_mean(node.field, function.fields),
            )
        return function.returns

    def _argument(self, function: RuleFunction, param: Param, arg: Node) -> None:
        kind = param.type
        if kind == "metric" or kind == "criterion":
            self._id_argument(function, param, arg)
            return
        self._require(arg, kind, f"{function.name}()'s '{param.name}'")
        if param.choices and not isinstance(arg, Text):
            self.report(
                f"{function.name}()'s '{param.name}' must be written as a quoted string: one of "
                + ", ".join(f"'{c}'" for c in param.choices),
                arg,
            )
        elif isinstance(arg, Text) and param.choices and arg.value not in param.choices:
            self.report(
                f"{function.name}()'s '{param.name}' cannot be '{arg.value}'; use one of "
                + ", ".join(f"'{c}'" for c in param.choices),
                arg,
                did_you_mean(arg.value, param.choices),
            )

    def _id_argument(self, function: RuleFunction, param: Param, arg: Node) -> None:
        if not isinstance(arg, Text):
            self.type_of(arg)
            self.report(
                f"the {param.type} of {function.name}() must be a quoted id, "
                f"e.g. {function.name}('csat')",
                arg,
            )
            return
        known = self._names.metrics if param.type == "metric" else self._names.criteria
        if arg.value not in known:
            self.report(f"unknown {param.type} '{arg.value}'", arg, did_you_mean(arg.value, known))


def metrics_named(node: Node, functions: Mapping[str, RuleFunction]) -> tuple[str, ...]:
    """The metric ids a checked expression names (``value('csat') < 0.9`` → ``('csat',)``)."""
    found: dict[str, None] = {}

    def visit(item: object) -> None:
        if isinstance(item, Call):
            function = functions.get(item.name)
            for index, arg in enumerate(item.args):
                params = function.params if function else ()
                param = params[min(index, len(params) - 1)] if params else None
                if param is not None and param.type == "metric" and isinstance(arg, Text):
                    found[arg.value] = None
                visit(arg)
        elif isinstance(item, tuple):
            for part in item:
                visit(part)
        elif hasattr(item, "__dataclass_fields__"):
            for name in item.__dataclass_fields__:
                visit(getattr(item, name))

    visit(node)
    return tuple(found)
