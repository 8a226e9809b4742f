"""The summary ``evalkit run`` prints: overall score and grade, criteria, failing metrics."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console
from rich.table import Table
from rich.text import Text

from evalkit.cli.literal import literal
from evalkit.result.model import Result


def print_summary(result: Result, written: list[Path]) -> None:
    """Print a human summary of ``result`` to stdout, in the evaluation's language, each value
    in its unit."""
    from evalkit.report.formatting import Formatter
    from evalkit.report.i18n import Translator, language_of

    locale = str(result.evaluation.get("locale") or "en")
    t = Translator(language_of(locale))
    fmt = Formatter(locale, t)
    console = Console(highlight=False)
    ev, o = result.evaluation, result.overall
    console.print(
        Text.assemble(
            literal(t.title(ev["title"], ""), "bold"),
            literal(f" — {t.title(ev['client'], '')}"),
            literal(f" — {fmt.period(ev['period'])}"),
        )
    )
    line = t("cli.overall", score=fmt.score(o.score), grade=o.grade or "–")
    if o.score_before_rules != o.score or o.grade_before_rules != o.grade:
        before = fmt.score(o.score_before_rules)
        line += " " + t("cli.before_rules", score=before, grade=o.grade_before_rules or "–")
    console.print(literal(line))
    for name, compared in (("previous", o.previous), ("baseline", o.baseline)):
        change = o.change.get(name)
        if compared and change is not None:
            period = fmt.period(compared["period"]) if name == "previous" else t("cli.baseline")
            console.print(
                literal(
                    "  "
                    + t(
                        "cli.change",
                        change=fmt.points(change),
                        period=period,
                        score=fmt.score(compared["score"]),
                    )
                )
            )
    table = Table(t("table.criterion"), t("table.weight"), t("table.score"), box=None)
    for c in result.criteria:
        if c.parent is not None:
            depth = "  " * (_depth(result, c.id) - 1)
            table.add_row(
                literal(f"{depth}{t.title(c.title, c.id)}"),
                fmt.percent(c.global_weight),
                fmt.score(c.score),
            )
    console.print(table)
    for m in (m for m in result.metrics if m.status in ("red", "error", "no_data")):
        detail = m.error or fmt.value(m.value, m.unit)
        status = t(f"status.{m.status}")
        console.print(literal(f"  {status}  {t.title(m.title, m.id)}: {detail}"))
    if result.not_applicable:
        left_out = ", ".join(str(n["metric"]) for n in result.not_applicable)
        console.print(literal("  " + t("cli.not_applicable", metrics=left_out)))
    for w in result.warnings:
        console.print(literal(t("cli.warning", text=w), "yellow"))
    for path in written:
        console.print(literal(t("cli.wrote", path=path)))


def _depth(result: Result, cid: str) -> int:
    parents = {c.id: c.parent for c in result.criteria}
    depth = 0
    while parents.get(cid):
        cid = parents[cid] or ""
        depth += 1
    return depth
