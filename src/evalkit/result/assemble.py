"""Assemble the Result from the spec, the computed values, the scores and the rules outcome."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict
from datetime import UTC, datetime
from typing import Any

from evalkit import __version__
from evalkit.compute.outcome import ComputeOutcome
from evalkit.result.model import (
    CriterionResult,
    MetricResult,
    OverallResult,
    Provenance,
    Result,
    TrendPoint,
    WindowScore,
)
from evalkit.rules import Finding, RulesOutcome
from evalkit.scoring.evaluate import ScoredEvaluation, ScoredMetric, score_instance
from evalkit.scoring.sensitivity import weight_ranges
from evalkit.spec.criteria import ROOT
from evalkit.spec.model import MetricInstance, Spec


def relative_change(current: float | None, reference: float | None) -> float | None:
    """(current − reference) ÷ |reference|; None when either is missing or reference is 0."""
    if current is None or reference is None or reference == 0:
        return None
    return (current - reference) / abs(reference)


def assemble_result(
    spec: Spec,
    scored: ScoredEvaluation,
    outcome: ComputeOutcome,
    rules: RulesOutcome,
    findings: Sequence[Finding],
    plugins: Mapping[str, str],
) -> Result:
    """The Result of a run, after rules; ``findings`` are the rules' and the automatic ones."""
    windows = scored.windows
    cur, prev = windows.current.key, windows.previous.key
    base = windows.baseline.key if windows.baseline else None
    return Result(
        evalkit_version=__version__,
        evaluation={
            "title": dict(spec.evaluation.title),
            "client": spec.evaluation.client,
            "period": cur,
            "go_live": spec.evaluation.go_live.isoformat() if spec.evaluation.go_live else None,
            "locale": spec.report.locale or spec.evaluation.locale,
            "periods": {
                "current": cur,
                "previous": prev,
                "baseline": windows.baseline.label if windows.baseline else None,
                "trend": [p.key for p in windows.trend],
            },
        },
        overall=OverallResult(
            score=rules.score,
            grade=rules.grade,
            score_before_rules=rules.score_before_rules,
            grade_before_rules=rules.grade_before_rules,
            previous=_overall_at(spec, scored, prev),
            baseline=_overall_at(spec, scored, base) if base else None,
            trend=tuple(
                {"period": p.key, "score": scored.criteria_scores[p.key][ROOT]}
                for p in windows.trend
            ),
        ),
        criteria=tuple(_criteria(spec, scored)),
        metrics=tuple(_metric(spec, scored, m, cur, prev, base) for m in scored.metrics.values()),
        ahp={node: r.to_json() for node, r in spec.weights.items()},
        rules=tuple(r.to_json() for r in rules.records),
        findings=tuple(f.to_json() for f in findings),
        data_quality=tuple(
            {
                "table": e.table,
                "metric": e.metric,
                "reason": e.reason,
                "rows": e.rows,
                "column": e.column,
            }
            for e in outcome.ledger
        ),
        analyses=dict(outcome.analyses),
        report={
            "locale": spec.report.locale or spec.evaluation.locale,
            "formats": list(spec.report.formats),
            "sections": list(spec.report.sections) if spec.report.sections else None,
            "templates": spec.report.templates,
            "branding": dict(spec.report.branding),
        },
        provenance=Provenance(
            spec_sha256=spec.sha256,
            spec_files=tuple(_relative(spec, f) for f in spec.files),
            plugins=dict(plugins),
            data=tuple(
                {"table": d.table, "source": d.source, "sha256": d.sha256, "rows": d.rows}
                for d in outcome.data
            ),
            generated_at=datetime.now(UTC).isoformat(timespec="seconds"),
            entered=tuple(
                {"metric": i.id, **_entered(i)} for i in spec.metrics.values() if i.entered
            ),
        ),
        sensitivity=tuple(
            asdict(r)
            for r in weight_ranges(
                scored.local_weights[ROOT],
                scored.criteria_scores[cur],
                [minimum for _, minimum in spec.scoring.grades],
            )
        ),
        warnings=tuple(str(w) for w in spec.warnings),
        gate_failed=bool(rules.gate_failed),
        not_applicable=tuple(n.to_json() for n in spec.not_applicable),
    )


def _entered(instance: MetricInstance) -> dict[str, Any]:
    return {"source": instance.source, "periods": sorted(instance.entered or {})}


def _grade(spec: Spec, score: float | None) -> str | None:
    return spec.scoring.grade_for(score) if score is not None else None


def _overall_at(spec: Spec, scored: ScoredEvaluation, key: str) -> dict[str, Any] | None:
    score = scored.criteria_scores[key][ROOT]
    return {"score": score, "grade": _grade(spec, score)} if score is not None else None


def _criteria(spec: Spec, scored: ScoredEvaluation) -> list[CriterionResult]:
    windows = scored.windows
    current = scored.criteria_scores[windows.current.key]
    previous = scored.criteria_scores[windows.previous.key]
    baseline = scored.criteria_scores[windows.baseline.key] if windows.baseline else {}
    return [
        CriterionResult(
            id=c.id,
            title=dict(c.title),
            parent=c.parent,
            local_weight=scored.local_weights[c.parent][c.id] if c.parent else 1.0,
            global_weight=scored.global_weights[c.id],
            score=current[c.id],
            children=c.children,
            previous_score=previous[c.id],
            baseline_score=baseline.get(c.id),
        )
        for c in spec.criteria.values()
    ]


def _window(m: ScoredMetric, key: str | None) -> WindowScore:
    if key is None:
        return WindowScore(None, None)
    return WindowScore(m.values.get(key), m.scored[key].score if key in m.scored else None)


def _metric(
    spec: Spec,
    scored: ScoredEvaluation,
    m: ScoredMetric,
    cur: str,
    prev: str,
    base: str | None,
) -> MetricResult:
    inst = m.instance
    definition = inst.definition
    parent = inst.criterion or None
    value = m.values.get(cur)
    return MetricResult(
        id=inst.id,
        metric=definition.id,
        title=dict(inst.title),
        criterion=parent,
        unit=inst.unit,
        direction=definition.direction,
        value=value,
        target=inst.target.to_json() if inst.target else None,
        score=m.scored[cur].score,
        status=m.scored[cur].status,
        local_weight=scored.local_weights[parent][inst.id] if parent else None,
        global_weight=scored.global_weights.get(inst.id) if parent else None,
        error=m.error,
        previous=_window(m, prev),
        baseline=_window(m, base),
        change={
            "previous": relative_change(value, m.values.get(prev)),
            "baseline": relative_change(value, m.values.get(base)) if base else None,
        },
        trend=tuple(
            TrendPoint(p.key, m.values.get(p.key), m.scored[p.key].score)
            for p in scored.windows.trend
        ),
        breakdown={
            column: {
                name: WindowScore(
                    by_window.get(cur),
                    score_instance(spec, inst, by_window.get(cur), period=cur, segment=name).score,
                )
                for name, by_window in groups.items()
            }
            for column, groups in m.segments.items()
        },
        definition={
            "description": definition.description,
            "formula": definition.formula,
            "tables": list(definition.tables),
            "columns": {t: list(c) for t, c in definition.columns.items()},
            "params": dict(inst.params),
            "translations": {lang: dict(texts) for lang, texts in definition.translations.items()},
        },
        entered=_entered(inst) if inst.entered is not None else None,
    )


def _relative(spec: Spec, path: Any) -> str:
    try:
        return str(path.relative_to(spec.base_dir))
    except ValueError:
        return str(path.name)
