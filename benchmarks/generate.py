"""Deterministic synthetic tickets, surveys and customers for the benchmarks.

    python benchmarks/generate.py --tickets 1000000 --out benchmarks/data/1m

Writes ``tickets``, ``surveys`` and ``customers`` as Parquet (row groups of 128 Ki rows) and
CSV. The same seed and size always give the same bytes.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

ROW_GROUP = 128 * 1024
START = np.datetime64("2025-01-01T00:00")
MINUTES = 2 * 365 * 24 * 60
SEGMENTS = np.array(["B2B", "B2C", "SMB"])
CATEGORIES = np.array(["咨询", "故障", "投诉", "安装"])


def _later(rng: np.random.Generator, base: np.ndarray, mean: float, missing: float) -> pa.Array:
    minutes = rng.exponential(mean, base.size).astype("int64")
    negative = rng.random(base.size) < 0.005
    minutes[negative] = -minutes[negative] - 1
    values = base + minutes.astype("timedelta64[m]")
    mask = rng.random(base.size) < missing
    return pa.array(values.astype("datetime64[us]"), mask=mask)


def tickets(rng: np.random.Generator, n: int, customers: int) -> pa.Table:
    """``n`` tickets over 2025–2026 with responses, resolutions, SLAs, categories and costs."""
    created = START + rng.integers(0, MINUTES, n).astype("timedelta64[m]")
    customer = rng.integers(0, customers, n)
    return pa.table(
        {
            "ticket_id": pa.array(np.char.add("T", np.arange(n).astype(str))),
            "customer_id": pa.array(np.char.add("C", customer.astype(str))),
            "segment": pa.array(SEGMENTS[customer % SEGMENTS.size]),
            "created_at": pa.array(created.astype("datetime64[us]")),
            "first_response_at": _later(rng, created, 90.0, 0.05),
            "resolved_at": _later(rng, created, 2000.0, 0.10),
            "contacts_to_resolve": pa.array(rng.integers(1, 4, n).astype("float64")),
            "reopened_count": pa.array((rng.random(n) < 0.08).astype("float64")),
            "sla_response_minutes": pa.array(np.where(rng.random(n) < 0.5, 60.0, 120.0)),
            "category": pa.array(CATEGORIES[rng.integers(0, CATEGORIES.size, n)]),
            "cost": pa.array(np.round(rng.gamma(2.0, 60.0, n), 2)),
        }
    )


def surveys(rng: np.random.Generator, n: int, customers: int) -> pa.Table:
    """Survey answers for about a third of the tickets."""
    answered = START + rng.integers(0, MINUTES, n).astype("timedelta64[m]")
    return pa.table(
        {
            "customer_id": pa.array(np.char.add("C", rng.integers(0, customers, n).astype(str))),
            "answered_at": pa.array(answered.astype("datetime64[us]")),
            "csat_score": pa.array(rng.integers(1, 6, n).astype("float64")),
            "nps_score": pa.array(rng.integers(0, 11, n).astype("float64")),
        }
    )


def customers(rng: np.random.Generator, n: int) -> pa.Table:
    """Customers with their segment, start and (for a fifth) churn date."""
    created = START - 365 * 24 * 60 + rng.integers(0, MINUTES, n).astype("timedelta64[m]")
    churn = created + rng.integers(1, MINUTES, n).astype("timedelta64[m]")
    return pa.table(
        {
            "customer_id": pa.array(np.char.add("C", np.arange(n).astype(str))),
            "segment": pa.array(SEGMENTS[np.arange(n) % SEGMENTS.size]),
            "created_at": pa.array(created.astype("datetime64[us]")),
            "churned_at": pa.array(churn.astype("datetime64[us]"), mask=rng.random(n) >= 0.2),
        }
    )


def main() -> None:
    """Write the three tables as Parquet and CSV into ``--out``."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--tickets", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=20260115)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    rng = np.random.default_rng(args.seed)
    n_customers = max(args.tickets // 20, 10)
    tables = {
        "tickets": tickets(rng, args.tickets, n_customers),
        "surveys": surveys(rng, args.tickets // 3, n_customers),
        "customers": customers(rng, n_customers),
    }
    args.out.mkdir(parents=True, exist_ok=True)
    for name, table in tables.items():
        pq.write_table(table, args.out / f"{name}.parquet", row_group_size=ROW_GROUP)
        pacsv.write_csv(table, args.out / f"{name}.csv")


if __name__ == "__main__":
    main()
