"""``data.sources.<table>.where:``: a row filter in the rules' expression language, read and
checked against the table's canonical columns (compiled to an Ibis filter by the compute layer).

A bare name is a column (``status != 'cancelled'``); literals, comparisons, ``in``/``not in``,
``and``/``or``/``not`` and arithmetic are allowed; functions are not.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from evalkit.errors import did_you_mean
from evalkit.rules.errors import ExpressionError
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
from evalkit.rules.parser import COLUMN, parse_expression


@dataclass(frozen=True)
class WhereProblem:
    """A problem of a filter at a 0-based column of its text."""

    message: str
    column: int


def parse_where(text: str, columns: Collection[str]) -> tuple[Node | None, list[WhereProblem]]:
    """The checked syntax tree of the filter ``text`` over ``columns``, or the problems found."""
    try:
        node = parse_expression(text, bare_names=True)
    except ExpressionError as exc:
        return None, [WhereProblem(exc.message, exc.column)]
    problems: list[WhereProblem] = []
    _check(node, columns, problems)
    return (None if problems else node), problems


def column_name(node: Node) -> str | None:
    """The column a node names (``status`` or ``column('status')``), else None."""
    if (
        isinstance(node, Call)
        and node.name == COLUMN
        and len(node.args) == 1
        and isinstance(node.args[0], Text)
    ):
        return node.args[0].value
    return None


def filter_columns(node: Node | None) -> list[str]:
    """The columns a filter reads, in order of appearance."""
    if node is None:
        return []
    name = column_name(node)
    if name is not None:
        return [name]
    children: tuple[Node, ...] = ()
    if isinstance(node, Arithmetic | Comparison | Logical):
        children = node.operands
    elif isinstance(node, Membership):
        children = (node.item,)
    elif isinstance(node, Negate | Not):
        children = (node.operand,)
    return [c for child in children for c in filter_columns(child)]


def _check(node: Node, columns: Collection[str], problems: list[WhereProblem]) -> None:
    name = column_name(node)
    if name is not None:
        if name not in columns:
            problems.append(
                WhereProblem(
                    f"'{name}' is not a column of this table{did_you_mean(name, columns)}",
                    node.column,
                )
            )
        return
    if isinstance(node, Call):
        problems.append(
            WhereProblem(
                f"functions such as {node.name}() are not available in where:; compare columns "
                "with values, e.g. status != 'cancelled'",
                node.column,
            )
        )
        return
    children: tuple[Node, ...] = ()
    if isinstance(node, Arithmetic | Comparison | Logical):
        children = node.operands
    elif isinstance(node, Membership):
        children = (node.item,)
        for option in node.options:
            if not isinstance(option, Number | Text | Boolean):
                problems.append(
                    WhereProblem("the values after 'in' must be literals", option.column)
                )
    elif isinstance(node, Negate | Not):
        children = (node.operand,)
    for child in children:
        _check(child, columns, problems)
