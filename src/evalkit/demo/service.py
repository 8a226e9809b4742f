"""Service requests and what follows them: tickets, surveys, field visits, repairs, agents."""

from __future__ import annotations

import numpy as np
import pandas as pd

from evalkit.demo.calendar import MINUTE, QUARTERS, Floats, improvement, random_times

CATEGORIES = ("故障报修", "安装调试", "使用咨询", "备件申请", "投诉")
CATEGORY_P = (0.38, 0.14, 0.26, 0.15, 0.07)
CHANNELS = ("电话", "在线", "自助", "现场")
AGENTS = 48


def _minutes(rng: np.random.Generator, median: Floats, sigma: float) -> Floats:
    """Log-normal durations in minutes around ``median`` (per row)."""
    return np.asarray(np.exp(np.log(median) + sigma * rng.standard_normal(len(median))))


def tickets(rng: np.random.Generator, cust: pd.DataFrame, n: int = 20000) -> pd.DataFrame:
    """Service requests; response, resolution and quality improve over the two quarters after
    go-live. A few rows carry the errors real exports have (fixed in ``with_data_errors``)."""
    created = random_times(rng, n)
    lift = improvement(created)
    # Business accounts (a sixth of the customers) raise 40 % of the tickets.
    is_b2b = (cust["segment"] == "B2B").to_numpy()
    weight = np.where(is_b2b, 0.40 / is_b2b.sum(), 0.60 / (~is_b2b).sum())
    who = rng.choice(len(cust), n, p=weight / weight.sum())
    segment = cust["segment"].to_numpy()[who]
    b2b = segment == "B2B"
    category = np.array(CATEGORIES)[rng.choice(len(CATEGORIES), n, p=CATEGORY_P)]
    category = np.where((category == "投诉") & (rng.random(n) < 0.4 * lift), "使用咨询", category)
    self_service = rng.random(n) < 0.05 + 0.20 * lift
    channel = np.where(
        self_service,
        "自助",
        np.array(CHANNELS)[rng.choice(4, n, p=(0.5, 0.3, 0.0, 0.2))],
    )
    frt = _minutes(rng, np.where(b2b, 150.0, 200.0) * (1 - 0.5 * lift), 0.9)
    resolve = frt + _minutes(
        rng, np.where(category == "故障报修", 2400.0, 900.0) * (1 - 0.4 * lift), 1.0
    )
    resolved = rng.random(n) < 0.84 + 0.11 * lift
    responded = rng.random(n) < 0.985
    close = resolve + _minutes(rng, np.full(n, 600.0), 0.8)
    contacts = 1 + rng.poisson(np.where(rng.random(n) < 0.68 + 0.15 * lift, 0.0, 1.4))
    follow = rng.random(n) < 0.35 + 0.40 * lift
    origin_draw = rng.random(n)
    monitoring = 0.01 + 0.12 * lift * b2b
    origin = np.where(
        origin_draw < monitoring,
        "monitoring",
        np.where(origin_draw < monitoring + 0.02 + 0.04 * lift, "proactive", "customer"),
    )
    priority = np.array(["高", "中", "低"])[rng.choice(3, n, p=(0.2, 0.5, 0.3))]
    sla_response = np.where(priority == "高", 120, np.where(priority == "中", 240, 480))
    sla_resolution = np.where(priority == "高", 1440, np.where(priority == "中", 2880, 4320))
    nat = np.datetime64("NaT")
    return pd.DataFrame(
        {
            "ticket_id": [f"T{i:06d}" for i in range(1, n + 1)],
            "created_at": created,
            "customer_id": cust["customer_id"].to_numpy()[who],
            "segment": segment,
            "region": cust["region"].to_numpy()[who],
            "channel": channel,
            "priority": priority,
            "category": category,
            "product_line": np.array(("compressors", "pumps", "controllers"))[who % 3],
            "first_response_at": np.where(responded, created + frt.astype(np.int64) * MINUTE, nat),
            "resolved_at": np.where(resolved, created + resolve.astype(np.int64) * MINUTE, nat),
            "closed_at": np.where(resolved, created + close.astype(np.int64) * MINUTE, nat),
            "reopened_count": np.where(resolved, rng.poisson(0.12 - 0.06 * lift), 0),
            "contacts_to_resolve": np.where(resolved, contacts, np.nan),
            "sla_response_minutes": sla_response,
            "sla_resolution_minutes": sla_resolution,
            "agent_id": np.array([f"A{i:03d}" for i in range(1, AGENTS + 1)])[
                rng.integers(0, AGENTS, n)
            ],
            "cost": np.round(
                rng.lognormal(np.log(np.where(b2b, 260.0, 120.0)) - 0.2 * lift, 0.5), 2
            ),
            "service_error": rng.random(n) < 0.05 - 0.025 * lift,
            "follow_up_at": np.where(
                resolved & follow, created + (close + 1440).astype(np.int64) * MINUTE, nat
            ),
            "origin": origin,
        }
    )


