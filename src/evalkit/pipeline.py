"""The stages of a run, in order, and nothing else."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from evalkit.benchmarks.catalog import pack_files
from evalkit.compute import compute_metrics
from evalkit.compute.entered import with_entered
from evalkit.compute.headers import read_headers
from evalkit.compute.outcome import ComputeOutcome, ComputeRequest, MetricRequest
from evalkit.data.periods import Windows, build_windows, parse_period
from evalkit.diff.previous import changes_against, previous_in_history
from evalkit.errors import InputError, SpecError
from evalkit.history.store import archive
from evalkit.plugin.manager import Plugins, load_plugins
from evalkit.registry import build_registry
from evalkit.result.assemble import assemble_result
from evalkit.result.model import Result
from evalkit.result.store import dumps_result, make_out_dir, read_result, unwritable
from evalkit.rules import apply_rules, automatic_findings
from evalkit.rules.actions import action_plan
from evalkit.scoring.evaluate import rank_evaluation, score_evaluation
from evalkit.scoring.methods import method_catalog
from evalkit.scoring.view import ScoredView
from evalkit.spec.load import SpecContext, load_spec
from evalkit.spec.model import Spec
from evalkit.spec.presets import preset_catalog
from evalkit.stats import significant

Compute = Callable[[ComputeRequest], ComputeOutcome]


@dataclass(frozen=True)
class Session:
    """Loaded plugins and what validation needs from them."""

    plugins: Plugins
    context: SpecContext


def open_session(plugins_dir: Path | None = None) -> Session:
    """Load plugins and build the metric registry and preset catalog."""
    plugins = load_plugins(plugins_dir)
    context = SpecContext(
        registry=build_registry(plugins.collect("register_metrics")),
        presets=preset_catalog(plugins.collect("register_presets")),
        rule_functions=[f for _, f in plugins.collect("register_rule_functions")],
        scoring_methods=method_catalog(plugins.collect("register_scoring_methods")),
        benchmark_packs=pack_files(plugins.collect("register_benchmark_packs")),
    )
    return Session(plugins, context)


def windows_for(spec: Spec, period: str | None) -> Windows:
    """The windows of the evaluated period (``--period`` wins over ``evaluation.period``)."""
    chosen = period or spec.evaluation.period
    if not chosen:
        raise SpecError(
            "no period to evaluate: set evaluation.period (e.g. 2026Q3) or pass --period",
            spec.doc.where(("evaluation",)),
        )
    ev = spec.evaluation
    try:
        current = parse_period(chosen, ev.fiscal_year_start)
    except ValueError as exc:
        if period:
            raise InputError(f"--period: {exc}") from None
        raise SpecError(str(exc), spec.doc.where(("evaluation", "period"))) from None
    return build_windows(
        current,
        ev.go_live,
        baseline_mode=ev.baseline_mode,
        trend_periods=ev.trend_periods,
        fiscal_year_start=ev.fiscal_year_start,
    )


def evaluate(
    spec: Spec, session: Session, period: str | None, compute: Compute = compute_metrics
) -> Result:
    """Compute, score, apply rules and assemble the Result of one period."""
    windows = windows_for(spec, period)
    request = ComputeRequest(
        metrics=tuple(
            MetricRequest(i.id, i.definition, i.params)
            for i in spec.metrics.values()
            if i.entered is None
        ),
        data=spec.data,
        windows=windows,
        segments=spec.segments,
        base_dir=spec.base_dir,
        percentile_intervals=spec.scoring.percentile_intervals,
    )
    outcome = with_entered(compute(request), spec.metrics.values(), windows)
    scored = score_evaluation(spec, outcome, windows)
    rules = {
        w.key: apply_rules(
            spec.rules,
            ScoredView(scored, spec.scoring, w.key),
            bonus_cap=spec.scoring.bonus_cap,
            penalty_cap=spec.scoring.penalty_cap,
            grade_for=spec.scoring.grade_for,
            grade_order=tuple(g for g, _ in spec.scoring.grades),
        )
        for w in windows.all()
    }
    ranking = rank_evaluation(scored)
    cur, prev = windows.current.key, windows.previous.key
    automatic = automatic_findings(
        ranking,
        {iid: m.title for iid, m in spec.metrics.items()},
        ScoredView(scored, spec.scoring).statuses(),
        {iid: m.scored[prev].status for iid, m in scored.metrics.items()},
        frozenset(
            iid
            for iid, m in scored.metrics.items()
            if significant(m.samples.get(cur), m.samples.get(prev)) is False
        ),
    )
    current = rules[windows.current.key]
    findings = (*current.findings, *automatic)
    actions = action_plan(
        current.findings,
        ranking,
        [iid for iid, m in scored.metrics.items() if m.scored[cur].status == "red"],
        spec.metrics,
        spec.advice,
        scored.rollups[cur].used_global,
    )
    versions = {p.name: p.version for p in session.plugins.describe()}
    return assemble_result(spec, scored, outcome, rules, findings, ranking, versions, actions)


def write_outputs(
    result: Result, spec: Spec, session: Session, out_dir: Path, formats: Sequence[str]
) -> list[Path]:
    """Write every requested format into ``out_dir`` all at once: nothing on failure."""
    staging = _staging_dir(out_dir)
    try:
        data = result.to_json()
        staged = [staging / "result.json"]
        staged[0].write_text(dumps_result(data), encoding="utf-8")
        rendered = [f for f in formats if f != "json"]
        if rendered:
            from evalkit.report import render_report

            staged += render_report(
                data,
                staging,
                rendered,
                templates_dir=spec.base_dir / spec.report.templates
                if spec.report.templates
                else None,
                sections=spec.report.sections,
                extra_sections=[s for _, s in session.plugins.collect("register_report_sections")],
                base_dir=spec.base_dir,
            )
        written = []
        for path in staged:
            target = out_dir / path.name
            os.replace(path, target)
            written.append(target)
        return written
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _staging_dir(out_dir: Path) -> Path:
    """A new hidden folder in ``out_dir`` (created if need be); ``InputError`` if it cannot be."""
    make_out_dir(out_dir)
    try:
        return Path(tempfile.mkdtemp(prefix=".evalkit-", dir=out_dir))
    except OSError as exc:
        raise unwritable(out_dir, exc) from None


def run(
    spec_path: Path,
    *,
    period: str | None,
    out_dir: Path | None,
    formats: Sequence[str] | None,
    plugins_dir: Path | None,
    history: Path | None = None,
    previous: Path | None = None,
) -> tuple[Result, list[Path]]:
    """``evalkit run``: the whole pipeline; every output is written, gate or not. The Result
    keeps its change against ``previous`` (a Result file) or, without it, against the last run
    of the period before in ``history``."""
    session = open_session(plugins_dir)
    spec = load_spec(spec_path, session.context, headers=read_headers)
    before: Mapping[str, Any] | None = read_result(previous) if previous else None
    result = evaluate(spec, session, period)
    before = before or previous_in_history(history, str(result.evaluation["period"]))
    if before is not None:
        result = replace(result, changes=changes_against(before, result.to_json()))
    target = out_dir or Path("evalkit-out") / result.evaluation["period"]
    written = write_outputs(result, spec, session, target, formats or spec.report.formats)
    if history is not None:
        written.append(archive(result.to_json(), history))
    return result, written
