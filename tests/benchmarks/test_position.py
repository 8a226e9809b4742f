"""A value's percentile among a pack's quantiles, against values worked out by hand."""

from __future__ import annotations

import pytest

from evalkit.benchmarks.position import Position, position

QUANTILES = {"p10": 10.0, "p25": 20.0, "p50": 30.0, "p75": 50.0, "p90": 90.0}


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (40.0, Position(62.5, None)),  # 50 + (40 − 30) / (50 − 30) × 25
        (70.0, Position(82.5, None)),  # 75 + (70 − 50) / (90 − 50) × 15
        (15.0, Position(17.5, None)),  # 10 + (15 − 10) / (20 − 10) × 15
        (20.0, Position(25.0, None)),  # exactly p25
        (5.0, Position(10.0, "below")),  # below p10: at p10, marked below
        (100.0, Position(90.0, "above")),
    ],
)
def test_interpolated_between_quantiles(value: float, expected: Position) -> None:
    found = position(QUANTILES, value)
    assert found.percentile == pytest.approx(expected.percentile)
    assert found.outside == expected.outside


def test_tied_quantiles_give_the_middle_of_their_percentiles() -> None:
    tied = {"p25": 0.9, "p50": 0.9, "p75": 1.0}
    assert position(tied, 0.9) == Position(37.5, None)  # (25 + 50) / 2
    assert position(tied, 0.95).percentile == pytest.approx(62.5)  # 50 + 0.05 / 0.1 × 25


def test_a_pack_with_three_quantiles() -> None:
    assert position({"p25": 0.7, "p50": 0.8, "p75": 0.9}, 0.75).percentile == pytest.approx(37.5)
