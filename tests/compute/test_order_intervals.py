"""A percentile's 95 % interval: the order statistics of Conover's distribution-free method."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from evalkit.compute.order_intervals import order_ranks
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
