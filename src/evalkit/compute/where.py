"""A checked ``where:`` row filter (``evalkit.data.where``) as an Ibis boolean expression.

A row is kept when the condition is true. A comparison with an empty cell is false, except
``!=`` and ``not in``, which are true (``status != 'cancelled'`` keeps rows with no status).
"""

from __future__ import annotations

from typing import Any

import ibis
import ibis.expr.types as ir

from evalkit.data.where import column_name
from evalkit.rules.nodes import (
    Arithmetic,
    Boolean,
    Comparison,
    Logical,
    Membership,
    Negate,
    Node,
    Not,
    Number,
    Text,
)


def row_filter(node: Node, table: ir.Table) -> ir.BooleanValue:
    """The filter ``node`` over ``table``'s columns; null conditions count as false."""
    result: ir.BooleanValue = _value(node, table).fill_null(False)
    return result


def _value(node: Node, table: ir.Table) -> Any:
    name = column_name(node)
    if name is not None:
        return table[name]
    match node:
        case Number() | Text() | Boolean():
            return ibis.literal(node.value)
        case Negate():
            return -_value(node.operand, table)
        case Not():
            return ~_value(node.operand, table)
        case Logical():
            values = [_value(o, table) for o in node.operands]
            combined = values[0]
            for value in values[1:]:
                combined = (combined & value) if node.operator == "and" else (combined | value)
            return combined
        case Arithmetic():
            total = _value(node.operands[0], table)
            for operator, operand in zip(node.operators, node.operands[1:], strict=True):
                total = _arithmetic(operator, total, _value(operand, table))
            return total
        case Comparison():
            parts = []
            for i, operator in enumerate(node.operators):
                left, right = _pair(node.operands[i], node.operands[i + 1], table)
                parts.append(_compare(operator, left, right))
            combined = parts[0]
            for part in parts[1:]:
                combined = combined & part
            return combined
        case Membership():
            item = _value(node.item, table)
            options = [_literal_like(item, o) for o in node.options]
            if node.negated:
                return item.isnull() | item.notin(options)
            return item.isin(options)
    raise TypeError(f"not a filter node: {node!r}")  # parse_where lets none through


def _pair(a: Node, b: Node, table: ir.Table) -> tuple[Any, Any]:
    left, right = _value(a, table), _value(b, table)
    if isinstance(b, Text) and column_name(a) is not None:
        right = _literal_like(left, b)
    if isinstance(a, Text) and column_name(b) is not None:
        left = _literal_like(right, a)
    return left, right


def _literal_like(column: Any, node: Node) -> Any:
    """A literal in the type of ``column`` (``created_at >= '2026-01-01'``)."""
    if not isinstance(node, Number | Text | Boolean):
        return node
    literal = ibis.literal(node.value)
    dtype = column.type()
    if isinstance(node, Text) and (dtype.is_temporal() or dtype.is_numeric()):
        return literal.cast(dtype)
    return literal


def _arithmetic(operator: str, left: Any, right: Any) -> Any:
    if operator == "+":
        return left + right
    if operator == "-":
        return left - right
    if operator == "*":
        return left * right
    return left / right


def _compare(operator: str, left: Any, right: Any) -> Any:
    if operator == "==":
        return left == right
    if operator == "!=":
        return ~left.identical_to(right)
    if operator == "<":
        return left < right
    if operator == "<=":
        return left <= right
    if operator == ">":
        return left > right
    return left >= right
