"""Numbers, percentages, units, periods and dates formatted as the report's locale writes them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from babel.dates import format_date, format_skeleton
from babel.numbers import format_currency, format_decimal, format_percent

from evalkit.ahp.scale import format_value
from evalkit.report.i18n import Translator, babel_locale
from evalkit.report.views import ChangeView

MISSING = "—"
_QUARTER = re.compile(r"^(\d{4})Q([1-4])$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_WINDOW = re.compile(r"^(\d{4}-\d{2}-\d{2})\s*[–-]\s*(\d{4}-\d{2}-\d{2})$")
DATE_FORMAT = "medium"
"""Babel's date format for every date in a report: ``Jan 15, 2026`` / ``2026年1月15日``."""
# Units whose values are shown as a number followed by a unit word from the catalog.
_WORD_UNITS = {"minutes", "hours", "days", "points"}


@dataclass(frozen=True)
class Formatter:
    """Formats the Result's numbers for one locale; ``None`` always shows as a dash."""

    locale: str
    t: Translator
    currency: str = "CNY"

    @property
    def _babel(self) -> str:
        return babel_locale(self.locale)

    def number(self, value: float | None, digits: int = 1) -> str:
        """``1234.5`` → ``1,234.5`` (at most ``digits`` decimals)."""
        if value is None:
            return MISSING
        pattern = "#,##0" + ("." + "#" * digits if digits else "")
        return format_decimal(value, format=pattern, locale=self._babel)

    def fixed(self, value: float | None, digits: int = 3) -> str:
        """A number with exactly ``digits`` decimals (λmax, CI, CR)."""
        if value is None:
            return MISSING
        return format_decimal(value, format="0." + "0" * digits, locale=self._babel)

    def judgment(self, value: float | None) -> str:
        """A pairwise judgment as a person writes it: ``3``, ``1/4``, ``0.437``."""
        return MISSING if value is None else format_value(value)

    def percent(self, value: float | None, digits: int = 1) -> str:
        """A fraction as a percentage: ``0.925`` → ``92.5%``."""
        if value is None:
            return MISSING
        pattern = "#,##0" + ("." + "0" * digits if digits else "") + "%"
        return format_percent(value, format=pattern, locale=self._babel)

    def change(self, value: float | None) -> str:
        """A relative change with its sign: ``0.123`` → ``+12.3%``."""
        if value is None:
            return MISSING
        return format_percent(value, format="+#,##0.0%;-#,##0.0%", locale=self._babel)

    def metric_change(self, change: ChangeView | None, unit: str | None) -> str:
        """A metric's change in its kind: ``+12.3%`` (relative), ``+3.1 pp`` (percentage
        points), or a signed value in the metric's unit (difference)."""
        if change is None:
            return MISSING
        noise = "≈ " if change.significant is False else ""
        if change.kind == "relative":
            return noise + self.change(change.value)
        if change.kind == "percentage_points":
            points = self.points(100 * change.value)
            return noise + self.t("units.percentage_points", value=points)
        sign = "+" if change.value > 0 else ""
        return noise + sign + self.value(change.value, unit)

    def sample(self, n: int | None, interval: tuple[float, float] | None, unit: str) -> str:
        """``n = 412 · 95% CI 88.1%–92.3%``, or the part that is known ("" for neither)."""
        parts = []
        if n is not None:
            parts.append(self.t("sample.n", n=self.number(n, 0)))
        if interval is not None:
            low, high = (self.value(v, unit) for v in interval)
            parts.append(self.t("sample.interval", low=low, high=high))
        return " · ".join(parts)

    def points(self, value: float | None) -> str:
        """A difference of scores with its sign: ``+4.2``."""
        if value is None:
            return MISSING
        return format_decimal(value, format="+#,##0.0;-#,##0.0", locale=self._babel)

    def score(self, value: float | None) -> str:
        """A score from 0 to 100 with one decimal."""
        return self.fixed(value, 1)

    def value_beside(self, value: float | None, unit: str | None, *others: float | None) -> str:
        """``value`` with as many decimals (up to 4) as it takes not to read like one of
        ``others`` (its goal and red flag) when it differs: 2.04 % beside a 2.0 % goal, not
        "2.0 %" shown amber next to "2.0 %"."""
        shown = self.value(value, unit)
        for digits in range(2, 5):
            if value is None or not any(
                o is not None and o != value and self.value(o, unit, digits - 1) == shown
                for o in others
            ):
                break
            shown = self.value(value, unit, digits)
        return shown

    def value(self, value: float | None, unit: str | None, digits: int = 1) -> str:
        """A metric value in its unit: ``95 min``, ``92.5%``, ``¥1,234.50``; ``digits``
        decimals for percentages and plain numbers."""
        if value is None:
            return MISSING
        if unit == "fraction":
            return self.percent(value, digits)
        if unit == "currency":
            # Cents only matter for small amounts (cost per ticket), not for budgets.
            pattern = "¤#,##0" if abs(value) >= 10_000 else None
            return format_currency(
                value,
                self.currency,
                format=pattern,
                currency_digits=pattern is None,
                locale=self._babel,
            )
        if unit == "count":
            return self.number(value, 0)
        if unit == "ratio":
            return self.fixed(value, 2)
        if unit in _WORD_UNITS:
            return self.t(f"units.{unit}", value=self.number(value, digits))
        return self.number(value, digits)

    def tick(self, value: float, step: float, unit: str) -> str:
        """An axis tick in the metric's unit with the decimals its ``step`` needs: ``20%``,
        ``¥200``, ``12 h``, ``2.5``."""
        scaled = step * 100 if unit == "fraction" else step
        digits = next(d for d in range(7) if abs(scaled * 10**d - round(scaled * 10**d)) < 1e-6)
        if unit == "fraction":
            return self.percent(value, digits)
        if unit == "currency":
            pattern = "¤#,##0" + ("." + "0" * digits if digits else "")
            return format_currency(
                value, self.currency, format=pattern, currency_digits=False, locale=self._babel
            )
        if unit in _WORD_UNITS:
            return self.t(
                f"units.{unit}",
                value=self.fixed(value, digits) if digits else self.number(value, 0),
            )
        return self.fixed(value, digits) if digits else self.number(value, 0)

    def date(self, text: str | None) -> str:
        """An ISO date (or date-time) in the locale's one date format (``DATE_FORMAT``):
        ``Jan 15, 2026`` / ``2026年1月15日``, on the cover, in the text, windows and appendices."""
        if not text:
            return MISSING
        try:
            day = date.fromisoformat(text[:10])
        except ValueError:
            return text
        return format_date(day, format=DATE_FORMAT, locale=self._babel)

    def datetime(self, text: str | None) -> str:
        """An ISO date-time: the date as :meth:`date` writes it, the time as ``HH:mm`` and its
        offset from UTC (``Jan 15, 2026 20:05 UTC``)."""
        if not text:
            return MISSING
        try:
            moment = datetime.fromisoformat(text)
        except ValueError:
            return text
        offset = moment.utcoffset()
        if offset is None:
            zone = ""
        elif not offset:
            zone = " UTC"
        else:
            minutes = int(offset.total_seconds() // 60)
            sign = "+" if minutes > 0 else "-"
            zone = f" UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"
        return f"{self.date(text)} {moment:%H:%M}{zone}"

    def period(self, key: str | None) -> str:
        """``2026Q3`` → ``Q3 2026`` / ``2026年第3季度``; months by the locale; a window of two ISO
        dates in the report's date format; else as given."""
        if not key:
            return MISSING
        if match := _QUARTER.match(key):
            return self.t("period.quarter", year=match[1], quarter=match[2])
        if match := _MONTH.match(key):
            month = date(int(match[1]), int(match[2]), 1)
            return format_skeleton("yMMM", month, locale=self._babel)
        if match := _WINDOW.match(key):  # a baseline window: 2025-10-15 – 2026-01-15
            return f"{self.date(match[1])} – {self.date(match[2])}"
        return key

    def short_period(self, key: str | None) -> str:
        """A compact period label for chart axes: ``2026Q3`` → ``26Q3``."""
        if not key:
            return ""
        if _QUARTER.match(key):
            return f"{key[2:4]}Q{key[-1]}"
        return key
