"""Intervals and tests of change against published examples and hand computation."""

from __future__ import annotations

import math

import pytest

from evalkit.samples import MeanSample, NpsSample, OrderSample, Proportion
from evalkit.stats import estimate, p_value


@pytest.mark.parametrize(
    ("successes", "n", "low", "high"),
    [
        # Newcombe (1998), Statistics in Medicine 17:857–872, Table II, method 3 (Wilson score)
        (81, 263, 0.2553, 0.3662),
        (15, 148, 0.0624, 0.1605),
        (0, 20, 0.0, 0.1611),
        (1, 29, 0.0061, 0.1718),
    ],
)
def test_wilson_interval_matches_newcombe(successes: int, n: int, low: float, high: float) -> None:
    found = estimate(Proportion(n, successes))
    assert found.method == "wilson"
    assert found.interval == (pytest.approx(low, abs=5e-5), pytest.approx(high, abs=5e-5))


def test_t_interval_of_a_mean_in_the_display_unit() -> None:
    # n = 10, mean 120 min, sd 30 min; t(0.975, 9) = 2.262157 (tables); shown in hours
    found = estimate(MeanSample(10, 120.0, 30.0), scale=60.0)
    half = 2.262157 * 30 / math.sqrt(10)
    assert found.interval == (
        pytest.approx((120 - half) / 60, abs=1e-6),
        pytest.approx((120 + half) / 60, abs=1e-6),
    )
    assert estimate(MeanSample(1, 120.0, 0.0)).interval is None


def test_nps_interval_from_the_variance_of_a_plus_one_zero_minus_one_score() -> None:
    # 200 answers: 100 promoters, 40 detractors → NPS 30; variance of the score
    # (0.5 + 0.2 − 0.3²) / 200 = 0.00305 → SE 5.5227 points
    found = estimate(NpsSample(200, 100, 40))
    se = 100 * math.sqrt(0.61 / 200)
    assert found.interval == (
        pytest.approx(30 - 1.959964 * se, abs=1e-4),
        pytest.approx(30 + 1.959964 * se, abs=1e-4),
    )


def test_a_percentile_carries_n_only() -> None:
    found = estimate(OrderSample(57))
    assert (found.n, found.interval, found.method) == (57, None, "none")


def test_two_proportion_test() -> None:
    # 90 of 100 against 80 of 100: pooled 0.85, z = 0.1 / √(0.85 · 0.15 · 0.02) = 1.98029,
    # two-sided p = 0.04767 (normal tables)
    p = p_value(Proportion(100, 90), Proportion(100, 80))
    assert p == pytest.approx(0.04767, abs=5e-5)
    assert p_value(Proportion(10, 9), Proportion(10, 8)) == pytest.approx(0.5312, abs=5e-4)


def test_nps_change_test() -> None:
    # NPS 30 (n 200, 100 / 40) against 20 (n 200, 90 / 50): SEs 5.5227 and 5.5136 points
    se = math.hypot(100 * math.sqrt(0.61 / 200), 100 * math.sqrt((0.45 + 0.25 - 0.04) / 200))
    expected = math.erfc(10 / se / math.sqrt(2))
    assert p_value(NpsSample(200, 100, 40), NpsSample(200, 90, 50)) == pytest.approx(expected)


def test_welch_test() -> None:
    # 120 ± 30 (n 10) against 150 ± 40 (n 12): t = −30 / √(90 + 133.33) = −2.0074,
    # Welch df = 223.33² / (90² / 9 + 133.33² / 11) = 19.82; two-sided p ≈ 0.0585 (t tables)
    p = p_value(MeanSample(10, 120.0, 30.0), MeanSample(12, 150.0, 40.0))
    assert p == pytest.approx(0.0585, abs=5e-4)


def test_samples_of_different_kinds_are_not_compared() -> None:
    assert p_value(Proportion(10, 5), MeanSample(10, 1.0, 1.0)) is None
    assert p_value(OrderSample(10), OrderSample(12)) is None
