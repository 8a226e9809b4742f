"""What rules can see of an evaluation: the interface the scoring stage implements for them."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal, Protocol

Window = Literal["current", "previous", "baseline"]
"""Which period a metric value is taken from."""

STATUSES = ("green", "amber", "red", "no_data", "error")
"""The statuses a metric can have, as ``status()`` returns them."""


class EvaluationView(Protocol):
    """A scored evaluation as rules see it, before any rule has changed it."""

    def metric_value(self, metric: str, window: str = "current") -> float | None:
        """The metric's value in ``window`` (current, previous or baseline); None if missing."""

    def metric_score(self, metric: str) -> float | None:
        """The metric's score (0–100) in the current period; None if it has none."""

    def metric_status(self, metric: str) -> str:
        """One of ``STATUSES``."""

    def metric_target(self, metric: str, field: str = "goal") -> float | None:
        """The ``goal``, ``red_flag`` or ``tolerance`` of the metric's target, in its display
        unit; None if it has none (bands have no goal)."""

    def metric_percentile(self, metric: str) -> float | None:
        """The metric's current value's percentile among its benchmark peers (0–100, in value
        order); None without a benchmark or a value."""

    def segment_value(self, metric: str, segment_value: str) -> float | None:
        """The metric's current value in the segment whose value (in any segment column) is
        ``segment_value``; None if there is no such segment or no value."""

    def criterion_score(self, criterion: str) -> float | None:
        """The criterion's score (0–100); None if it has none."""

    def overall_score(self) -> float | None:
        """The overall score (0–100) before rules; None when there is too little data."""

    def grade(self) -> str | None:
        """The grade before rules; None without an overall score."""

    def statuses(self) -> Mapping[str, str]:
        """Every metric id with its status."""
