"""What ``validate`` can check without reading data: dates in range, time zones, branding.

Everything here would otherwise be refused only by ``run``, after the data was read: a go-live
date a window cannot be built from, a time zone DuckDB does not know, a logo outside the
spec's folder, a templates folder that is missing or outside it.
"""

from __future__ import annotations

from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from evalkit.data.periods import check_date, parse_period
from evalkit.data.spec import DataSpec
from evalkit.errors import Problem, ReportError
from evalkit.location import LocatedDocument
from evalkit.report.branding import check_logo
from evalkit.spec.model import Evaluation, Report


def offline_problems(
    doc: LocatedDocument,
    evaluation: Evaluation,
    report: Report,
    data: DataSpec,
    base_dir: Path,
) -> list[Problem]:
    """Problems ``run`` would find in the spec before reading any data."""
    problems = _dates(doc, evaluation)
    for source in data.sources.values():
        if source.timezone is not None and not known_timezone(source.timezone):
            problems.append(
                Problem(
                    f"unknown time zone '{source.timezone}'; write an IANA name such as "
                    "Asia/Shanghai or UTC",
                    doc.where(("data", "sources", source.table, "timezone")),
                )
            )
    problems += _report(doc, report, base_dir)
    return problems


def known_timezone(name: str) -> bool:
    """Whether ``name`` is an IANA time zone (``Asia/Shanghai``, ``UTC``)."""
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


def _dates(doc: LocatedDocument, evaluation: Evaluation) -> list[Problem]:
    problems = []
    if evaluation.go_live is not None:
        try:
            check_date(evaluation.go_live)
        except ValueError as exc:
            problems.append(Problem(f"go_live {exc}", doc.where(("evaluation", "go_live"))))
    if evaluation.period:
        try:
            parse_period(evaluation.period, evaluation.fiscal_year_start)
        except ValueError as exc:
            problems.append(Problem(str(exc), doc.where(("evaluation", "period"))))
    return problems


def _report(doc: LocatedDocument, report: Report, base_dir: Path) -> list[Problem]:
    problems = []
    logo = report.branding.get("logo")
    if logo:
        try:
            check_logo(logo, base_dir)
        except ReportError as exc:
            problems.append(Problem(str(exc), doc.where(("report", "branding", "logo"))))
    if report.templates:
        folder = base_dir / report.templates
        root = base_dir.resolve()
        where = doc.where(("report", "templates"))
        if not folder.resolve().is_relative_to(root):
            problems.append(
                Problem(f"report.templates: folder {folder} is outside the spec's folder", where)
            )
        elif not folder.is_dir():
            problems.append(Problem(f"report.templates: folder {folder} not found", where))
    return problems
