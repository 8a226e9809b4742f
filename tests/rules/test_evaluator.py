"""Evaluating expressions against a fake evaluation, compared with hand-computed results."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from evalkit.rules.errors import RuleFailed, RuleSkipped
from evalkit.rules.evaluator import evaluate
from evalkit.rules.functions import function_table
from evalkit.rules.nodes import Value
from evalkit.rules.parser import parse_expression

from .fakes import FakeView

FUNCTIONS = function_table()


def run(text: str, view: FakeView) -> Value:
    return evaluate(parse_expression(text), view, FUNCTIONS)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("value('csat') < 0.70", True),  # 0.68 < 0.70
        ("value('csat') < 68%", False),
        ("change('fcr', 'baseline')", pytest.approx((0.60 - 0.50) / 0.50)),  # 0.2
        ("change('fcr', 'baseline') >= 0.10", True),
        ("change('csat', 'previous')", pytest.approx((0.68 - 0.74) / 0.74)),
        ("value('complaint_rate') > previous('complaint_rate') * 1.2", True),  # 0.05 > 0.048
        ("overall_score() < 60 or status('sla_response_compliance') == 'red'", False),
        ("status('sla_response_compliance') == 'no_data'", True),
        ("status('csat') in ('red', 'amber')", True),
        ("status('fcr') not in ('red', 'amber')", True),
        ("segment('csat', 'B2B') - segment('csat', 'B2C')", pytest.approx(0.2)),
        ("criterion_score('service_quality') + 0.5", 65.0),
        ("score('fcr') - score('csat')", 65.0),
        ("target('csat') - value('csat')", pytest.approx(0.22)),
        ("baseline('csat') == 0.70", True),
        ("count_status('red') + count_status('green') * 10", 11.0),
        ("min(score('csat'), score('fcr'), 50)", 20.0),
        ("max(score('csat'), score('fcr'), 50)", 85.0),
        ("abs(-3) * -2", -6.0),
        ("-(2 + 3) * 4 - 10 / 4", -22.5),
        ("1 - 2 - 3", -4.0),
        ("24 / 4 / 3", 2.0),
        ("grade() == 'B' and not false", True),
        ("0 < score('csat') <= 20 < 21", True),
        ("0 < score('csat') < 20", False),
        ("1 == 1 == 1", True),
        ("'a' != 'b'", True),
    ],
)
def test_value(text: str, expected: object, view: FakeView) -> None:
    assert run(text, view) == expected


def test_missing_value_skips_with_no_data(view: FakeView) -> None:
    with pytest.raises(RuleSkipped) as caught:
        run("value('aht') > 5", view)
    assert caught.value.reason == "no data"
    assert caught.value.detail == "value('aht') has no data"


@pytest.mark.parametrize(
    "text",
    [
        "score('aht') > 5",
        "previous('aht') > 5",
        "target('complaint_rate') > 0",
        "criterion_score('cost_control') > 0",
        "segment('csat', 'Gov') > 0",
        "change('aht', 'previous') > 0",
    ],
)
def test_every_function_skips_on_missing_data(text: str, view: FakeView) -> None:
    with pytest.raises(RuleSkipped, match="has no data"):
        run(text, view)


def test_short_circuit_does_not_touch_missing_data(view: FakeView) -> None:
    assert run("value('csat') < 0.7 or value('aht') > 5", view) is True
    assert run("value('csat') > 0.7 and value('aht') > 5", view) is False
    assert run("score('csat') > 50 < value('aht')", view) is False


@pytest.mark.parametrize(
    ("text", "detail"),
    [
        ("1 / (value('csat') - 0.68)", "division by zero at column 3"),
        (
            "change('zero_base', 'baseline') > 0",
            "change('zero_base', 'baseline'): the baseline is 0",
        ),
    ],
)
def test_division_by_zero_skips(text: str, detail: str, view: FakeView) -> None:
    with pytest.raises(RuleSkipped) as caught:
        run(text, view)
    assert caught.value.reason == "division by zero"
    assert caught.value.detail == detail


def test_overflow_fails_the_rule(view: FakeView) -> None:
    text = " * ".join(["1e15"] * 30) + " > 0"
    with pytest.raises(RuleFailed, match="too large to be a finite number"):
        run(text, view)


def test_largest_literal_is_accepted(view: FakeView) -> None:
    assert run("1e15 * 1e15", view) == 1e30


@st.composite
def arithmetic(draw: st.DrawFn, depth: int = 0) -> tuple[str, Fraction]:
    """A random arithmetic expression over small integers and its exact value."""
    if depth >= 3 or draw(st.booleans()):
        number = draw(st.integers(min_value=0, max_value=999))
        return str(number), Fraction(number)
    left_text, left = draw(arithmetic(depth + 1))
    right_text, right = draw(arithmetic(depth + 1))
    operator = draw(st.sampled_from("+-*/"))
    if operator == "/" and right == 0:
        operator = "+"
    if draw(st.booleans()):
        return f"-({left_text})", -left
    value = {
        "+": lambda: left + right,
        "-": lambda: left - right,
        "*": lambda: left * right,
        "/": lambda: left / right,
    }[operator]()
    return f"({left_text} {operator} {right_text})", value


@settings(max_examples=200, deadline=None)
@given(arithmetic())
def test_arithmetic_agrees_with_exact_fractions(case: tuple[str, Fraction]) -> None:
    text, exact = case
    result = run(text, FakeView())
    assert isinstance(result, float)
    assert result == pytest.approx(float(exact), rel=1e-9, abs=1e-9)
