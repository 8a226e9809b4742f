"""``evalkit history DIR``: the archived runs, with re-runs that changed a quarter's numbers."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from evalkit.cli.literal import literal
from evalkit.cli.options import json_option
from evalkit.history.store import HistoryEntry, changes, read_history


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

    def note(self) -> str:
        """What the table says about a re-run."""
        if self.rerun_of is None:
            return ""
        what = ", ".join(self.changed) or "nothing in spec or data"
        return f"{'score changed' if self.score_changed else 'same score'}; {what}"


def _rows(entries: list[HistoryEntry]) -> list[HistoryRow]:
    rows = []
    last: dict[str, HistoryEntry] = {}
    for entry in entries:
        before = last.get(entry.period)
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
            )
        )
        last[entry.period] = entry
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
    table = Table("period", "generated", "score", "grade", "re-run: what changed")
    for row in rows:
        score = "–" if row.score is None else f"{row.score:.1f}"
        cells = (row.period, row.generated_at, score, row.grade or "–", row.note())
        table.add_row(*(literal(c) for c in cells))
    Console().print(table)
