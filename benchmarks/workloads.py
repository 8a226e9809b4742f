"""The hand-written contenders compare.py times against ``evalkit run benchmarks/spec.yaml``.

Windows: 2026Q3 (current), 2026Q2, 2026Q1, 2025Q4 (trend) and the baseline 2025-10-15 –
2026-01-15 (go-live 2026-01-15); groups: all tickets and each segment.
KPIs: first_response_time mean and median, resolution_time p90, resolution_rate,
first_contact_resolution, reopen_rate, sla_response_compliance, complaint_rate, cost_per_ticket.

    python benchmarks/workloads.py duckdb benchmarks/data/1m parquet [--print]

``--print`` prints the current quarter's overall values as JSON (compare.py's ``--check``).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

WINDOWS = {
    "2025Q4": ("2025-10-01", "2026-01-01"),
    "baseline": ("2025-10-15", "2026-01-15"),
    "2026Q1": ("2026-01-01", "2026-04-01"),
    "2026Q2": ("2026-04-01", "2026-07-01"),
    "2026Q3": ("2026-07-01", "2026-10-01"),
}


def _source(folder: Path, fmt: str) -> str:
    path = folder / f"tickets.{fmt}"
    return f"read_parquet('{path}')" if fmt == "parquet" else f"read_csv('{path}')"


def run_duckdb(folder: Path, fmt: str) -> Any:
    """Hand-written DuckDB SQL: filtered aggregates, GROUPING SETS ((), (segment))."""
    import duckdb

    parts = []
    for key, (start, end) in WINDOWS.items():
        w = f"created_at >= TIMESTAMP '{start}' AND created_at < TIMESTAMP '{end}'"
        parts.append(
            f"""
        avg(frt) FILTER (WHERE {w} AND frt >= 0) AS "{key}_frt_mean",
        quantile_cont(frt, 0.5) FILTER (WHERE {w} AND frt >= 0) AS "{key}_frt_median",
        quantile_cont(rt, 0.9) FILTER (WHERE {w} AND rt >= 0) AS "{key}_rt_p90",
        count(resolved_at) FILTER (WHERE {w}) / count(*) FILTER (WHERE {w}) AS "{key}_rr",
        count(*) FILTER (WHERE {w} AND resolved_at IS NOT NULL AND contacts_to_resolve = 1)
          / count(resolved_at) FILTER (WHERE {w}) AS "{key}_fcr",
        count(*) FILTER (WHERE {w} AND resolved_at IS NOT NULL AND reopened_count > 0)
          / count(resolved_at) FILTER (WHERE {w}) AS "{key}_reopen",
        count(*) FILTER (WHERE {w} AND sla_response_minutes IS NOT NULL
                         AND (frt IS NULL OR frt >= 0) AND frt <= sla_response_minutes)
          / count(*) FILTER (WHERE {w} AND sla_response_minutes IS NOT NULL
                             AND (frt IS NULL OR frt >= 0)) AS "{key}_sla",
        count(*) FILTER (WHERE {w} AND category = '投诉') / count(*) FILTER (WHERE {w})
          AS "{key}_complaints",
        sum(cost) FILTER (WHERE {w}) / count(*) FILTER (WHERE {w}) AS "{key}_cost" """
        )
    sql = f"""
    WITH t AS (
      SELECT *, (epoch(first_response_at) - epoch(created_at)) / 60 AS frt,
                (epoch(resolved_at) - epoch(created_at)) / 60 AS rt
      FROM {_source(folder, fmt)})
    SELECT segment, GROUPING(segment) AS overall, {",".join(parts)}
    FROM t GROUP BY GROUPING SETS ((), (segment))"""
    result = duckdb.sql(sql)
    rows = [dict(zip(result.columns, row, strict=True)) for row in result.fetchall()]
    return next(r for r in rows if r["overall"])


def run_pandas(folder: Path, fmt: str) -> Any:
    """pandas: read the file, then per window a groupby over the same definitions."""
    import pandas as pd

    path = folder / f"tickets.{fmt}"
    if fmt == "parquet":
        df = pd.read_parquet(path)
    else:
        df = pd.read_csv(path, parse_dates=["created_at", "first_response_at", "resolved_at"])
    df["frt"] = (df.first_response_at - df.created_at).dt.total_seconds() / 60
    df["rt"] = (df.resolved_at - df.created_at).dt.total_seconds() / 60
    out = {}
    for key, (start, end) in WINDOWS.items():
        w = df[(df.created_at >= start) & (df.created_at < end)]
        for group, part in [("all", w), *w.groupby("segment")]:
            frt = part.frt[part.frt >= 0]
            rt = part.rt[part.rt >= 0]
            resolved = part[part.resolved_at.notna()]
            sla = part[part.sla_response_minutes.notna() & ~(part.frt < 0)]
            out[key, group] = (
                frt.mean(),
                frt.median(),
                rt.quantile(0.9),
                len(resolved) / len(part),
                (resolved.contacts_to_resolve == 1).mean(),
                (resolved.reopened_count > 0).mean(),
                (sla.frt <= sla.sla_response_minutes).mean(),
                (part.category == "投诉").mean(),
                part.cost.sum() / len(part),
            )
    return out


KPIS = {
    "frt_mean": "frt_mean",
    "frt_median": "frt_median",
    "rt_p90": "rt_p90",
    "resolution_rate": "rr",
    "fcr": "fcr",
    "reopen_rate": "reopen",
    "sla_response": "sla",
    "complaint_rate": "complaints",
    "cost_per_ticket": "cost",
}
"""benchmarks/spec.yaml's metric ids → the column suffixes of the hand-written SQL."""


if __name__ == "__main__":
    runner = {"duckdb": run_duckdb, "pandas": run_pandas}[sys.argv[1]]
    result = runner(Path(sys.argv[2]), sys.argv[3])
    if "--print" in sys.argv and sys.argv[1] == "duckdb":
        print(json.dumps({k: result[f"2026Q3_{v}"] for k, v in KPIS.items()}))
