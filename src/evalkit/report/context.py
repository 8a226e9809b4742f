"""The Result JSON turned into the view model the templates and the workbook read."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from evalkit.report.branding import Branding, load_branding
from evalkit.report.formatting import Formatter
from evalkit.report.i18n import Translator, language_of
from evalkit.report.views import (
    AhpView,
    CriterionView,
    MetricView,
    ahp_views,
    criteria_tree,
    metric_view,
)

SEVERITY_ORDER = {"critical": 0, "warning": 1, "info": 2}
KEY_FINDINGS = 5


@dataclass(frozen=True)
class Finding:
    """A finding or recommendation from a rule, in the report's language."""

    rule: str
    severity: str
    kind: str
    text: str


@dataclass(frozen=True)
class ActionLine:
    """One action of the plan, in the report's language."""

    priority: str
    text: str
    owner: str
    due: str
    effect: str
    metrics: str


@dataclass(frozen=True)
class TableCoverage:
    """A table's rows read and the rows left out, by reason: (reason, rows, share)."""

    table: str
    rows: int
    left_out: tuple[tuple[str, int, float | None], ...]


@dataclass(frozen=True)
class RuleLine:
    """A fired rule as the methodology page lists it."""

    title: str
    effect: str


@dataclass(frozen=True)
class ReportContext:
    """Everything a section needs: the Result read once, in one locale."""

    result: Mapping[str, Any]
    locale: str
    lang: str
    t: Translator
    fmt: Formatter
    branding: Branding
    title: str
    client: str
    prepared_by: str
    """Who prepared the report: ``report.prepared_by``, else ``report.branding.company``."""
    version: str
    """The report's version (``report.version``), or empty."""
    approved_by: str
    """Who signed the report off (``report.approved_by``), or empty."""
    periods: Mapping[str, Any]
    overall: Mapping[str, Any]
    criteria: tuple[CriterionView, ...]
    metrics: tuple[MetricView, ...]
    findings: tuple[Finding, ...]
    ahp: tuple[AhpView, ...]
    data_quality: tuple[Mapping[str, Any], ...]
    analyses: Mapping[str, Any]
    provenance: Mapping[str, Any]

    @property
    def evaluation(self) -> Mapping[str, Any]:
        """The Result's ``evaluation`` block."""
        return _map(self.result.get("evaluation"))

    def name(self, node: str) -> str:
        """The title of a criterion or metric id in this language (the id if unknown)."""
        for c in self.all_criteria():
            if c.id == node:
                return self.t.title(c.titles, node)
        for m in self.metrics:
            if m.id == node:
                return self.t.title(m.titles, node)
        return self.t("appendix.ahp.root") if node == "root" else node

    def largest_changes(self, top: int | None = 8, least: float = 0.05) -> list[Mapping[str, Any]]:
        """The metrics that contributed most to the change against the previous Result
        (``changes``), largest first: the ``top`` ones (``None``: all) of at least ``least``
        points."""
        found = [m for m in (self.result.get("changes") or {}).get("metrics") or ()]
        found = [m for m in found if abs(float(m["total"])) >= least]
        return sorted(found, key=lambda m: (-abs(float(m["total"])), str(m["metric"])))[:top]

    def all_criteria(self) -> list[CriterionView]:
        """Every criterion, depth first."""
        out: list[CriterionView] = []
        stack = list(reversed(self.criteria))
        while stack:
            c = stack.pop()
            out.append(c)
            stack.extend(reversed(c.subcriteria))
        return out

    def _highlighted(self, key: str) -> list[MetricView]:
        by_id = {m.id: m for m in self.metrics}
        ids = _map(self.result.get("highlights")).get(key) or ()
        return [by_id[i] for i in ids if i in by_id]

    def strongest(self) -> list[MetricView]:
        """The strongest metrics as the Result ranks them (``highlights``)."""
        return self._highlighted("strongest")

    def weakest(self) -> list[MetricView]:
        """The weakest metrics as the Result ranks them, worst first."""
        return self._highlighted("weakest")

    def meeting_goal(self) -> int:
        """How many metrics meet their goal, when more do than the strongest name (else 0)."""
        count = _map(self.result.get("highlights")).get("meeting_goal") or 0
        return int(count) if count > len(self.strongest()) else 0

    def key_findings(self) -> list[Finding]:
        """The most severe findings, for the executive summary."""
        return sorted(self.findings, key=lambda f: SEVERITY_ORDER.get(f.severity, 3))[:KEY_FINDINGS]

    def segment_dimensions(self) -> list[tuple[str, list[str]]]:
        """Each breakdown dimension with its segment values, in first-seen order."""
        dims: dict[str, dict[str, None]] = {}
        for m in self.metrics:
            for dim, groups in m.breakdown.items():
                dims.setdefault(dim, {}).update(dict.fromkeys(groups))
        return [(dim, list(values)) for dim, values in dims.items()]

    def fired_rules(self) -> list[RuleLine]:
        """The fired rules that changed the score or the grade, with what they did."""
        lines = []
        for rule in self.result.get("rules") or ():
            effects = _map(rule.get("effects"))
            if not rule.get("fired") or not (
                effects.get("bonus") or effects.get("penalty") or effects.get("cap_grade")
            ):
                continue
            parts = []
            if effects.get("bonus"):
                parts.append(self.t("methodology.bonus", points=self.fmt.number(effects["bonus"])))
            if effects.get("penalty"):
                points = self.fmt.number(effects["penalty"])
                parts.append(self.t("methodology.penalty", points=points))
            if effects.get("cap_grade"):
                parts.append(self.t("methodology.cap", grade=effects["cap_grade"]))
            title = self.t.title(rule.get("title"), "") or self.t("methodology.untitled")
            lines.append(RuleLine(title, "; ".join(parts)))
        return lines

    def actions(self) -> list[ActionLine]:
        """The action plan in the report's language, most urgent first."""
        lines = []
        for action in self.result.get("actions") or ():
            metrics = [self.name(m) for m in action.get("metrics") or ()]
            lines.append(
                ActionLine(
                    priority=str(action.get("priority") or "medium"),
                    text=self.t.title(action.get("text"), ""),
                    owner=self.t.title(action.get("owner"), "") if action.get("owner") else "",
                    due=str(action["due"]) if action.get("due") else "",
                    effect=self.t.title(action.get("effect"), "") if action.get("effect") else "",
                    metrics=("、" if self.lang == "zh" else ", ").join(metrics),
                )
            )
        return lines

    def data_coverage(self) -> list[TableCoverage]:
        """Per table read: its rows, and per ledger reason the most rows any metric left out
        for it, with their share of the table (rows are not added up across metrics: one row
        may be left out by several)."""
        rows = {str(d.get("table")): d.get("rows") for d in self.provenance.get("data") or ()}
        left: dict[str, dict[str, int]] = {}
        for entry in self.data_quality:
            table, reason = str(entry.get("table")), str(entry.get("reason"))
            count = int(entry.get("rows") or 0)
            by_reason = left.setdefault(table, {})
            by_reason[reason] = max(by_reason.get(reason, 0), count)
        found = []
        for table, total in rows.items():
            reasons = tuple(
                (self.reason(reason), count, count / total if total else None)
                for reason, count in sorted(left.get(table, {}).items())
            )
            found.append(TableCoverage(table, int(total or 0), reasons))
        return found

    def value_name(self, column: str, value: Any) -> str:
        """A data value of ``column`` as the report shows it (:func:`value_name`)."""
        return value_name(self.result, self.t, column, value)

    def cost_key(self, kind: str, key: Any) -> str:
        """A cost type (``by_type``) or service stage (``by_stage``) as the report shows it."""
        return self.value_name("cost_type" if kind == "by_type" else "stage", key)

    def table_name(self, table: Any) -> str:
        """A table as the report names it (:func:`table_name`)."""
        return table_name(self.t, table)

    def reason(self, code: str) -> str:
        """A ledger reason in the report's language (the code itself when unknown)."""
        key = f"reasons.{code}"
        return self.t(key) if self.t.has(key) else code

    def not_by_segment(self) -> str:
        """The titles of the metrics that are not broken down by segment, as one list."""
        names = [
            self.t.title(m.titles, m.id)
            for m in self.metrics
            if m.definition.get("by_segment") is False
        ]
        return ("、" if self.lang == "zh" else ", ").join(names)

    def has_baseline(self) -> bool:
        """Whether any metric has a value for the pre-go-live baseline."""
        return any(m.baseline.value is not None for m in self.metrics)

    def has_trend(self) -> bool:
        """Whether the overall score or any metric has more than one trend point."""
        trend = self.overall.get("trend") or ()
        return len(trend) > 1 or any(len(m.trend) > 1 for m in self.metrics)


