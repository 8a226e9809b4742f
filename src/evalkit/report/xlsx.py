"""``result.xlsx``: the Result's tables as a workbook, numbers kept as numbers.

Sheets: the scorecard (every metric grouped by criterion: value, goal, red flag, status, score,
change), then metrics, segments, criteria and weights, AHP, findings, data quality, the
benchmarks (when a metric has peers) and the score change (when the Result was compared with a
previous one, as the report's ``changes`` section); names and
column headers in the report's language. Values stay numbers; each cell is formatted in its
metric's unit (a fraction as a percentage, hours with "h", currency with "¥"), and a column
with one unit names it in its header (score 0–100, weights in %).
A number that is not finite (a sum that overflowed) is written as an empty cell, and the
data-quality sheet gets a line naming the cell.
"""

from __future__ import annotations

import io
import json
import math
from collections.abc import Mapping, Sequence
from typing import Any

import xlsxwriter
from xlsxwriter.utility import xl_rowcol_to_cell
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from evalkit.report.context import ReportContext
from evalkit.report.views import MetricView

Row = Sequence[Any]
WORD_UNITS = ("minutes", "hours", "days", "points")


class _Book:
    """A workbook with the formats the sheets share."""

    def __init__(self, workbook: Workbook, ctx: ReportContext) -> None:
        self.wb, self.ctx, self.t = workbook, ctx, ctx.t
        self.formats = {
            "head": workbook.add_format(
                {"bold": True, "bg_color": ctx.branding.primary_color, "font_color": "#ffffff"}
            ),
            "pct": workbook.add_format({"num_format": "0.0%"}),
            "score": workbook.add_format({"num_format": "0.0"}),
            "num": workbook.add_format({"num_format": "#,##0.###"}),
            "fixed": workbook.add_format({"num_format": "0.000"}),
            "points": workbook.add_format({"num_format": "+0.0;-0.0;0.0"}),
            "bold": workbook.add_format({"bold": True}),
            "group": workbook.add_format({"bold": True, "bg_color": "#e4e7eb"}),
            "group_score": workbook.add_format(
                {"bold": True, "bg_color": "#e4e7eb", "num_format": "0.0"}
            ),
            "group_pct": workbook.add_format(
                {"bold": True, "bg_color": "#e4e7eb", "num_format": "0.0%"}
            ),
        }
        self.left_empty: list[tuple[str, str]] = []
        """(sheet, cell) of each non-finite number not written."""
        self.units = {
            "fraction": workbook.add_format({"num_format": "0.0%"}),
            "currency": workbook.add_format({"num_format": '"¥"#,##0.00'}),
            "count": workbook.add_format({"num_format": "#,##0"}),
            "ratio": workbook.add_format({"num_format": "0.00"}),
            **{
                unit: workbook.add_format({"num_format": f'#,##0.0 "{self._unit_word(unit)}"'})
                for unit in WORD_UNITS
            },
        }

    def write(self, ws: Worksheet, row: int, col: int, value: Any, fmt: Any = None) -> None:
        """Write ``value`` (in ``fmt`` if given); ``None`` and non-finite numbers leave the cell
        empty (the latter noted in ``left_empty``)."""
        if value is None:
            return
        if isinstance(value, float) and not math.isfinite(value):
            self.left_empty.append((ws.get_name(), xl_rowcol_to_cell(row, col)))
            return
        if fmt is None:
            ws.write(row, col, value)
        else:
            ws.write(row, col, value, fmt)

    def _unit_word(self, unit: str) -> str:
        # "{value} h" → "h": the catalog's unit after the number, quotes removed for Excel
        return self.t(f"units.{unit}", value="").strip().replace('"', "")

    def unit_format(self, unit: str | None) -> Any:
        """The cell format of a value in ``unit`` (None: the column's own)."""
        return self.units.get(unit or "")

    def unit_name(self, unit: str | None) -> str | None:
        """The unit's name in the report's language."""
        return self.t(f"units.name.{unit}") if unit else None

    def sheet(self, key: str, columns: Sequence[tuple[str, str | None, int]]) -> Worksheet:
        """A sheet with a header row; ``columns`` are (catalog key, format, width)."""
        ws = self.wb.add_worksheet(self.t(f"xlsx.sheet.{key}")[:31])
        for j, (col, fmt, width) in enumerate(columns):
            ws.write(0, j, self.t(f"xlsx.col.{col}"), self.formats["head"])
            ws.set_column(j, j, width, self.formats[fmt] if fmt else None)
        ws.freeze_panes(1, 0)
        return ws

    def rows(
        self,
        ws: Worksheet,
        rows: Sequence[Row],
        start: int = 1,
        units: Sequence[str | None] = (),
        in_unit: Sequence[int] = (),
    ) -> None:
        """Write rows, ``None`` as an empty cell; the cells of columns ``in_unit`` take the
        format of their row's unit (``units[i]``)."""
        for i, row in enumerate(rows):
            unit = units[i] if i < len(units) else None
            for j, value in enumerate(row):
                fmt = self.unit_format(unit) if j in in_unit else None
                self.write(ws, start + i, j, value, fmt)


