"""Score every metric instance in every window and roll the scores up the criteria tree."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from evalkit.compute.outcome import ComputeOutcome, WindowValues
from evalkit.data.periods import Windows
from evalkit.samples import Sample
from evalkit.scoring.ranking import Ranked, Ranking, beyond_goal, rank
from evalkit.scoring.rollup import RollUp, global_weights, roll_up
from evalkit.scoring.targets import ERROR, Scored, score_value
from evalkit.spec.instances import DURATION_UNITS
from evalkit.spec.model import MetricInstance, Spec


@dataclass(frozen=True)
class ScoredMetric:
    """One metric instance: values in its display unit and their scores, by window key."""

    instance: MetricInstance
    values: Mapping[str, float | None]
    scored: Mapping[str, Scored]
    segments: Mapping[str, Mapping[str, Mapping[str, float | None]]]
    error: str | None
    samples: Mapping[str, Sample] = field(default_factory=dict)
    """Window key → the sample behind the value, in the computed unit."""

    @property
    def scale(self) -> float:
        """Computed unit per display unit (minutes per hour for a metric shown in hours)."""
        return DURATION_UNITS.get(self.instance.unit, 1.0)


@dataclass(frozen=True)
class ScoredEvaluation:
    """All scores of a run before rules."""

    windows: Windows
    metrics: Mapping[str, ScoredMetric]
    local_weights: Mapping[str, Mapping[str, float]]
    """The weights the spec gives each node's children (AHP or equal)."""
    global_weights: Mapping[str, float]
    rollups: Mapping[str, RollUp]
    """Window key → scores, coverage and used weights of the criteria (before rules)."""

    def metric_score(self, instance: str, window: str) -> float | None:
        """The score of ``instance`` in window ``window``."""
        scored = self.metrics[instance].scored.get(window)
        return scored.score if scored else None


def display_value(value: float | None, instance: MetricInstance) -> float | None:
    """A computed value in the unit the instance declares (durations: minutes → hours/days)."""
    if value is None:
        return None
    return value / DURATION_UNITS.get(instance.unit, 1.0)


def score_evaluation(spec: Spec, outcome: ComputeOutcome, windows: Windows) -> ScoredEvaluation:
    """Scores of every metric and criterion in every window."""
    keys = [w.key for w in windows.all()]
    metrics = {
        iid: _score_metric(spec, instance, outcome, keys) for iid, instance in spec.metrics.items()
    }
    local = {node: dict(result.weights) for node, result in spec.weights.items()}
    rollups = {
        key: roll_up(
            spec.criteria,
            local,
            {iid: m.scored[key].score for iid, m in metrics.items() if m.instance.is_scored},
            spec.scoring.missing if key == windows.current.key else "renormalize",
            spec.scoring.min_coverage,
        )
        for key in keys
    }
    return ScoredEvaluation(windows, metrics, local, global_weights(local), rollups)


def score_instance(
    spec: Spec,
    instance: MetricInstance,
    value: float | None,
    *,
    period: str | None = None,
    segment: str | None = None,
) -> Scored:
    """The score of ``value`` for ``instance`` with its target (the one of ``period`` and
    ``segment`` where the target has one) and scoring method."""
    method = spec.method_for(instance)
    return score_value(
        value,
        instance.target.resolve(period, segment) if instance.target else None,
        instance.definition.direction,
        method.score if method else None,
    )


def _score_metric(
    spec: Spec, instance: MetricInstance, outcome: ComputeOutcome, keys: list[str]
) -> ScoredMetric:
    computed = outcome.metrics.get(instance.id)
    error = computed.error if computed else f"metric '{instance.id}' was not computed"
    raw: WindowValues = computed.values if computed and not computed.error else {}
    values = {key: display_value(raw.get(key), instance) for key in keys}
    scored = {
        key: (
            Scored(None, ERROR)
            if error
            else score_instance(spec, instance, values[key], period=key)
        )
        for key in keys
    }
    segments = {
        column: {
            name: {k: display_value(v, instance) for k, v in by_window.items()}
            for name, by_window in groups.items()
        }
        for column, groups in (computed.segments if computed and not error else {}).items()
        if instance.definition.by_segment
    }
    samples = computed.samples if computed and not error else {}
    return ScoredMetric(instance, values, scored, segments, error, samples)


def rank_evaluation(scored: ScoredEvaluation) -> Ranking:
    """The ranking of the current period's scored metrics, by their used global weights."""
    key = scored.windows.current.key
    weights = scored.rollups[key].used_global
    entries = []
    for iid, metric in scored.metrics.items():
        score = metric.scored[key].score
        if score is None:
            continue
        target = metric.instance.target
        distance = beyond_goal(
            metric.values.get(key),
            target.goal if target else None,
            target.red_flag if target else None,
            metric.instance.definition.direction,
        )
        entries.append(Ranked(iid, score, weights.get(iid, 0.0), distance))
    return rank(entries)
