"""Assemble the Result from the spec, the computed values, the scores and the rules outcome."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from evalkit import __version__
from evalkit.compute.outcome import ComputeOutcome
from evalkit.result.changes import value_change
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
from evalkit.scoring.ranking import Ranking
from evalkit.scoring.sensitivity import weight_ranges
from evalkit.spec.criteria import ROOT
from evalkit.spec.model import MetricInstance, Spec
from evalkit.stats import ALPHA, Estimate, estimate, p_value, significant


def assemble_result(
    spec: Spec,
    scored: ScoredEvaluation,
    outcome: ComputeOutcome,
    rules: Mapping[str, RulesOutcome],
    findings: Sequence[Finding],
    ranking: Ranking,
    plugins: Mapping[str, str],
    actions: Sequence[Mapping[str, Any]] = (),
) -> Result:
    """The Result of a run; ``rules`` holds the rules' outcome in every window (the current
    one's fired rules and gates are the run's), ``findings`` the rules' and automatic ones."""
    windows = scored.windows
    cur, prev = windows.current.key, windows.previous.key
    base = windows.baseline.key if windows.baseline else None
    current = rules[cur]
    titles = {rule.id: dict(rule.title) for rule in spec.rules}
    overall = {key: _overall_at(spec, scored, outcome, key) for key, outcome in rules.items()}
    return Result(
        evalkit_version=__version__,
        evaluation={
            "title": dict(spec.evaluation.title),
            "client": dict(spec.evaluation.client),
            "period": cur,
            "go_live": spec.evaluation.go_live.isoformat() if spec.evaluation.go_live else None,
            "locale": spec.report.locale or spec.evaluation.locale,
            **{k: v for k, v in spec.evaluation.population.items() if k != "year"},
            "periods": {
                "current": cur,
                "previous": prev,
                "baseline": windows.baseline.label if windows.baseline else None,
                "trend": [p.key for p in windows.trend],
            },
        },
        overall=OverallResult(
            score=current.score,
            grade=current.grade,
            score_before_rules=current.score_before_rules,
            grade_before_rules=current.grade_before_rules,
            previous=overall[prev],
            baseline=overall[base] if base else None,
            trend=tuple(overall[p.key] for p in windows.trend),
            coverage=scored.rollups[cur].coverage.get(ROOT),
            bonus=current.bonus,
            penalty=current.penalty,
            grade_capped=_capped(spec, current),
            change={
                "previous": _points(current.score, overall[prev]["score"]),
                "baseline": _points(current.score, overall[base]["score"]) if base else None,
            },
        ),
        criteria=tuple(_criteria(spec, scored)),
        metrics=tuple(_metric(spec, scored, m, cur, prev, base) for m in scored.metrics.values()),
        ahp={node: r.to_json() for node, r in spec.weights.items()},
        rules=tuple({**r.to_json(), "title": titles.get(r.id) or None} for r in current.records),
        findings=tuple(f.to_json() for f in findings),
        highlights=ranking.to_json(),
        actions=tuple(dict(a) for a in actions),
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
            "prepared_by": _plain(spec.report.prepared_by),
            "version": spec.report.version,
            "approved_by": _plain(spec.report.approved_by),
            "values": {column: dict(names) for column, names in spec.report.values.items()},
        },
        provenance=Provenance(
            spec_sha256=spec.sha256,
            spec_files=tuple(_relative(spec, f) for f in spec.files),
            plugins=dict(plugins),
            data=tuple(
                {
                    "table": d.table,
                    "source": _shown_source(spec, d.table, d.source),
                    "sha256": d.sha256,
                    "rows": d.rows,
                    **({"engine": d.engine} if d.engine else {}),
                }
                for d in outcome.data
            ),
            generated_at=datetime.now(UTC).isoformat(timespec="seconds"),
            entered=tuple(
                {"metric": i.id, **_entered(i)} for i in spec.metrics.values() if i.entered
            ),
            spec_resolved=spec.resolved,
        ),
        sensitivity=tuple(
            asdict(r)
            for r in weight_ranges(
                scored.local_weights[ROOT],
                scored.rollups[cur].scores,
                [minimum for _, minimum in spec.scoring.grades],
            )
        ),
        warnings=tuple(w.located() for w in spec.warnings),  # the summary labels them
        gate_failed=bool(current.gate_failed),
        not_applicable=tuple(n.to_json() for n in spec.not_applicable),
        benchmarks=tuple(p.describe() for p in spec.benchmark_packs),
        scoring={
            "method": spec.scoring.method,
            "grades": dict(spec.scoring.grades),
            "missing": spec.scoring.missing,
            "min_coverage": spec.scoring.min_coverage,
            "significance_level": ALPHA,
            "percentiles": _percentiles(spec),
        },
    )


