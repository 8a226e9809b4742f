"""What a metric plugin declares: identity, bilingual titles, unit, direction, data it reads.

Built-in metrics use the ids of the metric catalog (``first_response_time``); third-party ids
carry their plugin's prefix (``acme.backlog_age``). How a metric is computed is described by
its ``computation``, an object the compute layer (``evalkit.compute``) knows how to run.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, get_args

Direction = Literal["higher", "lower", "target", "none"]
"""Which way is better: ``higher``, ``lower``, ``target`` (best at the goal, worse the further
away on either side, e.g. a budget variance or a utilization), or ``none`` for context metrics
that are reported but not scored."""

DIRECTIONS: tuple[str, ...] = get_args(Direction)
"""The directions a metric may declare."""

UNITS = (
    "minutes",
    "fraction",
    "points",
    "score",
    "currency",
    "count",
    "ratio",
    "rating",
)
"""Units a metric computes in; durations are computed in minutes and shown as asked."""


@dataclass(frozen=True)
class MetricDefinition:
    """A metric as a plugin declares it."""

    id: str
    title: Mapping[str, str]
    description: str
    formula: str
    unit: str
    direction: Direction
    columns: Mapping[str, tuple[str, ...]]
    """Canonical table → the canonical columns the metric reads from it."""
    computation: Any
    """How to compute it; one of the computation types of ``evalkit.compute``."""
    params_schema: Mapping[str, Any] = field(default_factory=dict)
    category: str = ""
    plugin: str = ""
    translations: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    """``description`` and ``formula`` in other report languages, by language:
    ``{"zh": {"description": "…", "formula": "…"}}``; a missing text falls back to English."""
    by_segment: bool = True
    """False when the metric means nothing inside one customer segment, e.g. a ratio per agent
    when every agent serves every segment: it is then not broken down by segment."""
    extra_columns: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    """Table → column → type (``string``, ``timestamp``, ``date``, ``number``, ``boolean``) of
    the columns in ``columns`` that are not in the canonical model; a spec maps them under its
    source's ``extra_columns:``, the testing kit and ``evalkit plugin check`` read them with that
    type."""
    columns_with: Callable[[Mapping[str, Any]], Mapping[str, tuple[str, ...]]] | None = None
    """The columns read with given params, when they depend on them (default: ``columns``)."""

    def columns_for(self, params: Mapping[str, Any]) -> Mapping[str, tuple[str, ...]]:
        """The canonical columns the metric reads with ``params``, by table."""
        return self.columns_with(params) if self.columns_with else self.columns

    @property
    def tables(self) -> tuple[str, ...]:
        """The canonical tables the metric reads, in declaration order."""
        return tuple(self.columns)
