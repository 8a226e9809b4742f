"""``evalkit history DIR``: the archived runs, with re-runs that changed a quarter's numbers."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.table import Table

from evalkit.cli.literal import literal
from evalkit.cli.options import json_option
from evalkit.diff import decompose
from evalkit.diff.decompose import largest
from evalkit.history.store import HistoryEntry, changes, read_history
from evalkit.result.store import read_result

MOVED = 3
"""Metrics listed per change: the ones whose contributions were largest."""


@dataclass(frozen=True)
class HistoryRow:
    """One archived run as listed, with what changed against the period's previous run."""

    period: str
    generated_at: str
    score: float | None
    grade: str | None
    spec_sha256: str
    rerun_of: str | None
    changed: list[str]
    score_changed: bool
    path: str
    compared_with: str | None
    """The run the change is measured against: the period's previous run for a re-run, else
    the last run of the period before."""
    score_change: float | None
    """Score minus the compared run's, in points (None without a score on either side)."""
    moved: list[dict[str, float | str]]
    """``{metric, points}``: the metrics that contributed most to ``score_change``."""

    def note(self) -> str:
        """What the table says about a re-run."""
        if self.rerun_of is None:
            return ""
        what = ", ".join(self.changed) or "nothing in spec or data"
        return f"{'score changed' if self.score_changed else 'same score'}; {what}"

    def moves(self) -> str:
        """The change and the metrics behind it, as the table shows them."""
        if self.score_change is None:
            return ""
        names = ", ".join(f"{m['metric']} {float(m['points']):+.1f}" for m in self.moved)
        return f"{self.score_change:+.1f}" + (f" ({names})" if names else "")


def _moved(before: HistoryEntry, after: HistoryEntry) -> tuple[float | None, list[Any]]:
    """Score change from ``before`` to ``after`` and the metrics that moved it most."""
    try:
        change = decompose(read_result(before.path), read_result(after.path))
    except ValueError:  # insufficient data on one side: no score to compare
        return None, []
    moved = [
        {"metric": c.metric, "points": c.total}
        for c in largest(change.metrics, MOVED)
        if abs(c.total) >= 0.05
    ]
    return change.total, moved


def _rows(entries: list[HistoryEntry]) -> list[HistoryRow]:
    rows = []
    last: dict[str, HistoryEntry] = {}
    previous: HistoryEntry | None = None
    for entry in entries:
        before = last.get(entry.period)
        compared = before or previous
        score_change, moved = _moved(compared, entry) if compared else (None, [])
        rows.append(
            HistoryRow(
                period=entry.period,
                generated_at=entry.generated_at,
                score=entry.score,
                grade=entry.grade,
                spec_sha256=entry.spec_sha256,
                rerun_of=str(before.path) if before else None,
                changed=changes(before, entry) if before else [],
                score_changed=bool(before and before.score != entry.score),
                path=str(entry.path),
                compared_with=str(compared.path) if compared else None,
                score_change=score_change,
                moved=moved,
            )
        )
        last[entry.period] = entry
        previous = entry
    return rows


@click.command()
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@json_option
def history(folder: Path, as_json: bool) -> None:
    """List the runs archived in FOLDER by `evalkit run --history FOLDER`."""
    rows = _rows(read_history(folder))
    if as_json:
        click.echo(json.dumps([asdict(r) for r in rows], indent=2, ensure_ascii=False))
        return
    table = Table(
        "period",
        "generated",
        "score",
        "grade",
        "change (metrics that moved most)",
        "re-run: what changed",
    )
    for row in rows:
        score = "–" if row.score is None else f"{row.score:.1f}"
        cells = (row.period, row.generated_at, score, row.grade or "–", row.moves(), row.note())
        table.add_row(*(literal(c) for c in cells))
    Console().print(table)
