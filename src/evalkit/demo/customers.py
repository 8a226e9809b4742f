"""Customers, their installed units and orders: who the manufacturer serves and sells to."""

from __future__ import annotations

import numpy as np
import pandas as pd

from evalkit.demo.calendar import END, GO_LIVE, MINUTE, START, improvement, random_times

SEGMENTS = ("B2B", "B2C")
REGIONS = ("华东", "华南")
PRODUCT_LINES = ("compressors", "pumps", "controllers")


def customers(rng: np.random.Generator, n_b2b: int = 1500, n_b2c: int = 8000) -> pd.DataFrame:
    """Business accounts (few, valuable) and consumers (many, small); some churn, some referred."""
    n = n_b2b + n_b2c
    segment = np.array(["B2B"] * n_b2b + ["B2C"] * n_b2c)
    # Customers joined from 2023 on; about a fifth during the six quarters.
    first = np.datetime64("2023-01-01T00:00")
    span = int((np.datetime64(END, "m") - first) / MINUTE)
    created = first + np.sort(rng.integers(0, span, n)) * MINUTE
    rng.shuffle(created)
    churn_p = np.where(segment == "B2B", 0.10, 0.30)
    churned = rng.random(n) < churn_p
    life = rng.exponential(400, n) * np.where(segment == "B2B", 1.5, 1.0)
    churned_at = created + (life * 24 * 60).astype(np.int64) * MINUTE
    churned &= churned_at < np.datetime64(END, "m")
    annual_value = np.where(
        segment == "B2B", rng.lognormal(12.0, 0.8, n), rng.lognormal(8.0, 0.6, n)
    ).round(2)
    acquisition_cost = np.where(
        segment == "B2B", rng.lognormal(8.5, 0.4, n), rng.lognormal(5.2, 0.4, n)
    )
    acquisition_cost *= 1 - 0.25 * improvement(created)
    ids = np.array([f"C{i:05d}" for i in range(1, n + 1)])
    referred = rng.random(n) < 0.08 + 0.07 * improvement(created)
    referrer = np.where(referred, ids[rng.integers(0, n, n)], "")
    return pd.DataFrame(
        {
            "customer_id": ids,
            "segment": segment,
            "region": np.array(REGIONS)[rng.integers(0, 2, n)],
            "created_at": created,
            "churned_at": np.where(churned, churned_at, np.datetime64("NaT")),
            "annual_value": annual_value,
            "acquisition_cost": acquisition_cost.round(2),
            "referred_by": referrer,
        }
    )


def installed_units(rng: np.random.Generator, cust: pd.DataFrame) -> pd.DataFrame:
    """Machines at customers' sites; remote monitoring spreads with the new system."""
    counts = np.where(cust["segment"] == "B2B", rng.integers(2, 12, len(cust)), 1)
    owner = np.repeat(cust["customer_id"].to_numpy(), counts)
    n = len(owner)
    b2b = np.repeat((cust["segment"] == "B2B").to_numpy(), counts)
    return pd.DataFrame(
        {
            "unit_id": [f"U{i:06d}" for i in range(1, n + 1)],
            "customer_id": owner,
            "monitored": rng.random(n) < np.where(b2b, 0.55, 0.25),
        }
    )


def orders(rng: np.random.Generator, cust: pd.DataFrame, n: int = 9000) -> pd.DataFrame:
    """Product, parts and value-added service orders; parts and services grow after go-live."""
    at = random_times(rng, n)
    lift = improvement(at)
    who = rng.integers(0, len(cust), n)
    b2b = (cust["segment"].to_numpy() == "B2B")[who]
    kind = rng.random(n)
    parts_share = 0.25 + 0.08 * lift
    value_added_share = 0.08 + 0.10 * lift
    revenue_type = np.where(
        kind < parts_share,
        "parts",
        np.where(kind < parts_share + value_added_share, "value_added", "product"),
    )
    amount = np.where(b2b, rng.lognormal(10.0, 0.9, n), rng.lognormal(7.0, 0.7, n))
    amount = np.where(revenue_type == "product", amount, amount * 0.3)
    margin_rate = np.where(revenue_type == "product", 0.22, 0.45)
    line = np.array(PRODUCT_LINES)[rng.integers(0, len(PRODUCT_LINES), n)]
    # Remote care is the service launched with the new system; maintenance plans are older.
    service_line = np.where(at >= np.datetime64(GO_LIVE, "m"), "remote_care", "maintenance_plan")
    line = np.where(revenue_type == "value_added", service_line, line)
    return pd.DataFrame(
        {
            "order_id": [f"O{i:06d}" for i in range(1, n + 1)],
            "customer_id": cust["customer_id"].to_numpy()[who],
            "ordered_at": at,
            "amount": amount.round(2),
            "margin": (amount * margin_rate * rng.normal(1, 0.1, n)).round(2),
            "product_line": line,
            "revenue_type": revenue_type,
            "returned": rng.random(n) < 0.04 - 0.015 * lift,
        }
    )


def contracts(rng: np.random.Generator, cust: pd.DataFrame) -> pd.DataFrame:
    """Annual service contracts of business accounts falling due in the six quarters."""
    b2b = cust[cust["segment"] == "B2B"]
    days = int((END - START).days)
    due = np.datetime64(START.date()) + rng.integers(0, days, len(b2b)) * np.timedelta64(1, "D")
    renew_p = 0.70 + 0.15 * improvement(due.astype("datetime64[m]"))
    n = len(b2b)
    return pd.DataFrame(
        {
            "contract_id": [f"K{i:05d}" for i in range(1, n + 1)],
            "customer_id": b2b["customer_id"].to_numpy(),
            "due_on": due,
            "renewed": rng.random(n) < renew_p,
        }
    )
