"""The validated spec as frozen data, handed from the spec stage to the rest of the pipeline."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from evalkit.benchmarks.match import Benchmark
from evalkit.benchmarks.pack import Pack
from evalkit.errors import Problem
from evalkit.location import LocatedDocument
from evalkit.metric import MetricDefinition

if TYPE_CHECKING:
    from evalkit.ahp import AhpResult
    from evalkit.scoring.methods import ScoringMethod
    from evalkit.spec.applicable import NotApplicable

Localized = Mapping[str, str]
DEFAULT_GRADES: tuple[tuple[str, float], ...] = (("A", 85.0), ("B", 70.0), ("C", 60.0), ("D", 0.0))


@dataclass(frozen=True)
class Evaluation:
    """The ``evaluation:`` section."""

    title: Localized
    client: Localized
    period: str | None
    go_live: date | None
    compare: tuple[str, ...]
    locale: str
    fiscal_year_start: int = 1
    baseline_mode: str = "window"
    trend_periods: int = 4
    population: Mapping[str, str] = field(default_factory=dict)
    """``industry``, ``market``, ``size``, ``region`` as set, and ``year`` (of the period):
    the peers a benchmark compares the client with, and what ``benchmarks build`` groups by."""


@dataclass(frozen=True)
class Target:
    """A metric's target: goal and red flag (linear scoring) or bands (step scores)."""

    goal: float | None = None
    red_flag: float | None = None
    bands: tuple[Mapping[str, float], ...] = ()
    tolerance: float = 0.0
    """For direction ``target``: values within goal ± tolerance score 100."""
    by_segment: Mapping[str, Target] = field(default_factory=dict)
    """Segment value → the target of that segment's breakdown."""
    by_period: Mapping[str, Target] = field(default_factory=dict)
    """Window key → the target in that period."""
    relative: Mapping[str, str] = field(default_factory=dict)
    """``goal``/``red_flag`` → the benchmark quantile (``p75``) it was resolved from."""

    def resolve(self, period: str | None = None, segment: str | None = None) -> Target:
        """The target that applies in ``period`` to ``segment`` (the segment's wins)."""
        if segment is not None and segment in self.by_segment:
            return self.by_segment[segment]
        if period is not None and period in self.by_period:
            return self.by_period[period]
        return self

    def to_json(self) -> dict[str, Any]:
        """The target as it appears in result.json."""
        if self.bands:
            return {"bands": [dict(b) for b in self.bands]}
        body: dict[str, Any] = {"goal": self.goal, "red_flag": self.red_flag}
        if self.tolerance:
            body["tolerance"] = self.tolerance
        if self.relative:
            body["relative"] = dict(self.relative)
        for key, targets in (("by_segment", self.by_segment), ("by_period", self.by_period)):
            if targets:
                body[key] = {k: t.to_json() for k, t in targets.items()}
        return body


@dataclass(frozen=True)
class MetricInstance:
    """One metric of the spec: a plugin metric with parameters, unit and target."""

    id: str
    definition: MetricDefinition
    params: Mapping[str, Any]
    unit: str
    target: Target | None
    title: Localized
    criterion: str
    scoring: str = ""
    """The scoring method's name; empty: the spec's ``scoring.method``."""
    entered: Mapping[str, float] | None = None
    """Manual KPI: values by window key, in ``unit``, given in the spec instead of computed."""
    source: str = ""
    """Who provided the entered values (a board decision, a survey by others, …)."""
    benchmark: Benchmark | None = None
    """The peers the metric is compared with (``benchmarks:``), in its display unit."""

    @property
    def is_scored(self) -> bool:
        """Whether the instance is scored at all (a target and a direction); report-only if
        not: it takes no weight and needs no AHP judgment."""
        target = self.target
        if target is None or self.definition.direction == "none":
            return False
        return bool(target.bands) or (target.goal is not None and target.red_flag is not None)


@dataclass(frozen=True)
class Criterion:
    """A node of the criteria tree; its children are criteria or metric instances."""

    id: str
    title: Localized
    parent: str | None
    children: tuple[str, ...]
    leaf: bool
    """True when the children are metric instances."""


@dataclass(frozen=True)
class Scoring:
    """The ``scoring:`` section."""

    method: str = "linear"
    grades: tuple[tuple[str, float], ...] = DEFAULT_GRADES
    missing: str = "renormalize"
    min_coverage: float = 0.5
    percentile_intervals: bool = True
    """Compute percentiles' order-statistic intervals (one more query per table)."""
    """Below this share of weight with data a score is "insufficient data", not a number."""
    ahp_inconsistency: str = "error"
    bonus_cap: float | None = None
    penalty_cap: float | None = None

    def grade_for(self, score: float) -> str:
        """The grade of an overall score."""
        for grade, minimum in self.grades:
            if score >= minimum - 1e-9:
                return grade
        return self.grades[-1][0]


@dataclass(frozen=True)
class Advice:
    """The default action for a metric that is red or among the weakest (``advice:``)."""

    text: Localized
    priority: str = "high"
    owner: Localized = field(default_factory=dict)
    effect: Localized = field(default_factory=dict)


@dataclass(frozen=True)
class Report:
    """The ``report:`` section."""

    formats: tuple[str, ...] = ("json",)
    locale: str | None = None
    sections: tuple[str, ...] | None = None
    templates: str | None = None
    branding: Mapping[str, str] = field(default_factory=dict)
    prepared_by: Localized | None = None
    """Who prepared the report (the PDF's author); else ``branding.company``."""
    version: str | None = None
    """The report's own version ("1.0", "2.1 draft"), not the spec format's."""
    approved_by: Localized | None = None
    """Who approved (signed off) the report."""
    values: Mapping[str, Mapping[str, Localized]] = field(default_factory=dict)
    """Display names of data values: column → value as in the data → title (``labour`` →
    人工 / Labour)."""


@dataclass(frozen=True)
class Spec:
    """A resolved, validated spec."""

    path: Path
    doc: LocatedDocument
    files: tuple[Path, ...]
    sha256: str
    evaluation: Evaluation
    criteria: Mapping[str, Criterion]
    """Every criterion by id, the synthetic ``root`` first."""
    metrics: Mapping[str, MetricInstance]
    weights: Mapping[str, AhpResult]
    """Local weights of each node's children (equal weights where no block was given)."""
    scoring: Scoring
    report: Report
    data: Any
    segments: tuple[str, ...]
    rules: tuple[Any, ...]
    scoring_methods: Mapping[str, ScoringMethod] = field(default_factory=dict)
    warnings: tuple[Problem, ...] = ()
    advice: Mapping[str, Advice] = field(default_factory=dict)
    """Metric or instance id → the default action when it is red or among the weakest."""
    not_applicable: tuple[NotApplicable, ...] = ()
    """Metrics left out because the data lacks what they read (``spec.applicable``)."""
    resolved: Mapping[str, Any] = field(default_factory=dict)
    """The spec as resolved (presets merged) before ``${VAR}`` substitution, passwords masked:
    what ``provenance.spec_resolved`` stores for ``evalkit diff``."""
    benchmark_packs: tuple[Pack, ...] = ()
    """The benchmark packs ``benchmarks:`` names, in order."""

    def method_for(self, instance: MetricInstance) -> ScoringMethod | None:
        """The scoring method of a metric instance (None: the built-in linear method)."""
        return self.scoring_methods.get(instance.scoring or self.scoring.method)

    @property
    def base_dir(self) -> Path:
        """The folder of the spec file; relative paths in the spec are relative to it."""
        return self.path.parent
