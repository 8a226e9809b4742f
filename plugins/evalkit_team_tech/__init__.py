"""Built-in metrics (work in progress)."""

from __future__ import annotations

from evalkit.metric import MetricDefinition
from evalkit.plugin import hookimpl


@hookimpl
def register_metrics() -> list[MetricDefinition]:
    """The metrics of this package."""
    return []
