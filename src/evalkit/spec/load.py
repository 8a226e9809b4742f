"""Load a spec: resolve presets, substitute the environment, validate everything in one pass."""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from evalkit.benchmarks.catalog import PackFile
from evalkit.compute.outcome import MetricRequest
from evalkit.data import DATA_SCHEMA, check_requirements, parse_data_section
from evalkit.errors import Problem, SpecError, did_you_mean
from evalkit.location import LocatedDocument
from evalkit.location import Path as LocPath
from evalkit.registry import MetricRegistry
from evalkit.rules import RULES_SCHEMA, parse_rules
from evalkit.scoring.methods import LINEAR, ScoringMethod
from evalkit.spec.applicable import assess
from evalkit.spec.baseline import baseline_warnings
from evalkit.spec.benchmarks import read_peers
from evalkit.spec.criteria import build_criteria
from evalkit.spec.envsubst import substitute_env
from evalkit.spec.extends import ResolvedDocument, resolve_extends
from evalkit.spec.instances import build_instances
from evalkit.spec.model import MetricInstance, Spec
from evalkit.spec.offline import offline_problems
from evalkit.spec.presets import Preset
from evalkit.spec.prune import prune_metrics
from evalkit.spec.schema import spec_schema
from evalkit.spec.schema_check import schema_problems
from evalkit.spec.sections import build_advice, build_evaluation, build_report, build_scoring
from evalkit.spec.stored import stored_spec
from evalkit.spec.weights import build_weights

if TYPE_CHECKING:
    from evalkit.compute.headers import Headers
    from evalkit.data.spec import DataSpec

HeaderReader = Callable[["DataSpec"], "Headers"]
"""Reads the headers of a spec's sources (``evalkit.compute.headers.read_headers``)."""


@dataclass(frozen=True)
class SpecContext:
    """What validation needs from the loaded plugins."""

    registry: MetricRegistry
    presets: Mapping[str, Preset]
    rule_functions: Sequence[Any] = ()
    scoring_methods: Mapping[str, ScoringMethod] = field(default_factory=lambda: {"linear": LINEAR})
    benchmark_packs: Sequence[PackFile] = ()
    """The installed benchmark pack files a spec may name by id."""

    def schema(self) -> dict[str, Any]:
        """The full JSON Schema of a spec with these plugins."""
        params = {m.id: m.params_schema for m in self.registry.metrics.values() if m.params_schema}
        return spec_schema(DATA_SCHEMA, RULES_SCHEMA, params)


def load_spec(
    path: Path,
    context: SpecContext,
    environ: Mapping[str, str] | None = None,
    headers: HeaderReader | None = None,
    *,
    inconsistent_weights: str | None = None,
) -> Spec:
    """The validated spec at ``path``; a ``SpecError`` lists every problem found.

    With ``headers``, the sources' headers are read too: a preset's metric whose columns are
    not there is left out (not applicable) and a column the spec's own metrics need is an error.
    ``inconsistent_weights`` (``warn``) overrides ``scoring.ahp_inconsistency``, for
    ``evalkit ahp`` to show an inconsistent node instead of stopping at it.
    """
    resolved = resolve_extends(path, context.presets)
    doc, problems = substitute_env(resolved.doc, os.environ if environ is None else environ)
    doc = LocatedDocument(doc.file, _plain(doc.data), doc.values, doc.keys)
    problems += schema_problems(doc, context.schema())
    shape_errors = [p for p in problems if p.severity == "error"]
    try:
        spec = _build(path, doc, resolved, context, problems, headers, inconsistent_weights)
    except (AttributeError, TypeError, KeyError, IndexError, ValueError):
        # A section of the wrong shape (a number where a mapping belongs) that the schema
        # has already reported: its builder cannot make sense of it, the report stands.
        if not shape_errors:
            raise
        raise SpecError.from_problems(sorted(shape_errors, key=_order)) from None
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise SpecError.from_problems(sorted(errors, key=_order))
    return spec


