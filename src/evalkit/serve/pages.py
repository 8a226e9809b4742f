"""The dashboard's pages rendered to HTML: portfolio, evaluation, metric, diff and not found.

Templates live in the report templates' ``serve/`` folder (Jinja2, autoescaped); charts are the
report's SVG charts. Every page is in one locale (``LOCALES``): its fixed texts come from the
report's catalogs (``serve.*`` keys), its numbers and dates from the report's ``Formatter``,
and the Result's titles are shown in that language where the Result has them.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Mapping
from functools import cache
from typing import Any, Final

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from evalkit.diff import decompose
from evalkit.diff.decompose import largest
from evalkit.report.charts import BarSeries, Chart, Palette, grouped_bars, score_colour, score_line
from evalkit.report.context import dimension_name, table_name, value_name
from evalkit.report.formatting import Formatter
from evalkit.report.i18n import Translator, language_of
from evalkit.report.whatif import STYLE as WHATIF_STYLE
from evalkit.report.whatif import whatif_block
from evalkit.resources import report_templates_dir
from evalkit.serve import paths
from evalkit.serve.model import Client, Run, Site
from evalkit.spec.criteria import ROOT

PALETTE = Palette(primary="#1f5f8b", accent="#e07b39")
TOP = 10
LOCALES: Final = ("en", "zh-CN")
"""The dashboard's languages (``evalkit serve --locale``); the first is the default."""


@cache
def texts(locale: str) -> tuple[Translator, Formatter]:
    """The catalog and the number/date formatter of ``locale`` (one of ``LOCALES``)."""
    t = Translator(language_of(locale))
    return t, Formatter(locale, t)