def _scorecard(book: _Book) -> None:
    ctx, t, f = book.ctx, book.t, book.formats
    ws = book.sheet(
        "scorecard",
        [("metric", None, 34), ("value", "num", 12), ("goal", "num", 11), ("red_flag", "num", 11),
         ("status", None, 11), ("score", "score", 10), ("change_previous", None, 14),
         ("global_weight", "pct", 12), ("unit", None, 10)],
    )  # fmt: skip
    row = 1
    for criterion in ctx.criteria:
        metrics: list[MetricView] = list(criterion.all_metrics())
        ws.write(row, 0, t.title(criterion.titles, criterion.id), f["group"])
        for j in range(1, 9):
            ws.write_blank(row, j, None, f["group"])
        if criterion.score is not None:
            ws.write(row, 5, criterion.score, f["group_score"])
        if criterion.global_weight is not None:
            ws.write(row, 7, criterion.global_weight, f["group_pct"])
        rows = [
            (
                t.title(m.titles, m.id), m.value, m.goal, m.red_flag, t(f"status.{m.status}"),
                m.score, ctx.fmt.metric_change(m.change_previous, m.unit), m.global_weight,
                book.unit_name(m.unit),
            )
            for m in metrics
        ]  # fmt: skip
        book.rows(ws, rows, row + 1, [m.unit for m in metrics], (1, 2, 3))
        row += len(rows) + 1
    ws.set_landscape()
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(0)


def _metrics(book: _Book) -> None:
    ctx, t = book.ctx, book.t
    ws = book.sheet(
        "metrics",
        [
            ("id", None, 24), ("title", None, 28), ("criterion", None, 20), ("unit", None, 10),
            ("direction", None, 10), ("value", "num", 12), ("goal", "num", 10),
            ("red_flag", "num", 10), ("score", "score", 8), ("status", None, 10),
            ("local_weight", "pct", 10), ("global_weight", "pct", 10),
            ("previous_value", "num", 12), ("baseline_value", "num", 12),
            ("change_previous", None, 12), ("change_baseline", None, 12), ("error", None, 30),
        ],
    )  # fmt: skip
    book.rows(
        ws,
        [
            (
                m.id, t.title(m.titles, m.id), ctx.name(m.criterion) if m.criterion else None,
                book.unit_name(m.unit), t(f"direction.{m.direction}"), m.value, m.goal,
                m.red_flag, m.score,
                t(f"status.{m.status}"), m.local_weight, m.global_weight, m.previous.value,
                m.baseline.value, book.ctx.fmt.metric_change(m.change_previous, m.unit),
                book.ctx.fmt.metric_change(m.change_baseline, m.unit), m.error,
            )
            for m in ctx.metrics
        ],
        units=[m.unit for m in ctx.metrics],
        in_unit=(5, 6, 7, 12, 13),
    )  # fmt: skip


def _segments(book: _Book) -> None:
    ctx, t = book.ctx, book.t
    ws = book.sheet(
        "segments",
        [("id", None, 24), ("title", None, 28), ("dimension", None, 14), ("segment", None, 16),
         ("value", "num", 12), ("score", "score", 8)],
    )  # fmt: skip
    found = [
        (m, dim, name, w)
        for m in ctx.metrics
        for dim, groups in m.breakdown.items()
        for name, w in groups.items()
    ]
    rows = [
        (m.id, t.title(m.titles, m.id), dim, ctx.value_name(dim, name), w.value, w.score)
        for m, dim, name, w in found
    ]  # segment values by their display names (report.values), as in the report
    book.rows(ws, rows, units=[m.unit for m, *_ in found], in_unit=(4,))


def _criteria(book: _Book) -> None:
    ctx = book.ctx
    ws = book.sheet(
        "criteria",
        [("id", None, 24), ("title", None, 28), ("parent", None, 20),
         ("local_weight", "pct", 12), ("global_weight", "pct", 12), ("score", "score", 10)],
    )  # fmt: skip
    rows = [
        (c.id, ctx.t.title(c.titles, c.id), ctx.name(c.parent) if c.parent else None,
         c.local_weight, c.global_weight, c.score)
        for c in ctx.all_criteria()
    ]  # fmt: skip
    book.rows(ws, rows)


