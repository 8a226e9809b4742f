"""The Result model. Renderers read only this (as JSON); it needs no data and no plugins."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

SCHEMA_VERSION = 1


@dataclass(frozen=True)
class WindowScore:
    """A value and its score in one comparison window."""

    value: float | None
    score: float | None


@dataclass(frozen=True)
class TrendPoint:
    """One period of a metric's trend."""

    period: str
    value: float | None
    score: float | None


@dataclass(frozen=True)
class MetricResult:
    """One metric instance as the report shows it."""

    id: str
    metric: str
    title: Mapping[str, str]
    criterion: str | None
    unit: str
    direction: str
    value: float | None
    target: Mapping[str, Any] | None
    score: float | None
    status: str
    local_weight: float | None
    global_weight: float | None
    error: str | None
    previous: WindowScore
    baseline: WindowScore
    change: Mapping[str, float | None]
    trend: tuple[TrendPoint, ...]
    breakdown: Mapping[str, Mapping[str, WindowScore]]
    definition: Mapping[str, Any]
    details: Mapping[str, Any] = field(default_factory=dict)
    entered: Mapping[str, Any] | None = None
    """A manual KPI: ``{source, periods}``; None for a computed metric."""


@dataclass(frozen=True)
class CriterionResult:
    """A node of the criteria tree with its weights and score."""

    id: str
    title: Mapping[str, str]
    parent: str | None
    local_weight: float
    global_weight: float
    score: float | None
    children: tuple[str, ...]
    previous_score: float | None = None
    baseline_score: float | None = None


@dataclass(frozen=True)
class OverallResult:
    """The overall score and grade, before and after rules, with comparisons."""

    score: float | None
    grade: str | None
    score_before_rules: float | None
    grade_before_rules: str | None
    previous: Mapping[str, Any] | None
    baseline: Mapping[str, Any] | None
    trend: tuple[Mapping[str, Any], ...]


@dataclass(frozen=True)
class Provenance:
    """Where the numbers came from: versions, spec hash, data fingerprints, time."""

    spec_sha256: str
    spec_files: tuple[str, ...]
    plugins: Mapping[str, str]
    data: tuple[Mapping[str, Any], ...]
    generated_at: str
    entered: tuple[Mapping[str, Any], ...] = ()
    """Manual KPIs: ``{metric, source, periods}`` — values that came from the spec, not data."""


@dataclass(frozen=True)
class Result:
    """The product of a run."""

    evalkit_version: str
    evaluation: Mapping[str, Any]
    overall: OverallResult
    criteria: tuple[CriterionResult, ...]
    metrics: tuple[MetricResult, ...]
    ahp: Mapping[str, Any]
    rules: tuple[Mapping[str, Any], ...]
    findings: tuple[Mapping[str, Any], ...]
    data_quality: tuple[Mapping[str, Any], ...]
    analyses: Mapping[str, Any]
    report: Mapping[str, Any]
    provenance: Provenance
    sensitivity: tuple[Mapping[str, Any], ...] = ()
    """Per top-level criterion: the weight range within which the grade before rules holds."""
    warnings: tuple[str, ...] = ()
    gate_failed: bool = False
    not_applicable: tuple[Mapping[str, Any], ...] = ()
    """Metrics left out because the data lacks what they read: {metric, reason, missing}."""

    def to_json(self) -> dict[str, Any]:
        """The Result as the JSON object written to ``result.json``."""
        body = asdict(self)
        return {"schema_version": SCHEMA_VERSION, **body}
