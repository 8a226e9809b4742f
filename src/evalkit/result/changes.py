"""How a metric's value changed against a compared period, in a unit that fits the metric.

Rates (fractions) change in percentage points, NPS and other scales (points, scores,
ratings, ratios) by their difference; amounts, counts and durations by their relative
change, except across a sign change or from zero, where the difference is given instead.
"""

from __future__ import annotations

from dataclasses import dataclass

RELATIVE_UNITS = frozenset({"minutes", "hours", "days", "currency", "count"})
"""Units whose changes are relative (a ratio to the reference value)."""

PERCENTAGE_POINTS = "percentage_points"
RELATIVE = "relative"
DIFFERENCE = "difference"


@dataclass(frozen=True)
class Change:
    """A change of a value: ``kind`` says how ``value`` reads.

    ``percentage_points``: a difference of fractions (0.031 reads "+3.1 pp");
    ``relative``: (current − reference) ÷ reference (0.12 reads "+12 %");
    ``difference``: current − reference in the metric's own unit.
    """

    value: float
    kind: str


def value_change(current: float | None, reference: float | None, unit: str) -> Change | None:
    """The change from ``reference`` to ``current`` in the kind that fits ``unit``."""
    if current is None or reference is None:
        return None
    difference = current - reference
    if unit == "fraction":
        return Change(difference, PERCENTAGE_POINTS)
    if unit in RELATIVE_UNITS and reference > 0 and current >= 0:
        return Change(difference / reference, RELATIVE)
    return Change(difference, DIFFERENCE)