def _percentiles(spec: Spec) -> dict[str, Any]:
    """How percentiles were computed: exactly (linear interpolation), or estimated by Spark's
    ``approx_percentile`` with its accuracy (``data.engine.spark.approximate``)."""
    accuracy = spec.data.spark.accuracy_used if spec.data.spark else None
    if accuracy is None:
        return {"method": "exact"}
    return {"method": "approx_percentile", "accuracy": accuracy}


def _points(current: float | None, reference: float | None) -> float | None:
    return None if current is None or reference is None else current - reference


def _entered(instance: MetricInstance) -> dict[str, Any]:
    return {"source": instance.source, "periods": sorted(instance.entered or {})}


def _overall_at(
    spec: Spec, scored: ScoredEvaluation, rules: RulesOutcome, key: str
) -> dict[str, Any]:
    """One period's overall score after rules, with the figures behind it."""
    coverage = scored.rollups[key].coverage.get(ROOT)
    status = "ok" if rules.score is not None else "insufficient_data" if coverage else "no_data"
    return {
        "period": key,
        "score": rules.score,
        "grade": rules.grade,
        "score_before_rules": rules.score_before_rules,
        "grade_before_rules": rules.grade_before_rules,
        "bonus": rules.bonus,
        "penalty": rules.penalty,
        "coverage": coverage,
        "status": status,
        "grade_capped": _capped(spec, rules),
    }


def _capped(spec: Spec, rules: RulesOutcome) -> bool:
    """Whether a rule's ``cap_grade`` lowered the grade below what the score gives."""
    return rules.score is not None and rules.grade != spec.scoring.grade_for(rules.score)


def _criteria(spec: Spec, scored: ScoredEvaluation) -> list[CriterionResult]:
    windows = scored.windows
    current = scored.rollups[windows.current.key]
    previous = scored.rollups[windows.previous.key]
    baseline = scored.rollups[windows.baseline.key] if windows.baseline else None
    used = scored.rollups[windows.current.key].used_global
    return [
        CriterionResult(
            id=c.id,
            title=dict(c.title),
            parent=c.parent,
            local_weight=current.used.get(c.parent, {}).get(c.id) if c.parent else 1.0,
            global_weight=used.get(c.id),
            score=current.scores[c.id],
            children=c.children,
            previous_score=previous.scores[c.id],
            baseline_score=baseline.scores[c.id] if baseline else None,
            configured_weight=scored.local_weights[c.parent].get(c.id) if c.parent else 1.0,
            coverage=current.coverage.get(c.id),
            previous_coverage=previous.coverage.get(c.id),
            baseline_coverage=baseline.coverage.get(c.id) if baseline else None,
        )
        for c in spec.criteria.values()
    ]


def _window(m: ScoredMetric, key: str | None) -> WindowScore:
    if key is None:
        return WindowScore(None, None)
    found = _estimate(m, key)
    return WindowScore(
        m.values.get(key),
        m.scored[key].score if key in m.scored else None,
        found.n if found else None,
        found.interval if found else None,
    )


def _estimate(m: ScoredMetric, key: str | None) -> Estimate | None:
    sample = m.samples.get(key) if key else None
    return estimate(sample, m.scale) if sample is not None else None


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
    used = scored.rollups[cur].used
    now = _estimate(m, cur)
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
        local_weight=used.get(parent, {}).get(inst.id) if parent else None,
        global_weight=scored.rollups[cur].used_global.get(inst.id),
        configured_weight=scored.local_weights[parent].get(inst.id) if parent else None,
        error=m.error,
        previous=_window(m, prev),
        baseline=_window(m, base),
        change={
            "previous": _change(m, cur, prev),
            "baseline": _change(m, cur, base) if base else None,
        },
        n=now.n if now else None,
        interval=now.interval if now else None,
        interval_method=now.method if now else None,
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
            "by_segment": definition.by_segment,
        },
        entered=_entered(inst) if inst.entered is not None else None,
        benchmark=inst.benchmark.to_json(value) if inst.benchmark else None,
    )


def _change(m: ScoredMetric, key: str, reference: str) -> dict[str, Any] | None:
    change = value_change(m.values.get(key), m.values.get(reference), m.instance.unit)
    if change is None:
        return None
    now, then = m.samples.get(key), m.samples.get(reference)
    return {
        "value": change.value,
        "kind": change.kind,
        "significant": significant(now, then),
        "p_value": p_value(now, then) if now is not None and then is not None else None,
    }


def _shown_source(spec: Spec, table: str, shown: str) -> str:
    """A data file relative to the spec's folder (a report never shows the author's disk
    layout); a database source as already shown, without its password."""
    source = spec.data.sources.get(table)
    if source is None or source.path is None:
        return shown
    path = Path(os.path.relpath(source.path, spec.base_dir)).as_posix()
    return f"{path} sheet '{source.sheet}'" if source.sheet else path


def _plain(texts: Mapping[str, str] | None) -> dict[str, str] | None:
    return dict(texts) if texts is not None else None


def _relative(spec: Spec, path: Any) -> str:
    try:
        return str(path.relative_to(spec.base_dir))
    except ValueError:
        return str(path.name)
