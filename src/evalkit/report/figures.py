"""The report's figures: the view model turned into charts (pictures with labels over them).

Templates show a :class:`Chart` with the ``chart`` macro, a sparkline (no labels) as an image.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

from markupsafe import Markup

from evalkit.report.charts import (
    BarSeries,
    BulletLegend,
    BulletRow,
    Chart,
    Palette,
    Series,
    bullets,
    grouped_bars,
    heat_class,
    heat_styles,
    radar,
    score_legend,
    score_line,
    sparkline,
)
from evalkit.report.charts.svg import GREY
from evalkit.report.charts.waterfall import Step, waterfall
from evalkit.report.context import ReportContext, dimension_name
from evalkit.report.views import CriterionView, MetricView

ROWS_PER_FIGURE = 24  # a figure cannot break across pages: 24 bullet rows fill most of one
BARS_PER_FIGURE = 16
Item = TypeVar("Item")


def chunks(items: Sequence[Item], size: int) -> list[Sequence[Item]]:
    """``items`` in consecutive pieces of at most ``size``."""
    return [items[i : i + size] for i in range(0, len(items), size)]


@dataclass(frozen=True)
class Figures:
    """Charts for one report; templates call these methods."""

    ctx: ReportContext

    @property
    def palette(self) -> Palette:
        """The brand palette."""
        b = self.ctx.branding
        return Palette(b.primary_color, b.accent_color)

    def _name(self, m: MetricView) -> str:
        return self.ctx.t.title(m.titles, m.id)

    def radar(self) -> Chart | None:
        """Criteria scores now, against the previous period and the baseline when known."""
        t, crit = self.ctx.t, self.ctx.criteria
        if len(crit) < 3:
            return None
        series = [Series(t("chart.current"), self.palette.primary, [c.score for c in crit])]
        if any(c.previous_score is not None for c in crit):
            series.append(
                Series(t("chart.previous"), self.palette.accent, [c.previous_score for c in crit])
            )
        if any(c.baseline_score is not None for c in crit):
            series.append(Series(t("chart.baseline"), GREY, [c.baseline_score for c in crit]))
        axes = [t.title(c.titles, c.id) for c in crit]
        return radar(axes, series, t("chart.radar_title"))

    def overall_trend(self) -> Chart | None:
        """The overall score over the trend periods."""
        trend = [p for p in self.ctx.overall.get("trend") or () if isinstance(p, dict)]
        if len(trend) < 2:
            return None
        fmt, t = self.ctx.fmt, self.ctx.t
        scores = [p.get("score") for p in trend]
        return score_line(
            [fmt.short_period(str(p.get("period"))) for p in trend],
            scores,
            [fmt.score(s) for s in scores],
            self.palette,
            t("chart.overall_score"),
            t("chart.trend_title"),
        )

    def bullets(self, criterion: CriterionView) -> list[Chart]:
        """Value against goal and red flag for every metric under ``criterion``."""
        fmt, t = self.ctx.fmt, self.ctx.t
        labels = BulletLegend(
            t("chart.value"),
            t("chart.goal"),
            t("chart.red_flag"),
            t("chart.zone_good"),
            t("chart.zone_between"),
            t("chart.zone_bad"),
            t("status.no_data"),
            t("chart.peer_band"),
        )
        rows = [
            BulletRow(
                self._name(m),
                m.value,
                m.goal,
                m.red_flag,
                m.direction,
                fmt.value(m.value, m.unit),
                m.tolerance,
                m.benchmark.band() if m.benchmark else None,
                m.unit,
            )
            for m in criterion.all_metrics()
        ]
        title = t("chart.bullet_title", criterion=t.title(criterion.titles, criterion.id))
        return [
            bullets(part, self.palette, labels, title, fmt.tick)
            for part in chunks(rows, ROWS_PER_FIGURE)
        ]

    def changes(self, by: str) -> Chart | None:
        """The overall score's change against the previous Result as a waterfall: by ``parts``
        (scores, weights, coverage, rules) or by top-level ``criteria`` (then rules)."""
        change = self.ctx.result.get("changes")
        if not change:
            return None
        fmt, t = self.ctx.fmt, self.ctx.t
        if by == "parts":
            steps = [(t(f"changes.part.{k}"), float(v)) for k, v in change["parts"].items()]
        else:
            crit = sorted(change["criteria"].items(), key=lambda kv: (-abs(kv[1]), kv[0]))
            steps = [(self.ctx.name(k) if k else "—", float(v)) for k, v in crit]
            steps.append((t("changes.part.rules"), float(change["parts"]["rules"])))
        before, after = float(change["before"]), float(change["after"])
        against = fmt.period(change["against"].get("period"))
        now = fmt.period(self.ctx.periods.get("current"))
        return waterfall(
            Step(against, before, fmt.score(before)),
            [Step(label, delta, fmt.points(delta)) for label, delta in steps],
            Step(now, after, fmt.score(after)),
            self.palette.primary,
            (t("changes.rise"), t("changes.fall")),
            t(f"changes.chart_{by}"),
        )

    def trend_span(self) -> str:
        """The periods sparklines cover, for their column header: ``25Q4–26Q3``."""
        periods = self.ctx.periods.get("trend") or next(
            ([p.period for p in m.trend] for m in self.ctx.metrics if m.trend), []
        )
        if not periods:
            return ""
        fmt = self.ctx.fmt
        return f"{fmt.short_period(periods[0])}–{fmt.short_period(periods[-1])}"

    def sparkline(self, metric: MetricView) -> str | None:
        """The metric's value over the trend periods, as a data: URI (a sparkline has no labels)."""
        points = [(self.ctx.fmt.short_period(p.period), p.value) for p in metric.trend]
        chart = sparkline(
            points, self.palette, self.ctx.t("chart.sparkline_title", metric=self._name(metric))
        )
        return chart.uri if chart else None

    def heat_columns(self) -> list[tuple[str, list[str]]]:
        """The heat map's column groups: each dimension's label and its segments."""
        return [
            (self._dimension(dim), [self.ctx.value_name(dim, n) for n in names])
            for dim, names in self.ctx.segment_dimensions()
        ]

    def heat_rows(self) -> list[tuple[str, list[tuple[str, str]]]]:
        """Each metric with segments: its title and, per segment, (label, colour class)."""
        keys = [(d, n) for d, names in self.ctx.segment_dimensions() for n in names]
        rows = []
        for m in self.ctx.metrics:
            if not m.breakdown:
                continue
            cells = []
            for dim, name in keys:
                window = m.breakdown.get(dim, {}).get(name)
                score = window.score if window else None
                cells.append((self.ctx.fmt.number(score, 0), heat_class(score)))
            rows.append((self._name(m), cells))
        return rows

    def heat_styles(self) -> Markup:
        """The CSS colouring heat-map cells (made of fixed colours only)."""
        return Markup(heat_styles())

    def heat_legend(self) -> Chart:
        """The colour scale of the heat map."""
        t = self.ctx.t
        return score_legend(t("chart.score_scale"), t("status.no_data"), t("chart.heatmap_title"))

    def _dimension(self, dim: str) -> str:
        return dimension_name(self.ctx.t, dim)

    def before_after(self) -> Chart | None:
        """Scores before go-live (baseline) against now for the metrics whose score moved most,
        at most ``BARS_PER_FIGURE`` in one chart (the table above lists every metric)."""
        fmt, t = self.ctx.fmt, self.ctx.t
        moved = [
            m for m in self.ctx.metrics if m.baseline.score is not None and m.score is not None
        ]
        if not moved:
            return None
        moved.sort(key=lambda m: -abs((m.score or 0.0) - (m.baseline.score or 0.0)))
        part = moved[:BARS_PER_FIGURE]
        base = [m.baseline.score for m in part]
        now = [m.score for m in part]
        series = [
            BarSeries(t("chart.baseline"), GREY, base, [fmt.score(v) for v in base]),
            BarSeries(t("chart.current"), self.palette.primary, now, [fmt.score(v) for v in now]),
        ]
        names = [self._name(m) for m in part]
        return grouped_bars(names, series, t("chart.before_after_title"), 100)

    def pyramid(self) -> Chart | None:
        """Each value tier's share of customers, revenue and margin."""
        tiers = self.ctx.analyses.get("value_pyramid", {}).get("tiers") or []
        if not tiers:
            return None
        fmt, t = self.ctx.fmt, self.ctx.t
        series = []
        for key, colour in (
            ("customers_share", GREY),
            ("revenue_share", self.palette.primary),
            ("margin_share", self.palette.accent),
        ):
            values = [tier.get(key) for tier in tiers]
            series.append(
                BarSeries(t(f"pyramid.{key}"), colour, values, [fmt.percent(v) for v in values])
            )
        return grouped_bars([str(tier.get("tier")) for tier in tiers], series, t("pyramid.title"))

    def budget(self, kind: str) -> Chart | None:
        """Budget against actual service cost, by cost type or by stage."""
        rows = self.ctx.analyses.get("cost_budget", {}).get(kind) or []
        if not rows:
            return None
        fmt, t = self.ctx.fmt, self.ctx.t
        budget = [r.get("budget") for r in rows]
        actual = [r.get("actual") for r in rows]
        series = [
            BarSeries(t("budget.budget"), GREY, budget, [fmt.value(v, "currency") for v in budget]),
            BarSeries(
                t("budget.actual"),
                self.palette.primary,
                actual,
                [fmt.value(v, "currency") for v in actual],
            ),
        ]
        keys = [self.ctx.cost_key(kind, str(r.get("key"))) for r in rows]
        return grouped_bars(keys, series, t(f"budget.{kind}"))
