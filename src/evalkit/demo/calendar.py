"""The demo's timeline: six quarters around the go-live date, and the improvement it brings."""

from __future__ import annotations

from datetime import date, datetime

import numpy as np
import numpy.typing as npt

START = datetime(2025, 4, 1)
"""First day of 2025Q2, the first of the six quarters."""
END = datetime(2026, 10, 1)
"""First day after 2026Q3, the last quarter and the evaluated one."""
GO_LIVE = date(2026, 1, 15)
QUARTERS = ("2025Q2", "2025Q3", "2025Q4", "2026Q1", "2026Q2", "2026Q3")
MINUTE = np.timedelta64(1, "m")

Times = npt.NDArray[np.datetime64]
Floats = npt.NDArray[np.float64]


def random_times(rng: np.random.Generator, n: int) -> Times:
    """``n`` sorted timestamps (minute resolution) spread over the six quarters, busier later."""
    span = int((END - START).total_seconds() // 60)
    # Demand grows about 20 % over the window: density proportional to 1 + 0.2·t.
    u = rng.random(n)
    t = (np.sqrt(1 + 0.44 * u) - 1) / 0.2
    offsets = np.sort((t * (span - 1)).astype(np.int64))
    return np.datetime64(START, "m") + offsets * MINUTE


def improvement(times: Times) -> Floats:
    """0 before go-live, ramping to 1 over the two quarters after it (the system's effect)."""
    days = (times - np.datetime64(GO_LIVE, "m")) / np.timedelta64(1, "D")
    return np.clip(np.asarray(days, dtype=np.float64) / 180.0, 0.0, 1.0)


def quarter_of(times: Times) -> npt.NDArray[np.str_]:
    """The quarter label (``2026Q3``) of each timestamp."""
    months = times.astype("datetime64[M]").astype(np.int64)
    years = months // 12 + 1970
    q = months % 12 // 3 + 1
    return np.char.add(np.char.add(years.astype(str), "Q"), q.astype(str))
