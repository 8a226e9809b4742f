"""The built-in rule functions and functions added by plugins."""

from __future__ import annotations

import pytest

from evalkit.errors import EvalkitError
from evalkit.rules.checker import Names, check_expression
from evalkit.rules.errors import RuleFailed
from evalkit.rules.evaluator import evaluate
from evalkit.rules.functions import BUILTIN_FUNCTIONS, Param, RuleFunction, function_table
from evalkit.rules.parser import parse_expression

from .fakes import CRITERIA, METRICS, FakeView

ISSUE_FUNCTIONS = [
    "value",
    "score",
    "status",
    "target",
    "percentile",
    "previous",
    "baseline",
    "change",
    "segment",
    "criterion_score",
    "overall_score",
    "grade",
    "min",
    "max",
    "abs",
    "count_status",
]


def gap(view: FakeView, metric: str) -> float | None:
    value, goal = view.metric_value(metric), view.metric_target(metric)
    return None if value is None or goal is None else goal - value


GAP = RuleFunction(
    "gap_to_goal", (Param("metric", "metric"),), "number", "Goal minus value.", gap, plugin="acme"
)


def test_the_issue_functions_are_built_in() -> None:
    assert [f.name for f in BUILTIN_FUNCTIONS] == ISSUE_FUNCTIONS


def test_signatures() -> None:
    table = function_table()
    assert table["change"].signature == "change(metric, window)"
    assert table["max"].signature == "max(a, b, …)"
    assert table["overall_score"].signature == "overall_score()"


def test_a_plugin_function_is_checked_and_called(view: FakeView) -> None:
    table = function_table([GAP])
    node = parse_expression("gap_to_goal('csat') > 0.2")
    assert check_expression(node, Names(METRICS, CRITERIA, table)) == ("bool", [])
    assert evaluate(node, view, table) is True  # 0.9 - 0.68 = 0.22


def test_a_function_defined_twice_is_an_error() -> None:
    clash = RuleFunction("value", (), "number", "", lambda view: 1.0, plugin="acme")
    with pytest.raises(EvalkitError, match="'value' is defined by both 'evalkit' and 'acme'"):
        function_table([clash])


def test_a_function_name_must_be_an_identifier() -> None:
    with pytest.raises(ValueError, match="not a plain identifier"):
        RuleFunction("acme.gap", (), "number", "", gap)


def test_a_plugin_function_that_raises_fails_the_rule(view: FakeView) -> None:
    broken = RuleFunction("broken", (), "number", "", lambda view: 1 / 0)
    with pytest.raises(RuleFailed, match="broken\\(\\) raised ZeroDivisionError"):
        evaluate(parse_expression("broken()"), view, function_table([broken]))


@pytest.mark.parametrize("returned", ["text", float("nan"), [1]])
def test_a_plugin_function_returning_a_wrong_value_fails_the_rule(
    returned: object, view: FakeView
) -> None:
    odd = RuleFunction("odd", (), "number", "", lambda view: returned)
    with pytest.raises(RuleFailed):
        evaluate(parse_expression("odd()"), view, function_table([odd]))


def test_integer_results_become_floats(view: FakeView) -> None:
    whole = RuleFunction("whole", (), "number", "", lambda view: 3)
    result = evaluate(parse_expression("whole()"), view, function_table([whole]))
    assert result == 3.0 and isinstance(result, float)