def _map(raw: Any) -> Mapping[str, Any]:
    return raw if isinstance(raw, Mapping) else {}


def _findings(raw: Sequence[Any], t: Translator) -> tuple[Finding, ...]:
    return tuple(
        Finding(
            rule=str(f.get("rule") or ""),
            severity=str(f.get("severity") or "info"),
            kind=str(f.get("kind") or "finding"),
            text=t.title(f.get("text"), ""),
        )
        for f in raw
        if isinstance(f, Mapping)
    )


def chosen_locale(result: Mapping[str, Any], locale: str | None) -> str:
    """``--locale``, else ``report.locale``, else ``evaluation.locale``, else ``en``."""
    return str(
        locale
        or _map(result.get("report")).get("locale")
        or _map(result.get("evaluation")).get("locale")
        or "en"
    )


def build_context(
    result: Mapping[str, Any], locale: str, base_dir: Path | None = None
) -> ReportContext:
    """The view model of a Result in one locale (``zh-CN`` or ``en``)."""
    lang = language_of(locale)
    t = Translator(lang)
    evaluation = _map(result.get("evaluation"))
    report = _map(result.get("report"))
    branding = load_branding(report.get("branding"), base_dir)
    metrics = tuple(metric_view(m) for m in result.get("metrics") or () if isinstance(m, Mapping))
    return ReportContext(
        result=result,
        locale=locale,
        lang=lang,
        t=t,
        fmt=Formatter(locale, t),
        branding=branding,
        title=t.title(evaluation.get("title"), t("cover.default_title")),
        client=t.title(evaluation.get("client"), ""),
        prepared_by=t.title(report.get("prepared_by"), branding.company or ""),
        version=str(report.get("version") or ""),
        approved_by=t.title(report.get("approved_by"), ""),
        periods=_map(evaluation.get("periods")),
        overall=_map(result.get("overall")),
        criteria=criteria_tree(result.get("criteria") or (), metrics),
        metrics=metrics,
        findings=_findings(result.get("findings") or (), t),
        ahp=ahp_views(_map(result.get("ahp"))),
        data_quality=tuple(d for d in result.get("data_quality") or () if isinstance(d, Mapping)),
        analyses=_map(result.get("analyses")),
        provenance=_map(result.get("provenance")),
    )


def value_name(result: Mapping[str, Any], t: Translator, column: str, value: Any) -> str:
    """A data value of ``column`` as ``result`` names it in ``t``'s language: its title in
    ``report.values``, else the built-in name of a canonical value (cost types, service
    stages), else as in the data."""
    given = _map(_map(_map(result.get("report")).get("values")).get(column))
    if str(value) in given:
        return t.title(given[str(value)], str(value))
    key = f"values.{column}.{value}"
    return t(key) if t.has(key) else str(value)


def table_name(t: Translator, table: Any) -> str:
    """A canonical table as the report names it: ``工单（tickets）`` in Chinese, the
    identifier (which the spec's ``data.sources`` uses) in English; others as given."""
    key = f"tables.{table}"
    return t(key) if t.has(key) else str(table or "—")


def dimension_name(t: Translator, dimension: str) -> str:
    """A segment dimension (a ``data.segments`` column) as the report names it."""
    key = f"dimensions.{dimension}"
    return t(key) if t.has(key) else dimension
