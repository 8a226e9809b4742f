"""Parsing rule expressions into trees, and the hostile expressions of the issue."""

from __future__ import annotations

import pytest

from evalkit.rules.errors import ExpressionError
from evalkit.rules.nodes import (
    Arithmetic,
    Boolean,
    Call,
    Comparison,
    Logical,
    Membership,
    Negate,
    Not,
    Number,
    Text,
)
from evalkit.rules.parser import MAX_DEPTH, parse_expression


def test_call_compared_with_a_percent() -> None:
    assert parse_expression("value('csat') < 70%") == Comparison(
        (Call("value", (Text("csat", 6),), 0), Number(0.7, 16)), ("<",), (14,), 0
    )


def test_precedence_of_arithmetic() -> None:
    tree = parse_expression("1 + 2 * -3")
    assert tree == Arithmetic(
        (
            Number(1, 0),
            Arithmetic((Number(2, 4), Negate(Number(3, 9), 8)), ("*",), (6,), 4),
        ),
        ("+",),
        (2,),
        0,
    )


def test_or_binds_looser_than_and_and_not() -> None:
    tree = parse_expression("not true and false or true")
    assert isinstance(tree, Logical) and tree.operator == "or"
    left = tree.operands[0]
    assert isinstance(left, Logical) and left.operator == "and"
    assert left.operands == (Not(Boolean(True, 4), 0), Boolean(False, 13))


def test_chained_comparison_keeps_every_operator() -> None:
    tree = parse_expression("0 < score('csat') <= 100")
    assert isinstance(tree, Comparison)
    assert tree.operators == ("<", "<=")
    assert len(tree.operands) == 3


@pytest.mark.parametrize(
    "text", ["status('csat') in ('red', 'amber')", "status('csat') in ['red', 'amber',]"]
)
def test_membership_with_parentheses_or_brackets(text: str) -> None:
    tree = parse_expression(text)
    assert isinstance(tree, Membership)
    assert [o.value for o in tree.options if isinstance(o, Text)] == ["red", "amber"]
    assert not tree.negated


def test_not_in() -> None:
    tree = parse_expression("grade() not in ('A',)")
    assert isinstance(tree, Membership) and tree.negated and len(tree.options) == 1


@pytest.mark.parametrize(
    ("text", "message", "column"),
    [
        # the hostile expressions of the issue
        ("__import__('os')", None, None),  # parses; the checker reports the unknown function
        ("().__class__", "attribute access is not allowed", 2),
        ("value('x').__dict__", "attribute access is not allowed", 10),
        ("lambda: 1", "'lambda' is not part of the rule language", 0),
        ("9 ** 9 ** 9", "'**' is not supported: there is no power operator", 2),
        ("1" * 10_000, "expression is 10000 characters long; the limit is 1000", 1000),
        ("(" * 60 + "1" + ")" * 60, f"expression is nested more than {MAX_DEPTH} levels deep", 50),
        # and other mistakes
        ("", "empty expression", 0),
        ("()", "empty parentheses", 0),
        ("(1, 2)", "a list of values is only allowed after 'in'", 0),
        ("[1]", "a list of values is only allowed after 'in'", 0),
        (
            "csat < 1",
            "'csat' is not a value: call a function, and quote ids, e.g. value('csat')",
            0,
        ),
        ("value('csat'", "expected ')' to close the '(' at column 6, found end of expression", 12),
        ("1 2", "unexpected '2' after a complete expression", 2),
        ("1 +", "expected a value, found end of expression", 3),
        ("and", "expected a value, found 'and'", 0),
        ("grade() in 'A'", "'in' needs a parenthesised list of values", 11),
        ("1 < 2 in (1,)", "combine 'in' with other comparisons using 'and'", 6),
        ("1 in (1,) == true", "combine 'in' with other comparisons using 'and'", 10),
        ("-" * 60 + "1", f"expression is nested more than {MAX_DEPTH} levels deep", 50),
        ("not " * 60 + "true", f"expression is nested more than {MAX_DEPTH} levels deep", 200),
    ],
)
def test_refused_with_message_and_column(
    text: str, message: str | None, column: int | None
) -> None:
    if message is None:
        assert parse_expression(text) == Call("__import__", (Text("os", 11),), 0)
        return
    with pytest.raises(ExpressionError) as caught:
        parse_expression(text)
    assert caught.value.message.startswith(message)
    assert caught.value.column == column


def test_nesting_up_to_the_limit_is_accepted() -> None:
    depth = MAX_DEPTH
    assert parse_expression("(" * depth + "1" + ")" * depth) == Number(1, depth)


def test_a_long_flat_expression_within_the_length_limit() -> None:
    text = " + ".join(["1"] * 250)
    tree = parse_expression(text)
    assert isinstance(tree, Arithmetic) and len(tree.operands) == 250


def test_offset_shifts_every_column() -> None:
    assert parse_expression("grade()", offset=7) == Call("grade", (), 7)