@cache
def environment(locale: str) -> Environment:
    """The dashboard's Jinja2 environment in ``locale`` (autoescaping; the report's macros
    importable; ``t`` and ``fmt`` of the locale as globals and filters)."""
    t, fmt = texts(locale)
    folder = report_templates_dir()
    env = Environment(
        loader=FileSystemLoader([folder / "serve", folder]),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["title"] = t.title
    env.filters["score"] = fmt.score
    env.filters["value"] = fmt.value_beside
    env.filters["percent"] = fmt.percent
    env.filters["count"] = lambda v: fmt.number(v, 0)
    env.filters["points"] = fmt.points
    env.filters["colour"] = score_colour
    env.filters["table"] = lambda name: table_name(t, name)
    env.globals.update(t=t, fmt=fmt, lang=t("meta.html_lang"))
    env.globals["stylesheet"] = Markup(
        "".join((folder / name).read_text("utf-8") for name in ("serve/serve.css", WHATIF_STYLE))
    )
    return env


def _render(template: str, locale: str, page: str, **values: Any) -> str:
    """``template`` in ``locale``, its links relative to ``page`` (a site path)."""

    def url(target: str) -> str:
        return paths.relative(target, page)

    return environment(locale).get_template(template).render(url=url, paths=paths, **values)


def not_found(locale: str, path: str) -> str:
    """The page answered with a 404 at the URL path ``path``, linking to the portfolio
    relatively (as every page does, so a dashboard mounted under a sub-path works)."""
    t, _ = texts(locale)
    page = posixpath.normpath("/" + path + ("index.html" if path.endswith("/") else ""))
    return _render("missing.html", locale, page.lstrip("/"), title=t("serve.not_found.title"))


def portfolio(site: Site, locale: str) -> str:
    """Clients × periods: the last run's score and grade, linked to its evaluation page."""
    t, fmt = texts(locale)
    clients = list(site.clients.values())
    rows = [{"client": c, "cells": [c.latest(p) for p in site.periods]} for c in clients]
    last = [c.runs[-1] for c in clients]
    bars = grouped_bars(
        [r.client for r in last],
        [
            BarSeries(
                t("serve.portfolio.series"),
                PALETTE.primary,
                [r.entry.score for r in last],
                [fmt.score(r.entry.score) for r in last],
            )
        ],
        t("serve.portfolio.chart"),
        axis_max=100.0,
    )
    counts = {
        kind: t(f"serve.portfolio.{kind}_{'one' if n == 1 else 'other'}", count=fmt.number(n, 0))
        for kind, n in (("clients", len(clients)), ("periods", len(site.periods)))
    }
    return _render(
        "portfolio.html",
        locale,
        paths.PORTFOLIO,
        site=site,
        rows=zip(rows, last, strict=True),
        bars=bars,
        lead=t("serve.portfolio.lead", **counts),
        title=t("serve.portfolio.title"),
    )


def _trend(
    client: Client, value: Callable[[Run], float | None], label: str, fmt: Formatter
) -> Chart:
    runs = [r for p in client.periods if (r := client.latest(p)) is not None]
    scores = [value(r) for r in runs]
    return score_line(
        [r.period for r in runs], scores, [fmt.score(s) for s in scores], PALETTE, label, label
    )


def _tree(result: Mapping[str, Any], run: Run) -> list[dict[str, Any]]:
    """Criteria and metrics in tree order, each with its depth, under each top-level one."""
    criteria = {str(c["id"]): c for c in result["criteria"]}
    metrics = {str(m["id"]): m for m in result["metrics"]}
    tops = []

    def rows(node: str, depth: int) -> list[dict[str, Any]]:
        found: list[dict[str, Any]] = []
        for child in criteria[node].get("children") or ():
            if child in criteria:
                found.append({"kind": "criterion", "item": criteria[child], "depth": depth})
                found += rows(child, depth + 1)
            elif child in metrics:
                link = paths.metric(run, child)
                found.append(
                    {"kind": "metric", "item": metrics[child], "depth": depth, "link": link}
                )
        return found

    for top in criteria[ROOT].get("children") or ():
        if top in criteria:
            tops.append({"item": criteria[top], "rows": rows(top, 1)})
    return tops


def _segments(result: Mapping[str, Any], t: Translator) -> list[dict[str, Any]]:
    """Per breakdown dimension: its segments and each metric's score in them."""
    dims: dict[str, dict[str, Any]] = {}
    for m in result["metrics"]:
        for dim, parts in (m.get("breakdown") or {}).items():
            entry = dims.setdefault(
                dim, {"name": dimension_name(t, dim), "segments": [], "shown": {}, "metrics": []}
            )
            for seg in parts:
                if seg not in entry["segments"]:
                    entry["segments"].append(seg)
                    entry["shown"][seg] = value_name(result, t, dim, seg)
            entry["metrics"].append((m, parts))
    return list(dims.values())


def evaluation(site: Site, run: Run, downloads: Mapping[str, str], locale: str) -> str:
    """One run: score and grade, trend over the archived runs, criteria → metrics, segments,
    the what-if weights and the runs to compare it with."""
    t, fmt = texts(locale)
    result = run.result()
    client = site.clients[run.client]
    page = paths.evaluation(run)
    at = client.runs.index(run)
    return _render(
        "evaluation.html",
        locale,
        page,
        title=f"{run.client} {run.label}",
        run=run,
        result=result,
        overall=result["overall"],
        trend=_trend(client, lambda r: r.entry.score, t("serve.evaluation.trend_series"), fmt),
        tree=_tree(result, run),
        segments=_segments(result, t),
        whatif=whatif_block(environment(locale), result, t, fmt, _name(result, t), inline=False),
        previous=client.runs[at - 1] if at else None,
        compare=[(r, paths.diff(r, run)) for r in client.runs[:at]]
        + [(r, paths.diff(run, r)) for r in client.runs[at + 1 :]],
        downloads=downloads,
    )


def metric(site: Site, run: Run, metric_id: str, locale: str) -> str | None:
    """One metric of a run: value, target, score, trend, segments and definition."""
    t, fmt = texts(locale)
    result = run.result()
    found = next((m for m in result["metrics"] if str(m["id"]) == metric_id), None)
    if found is None:
        return None
    client = site.clients[run.client]

    def score(r: Run) -> float | None:
        same = [m for m in r.result()["metrics"] if str(m["id"]) == metric_id]
        return same[0].get("score") if same else None

    definition = found.get("definition") or {}
    return _render(
        "metric.html",
        locale,
        paths.metric(run, metric_id),
        title=f"{t.title(found.get('title'), metric_id)} · {run.client} {run.label}",
        run=run,
        m=found,
        trend=_trend(client, score, t("serve.metric.trend_series"), fmt),
        breakdown=[
            (
                dimension_name(t, dim),
                [(value_name(result, t, dim, seg), v) for seg, v in parts.items()],
            )
            for dim, parts in (found.get("breakdown") or {}).items()
        ],
        description=t.localized(definition, "description"),
        formula=t.localized(definition, "formula"),
        tables=definition.get("tables") or [],
    )


def diff(a: Run, b: Run, locale: str) -> str:
    """Why the overall score moved from run ``a`` to run ``b``: ``evalkit diff`` as a page."""
    t, _ = texts(locale)
    title = t("serve.diff.title", client=a.client, a=a.label, b=b.label)
    try:
        change = decompose(a.result(), b.result(), TOP)
    except ValueError:  # a run without an overall score (insufficient data)
        problem = t("serve.diff.no_score")
        return _render(
            "diff.html", locale, paths.diff(a, b), title=title, a=a, b=b, problem=problem
        )
    return _render(
        "diff.html",
        locale,
        paths.diff(a, b),
        title=title,
        a=a,
        b=b,
        problem="",
        change=change.to_json(),
        top=largest(change.metrics, TOP),
        names=_names(t, a.result(), b.result()),
    )


def _name(result: Mapping[str, Any], t: Translator) -> Callable[[str], str]:
    """A criterion's or metric's title in ``result`` by its id (the id if unknown)."""
    names = _names(t, result)
    return lambda node: names.get(node, node)


def _names(t: Translator, *results: Mapping[str, Any]) -> dict[str, str]:
    """Criterion and metric id → title in ``t``'s language (the later Result's where both
    have one)."""
    return {
        str(item["id"]): t.title(item.get("title"), str(item["id"]))
        for result in results
        for item in (*result["criteria"], *result["metrics"])
    }
