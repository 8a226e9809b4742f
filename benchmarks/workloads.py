"""The contenders compare.py times against ``evalkit run benchmarks/spec.yaml``, each written
the way a user of that tool would write it.

Windows: 2026Q3 (current), 2026Q2, 2026Q1, 2025Q4 (trend) and the go-live baseline 2025-10-15 –
2026-01-15, which overlaps 2025Q4 and 2026Q1; groups: all tickets and each segment.
KPIs (in this order): first_response_time mean and median, resolution_time p90,
resolution_rate, first_contact_resolution, reopen_rate, sla_response_compliance,
complaint_rate, cost_per_ticket.

    python benchmarks/workloads.py duckdb|floor|polars|pandas benchmarks/data/1m parquet [--print]

``--print`` prints every value as JSON: ``{"<window>|<group>": [9 values]}``, group ``all`` or
the segment (compare.py's ``--check``).
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path
from typing import Any

QUARTERS = ("2025Q4", "2026Q1", "2026Q2", "2026Q3")
SPAN = ("2025-10-01", "2026-10-01")
"""From the first trend quarter's start to the current quarter's end."""
BASELINE = ("2025-10-15", "2026-01-15")
COMPLAINT = "投诉"
KPIS = (
    "frt_mean",
    "frt_median",
    "rt_p90",
    "resolution_rate",
    "fcr",
    "reopen_rate",
    "sla_response",
    "complaint_rate",
    "cost_per_ticket",
)
"""benchmarks/spec.yaml's metric ids, in the order of each contender's values."""
COLUMNS = (
    "segment",
    "created_at",
    "first_response_at",
    "resolved_at",
    "contacts_to_resolve",
    "reopened_count",
    "sla_response_minutes",
    "category",
    "cost",
)

Result = dict[str, list[float | None]]


def _path(folder: Path, fmt: str) -> Path:
    return folder / f"tickets.{fmt}"


def run_duckdb(folder: Path, fmt: str) -> Result:
    """One query: the rows of the five windows tagged by window (quarter, plus the baseline's
    rows again), grouped by window and segment; FILTER only for a KPI's own condition."""
    import duckdb

    path = _path(folder, fmt)
    source = f"read_parquet('{path}')" if fmt == "parquet" else f"read_csv('{path}')"
    sql = f"""
    WITH t AS (
      SELECT segment, created_at, resolved_at, contacts_to_resolve, reopened_count,
             sla_response_minutes, category, cost,
             (epoch(first_response_at) - epoch(created_at)) / 60 AS frt,
             (epoch(resolved_at) - epoch(created_at)) / 60 AS rt
      FROM {source}
      WHERE created_at >= TIMESTAMP '{SPAN[0]}' AND created_at < TIMESTAMP '{SPAN[1]}'),
    tagged AS (
      SELECT year(created_at) || 'Q' || quarter(created_at) AS win, * FROM t
      UNION ALL
      SELECT 'baseline' AS win, * FROM t
      WHERE created_at >= TIMESTAMP '{BASELINE[0]}' AND created_at < TIMESTAMP '{BASELINE[1]}')
    SELECT win, CASE WHEN GROUPING(segment) = 1 THEN 'all' ELSE segment END AS grp,
      avg(frt) FILTER (WHERE frt >= 0),
      quantile_cont(frt, 0.5) FILTER (WHERE frt >= 0),
      quantile_cont(rt, 0.9) FILTER (WHERE rt >= 0),
      count(resolved_at) / count(*),
      count(*) FILTER (WHERE resolved_at IS NOT NULL AND contacts_to_resolve = 1)
        / count(resolved_at),
      count(*) FILTER (WHERE resolved_at IS NOT NULL AND reopened_count > 0)
        / count(resolved_at),
      count(*) FILTER (WHERE sla_response_minutes IS NOT NULL AND (frt IS NULL OR frt >= 0)
                       AND frt <= sla_response_minutes)
        / count(*) FILTER (WHERE sla_response_minutes IS NOT NULL AND (frt IS NULL OR frt >= 0)),
      count(*) FILTER (WHERE category = '{COMPLAINT}') / count(*),
      avg(cost)
    FROM tagged
    GROUP BY GROUPING SETS ((win), (win, segment))"""
    return {f"{row[0]}|{row[1]}": list(row[2:]) for row in duckdb.sql(sql).fetchall()}


def run_floor(folder: Path, fmt: str) -> Result:
    """The ``duckdb`` query, in a process that first loads the libraries every ``evalkit run``
    loads, and nothing of evalkit's: Ibis with its DuckDB backend (the plugins' measures),
    PyYAML and jsonschema (the spec), pluggy (the plugins), click, rich and Babel with its
    Chinese number data (the console summary), numpy (the AHP weights) and scipy's special
    functions (the intervals and significance tests), with the garbage collector off while
    they load, as ``evalkit run`` loads them. What no program on these libraries can go below.
    """
    import gc

    gc.disable()
    import babel.numbers
    import click  # noqa: F401
    import ibis
    import ibis.backends.duckdb
    import jsonschema  # noqa: F401
    import numpy  # noqa: F401
    import pluggy  # noqa: F401
    import rich.console  # noqa: F401
    import scipy.special  # noqa: F401
    import yaml  # noqa: F401

    gc.freeze()
    gc.enable()
    babel.numbers.format_decimal(1234.5, locale="zh_CN")
    ibis.duckdb.connect().disconnect()
    return run_duckdb(folder, fmt)


