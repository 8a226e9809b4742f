"""The summary ``evalkit run`` prints: overall score and grade, criteria, failing metrics."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console
from rich.table import Table

from evalkit.result.model import Result


def _fmt(score: float | None) -> str:
    return "–" if score is None else f"{score:.1f}"


def print_summary(result: Result, written: list[Path]) -> None:
    """Print a human summary of ``result`` to stdout."""
    console = Console(highlight=False)
    ev = result.evaluation
    o = result.overall
    console.print(
        f"[bold]{ev['title'].get('en', '')}[/bold] — {ev['client'].get('en', '')} — {ev['period']}"
    )
    grade = o.grade or "–"
    console.print(f"Overall score {_fmt(o.score)}  grade {grade}", end="")
    if o.score_before_rules != o.score or o.grade_before_rules != o.grade:
        console.print(f"  (before rules {_fmt(o.score_before_rules)} {o.grade_before_rules})")
    else:
        console.print()
    for name, compared in (("previous", o.previous), ("baseline", o.baseline)):
        change = o.change.get(name)
        if compared and change is not None:
            console.print(
                f"  {change:+.1f} vs {name} ({compared['period']}: {_fmt(compared['score'])})"
            )
    table = Table("criterion", "weight", "score", box=None)
    for c in result.criteria:
        if c.parent is not None:
            depth = "  " * (_depth(result, c.id) - 1)
            table.add_row(
                f"{depth}{c.title.get('en', c.id)}",
                "–" if c.global_weight is None else f"{c.global_weight:.1%}",
                _fmt(c.score),
            )
    console.print(table)
    failing = [m for m in result.metrics if m.status in ("red", "error", "no_data")]
    for m in failing:
        detail = m.error or ("no data" if m.status == "no_data" else f"value {m.value:.4g}")
        console.print(f"  {m.status:8} {m.id}: {detail}")
    for w in result.warnings:
        console.print(f"warning: {w}", style="yellow")
    for path in written:
        console.print(f"wrote {path}")


def _depth(result: Result, cid: str) -> int:
    parents = {c.id: c.parent for c in result.criteria}
    depth = 0
    while parents.get(cid):
        cid = parents[cid] or ""
        depth += 1
    return depth
