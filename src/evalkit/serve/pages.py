"""The dashboard's pages rendered to HTML: portfolio, evaluation, metric and diff.

Templates live in the report templates' ``serve/`` folder (Jinja2, autoescaped); charts are the
report's SVG charts; texts of the Result are shown in English where it has them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import cache
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from evalkit.diff import decompose
from evalkit.diff.decompose import largest
from evalkit.report.charts import BarSeries, Chart, Palette, grouped_bars, score_colour, score_line
from evalkit.report.context import dimension_name, value_name
from evalkit.report.formatting import Formatter
from evalkit.report.i18n import Translator
from evalkit.report.whatif import STYLE as WHATIF_STYLE
from evalkit.report.whatif import whatif_block
from evalkit.resources import report_templates_dir
from evalkit.serve import paths
from evalkit.serve.model import Client, Run, Site
from evalkit.spec.criteria import ROOT

PALETTE = Palette(primary="#1f5f8b", accent="#e07b39")
TOP = 10
EN = Translator("en")
FMT = Formatter("en", EN)


@cache
def environment() -> Environment:
    """The dashboard's Jinja2 environment (autoescaping; the report's macros importable)."""
    folder = report_templates_dir()
    env = Environment(
        loader=FileSystemLoader([folder / "serve", folder]),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["title"] = EN.title
    env.filters["score"] = FMT.score
    env.filters["value"] = FMT.value_beside
    env.filters["percent"] = FMT.percent
    env.filters["count"] = lambda v: FMT.number(v, 0)
    env.filters["points"] = lambda v: "—" if v is None else f"{v:+.2f}"
    env.filters["colour"] = score_colour
    env.globals["stylesheet"] = Markup(
        "".join((folder / name).read_text("utf-8") for name in ("serve/serve.css", WHATIF_STYLE))
    )
    return env


def _render(template: str, page: str, **values: Any) -> str:
    def url(target: str) -> str:
        return paths.relative(target, page)

    return environment().get_template(template).render(url=url, paths=paths, **values)


def portfolio(site: Site) -> str:
    """Clients × periods: the last run's score and grade, linked to its evaluation page."""
    clients = list(site.clients.values())
    rows = [{"client": c, "cells": [c.latest(p) for p in site.periods]} for c in clients]
    last = [c.runs[-1] for c in clients]
    bars = grouped_bars(
        [r.client for r in last],
        [
            BarSeries(
                "Score of the last run",
                PALETTE.primary,
                [r.entry.score for r in last],
                [FMT.score(r.entry.score) for r in last],
            )
        ],
        "Score of each client's last run",
        axis_max=100.0,
    )
    return _render(
        "portfolio.html",
        paths.PORTFOLIO,
        site=site,
        rows=zip(rows, last, strict=True),
        bars=bars,
        title="Portfolio",
    )


def _trend(client: Client, value: Callable[[Run], float | None], label: str) -> Chart:
    runs = [r for p in client.periods if (r := client.latest(p)) is not None]
    scores = [value(r) for r in runs]
    return score_line(
        [r.period for r in runs], scores, [FMT.score(s) for s in scores], PALETTE, label, label
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


def _segments(result: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Per breakdown dimension: its segments and each metric's score in them."""
    dims: dict[str, dict[str, Any]] = {}
    for m in result["metrics"]:
        for dim, parts in (m.get("breakdown") or {}).items():
            entry = dims.setdefault(
                dim, {"name": dimension_name(EN, dim), "segments": [], "shown": {}, "metrics": []}
            )
            for seg in parts:
                if seg not in entry["segments"]:
                    entry["segments"].append(seg)
                    entry["shown"][seg] = value_name(result, EN, dim, seg)
            entry["metrics"].append((m, parts))
    return list(dims.values())


def evaluation(site: Site, run: Run, downloads: Mapping[str, str]) -> str:
    """One run: score and grade, trend over the archived runs, criteria → metrics, segments,
    the what-if weights and the runs to compare it with."""
    result = run.result()
    client = site.clients[run.client]
    page = paths.evaluation(run)
    at = client.runs.index(run)
    return _render(
        "evaluation.html",
        page,
        title=f"{run.client} {run.label}",
        run=run,
        result=result,
        overall=result["overall"],
        trend=_trend(client, lambda r: r.entry.score, "Overall score"),
        tree=_tree(result, run),
        segments=_segments(result),
        whatif=whatif_block(environment(), result, EN, FMT, _name(result), inline=False),
        previous=client.runs[at - 1] if at else None,
        compare=[(r, paths.diff(r, run)) for r in client.runs[:at]]
        + [(r, paths.diff(run, r)) for r in client.runs[at + 1 :]],
        downloads=downloads,
    )


def metric(site: Site, run: Run, metric_id: str) -> str | None:
    """One metric of a run: value, target, score, trend, segments and definition."""
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
        paths.metric(run, metric_id),
        title=f"{EN.title(found.get('title'), metric_id)} · {run.client} {run.label}",
        run=run,
        m=found,
        trend=_trend(client, score, "Metric score"),
        breakdown=[
            (
                dimension_name(EN, dim),
                [(value_name(result, EN, dim, seg), v) for seg, v in parts.items()],
            )
            for dim, parts in (found.get("breakdown") or {}).items()
        ],
        description=EN.localized(definition, "description"),
        formula=EN.localized(definition, "formula"),
        tables=definition.get("tables") or [],
    )


def diff(a: Run, b: Run) -> str:
    """Why the overall score moved from run ``a`` to run ``b``: ``evalkit diff`` as a page."""
    title = f"{a.client}: {a.label} → {b.label}"
    try:
        change = decompose(a.result(), b.result(), TOP)
    except ValueError as exc:
        return _render("diff.html", paths.diff(a, b), title=title, a=a, b=b, problem=str(exc))
    return _render(
        "diff.html",
        paths.diff(a, b),
        title=title,
        a=a,
        b=b,
        problem="",
        change=change.to_json(),
        top=largest(change.metrics, TOP),
        names=_names(a.result(), b.result()),
    )


def _name(result: Mapping[str, Any]) -> Callable[[str], str]:
    """A criterion's or metric's title in ``result`` by its id (the id if unknown)."""
    names = _names(result)
    return lambda node: names.get(node, node)


def _names(*results: Mapping[str, Any]) -> dict[str, str]:
    """Criterion and metric id → title (the later Result's where both have one)."""
    return {
        str(item["id"]): EN.title(item.get("title"), str(item["id"]))
        for result in results
        for item in (*result["criteria"], *result["metrics"])
    }