def _ahp(book: _Book) -> None:
    ctx, t, f = book.ctx, book.t, book.formats
    ws = book.wb.add_worksheet(t("xlsx.sheet.ahp")[:31])
    ws.set_column(0, 0, 28)
    ws.set_column(1, 30, 11, f["fixed"])
    row = 0
    for block in (b for b in ctx.ahp if b.several):  # one item always weighs 100 %
        ws.write(row, 0, ctx.name(block.node), f["head"])
        stats = [("lambda_max", block.lambda_max), ("ci", block.ci), ("cr", block.cr),
                 ("ri", block.ri), ("threshold", block.threshold)]  # fmt: skip
        if not block.compared:  # default or explicit weights: no consistency to report
            ws.write(row + 1, 1, t(f"appendix.ahp.source.{block.source}"), f["bold"])
            stats = []
        for j, (key, value) in enumerate(stats):
            ws.write(row + 1, 1 + 2 * j, t(f"xlsx.col.{key}"), f["bold"])
            book.write(ws, row + 1, 2 + 2 * j, value)
        row += 2
        names = [ctx.name(i) for i in block.items]
        ws.write_row(row, 1, [*names, t("xlsx.col.weight")], f["bold"])
        for i, name in enumerate(names):
            ws.write(row + 1 + i, 0, name, f["bold"])
            cells = list(block.matrix[i]) if block.matrix and i < len(block.matrix) else []
            cells += [None] * (len(names) - len(cells))
            for j, value in enumerate([*cells, block.weights[i]]):
                book.write(ws, row + 1 + i, 1 + j, value)
        row += len(names) + 2
        if block.experts:  # each expert's share and CR, then the group's (as in appendix A)
            head = [t("appendix.ahp.expert"), t("appendix.ahp.expert_weight"), "CR"]
            ws.write_row(row, 0, head, f["bold"])
            shares = [(name, e.get("weight"), e.get("cr")) for name, e in block.experts.items()]
            for k, (name, share, cr) in enumerate(
                [*shares, (t("appendix.ahp.group"), 1.0, block.cr)]
            ):
                ws.write(row + 1 + k, 0, name)
                book.write(ws, row + 1 + k, 1, share)
                book.write(ws, row + 1 + k, 2, cr)
            row += len(shares) + 3


def _findings(book: _Book) -> None:
    ws = book.sheet(
        "findings",
        [("rule", None, 20), ("severity", None, 10), ("kind", None, 14), ("text", None, 90)],
    )
    t = book.t
    book.rows(
        ws,
        [
            (f.rule, t(f"severity.{f.severity}"), t(f"kind.{f.kind}"), f.text)
            for f in book.ctx.findings
        ],
    )


def _data_quality(book: _Book) -> None:
    ws = book.sheet(
        "data_quality",
        [("table", None, 18), ("metric", None, 24), ("reason", None, 60), ("rows", "num", 10)],
    )
    t = book.t
    left_out: list[Row] = [
        (
            ", ".join(sorted({str(m).split(".")[0] for m in n.get("missing") or ()})),
            n.get("metric"),
            f"{t('appendix.quality.left_out')}: {t('appendix.quality.' + str(n.get('reason')))} "
            f"({', '.join(map(str, n.get('missing') or ()))})",
            None,
        )
        for n in book.ctx.result.get("not_applicable") or ()
        if isinstance(n, Mapping)
    ]
    non_finite: list[Row] = [
        (None, None, t("xlsx.non_finite", sheet=sheet, cell=cell), None)
        for sheet, cell in book.left_empty
    ]
    book.rows(
        ws,
        [
            *(
                (d.get("table"), d.get("metric"), d.get("reason"), d.get("rows"))
                for d in book.ctx.data_quality
            ),
            *left_out,
            *non_finite,
        ],
    )


def _benchmarks(book: _Book) -> None:
    """The metrics among their benchmark peers (only when some metric has a benchmark)."""
    found = [m for m in book.ctx.metrics if m.benchmark is not None]
    if not found:
        return
    t = book.t
    ws = book.sheet(
        "benchmarks",
        [("id", None, 24), ("title", None, 28), ("value", "num", 12), ("p10", "num", 10),
         ("p25", "num", 10), ("p50", "num", 10), ("p75", "num", 10), ("p90", "num", 10),
         ("percentile", "num", 10), ("pack", None, 20), ("population", None, 30),
         ("n", None, 6), ("synthetic", None, 10)],
    )  # fmt: skip
    rows = [
        (m.id, t.title(m.titles, m.id), m.value,
         *(b.quantiles.get(q) for q in ("p10", "p25", "p50", "p75", "p90")),
         b.percentile, b.pack, ", ".join(f"{k}={v}" for k, v in b.population.items()), b.n,
         t("benchmarks.synthetic_word") if b.synthetic else None)
        for m in found
        if (b := m.benchmark) is not None
    ]  # fmt: skip
    book.rows(ws, rows, units=[m.unit for m in found], in_unit=(2, 3, 4, 5, 6, 7))


