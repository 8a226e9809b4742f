"""Static checks: unknown names with did-you-mean, argument counts and types, result type."""

from __future__ import annotations

import pytest

from evalkit.rules.checker import ExpressionProblem, Names, check_expression
from evalkit.rules.functions import function_table
from evalkit.rules.parser import parse_expression

from .fakes import CRITERIA, METRICS

NAMES = Names(METRICS, CRITERIA, function_table())


def problems(text: str) -> list[tuple[str, int, str]]:
    found = check_expression(parse_expression(text), NAMES)[1]
    return [(p.message, p.column, p.hint) for p in found]


@pytest.mark.parametrize(
    "text",
    [
        "value('csat') < 0.70",
        "change('fcr', 'baseline') >= 0.10",
        "value('complaint_rate') > previous('complaint_rate') * 1.2",
        "overall_score() < 60 or status('sla_response_compliance') == 'red'",
        "status('csat') in ('red', 'amber') and not grade() == 'A'",
        "segment('csat', 'B2B') - segment('csat', 'B2C') > 10%",
        "criterion_score('service_quality') < min(60, score('csat'), score('fcr'))",
        "abs(value('csat') - target('csat')) > 0.05 and baseline('csat') != 0",
        "count_status('red') >= 2 or max(1, 2) == 2 or true",
        "value('csat') < target('csat').goal and value('fcr') > target('fcr').red_flag",
        "abs(value('csat') - target('csat').goal) <= target('csat').tolerance",
    ],
)
def test_valid_expressions_have_no_problems(text: str) -> None:
    assert problems(text) == []


def test_unknown_function_with_did_you_mean() -> None:
    assert problems("valeu('csat') < 1") == [
        ("unknown function 'valeu'", 0, " (did you mean 'value'?)")
    ]


def test_dunder_import_is_an_unknown_function() -> None:
    assert problems("__import__('os')") == [("unknown function '__import__'", 0, "")]


def test_unknown_metric_and_criterion_with_did_you_mean() -> None:
    assert problems("value('csta') < 1 or criterion_score('service') > 1") == [
        ("unknown metric 'csta'", 6, " (did you mean 'csat'?)"),
        ("unknown criterion 'service'", 37, " (did you mean 'service_quality'?)"),
    ]


def test_every_problem_is_reported() -> None:
    found = problems("value('a', 'b') + status('csat') > grade(1)")
    assert [message for message, _, _ in found] == [
        "value(metric) takes 1 argument, got 2",
        "unknown metric 'a'",
        "'+' needs a number, not a string",
        "grade() takes 0 arguments, got 1",
        "cannot compare a number with a string",
    ]


@pytest.mark.parametrize(
    ("text", "message", "column"),
    [
        ("min(1)", "min(a, b, …) takes at least 2 arguments, got 1", 0),
        ("change('csat') > 0", "change(metric, window) takes 2 arguments, got 1", 0),
        (
            "change('csat', 'last') > 0",
            "change()'s 'window' cannot be 'last'; use one of 'previous', 'baseline'",
            15,
        ),
        ("value(1) > 0", "the metric of value() must be a quoted id, e.g. value('csat')", 6),
        ("abs('x') > 0", "abs()'s 'x' needs a number, not a string", 4),
        (
            "status('csat') == 'redd'",
            "status() is never 'redd'; it is one of 'green', 'amber', 'red', 'no_data', 'error'",
            18,
        ),
        ("status('csat') in ('red', 'yellow')", "status() is never 'yellow'", 26),
        ("count_status('grey') > 0", "count_status()'s 'status' cannot be 'grey'", 13),
        ("grade() < 'C'", "'<' compares numbers, not a string", 8),
        ("value('csat') == 'high'", "cannot compare a number with a string", 14),
        ("value('csat') and true", "'and' needs a true/false test, not a number", 0),
        ("not value('csat')", "'not' needs a true/false test, not a number", 4),
        ("-grade() < 1", "'-' needs a number, not a string", 1),
        ("value('csat')", "the expression must be a true/false test, not a number", 0),
        ("grade() in ('A', 1)", "'in' compares a string with a number", 17),
        (
            "value('csat').goal > 0",
            "value() has no field '.goal': it returns a plain value",
            0,
        ),
        (
            "target('csat').gaol > 0",
            "target() has no field '.gaol'; use one of .goal, .red_flag, .tolerance",
            0,
        ),
    ],
)
def test_problem_message_and_column(text: str, message: str, column: int) -> None:
    found = check_expression(parse_expression(text), NAMES)[1]
    assert found and found[0].message.startswith(message)
    assert found[0].column == column


def test_type_of_a_number_expression_when_no_type_is_expected() -> None:
    node = parse_expression("value('csat') * 100")
    assert check_expression(node, NAMES, expected=None) == ("number", [])


def test_problem_defaults() -> None:
    assert ExpressionProblem("m", 3).hint == ""


def test_a_misspelt_field_gets_a_hint() -> None:
    assert problems("target('csat').red_flg > 0")[0][2] == " (did you mean 'red_flag'?)"
