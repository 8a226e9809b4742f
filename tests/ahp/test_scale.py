"""Reading judgment values and placing ratios on Saaty's scale."""

from __future__ import annotations

import math

import pytest

from evalkit.ahp.scale import (
    SAATY_VALUES,
    JudgmentValueError,
    format_value,
    nearest_saaty,
    outside_scale,
    parse_judgment,
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [(3, 3.0), (0.5, 0.5), ("3", 3.0), ("1/3", 1 / 3), (" 2 / 5 ", 0.4), ("2.5", 2.5)],
)
def test_numbers_numeric_strings_and_fractions_are_read(raw: object, expected: float) -> None:
    assert parse_judgment(raw) == pytest.approx(expected, rel=1e-15)


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (0, "must be positive, not 0"),
        (-3, "must be positive, not -3"),
        ("-1/3", "must be positive, not '-1/3'"),
        ("1/0", "must be positive, not '1/0' (division by zero)"),
        (math.nan, "must be a positive number, not NaN"),
        (math.inf, "must be a finite positive number, not inf"),
        ("abc", "must be a number or a fraction such as \"1/3\", not 'abc'"),
        (True, 'must be a number or a fraction such as "1/3", not True'),
        (None, 'must be a number or a fraction such as "1/3", not None'),
    ],
)
def test_invalid_values_say_why(raw: object, reason: str) -> None:
    with pytest.raises(JudgmentValueError) as caught:
        parse_judgment(raw)
    assert str(caught.value) == reason


def test_the_scale_has_17_values_from_one_ninth_to_nine() -> None:
    assert len(SAATY_VALUES) == 17
    assert SAATY_VALUES[0] == pytest.approx(1 / 9) and SAATY_VALUES[-1] == 9


@pytest.mark.parametrize(
    ("ratio", "nearest"), [(0.45, 0.5), (0.3, 1 / 3), (1.4, 1.0), (1.42, 2.0), (3.35, 3.0), (40, 9)]
)
def test_nearest_scale_value_is_nearest_in_ratio(ratio: float, nearest: float) -> None:
    # 1.4 vs 1.42: the geometric midpoint of 1 and 2 is sqrt(2) = 1.414…
    assert nearest_saaty(ratio) == pytest.approx(nearest)


@pytest.mark.parametrize(
    ("value", "text"), [(5.0, "5"), (0.5, "1/2"), (1 / 3, "1/3"), (2.5, "5/2"), (0.437, "0.437")]
)
def test_values_are_written_as_people_write_them(value: float, text: str) -> None:
    assert format_value(value) == text


def test_outside_scale_ignores_rounding_noise() -> None:
    assert not outside_scale(9.0) and not outside_scale(1 / 9)
    assert outside_scale(9.5) and outside_scale(0.1)
