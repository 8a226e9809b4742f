"""What the engine asks the compute layer for, and what it gets back.

Values are keyed by window key: a calendar period's key (``2026Q3``, ``2026-08``) or
``baseline`` for the pre-go-live window.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from evalkit.data.periods import Windows
from evalkit.metric import MetricDefinition
from evalkit.samples import Sample

WindowValues = Mapping[str, float | None]
"""Window key → value (None: no data)."""


@dataclass(frozen=True)
class MetricRequest:
    """One metric instance of the spec to compute."""

    instance_id: str
    definition: MetricDefinition
    params: Mapping[str, Any]


@dataclass(frozen=True)
class ComputeRequest:
    """Everything the compute layer needs for one run."""

    metrics: tuple[MetricRequest, ...]
    data: Any
    """The parsed ``data:`` section (``evalkit.data``'s type)."""
    windows: Windows
    segments: tuple[str, ...]
    base_dir: Path
    percentile_intervals: bool = True
    """Whether percentiles get their order-statistic intervals (one more query per table)."""


@dataclass(frozen=True)
class MetricOutcome:
    """The computed values of one metric instance."""

    instance_id: str
    values: WindowValues
    segments: Mapping[str, Mapping[str, WindowValues]] = field(default_factory=dict)
    """Segment column → segment value → window key → value."""
    error: str | None = None
    details: Mapping[str, Any] = field(default_factory=dict)
    """Extra facts for the report, e.g. the number of raters and the spread of ratings."""
    samples: Mapping[str, Sample] = field(default_factory=dict)
    """Window key → the sample the overall value was estimated from (sampled metrics only)."""


@dataclass(frozen=True)
class LedgerEntry:
    """Rows a metric left out for a data reason."""

    table: str
    metric: str
    reason: str
    rows: int
    column: str = ""
    """The column whose values were bad, for table-level entries (``metric`` is ``*``)."""


@dataclass(frozen=True)
class DataFingerprint:
    """A source that was read: where from (no secrets), content hash and row count."""

    table: str
    source: str
    sha256: str
    rows: int
    engine: str = ""
    """What computed on it when not DuckDB or its own database: ``Spark 4.0.5 (local[2])``."""


@dataclass(frozen=True)
class ComputeOutcome:
    """All metric values of a run with the data-quality ledger and the data provenance."""

    metrics: Mapping[str, MetricOutcome]
    ledger: tuple[LedgerEntry, ...] = ()
    data: tuple[DataFingerprint, ...] = ()
    analyses: Mapping[str, Any] = field(default_factory=dict)
