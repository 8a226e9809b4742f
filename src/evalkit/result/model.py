"""The Result model. Renderers read only this (as JSON); it needs no data and no plugins."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

SCHEMA_VERSION = 1


@dataclass(frozen=True)
class WindowScore:
    """A value and its score in one comparison window; for a sampled metric also the sample
    size ``n`` and the 95 % ``interval`` of the value."""

    value: float | None
    score: float | None
    n: int | None = None
    interval: tuple[float, float] | None = None


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
    """The weight the metric counted with in its criterion (None: it did not count)."""
    global_weight: float | None
    error: str | None
    previous: WindowScore
    baseline: WindowScore
    change: Mapping[str, Mapping[str, Any] | None]
    """``previous``/``baseline`` → ``{value, kind, significant, p_value}`` (see
    ``evalkit.result.changes``; ``significant`` is None when the metric has no sample)."""
    trend: tuple[TrendPoint, ...]
    breakdown: Mapping[str, Mapping[str, WindowScore]]
    definition: Mapping[str, Any]
    details: Mapping[str, Any] = field(default_factory=dict)
    configured_weight: float | None = None
    """The local weight the spec gives the metric (AHP or equal), whether it counted or not."""
    n: int | None = None
    """The sample size behind the current value (sampled metrics only)."""
    interval: tuple[float, float] | None = None
    """The 95 % interval of the current value, in its display unit."""
    interval_method: str | None = None
    """``wilson``, ``t``, ``nps`` or ``none`` (a percentile: n only)."""
    entered: Mapping[str, Any] | None = None
    """A manual KPI: ``{source, periods}``; None for a computed metric."""
    benchmark: Mapping[str, Any] | None = None
    """The metric among its peers: ``{pack, population, n, quantiles, percentile, outside,
    synthetic}`` (``evalkit.benchmarks.match``); None without a benchmark."""


@dataclass(frozen=True)
class CriterionResult:
    """A node of the criteria tree with its weights and score."""

    id: str
    title: Mapping[str, str]
    parent: str | None
    local_weight: float | None
    """The weight the criterion counted with in its parent (None: it did not count)."""
    global_weight: float | None
    score: float | None
    children: tuple[str, ...]
    previous_score: float | None = None
    baseline_score: float | None = None
    configured_weight: float | None = None
    """The local weight the spec gives the criterion, whether it counted or not."""
    coverage: float | None = None
    """Share of the criterion's weight whose metrics had data (None: nothing scored under it)."""
    previous_coverage: float | None = None
    baseline_coverage: float | None = None


@dataclass(frozen=True)
class OverallResult:
    """The overall score and grade, before and after rules, with comparisons.

    ``previous``, ``baseline`` and each ``trend`` entry are that period's overall score with
    the same rules applied: ``{period, score, grade, score_before_rules, grade_before_rules,
    bonus, penalty, coverage, status}`` (status ``ok``, ``insufficient_data`` or ``no_data``).
    ``change`` is the current score minus the compared one, both after rules, in points.
    """

    score: float | None
    grade: str | None
    score_before_rules: float | None
    grade_before_rules: str | None
    previous: Mapping[str, Any] | None
    baseline: Mapping[str, Any] | None
    trend: tuple[Mapping[str, Any], ...]
    coverage: float | None = None
    change: Mapping[str, float | None] = field(default_factory=dict)
    bonus: float = 0.0
    penalty: float = 0.0
    grade_capped: bool = False
    """Whether a rule's ``cap_grade`` lowered the grade below the one the score gives."""


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
    spec_resolved: Mapping[str, Any] | None = None
    """The resolved spec (presets merged, ``${VAR}`` kept, passwords masked, keys sorted)."""


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
    highlights: Mapping[str, Any] = field(default_factory=dict)
    """``{strongest: [ids], weakest: [ids], meeting_goal: n}``: the one ranking every part of
    the report uses (``evalkit.scoring.ranking``)."""
    actions: tuple[Mapping[str, Any], ...] = ()
    """The action plan: ``{text, priority, owner, due, effect, metrics, source}``, most urgent
    first (``evalkit.rules.actions``)."""
    scoring: Mapping[str, Any] = field(default_factory=dict)
    """How scores were made: ``{method, grades: {grade: minimum}, missing, min_coverage,
    significance_level}`` (the report's methodology page reads it)."""
    not_applicable: tuple[Mapping[str, Any], ...] = ()
    """Metrics left out because the data lacks what they read: {metric, reason, missing}."""
    changes: Mapping[str, Any] | None = None
    """The change against a previous Result (``evalkit run --previous``/``--history``), as
    ``evalkit diff --json`` gives it plus ``against``; the report's ``changes`` section."""
    benchmarks: tuple[Mapping[str, Any], ...] = ()
    """The benchmark packs the spec names: ``{id, title, source, synthetic, periods,
    populations}``."""

    def to_json(self) -> dict[str, Any]:
        """The Result as the JSON object written to ``result.json``."""
        body = asdict(self)
        return {"schema_version": SCHEMA_VERSION, **body}
