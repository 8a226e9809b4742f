"""Quarters and months as half-open date windows; previous, baseline and trend windows.

A fiscal year is named after the calendar year in which it starts: with
``fiscal_year_start: 4``, ``2026Q1`` is April–June 2026 and ``2026Q4`` is January–March 2027.
Periods and go-live dates lie in the years ``MIN_YEAR`` … ``MAX_YEAR``, so that every window
derived from them (previous, baseline, trend) is a valid date.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import MAXYEAR, MINYEAR, date

_QUARTER = re.compile(r"^(\d{4})Q([1-4])$")
_MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
MIN_YEAR = 1900
MAX_YEAR = 2999


@dataclass(frozen=True, order=True)
class Period:
    """A window of time [start, end) with the key that names it in results."""

    start: date
    end: date
    key: str
    label: str

    def contains(self, day: date) -> bool:
        """Whether ``day`` falls in the window."""
        return self.start <= day < self.end


@dataclass(frozen=True)
class Windows:
    """The windows every metric is computed for."""

    current: Period
    previous: Period
    baseline: Period | None
    trend: tuple[Period, ...]
    """The last N calendar periods, oldest first, ending with the current one."""

    def all(self) -> tuple[Period, ...]:
        """Every distinct window, sorted by start."""
        found = {p.key: p for p in (*self.trend, self.current, self.previous)}
        if self.baseline is not None:
            found[self.baseline.key] = self.baseline
        return tuple(sorted(found.values()))


def _add_months(year: int, month: int, months: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + months
    return index // 12, index % 12 + 1


def _first_of(year: int, month: int, months: int = 0) -> date:
    y, m = _add_months(year, month, months)
    return date(y, m, 1)


def parse_period(text: str, fiscal_year_start: int = 1) -> Period:
    """Parse ``2026Q3`` (fiscal quarter) or ``2026-08`` (month); ValueError if neither, or if
    the year is outside ``MIN_YEAR`` … ``MAX_YEAR``."""
    found = _QUARTER.match(text) or _MONTH.match(text)
    if found and not MIN_YEAR <= int(found[1]) <= MAX_YEAR:
        raise ValueError(f"'{text}': the year must lie between {MIN_YEAR} and {MAX_YEAR}")
    return _parse(text, fiscal_year_start)


def check_date(day: date) -> None:
    """ValueError if ``day`` (a go-live date) is outside ``MIN_YEAR`` … ``MAX_YEAR``."""
    if not MIN_YEAR <= day.year <= MAX_YEAR:
        raise ValueError(f"{day.isoformat()}: the year must lie between {MIN_YEAR} and {MAX_YEAR}")


def _parse(text: str, fiscal_year_start: int) -> Period:
    if match := _QUARTER.match(text):
        year, quarter = int(match[1]), int(match[2])
        start = _first_of(year, fiscal_year_start, 3 * (quarter - 1))
        return Period(start, _first_of(start.year, start.month, 3), text, text)
    if match := _MONTH.match(text):
        start = date(int(match[1]), int(match[2]), 1)
        return Period(start, _first_of(start.year, start.month, 1), text, text)
    raise ValueError(f"'{text}' is not a period: write a quarter such as 2026Q3 or a month 2026-08")


def shift(period: Period, steps: int, fiscal_year_start: int = 1) -> Period:
    """The calendar period ``steps`` periods after (negative: before) ``period``."""
    if _MONTH.match(period.key):
        y, m = _add_months(period.start.year, period.start.month, steps)
        return _parse(f"{y:04d}-{m:02d}", fiscal_year_start)
    year, quarter = int(period.key[:4]), int(period.key[5])
    index = year * 4 + (quarter - 1) + steps
    return _parse(f"{index // 4:04d}Q{index % 4 + 1}", fiscal_year_start)


def period_months(period: Period) -> int:
    """Length of a calendar period in months."""
    return (period.end.year - period.start.year) * 12 + period.end.month - period.start.month


def baseline_window(current: Period, go_live: date, mode: str, fiscal_year_start: int) -> Period:
    """The pre-go-live window: same length ending at go-live, or the last whole period before."""
    months = period_months(current)
    if mode == "period":
        candidate = shift(current, 0, fiscal_year_start)
        while candidate.end > go_live:
            candidate = shift(candidate, -1, fiscal_year_start)
        return candidate
    y, m = _add_months(go_live.year, go_live.month, -months)
    start = _safe_date(y, m, go_live.day)
    label = f"{start.isoformat()} – {go_live.isoformat()}"
    return Period(start, go_live, "baseline", label)


def _safe_date(year: int, month: int, day: int) -> date:
    """``year-month-day``, or the month's last day when the month is shorter (31 → 30, 29)."""
    last = calendar.monthrange(year, month)[1] if MINYEAR <= year <= MAXYEAR else day
    return date(year, month, min(day, last))


def build_windows(
    current: Period,
    go_live: date | None,
    *,
    baseline_mode: str = "window",
    trend_periods: int = 4,
    fiscal_year_start: int = 1,
) -> Windows:
    """All windows for an evaluation of ``current``."""
    previous = shift(current, -1, fiscal_year_start)
    baseline = (
        baseline_window(current, go_live, baseline_mode, fiscal_year_start) if go_live else None
    )
    count = max(trend_periods, 1)
    trend = tuple(shift(current, k - count + 1, fiscal_year_start) for k in range(count))
    return Windows(current, previous, baseline, trend)