def run_polars(folder: Path, fmt: str) -> Result:
    """A lazy scan, the rows of each window tagged as for DuckDB, two group-bys collected
    together (polars shares the scan between them)."""
    from datetime import datetime

    import polars as pl

    path = _path(folder, fmt)
    csv = fmt == "csv"
    scan = pl.scan_csv(path, try_parse_dates=True) if csv else pl.scan_parquet(path)
    created = pl.col("created_at")

    def minutes(column: str) -> pl.Expr:
        return (pl.col(column) - created).dt.total_microseconds() / 60e6

    def between(bounds: tuple[str, str]) -> pl.Expr:
        start, end = (datetime.fromisoformat(b) for b in bounds)
        return (created >= start) & (created < end)

    t = (
        scan.select(COLUMNS)
        .filter(between(SPAN))
        .with_columns(frt=minutes("first_response_at"), rt=minutes("resolved_at"))
    )
    quarter = created.dt.year().cast(pl.String) + "Q" + created.dt.quarter().cast(pl.String)
    tagged = pl.concat(
        [
            t.with_columns(win=quarter),
            t.filter(between(BASELINE)).with_columns(win=pl.lit("baseline")),
        ]
    )
    frt, rt, resolved = pl.col("frt"), pl.col("rt"), pl.col("resolved_at").is_not_null()
    sla = pl.col("sla_response_minutes")
    sla_rows = sla.is_not_null() & (frt.is_null() | (frt >= 0))
    kpis = [
        frt.filter(frt >= 0).mean(),
        frt.filter(frt >= 0).median(),
        rt.filter(rt >= 0).quantile(0.9, "linear"),
        resolved.sum() / pl.len(),
        (resolved & (pl.col("contacts_to_resolve") == 1)).sum() / resolved.sum(),
        (resolved & (pl.col("reopened_count") > 0)).sum() / resolved.sum(),
        (sla_rows & (frt <= sla)).sum() / sla_rows.sum(),
        (pl.col("category") == COMPLAINT).sum() / pl.len(),
        pl.col("cost").mean(),
    ]
    named = [k.alias(name) for k, name in zip(kpis, KPIS, strict=True)]
    overall = tagged.group_by("win").agg(named).with_columns(grp=pl.lit("all"))
    by_segment = tagged.group_by("win", "segment").agg(named).rename({"segment": "grp"})
    found: Result = {}
    for frame in pl.collect_all([overall, by_segment]):
        for row in frame.iter_rows(named=True):
            found[f"{row['win']}|{row['grp']}"] = [row[k] for k in KPIS]
    return found


def run_pandas(folder: Path, fmt: str) -> Result:
    """Read the needed columns, then per window a groupby by segment and the whole window."""
    import pandas as pd

    path = _path(folder, fmt)
    if fmt == "parquet":
        df = pd.read_parquet(path, columns=list(COLUMNS))
    else:
        times = ["created_at", "first_response_at", "resolved_at"]
        df = pd.read_csv(path, usecols=list(COLUMNS), parse_dates=times)
    df = df[(df.created_at >= SPAN[0]) & (df.created_at < SPAN[1])]
    df = df.assign(
        frt=(df.first_response_at - df.created_at).dt.total_seconds() / 60,
        rt=(df.resolved_at - df.created_at).dt.total_seconds() / 60,
    )
    quarter = df.created_at.dt.year.astype(str) + "Q" + df.created_at.dt.quarter.astype(str)
    windows = {key: df[quarter == key] for key in QUARTERS}
    windows["baseline"] = df[(df.created_at >= BASELINE[0]) & (df.created_at < BASELINE[1])]
    found: Result = {}
    for key, w in windows.items():
        for group, part in [("all", w), *w.groupby("segment")]:
            frt = part.frt[part.frt >= 0]
            resolved = part[part.resolved_at.notna()]
            sla = part[part.sla_response_minutes.notna() & ~(part.frt < 0)]
            found[f"{key}|{group}"] = [
                frt.mean(),
                frt.median(),
                part.rt[part.rt >= 0].quantile(0.9),
                len(resolved) / len(part),
                (resolved.contacts_to_resolve == 1).mean(),
                (resolved.reopened_count > 0).mean(),
                (sla.frt <= sla.sla_response_minutes).mean(),
                (part.category == COMPLAINT).mean(),
                part.cost.mean(),
            ]
    return found


def _plain(value: Any) -> float | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return float(value)


RUNNERS = {
    "duckdb": run_duckdb,
    "floor": run_floor,
    "polars": run_polars,
    "pandas": run_pandas,
}

if __name__ == "__main__":
    result = RUNNERS[sys.argv[1]](Path(sys.argv[2]), sys.argv[3])
    if "--print" in sys.argv:
        print(json.dumps({k: [_plain(v) for v in vals] for k, vals in sorted(result.items())}))
