"""The scored evaluation as the rules language sees it (``evalkit.rules.EvaluationView``)."""

from __future__ import annotations

from collections.abc import Mapping

from evalkit.benchmarks.position import position
from evalkit.scoring.evaluate import ScoredEvaluation
from evalkit.spec.criteria import ROOT
from evalkit.spec.model import Scoring


class ScoredView:
    """Read-only answers to rule functions, before any rule applies.

    ``window`` is the period the rules are applied to (default: the evaluated one); rules are
    applied to every compared period the same way, and there "previous" is the period before
    that window (when it was computed) and "baseline" the pre-go-live window (none for the
    baseline itself).
    """

    def __init__(self, scored: ScoredEvaluation, scoring: Scoring, window: str = "") -> None:
        self._s = scored
        self._scoring = scoring
        w = scored.windows
        current = window or w.current.key
        start = next(p.start for p in w.all() if p.key == current)
        baseline = w.baseline.key if w.baseline and w.baseline.key != current else ""
        self._keys = {
            "current": current,
            "previous": next(
                (p.key for p in w.all() if p.end == start and p.key != "baseline"), ""
            ),
            "baseline": baseline,
        }

    def metric_value(self, metric: str, window: str = "current") -> float | None:
        """The value of ``metric`` in the current, previous or baseline window (None for a
        metric left out as not applicable)."""
        if metric not in self._s.metrics:
            return None
        return self._s.metrics[metric].values.get(self._keys.get(window, window))

    def metric_score(self, metric: str) -> float | None:
        """The current score of ``metric``."""
        if metric not in self._s.metrics:
            return None
        return self._s.metric_score(metric, self._keys["current"])

    def metric_status(self, metric: str) -> str:
        """The current status of ``metric`` (green, amber, red, no_data, error,
        not_applicable)."""
        if metric not in self._s.metrics:
            return "not_applicable"
        return self._s.metrics[metric].scored[self._keys["current"]].status

    def metric_target(self, metric: str, field: str = "goal") -> float | None:
        """The ``goal``, ``red_flag`` or ``tolerance`` of ``metric``'s target."""
        if metric not in self._s.metrics:
            return None
        target = self._s.metrics[metric].instance.target
        if target is None or target.bands:
            return None
        return {"goal": target.goal, "red_flag": target.red_flag}.get(field, target.tolerance)

    def metric_percentile(self, metric: str) -> float | None:
        """The current value's percentile among the metric's benchmark peers."""
        benchmark = (
            self._s.metrics[metric].instance.benchmark if metric in self._s.metrics else None
        )
        value = self.metric_value(metric)
        if benchmark is None or value is None:
            return None
        return position(benchmark.quantiles, value).percentile

    def segment_value(self, metric: str, segment_value: str) -> float | None:
        """The current value of ``metric`` in the segment named ``segment_value``."""
        if metric not in self._s.metrics:
            return None
        for groups in self._s.metrics[metric].segments.values():
            if segment_value in groups:
                return groups[segment_value].get(self._keys["current"])
        return None

    def criterion_score(self, criterion: str) -> float | None:
        """The current score of a criterion."""
        return self._s.rollups[self._keys["current"]].scores.get(criterion)

    def overall_score(self) -> float | None:
        """The overall score before rules (None: no data, or too little of it)."""
        return self._s.rollups[self._keys["current"]].scores.get(ROOT)

    def grade(self) -> str | None:
        """The grade before rules (None without an overall score)."""
        score = self.overall_score()
        return None if score is None else self._scoring.grade_for(score)

    def statuses(self) -> Mapping[str, str]:
        """The current status of every metric."""
        return {m: self.metric_status(m) for m in self._s.metrics}