def _build(
    path: Path,
    written: LocatedDocument,
    resolved: ResolvedDocument,
    context: SpecContext,
    problems: list[Problem],
    look: HeaderReader | None,
    inconsistent_weights: str | None,
) -> Spec:
    data: Mapping[str, Any] = written.data
    evaluation = build_evaluation(data)
    scoring = build_scoring(data)
    data_spec, found = parse_data_section(written, ("data",), path.parent)
    problems += found
    headers = None
    if look is not None:  # sources with problems of their own are not opened
        seen = look(data_spec)
        problems += seen.problems
        headers = seen.found
    applicability = assess(
        written,
        context.registry,
        data_spec,
        headers,
        resolved.preset_metrics,
        strict=scoring.missing == "fail",
    )
    problems += applicability.problems
    left_out = applicability.not_applicable
    doc = prune_metrics(written, [n.metric for n in left_out])
    raw_metrics = _mapping(doc.data, "metrics")
    criteria, owner, found = build_criteria(doc, evaluation.title, [str(k) for k in raw_metrics])
    problems += found
    peers, found = read_peers(doc, evaluation, path.parent, context.benchmark_packs)
    problems += found
    instances, found = build_instances(doc, context.registry, owner, peers)
    problems += found
    scored = [i.id for i in instances.values() if i.is_scored]
    on_inconsistency = inconsistent_weights or scoring.ahp_inconsistency
    weights, found = build_weights(doc, criteria, on_inconsistency, scored)
    problems += found
    report = build_report(data)
    problems += offline_problems(doc, evaluation, report, data_spec, path.parent)
    requests = [
        MetricRequest(i.id, i.definition, i.params)
        for i in instances.values()
        if i.entered is None  # a manual KPI needs no data
    ]
    problems += check_requirements(data_spec, requests, doc, ("data",))
    rules = _rules(doc, [*instances, *(n.metric for n in left_out)], criteria, context, problems)
    problems += _unknown_methods(doc, scoring.method, instances, context.scoring_methods)
    problems += baseline_warnings(doc, evaluation, instances)
    return Spec(
        path=path,
        doc=doc,
        files=resolved.files,
        sha256=_sha256(data),
        evaluation=evaluation,
        criteria=criteria,
        metrics=instances,
        weights=weights,
        scoring=scoring,
        report=report,
        data=data_spec,
        segments=tuple(data_spec.segments),
        rules=rules,
        scoring_methods=dict(context.scoring_methods),
        warnings=tuple(p for p in problems if p.severity == "warning"),
        not_applicable=left_out,
        advice=build_advice(data),
        resolved=stored_spec(_plain(resolved.doc.data)),
        benchmark_packs=peers.packs,
    )


def _rules(
    doc: LocatedDocument,
    instances: Sequence[str],
    criteria: Mapping[str, Any],
    context: SpecContext,
    problems: list[Problem],
) -> tuple[Any, ...]:
    if not doc.data.get("rules"):
        return ()
    try:
        rules = parse_rules(
            doc,
            ("rules",),
            list(instances),
            list(criteria),
            context.rule_functions,
            grades=[g for g, _ in build_scoring(doc.data).grades],
            sources=_source_texts(doc),
        )
        return tuple(rules)
    except SpecError as exc:
        problems.extend(exc.problems)
        return ()


def _unknown_methods(
    doc: LocatedDocument,
    default: str,
    instances: Mapping[str, MetricInstance],
    methods: Mapping[str, ScoringMethod],
) -> list[Problem]:
    uses: list[tuple[LocPath, str]] = [(("scoring", "method"), default)]
    uses += [(("metrics", i.id, "scoring"), i.scoring) for i in instances.values() if i.scoring]
    return [
        Problem(
            f"unknown scoring method '{name}'{did_you_mean(name, methods)}; "
            f"available: {', '.join(methods)}",
            doc.where(path),
        )
        for path, name in uses
        if name not in methods
    ]


def _source_texts(doc: LocatedDocument) -> dict[str, str]:
    """The text of every file the spec came from, by the name its locations use."""
    texts = {}
    for name in {loc.file for loc in doc.values.values()}:
        try:
            texts[name] = Path(name).read_text(encoding="utf-8-sig")
        except OSError:
            continue
    return texts


def _mapping(data: Mapping[str, Any], key: str) -> Mapping[str, Any]:
    value = data.get(key)
    return value if isinstance(value, Mapping) else {}


def _plain(value: Any) -> Any:
    """Dates and times as ISO strings, so the schema and the hash see what the user wrote."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, date | datetime):
        return value.isoformat()
    return value


def _sha256(data: Any) -> str:
    """The spec's hash: of its JSON with sorted keys. A mapping mixing number and text keys
    (``{1: …, x: …}``) cannot be sorted as it is; its keys are then hashed as text."""
    try:
        text = json.dumps(data, sort_keys=True, ensure_ascii=False)
    except TypeError:
        text = json.dumps(_text_keys(data), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def _text_keys(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _text_keys(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_text_keys(v) for v in value]
    return value


def _order(problem: Problem) -> tuple[str, int, int]:
    loc = problem.location
    return (loc.file, loc.line, loc.column) if loc else ("", 0, 0)
