"""The plain sections of a spec: ``evaluation``, ``scoring`` and ``report``."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from evalkit.spec.criteria import localized
from evalkit.spec.model import DEFAULT_GRADES, Advice, Evaluation, Report, Scoring


def _section(data: Mapping[str, Any], key: str) -> Mapping[str, Any]:
    value = data.get(key)
    return value if isinstance(value, Mapping) else {}


def _int(value: Any, default: int) -> int:
    """An integer setting, or the default where the schema check already reported a problem."""
    return value if isinstance(value, int) and not isinstance(value, bool) else default


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _date(value: Any) -> date | None:
    try:
        return date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def build_evaluation(data: Mapping[str, Any]) -> Evaluation:
    """The ``evaluation:`` section with defaults (dates already checked by the schema)."""
    ev = _section(data, "evaluation")
    return Evaluation(
        title=localized(ev.get("title"), "Evaluation"),
        client=localized(ev.get("client"), ""),
        period=str(ev["period"]) if ev.get("period") else None,
        go_live=_date(ev.get("go_live")),
        compare=tuple(ev.get("compare") or ("previous", "baseline")),
        locale=str(ev.get("locale", "zh-CN")),
        fiscal_year_start=_int(ev.get("fiscal_year_start"), 1),
        baseline_mode=str(ev.get("baseline", "window")),
        trend_periods=_int(ev.get("trend_periods"), 4),
        population=_population(ev),
    )


def _population(ev: Mapping[str, Any]) -> dict[str, str]:
    """The client's population keys as set, and the year of the evaluated period."""
    found = {k: str(ev[k]) for k in ("industry", "market", "size", "region") if ev.get(k)}
    if ev.get("period"):
        found["year"] = str(ev["period"])[:4]
    return found


def build_scoring(data: Mapping[str, Any]) -> Scoring:
    """The ``scoring:`` section with defaults; grades sorted from best to worst."""
    sc = _section(data, "scoring")
    grades = sc.get("grades")
    ordered = (
        tuple(sorted(((str(g), _number(m) or 0.0) for g, m in grades.items()), key=lambda x: -x[1]))
        if isinstance(grades, Mapping) and grades
        else DEFAULT_GRADES
    )
    return Scoring(
        method=str(sc.get("method", "linear")),
        grades=ordered,
        missing=str(sc.get("missing", "renormalize")),
        min_coverage=_number(sc.get("min_coverage", 0.5)) or 0.0,
        percentile_intervals=sc.get("percentile_intervals", True) is not False,
        ahp_inconsistency=str(sc.get("ahp_inconsistency", "error")),
        bonus_cap=_number(sc.get("bonus_cap")),
        penalty_cap=_number(sc.get("penalty_cap")),
    )


def build_report(data: Mapping[str, Any]) -> Report:
    """The ``report:`` section with defaults."""
    rp = _section(data, "report")
    sections = rp.get("sections")
    return Report(
        formats=tuple(rp.get("formats") or ("json",)),
        locale=str(rp["locale"]) if rp.get("locale") else None,
        sections=tuple(sections) if isinstance(sections, list) else None,
        templates=str(rp["templates"]) if rp.get("templates") else None,
        branding={str(k): str(v) for k, v in _section(rp, "branding").items()},
        prepared_by=localized(rp["prepared_by"], "") if rp.get("prepared_by") else None,
        version=str(rp["version"]) if rp.get("version") else None,
        approved_by=localized(rp["approved_by"], "") if rp.get("approved_by") else None,
        values={
            str(column): {
                str(value): localized(title, str(value)) for value, title in names.items()
            }
            for column, names in _section(rp, "values").items()
            if isinstance(names, Mapping)
        },
    )


def build_advice(data: Mapping[str, Any]) -> dict[str, Advice]:
    """The ``advice:`` section: metric (or instance) id → the default action for it."""
    found = {}
    for metric, given in _section(data, "advice").items():
        if not isinstance(given, Mapping):
            continue
        found[str(metric)] = Advice(
            text=localized(given.get("text"), str(metric)),
            priority=str(given.get("priority", "high")),
            owner=localized(given.get("owner"), "") if given.get("owner") else {},
            effect=localized(given.get("effect"), "") if given.get("effect") else {},
        )
    return found