def with_data_errors(rng: np.random.Generator, t: pd.DataFrame) -> pd.DataFrame:
    """Mark rows to carry the demo's data errors: a response before creation (negative
    duration), an unparseable resolution time, an empty cost. The writer renders them."""
    n = len(t)
    t = t.copy()
    negative = rng.choice(n, 25, replace=False)
    t.loc[negative, "first_response_at"] = t.loc[negative, "created_at"] - np.timedelta64(90, "m")
    t["bad_resolved_at"] = False
    t.loc[rng.choice(n, 12, replace=False), "bad_resolved_at"] = True
    t.loc[rng.choice(n, 150, replace=False), "cost"] = np.nan
    return t


def surveys(rng: np.random.Generator, t: pd.DataFrame) -> pd.DataFrame:
    """A survey after about 60 % of resolved tickets; fewer than half are answered."""
    done = t[t["resolved_at"].notna()]
    picked = done[rng.random(len(done)) < 0.6]
    n = len(picked)
    sent = picked["resolved_at"].to_numpy() + np.timedelta64(120, "m")
    lift = improvement(sent)
    answered = rng.random(n) < 0.40 + 0.15 * lift
    delay = rng.exponential(1440, n).astype(np.int64) * MINUTE
    csat = np.clip(np.round(rng.normal(4.15 + 0.55 * lift, 0.75)), 1, 5)
    nps = np.clip(np.round(rng.normal(7.6 + 1.0 * lift, 1.8)), 0, 10)
    expected = np.clip(np.round(rng.normal(4.0, 0.6, n)), 1, 5)
    experienced = np.clip(np.round(rng.normal(3.7 + 0.6 * lift, 0.7)), 1, 5)
    nat = np.datetime64("NaT")
    return pd.DataFrame(
        {
            "answered_at": np.where(answered, sent + delay, nat),
            "ticket_id": picked["ticket_id"].to_numpy(),
            "customer_id": picked["customer_id"].to_numpy(),
            "segment": picked["segment"].to_numpy(),
            "sent_at": sent,
            "csat_score": np.where(answered, csat, np.nan),
            "nps_score": np.where(answered, nps, np.nan),
            "ces_score": np.where(
                answered, np.clip(np.round(rng.normal(3.4 - lift, 1.1)), 1, 7), np.nan
            ),
            "expected_score": np.where(answered, expected, np.nan),
            "experienced_score": np.where(answered, experienced, np.nan),
        }
    )


def field_visits(rng: np.random.Generator, t: pd.DataFrame) -> pd.DataFrame:
    """On-site visits for repair tickets of business customers and on-site requests."""
    onsite = t[((t["category"] == "故障报修") & (t["segment"] == "B2B")) | (t["channel"] == "现场")]
    n = len(onsite)
    dispatched = (
        onsite["created_at"].to_numpy()
        + _minutes(rng, np.full(n, 180.0), 0.6).astype(np.int64) * MINUTE
    )
    lift = improvement(dispatched)
    travel = _minutes(rng, 1500.0 * (1 - 0.35 * lift), 0.7)
    return pd.DataFrame(
        {
            "visit_id": [f"V{i:05d}" for i in range(1, n + 1)],
            "ticket_id": onsite["ticket_id"].to_numpy(),
            "dispatched_at": dispatched,
            "arrived_at": dispatched + travel.astype(np.int64) * MINUTE,
            "fixed_first_visit": rng.random(n) < 0.70 + 0.15 * lift,
        }
    )


def repairs(rng: np.random.Generator, units: pd.DataFrame, n: int = 2400) -> pd.DataFrame:
    """Repairs of installed units; some units come back within weeks (repair returns)."""
    at = random_times(rng, n)
    unit = units["unit_id"].to_numpy()[rng.integers(0, len(units), n)]
    back = rng.random(n) < 0.06 - 0.035 * improvement(at)
    again_at = at + _minutes(rng, np.full(n, 30.0 * 1440), 0.6).astype(np.int64) * MINUTE
    at = np.concatenate([at, again_at[back]])
    unit = np.concatenate([unit, unit[back]])
    order = np.argsort(at, kind="stable")
    return pd.DataFrame(
        {
            "repair_id": [f"R{i:05d}" for i in range(1, len(at) + 1)],
            "unit_id": unit[order],
            "repaired_at": at[order],
        }
    )


def agents(rng: np.random.Generator) -> pd.DataFrame:
    """Each agent in each quarter: available and handled minutes, and training."""
    rows = []
    for q_index, quarter in enumerate(QUARTERS):
        for a in range(1, AGENTS + 1):
            available = 60 * 8 * 62 * rng.uniform(0.85, 1.0)
            trained = bool(rng.random() < (0.4 if q_index < 3 else 0.85))
            # Trained agents handle more of their time (the training effect).
            share = rng.uniform(0.55, 0.72) + 0.03 * max(0, q_index - 3) + 0.05 * trained
            rows.append(
                {
                    "agent_id": f"A{a:03d}",
                    "period": quarter,
                    "available_minutes": round(available),
                    "handled_minutes": round(available * share),
                    "trained": trained,
                }
            )
    return pd.DataFrame(rows)


def self_service_sessions(rng: np.random.Generator, n: int = 9000) -> pd.DataFrame:
    """Knowledge-base sessions; after go-live fewer of them end in a ticket."""
    at = random_times(rng, n)
    return pd.DataFrame(
        {
            "session_id": [f"S{i:06d}" for i in range(1, n + 1)],
            "started_at": at,
            "ticket_created": rng.random(n) < 0.55 - 0.20 * improvement(at),
        }
    )
