"""Money and opinions: cost lines, budgets, the programme's cash flows, expert ratings."""

from __future__ import annotations

import numpy as np
import pandas as pd

from evalkit.demo.calendar import QUARTERS

COST_TYPES = ("labour", "logistics", "parts", "other")
STAGES = ("intake", "diagnosis", "onsite", "follow_up")
MONTHS = tuple(np.arange("2025-04", "2026-10", dtype="datetime64[M]"))
INDICATORS = ("沟通能力", "专业能力", "服务态度")


def costs(rng: np.random.Generator) -> pd.DataFrame:
    """Monthly service cost lines by type and stage; labour is fixed, the rest variable."""
    rows = []
    base = {"labour": 90000.0, "logistics": 25000.0, "parts": 45000.0, "other": 10000.0}
    for i, month in enumerate(MONTHS):
        saving = 1 - 0.02 * max(0, i - 9)
        for cost_type in COST_TYPES:
            for stage in STAGES:
                amount = base[cost_type] / 4 * rng.uniform(0.85, 1.15) * saving
                rows.append(
                    {
                        "incurred_on": str(
                            month.astype("datetime64[D]") + int(rng.integers(0, 28))
                        ),
                        "amount": round(amount, 2),
                        "cost_type": cost_type,
                        "stage": stage,
                        "fixed": cost_type == "labour",
                    }
                )
    return pd.DataFrame(rows)


def budgets(rng: np.random.Generator) -> pd.DataFrame:
    """Quarterly budget by cost type and stage, planned slightly below last year's spend."""
    base = {"labour": 270000.0, "logistics": 75000.0, "parts": 135000.0, "other": 30000.0}
    rows = [
        {
            "period": quarter,
            "amount": round(base[cost_type] / 4 * rng.uniform(0.92, 1.02), 2),
            "cost_type": cost_type,
            "stage": stage,
        }
        for quarter in QUARTERS
        for cost_type in COST_TYPES
        for stage in STAGES
    ]
    return pd.DataFrame(rows)


def cash_flows() -> pd.DataFrame:
    """The CRM programme: the investment at t = 0, then yearly net benefits."""
    return pd.DataFrame(
        {
            "period_index": [0, 1, 2, 3, 4, 5],
            "amount": [-2400000.0, 420000.0, 780000.0, 860000.0, 900000.0, 900000.0],
        }
    )


def ratings(rng: np.random.Generator) -> pd.DataFrame:
    """Five experts rate three qualitative indicators each quarter on 1–5 (the lead weighs 2)."""
    rows = []
    for q_index, quarter in enumerate(QUARTERS):
        for rater in ("总经理", "服务总监", "区域经理", "外部顾问", "客户代表"):
            for indicator in INDICATORS:
                score = np.clip(round(rng.normal(3.4 + 0.25 * max(0, q_index - 3), 0.6)), 1, 5)
                rows.append(
                    {
                        "indicator": indicator,
                        "score": int(score),
                        "rater": rater,
                        "period": quarter,
                        "weight": 2.0 if rater == "服务总监" else 1.0,
                        "scale_max": 5,
                    }
                )
    return pd.DataFrame(rows)