def _changes(book: _Book) -> None:
    """The change against the previous Result (only when there is one): the overall score
    before and after and the parts that add up to the change, every metric's contribution
    (largest first), the spec's changed keys and each table's rows."""
    ch = book.ctx.result.get("changes")
    if not ch:
        return
    ctx, t, f = book.ctx, book.t, book.formats
    ws = book.wb.add_worksheet(t("xlsx.sheet.changes")[:31])
    ws.set_column(0, 0, 34)
    ws.set_column(1, 5, 16)
    against = ch.get("against") or {}
    ws.write(0, 0, t("xlsx.changes.against"), f["bold"])
    ws.write(0, 1, ctx.fmt.period(against.get("period")))
    parts = ch.get("parts") or {}
    summary = [(f"xlsx.changes.{k}", ch.get(k), "score" if k != "change" else "points")
               for k in ("before", "after", "change")]  # fmt: skip
    summary += [(f"changes.part.{k}", parts.get(k), "points")
                for k in ("scores", "weights", "coverage", "rules")]  # fmt: skip
    for i, (label, value, fmt) in enumerate(summary, start=1):
        ws.write(i, 0, t(label))
        book.write(ws, i, 1, value, f[fmt])
    row = len(summary) + 2
    head = [t("table.metric"), t("table.criterion"), *(t(f"changes.part.{k}") for k in
            ("scores", "weights", "coverage")), t("changes.total")]  # fmt: skip
    ws.write_row(row, 0, head, f["bold"])
    metrics = ctx.largest_changes(top=None, least=0.0)  # every metric, as the report orders them
    for i, m in enumerate(metrics, start=row + 1):
        ws.write(i, 0, ctx.name(str(m["metric"])))
        if m.get("criterion") is not None:  # a metric outside the hierarchy has none
            ws.write(i, 1, ctx.name(str(m["criterion"])))
        for j, key in enumerate(("score", "weight", "coverage", "total"), start=2):
            book.write(ws, i, j, m.get(key), f["points"])
    row += len(metrics) + 2
    ws.write_row(row, 0, [t("changes.key"), t("xlsx.changes.kind"), t("changes.before"),
                          t("changes.after")], f["bold"])  # fmt: skip
    for i, change in enumerate(ch.get("spec") or (), start=row + 1):
        ws.write_row(i, 0, [change["key"], t(f"xlsx.changes.kinds.{change['kind']}"),
                            _json(change.get("before")), _json(change.get("after"))])  # fmt: skip
    if ch.get("spec") is None:  # the previous Result kept only the spec's hash
        ws.write(row + 1, 0, t("changes.spec_hash_only" if ch.get("spec_changed") else
                               "changes.spec_unchanged"))  # fmt: skip
    elif not ch["spec"]:
        ws.write(row + 1, 0, t("changes.spec_unchanged"))
    row += max(len(ch.get("spec") or ()), 1) + 2
    ws.write_row(row, 0, [t("xlsx.col.table"), t("xlsx.changes.rows_before"),
                          t("xlsx.changes.rows_after"), t("xlsx.changes.rows_added"),
                          t("xlsx.changes.rows_removed"), t("xlsx.changes.content")],
                 f["bold"])  # fmt: skip
    for i, d in enumerate(ch.get("data") or (), start=row + 1):
        changed = {True: "yes", False: "no", None: "unknown"}[d.get("changed")]
        ws.write(i, 0, ctx.table_name(d["table"]))
        for j, key in enumerate(("rows_before", "rows_after", "added", "removed"), start=1):
            book.write(ws, i, j, d.get(key))
        ws.write(i, 5, t(f"xlsx.changes.contents.{changed}"))
    ws.set_landscape()
    ws.fit_to_pages(1, 0)


def _json(value: Any) -> str | None:
    """A spec value as its JSON text (``None``: the key is absent on that side)."""
    return None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)


def render_xlsx(ctx: ReportContext) -> bytes:
    """The workbook's bytes."""
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_urls": False,
                                            "strings_to_formulas": False})  # fmt: skip
    workbook.set_properties({"title": ctx.title, "company": ctx.branding.company or ""})
    book = _Book(workbook, ctx)
    for write in (
        _scorecard, _metrics, _segments, _criteria, _ahp, _findings, _data_quality, _benchmarks,
        _changes,
    ):  # fmt: skip
        write(book)
    workbook.close()
    return buffer.getvalue()
