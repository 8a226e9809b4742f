"""A percentile's 95 % interval: the order statistics of Conover's distribution-free method."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from evalkit.compute.order_intervals import binomial_quantile, order_ranks
from tests.conftest import RunCli


@pytest.mark.parametrize(
    ("n", "q", "ranks"),
    [
        # the median of 20: ranks 6 and 15 (Campbell & Gardner 1988, BMJ 296:1454, table 1)
        (20, 0.5, (6, 15)),
        # the median of 10: ranks 2 and 9 (same table)
        (10, 0.5, (2, 9)),
        (5, 0.5, None),  # too few: even the extremes cover less than 95 %
    ],
)
def test_ranks(n: int, q: float, ranks: tuple[int, int] | None) -> None:
    assert order_ranks(n, q) == ranks


def test_binomial_quantile_by_hand() -> None:
    # Binomial(10, 1/2): P(B ≤ 1) = 11/1024 < 0.025 ≤ P(B ≤ 2) = 56/1024, and
    # P(B ≤ 7) = 968/1024 < 0.975 ≤ P(B ≤ 8) = 1013/1024
    assert binomial_quantile(0.025, 10, 0.5) == 2
    assert binomial_quantile(0.975, 10, 0.5) == 8
    # Binomial(1, 0.9): P(B ≤ 0) = 0.1
    assert (binomial_quantile(0.05, 1, 0.9), binomial_quantile(0.2, 1, 0.9)) == (0, 1)
    # a certain event: every draw succeeds, or none does
    assert (binomial_quantile(0.025, 10, 1.0), binomial_quantile(0.975, 10, 0.0)) == (10, 0)


@pytest.mark.parametrize(
    ("p", "n", "q", "k"),
    [
        # P(B ≤ k) − p, summed in 30 digits with mpmath: k − 1 gives −2.24e-5, k +1.96e-9
        (0.975, 48_008_311, 0.829056919301093, 39_806_734),
        # k − 1: −7.6e-10 (so not k − 1 as bdtr has it), k: +1.7e-5
        (0.975, 58_974_311, 0.75, 44_237_251),
        # k − 1: −1.79e-5, k: +1.56e-9
        (0.025, 56_800_900, 0.75, 42_594_278),
    ],
)
def test_binomial_quantile_where_the_distribution_lies_within_1e9_of_p(
    p: float, n: int, q: float, k: int
) -> None:
    assert binomial_quantile(p, n, q) == k


def test_binomial_quantile_is_scipy_stats_binom_ppf() -> None:
    """The same ranks as ``scipy.stats.binom.ppf`` (the smallest k whose distribution
    function reaches p) on small and large n and the usual percentiles."""
    from scipy.stats import binom

    sizes = [*range(1, 120), 997, 12_345, 250_000, 1_000_003, 9_999_991, 48_008_311]
    for n in sizes:
        for q in (0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99):
            for p in (0.025, 0.975):
                assert binomial_quantile(p, n, q) == int(binom.ppf(p, n, q)), (p, n, q)


def test_a_median_gets_its_order_statistic_interval(run_cli: RunCli, tmp_path: Path) -> None:
    rows = [
        f"T{k},2026-07-{k:02d} 09:00,2026-07-{k:02d} 09:{k:02d}" for k in range(1, 21)
    ]  # first responses after 1, 2, …, 20 minutes
    (tmp_path / "tickets.csv").write_text(
        "ticket_id,created_at,first_response_at\n" + "\n".join(rows) + "\n", encoding="utf-8"
    )
    (tmp_path / "spec.yaml").write_text(
        """\
version: 1
evaluation: {title: Median, client: ACME, period: 2026Q3}
data: {sources: {tickets: {path: tickets.csv}}}
criteria: {speed: {title: Speed, metrics: [frt]}}
metrics:
  frt:
    metric: first_response_time
    params: {statistic: median}
    target: {goal: 10, red_flag: 30}
""",
        encoding="utf-8",
    )
    out = run_cli("run", tmp_path / "spec.yaml", "--out", tmp_path / "out")
    assert out.exit_code == 0, out.stderr
    result = json.loads((tmp_path / "out" / "result.json").read_text(encoding="utf-8"))
    (frt,) = result["metrics"]
    assert frt["value"] == pytest.approx(10.5)
    assert (frt["n"], frt["interval_method"]) == (20, "order")
    assert frt["interval"] == [pytest.approx(6.0), pytest.approx(15.0)]


def test_percentile_intervals_can_be_turned_off(run_cli: RunCli, tmp_path: Path) -> None:
    (tmp_path / "tickets.csv").write_text(
        "ticket_id,created_at,first_response_at\n"
        + "\n".join(f"T{k},2026-07-{k:02d} 09:00,2026-07-{k:02d} 09:{k:02d}" for k in range(1, 21))
        + "\n",
        encoding="utf-8",
    )
    (tmp_path / "spec.yaml").write_text(
        "version: 1\nevaluation: {title: Median, client: ACME, period: 2026Q3}\n"
        "data: {sources: {tickets: {path: tickets.csv}}}\n"
        "criteria: {speed: {title: Speed, metrics: [frt]}}\n"
        "metrics: {frt: {metric: first_response_time, params: {statistic: median}, "
        "target: {goal: 10, red_flag: 30}}}\n"
        "scoring: {percentile_intervals: false}\n",
        encoding="utf-8",
    )
    assert run_cli("run", tmp_path / "spec.yaml", "--out", tmp_path / "out").exit_code == 0
    (frt,) = json.loads((tmp_path / "out" / "result.json").read_text("utf-8"))["metrics"]
    assert (frt["n"], frt["interval"], frt["interval_method"]) == (20, None, "none")
