"""Changes in a unit that fits the metric: points for rates and scales, relative for amounts."""

from __future__ import annotations

import pytest

from evalkit.result.changes import Change, value_change


@pytest.mark.parametrize(
    ("current", "reference", "unit", "expected"),
    [
        # a rate: 20.2 % against 100 % is −79.8 percentage points, not −79.8 %
        (0.202, 1.0, "fraction", Change(pytest.approx(-0.798), "percentage_points")),
        # a variance that changes sign stays in points: −12.2 % against +3.3 %
        (-0.122, 0.033, "fraction", Change(pytest.approx(-0.155), "percentage_points")),
        # NPS from −0.4 to 0.2 is +0.6 points, not +150 %
        (0.2, -0.4, "points", Change(pytest.approx(0.6), "difference")),
        (4.1, 3.8, "rating", Change(pytest.approx(0.3), "difference")),
        # amounts, counts and durations: relative
        (90.0, 120.0, "minutes", Change(pytest.approx(-0.25), "relative")),
        (1.5, 3.0, "hours", Change(pytest.approx(-0.5), "relative")),
        (1_250.0, 1_000.0, "currency", Change(pytest.approx(0.25), "relative")),
        # … except from 0 or across a sign change: the difference in the unit
        (40.0, 0.0, "count", Change(40.0, "difference")),
        (-5_000.0, 20_000.0, "currency", Change(-25_000.0, "difference")),
    ],
)
def test_change_kind_follows_the_unit(
    current: float, reference: float, unit: str, expected: Change
) -> None:
    assert value_change(current, reference, unit) == expected


def test_no_change_without_both_values() -> None:
    assert value_change(None, 1.0, "fraction") is None
    assert value_change(1.0, None, "count") is None
