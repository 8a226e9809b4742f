"""The fused query: percentiles and rates by two segment columns at once, with null segment
values, on DuckDB and on PostgreSQL — every number worked out by hand below."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

import psycopg
import pytest
from evalkit_service_quality.resolution import RESOLUTION_RATE
from evalkit_service_quality.times import FIRST_RESPONSE_TIME

from evalkit.compute import ComputeOutcome, ComputeRequest, MetricRequest, compute_metrics
from evalkit.data import DataSpec, SourceSpec
from evalkit.data.periods import build_windows, parse_period
from evalkit.location import Location

HEADERS = ("ticket_id", "created_at", "first_response_at", "resolved_at", "segment", "region")
ROWS = (
    ("T1", "2026-07-01 09:00", "2026-07-01 09:10", "2026-07-02 09:00", "B2B", "North"),
    ("T2", "2026-07-02 09:00", "2026-07-02 09:40", "", "B2B", "South"),
    ("T3", "2026-07-03 09:00", "2026-07-03 10:00", "2026-07-03 12:00", "B2C", "North"),
    ("T4", "2026-07-04 09:00", "2026-07-04 09:20", "2026-07-05 09:00", "", "South"),
    ("T5", "2026-08-01 09:00", "2026-08-01 08:00", "2026-08-01 10:00", "B2C", ""),
    ("T6", "2026-04-01 09:00", "2026-04-01 09:30", "", "B2B", "North"),
)
# 2026Q3 first response minutes: T1 10, T2 40, T3 60, T4 20; T5 −60 is left out.
# median: all (10, 20, 40, 60) → 30; B2B (10, 40) → 25; B2C (60) → 60; North (10, 60) → 35;
# South (40, 20) → 30. T4 (no segment) and T5 (no region) count in the overall value only.
MEDIAN = {"all": 30.0, "B2B": 25.0, "B2C": 60.0, "North": 35.0, "South": 30.0}
# resolved: T1, T3, T4, T5 of T1–T5 → 4/5; B2B 1/2; B2C 2/2; North 2/2; South 1/2.
RESOLVED = {"all": 0.8, "B2B": 0.5, "B2C": 1.0, "North": 1.0, "South": 0.5}
SEGMENTS = {"segment": ("B2B", "B2C"), "region": ("North", "South")}

Source = Callable[[Path], SourceSpec]


def _csv(folder: Path) -> SourceSpec:
    path = folder / "tickets.csv"
    lines = [",".join(HEADERS), *(",".join(row) for row in ROWS)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return SourceSpec(
        "tickets", Location("spec.yaml", 1, 1), path=path, columns={"region": "region"}
    )


def _postgres(url: str) -> Source:
    def load(folder: Path) -> SourceSpec:
        types = ("text", "timestamp", "timestamp", "timestamp", "text", "text")
        columns = ", ".join(f"{h} {t}" for h, t in zip(HEADERS, types, strict=True))
        with psycopg.connect(url, autocommit=True) as con:
            con.execute("DROP SCHEMA IF EXISTS fused CASCADE")
            con.execute("CREATE SCHEMA fused")
            con.execute(f"CREATE TABLE fused.tickets ({columns})")
            for row in ROWS:
                values = [_typed(t, v) for t, v in zip(types, row, strict=True)]
                con.execute("INSERT INTO fused.tickets VALUES (%s, %s, %s, %s, %s, %s)", values)
        return SourceSpec(
            "tickets",
            Location("spec.yaml", 1, 1),
            url=url,
            db_table="fused.tickets",
            columns={"region": "region"},
        )

    return load


def _typed(kind: str, text: str) -> object:
    if text == "":
        return None
    return datetime.strptime(text, "%Y-%m-%d %H:%M") if kind == "timestamp" else text


def _run(
    source: SourceSpec, folder: Path, segments: tuple[str, ...] = tuple(SEGMENTS)
) -> ComputeOutcome:
    windows = build_windows(parse_period("2026Q3"), date(2026, 1, 15))
    metrics = (
        MetricRequest("frt", FIRST_RESPONSE_TIME, {"statistic": "median"}),
        MetricRequest("resolved", RESOLUTION_RATE, {}),
    )
    data = DataSpec({"tickets": source})
    return compute_metrics(ComputeRequest(metrics, data, windows, segments, folder))


def _check(outcome: ComputeOutcome) -> None:
    for instance_id, expected in (("frt", MEDIAN), ("resolved", RESOLVED)):
        metric = outcome.metrics[instance_id]
        assert metric.error is None
        assert metric.values["2026Q3"] == pytest.approx(expected["all"], abs=1e-9)
        for column, values in SEGMENTS.items():
            assert set(metric.segments[column]) == set(values)
            for value in values:
                got = metric.segments[column][value]["2026Q3"]
                assert got == pytest.approx(expected[value], abs=1e-9), (instance_id, value)
    ledger = {(e.metric, e.reason, e.column): e.rows for e in outcome.ledger}
    assert ledger[("*", "unknown_segment", "segment")] == 1  # T4
    assert ledger[("*", "unknown_segment", "region")] == 1  # T5
    assert ledger[("frt", "negative_duration", "")] == 1  # T5
    assert {f.table: f.rows for f in outcome.data} == {"tickets": len(ROWS)}


def test_two_segment_columns_with_missing_values(tmp_path: Path) -> None:
    _check(_run(_csv(tmp_path), tmp_path))


@pytest.mark.integration
def test_two_segment_columns_on_postgres(postgres_url: str, tmp_path: Path) -> None:
    _check(_run(_postgres(postgres_url)(tmp_path), tmp_path))


@pytest.mark.integration
def test_no_segments_on_postgres(postgres_url: str, tmp_path: Path) -> None:
    outcome = _run(_postgres(postgres_url)(tmp_path), tmp_path, ())
    for instance_id, expected in (("frt", MEDIAN), ("resolved", RESOLVED)):
        metric = outcome.metrics[instance_id]
        assert metric.values["2026Q3"] == pytest.approx(expected["all"], abs=1e-9)
        assert metric.segments == {}
