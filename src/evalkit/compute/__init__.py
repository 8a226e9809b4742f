"""Compute engine: builds and runs the fused metric queries (the only user of DuckDB/Ibis)."""

from evalkit.compute.engine import compute_metrics
from evalkit.compute.outcome import (
    ComputeOutcome,
    ComputeRequest,
    DataFingerprint,
    LedgerEntry,
    MetricOutcome,
    MetricRequest,
)

__all__ = [
    "ComputeOutcome",
    "ComputeRequest",
    "DataFingerprint",
    "LedgerEntry",
    "MetricOutcome",
    "MetricRequest",
    "compute_metrics",
]
