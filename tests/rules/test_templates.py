"""Text templates with expressions and format specs."""

from __future__ import annotations

import pytest

from evalkit.rules.checker import Names
from evalkit.rules.errors import ExpressionError
from evalkit.rules.functions import function_table
from evalkit.rules.templates import (
    MISSING,
    Placeholder,
    check_template,
    format_value,
    parse_template,
    render_template,
)

from .fakes import CRITERIA, METRICS, FakeView

FUNCTIONS = function_table()
NAMES = Names(METRICS, CRITERIA, FUNCTIONS)


def render(text: str, view: FakeView) -> str:
    template = parse_template(text)
    assert check_template(template, NAMES) == []
    return render_template(template, view, FUNCTIONS)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("客户满意度 {value('csat'):.0%} 低于 70%，一票否决", "客户满意度 68% 低于 70%，一票否决"),
        ("CSAT {value('csat'):.1%} vs goal {target('csat'):.0%}", "CSAT 68.0% vs goal 90%"),
        ("FCR up {change('fcr', 'baseline'):+.0%}", "FCR up +20%"),
        (
            "低于 {target('csat').goal:.1%} 的目标，红线 {target('csat').red_flag:.0%}",
            "低于 90.0% 的目标，红线 75%",
        ),
        ("FCR red flag {target('fcr').red_flag:.0%}", "FCR red flag —"),
        ("score {score('fcr')}, overall {overall_score():.1f}", "score 85, overall 72.0"),
        ("value {value('csat')}", "value 0.68"),
        ("status {status('csat')}", "status red"),
        ("{grade():>3}|{status('fcr'):^7}|", "  B| green |"),
        ("{{literal}} and {{ {count_status('red')} }}", "{literal} and { 1 }"),
        ("{'{'}{\"}\"}", "{}"),
        ("{value('csat') > 0.5}", "true"),
        ("{(1 + 2) * 1000:,.0f} tickets", "3,000 tickets"),
        ("no placeholders", "no placeholders"),
    ],
)
def test_render(text: str, expected: str, view: FakeView) -> None:
    assert render(text, view) == expected


def test_missing_and_failing_values_render_as_a_dash(view: FakeView) -> None:
    assert (
        render("AHT {value('aht'):.1f}, ratio {1 / 0}", view) == f"AHT {MISSING}, ratio {MISSING}"
    )


def test_placeholder_columns_point_into_the_template() -> None:
    template = parse_template("CSAT {value('csat'):.0%}")
    placeholder = template.parts[1]
    assert isinstance(placeholder, Placeholder)
    assert (placeholder.column, placeholder.spec) == (6, ".0%")
    assert template.parts[0] == "CSAT "


@pytest.mark.parametrize(
    ("text", "message", "column"),
    [
        ("oops }", "single '}' in text; write '}}' for a literal brace", 5),
        ("value {value('csat')", "'{' is never closed; write '{{' for a literal brace", 6),
        ("empty {} here", "empty placeholder '{}'", 6),
        ("{value('csat'):999999999}", "format spec ':999999999' is not supported", 14),
        ("{value('csat'):{x}}", "format spec ':{x' is not supported", 14),
        ("x {value('csat').__class__}", "attribute access is not allowed", 16),
        ("x {9 ** 9}", "'**' is not supported", 5),
    ],
)
def test_refused(text: str, message: str, column: int) -> None:
    with pytest.raises(ExpressionError) as caught:
        parse_template(text)
    assert caught.value.message.startswith(message)
    assert caught.value.column == column


@pytest.mark.parametrize(
    ("text", "message", "column"),
    [
        ("{value('csta'):.0%}", "unknown metric 'csta'", 7),
        ("ok {status('csat'):.0%}", "format spec ':.0%' cannot format a string", 4),
        ("{valeu('csat')}", "unknown function 'valeu'", 1),
    ],
)
def test_checked(text: str, message: str, column: int) -> None:
    problems = check_template(parse_template(text), NAMES)
    assert [(p.message, p.column) for p in problems] == [(message, column)]


@pytest.mark.parametrize(
    ("value", "spec", "expected"),
    [(3.0, "", "3"), (0.1 + 0.2, "", "0.3"), (1234567.5, "", "1.23457e+06"), (True, "", "true")],
)
def test_format_value_defaults(value: float | bool, spec: str, expected: str) -> None:
    assert format_value(value, spec) == expected
