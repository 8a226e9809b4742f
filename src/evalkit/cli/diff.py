"""``evalkit diff A B``: why the overall score moved between two evaluations."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click
from rich.console import Console

from evalkit.cli.literal import literal
from evalkit.cli.options import json_option
from evalkit.diff import ScoreChange, decompose
from evalkit.diff.decompose import largest
from evalkit.errors import InputError
from evalkit.history.store import latest_in, read_history
from evalkit.result.store import read_result

TOP = 5
SHOWN = 60
"""Characters of a spec value the text output shows (``--json`` has them whole)."""


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--period",
    metavar="BEFORE..AFTER",
    help="Compare the last runs of two periods in the history folder given as the one PATH "
    "(2026Q2..2026Q3).",
)
@json_option
def diff(paths: tuple[Path, ...], period: str | None, as_json: bool) -> None:
    """Decompose the change of the overall score from BEFORE to AFTER (two result.json files,
    history entries or report PDFs; or --period P1..P2 HISTORY_DIR) into metric scores,
    weights, coverage and rules."""
    before, after = _pair(paths, period)
    try:
        change = decompose(read_result(before), read_result(after), TOP)
    except ValueError as exc:
        raise InputError(f"{before} → {after}: {exc}") from None
    if as_json:
        click.echo(json.dumps(change.to_json(), ensure_ascii=False, indent=2))
    else:
        _print(change, before, after)


def _pair(paths: tuple[Path, ...], period: str | None) -> tuple[Path, Path]:
    """The two files to compare: the two PATHs, or the last runs of two periods."""
    if period is None:
        if len(paths) != 2:
            raise InputError(
                "evalkit diff: give two results (BEFORE AFTER) or --period P1..P2 HISTORY_DIR"
            )
        return paths[0], paths[1]
    first, sep, second = period.partition("..")
    if not sep or not first or not second:
        raise InputError(f"--period {period}: write two periods as BEFORE..AFTER (2026Q2..2026Q3)")
    if len(paths) != 1:
        raise InputError("evalkit diff --period: give one history folder (HISTORY_DIR)")
    entries = read_history(paths[0])
    return latest_in(entries, first, paths[0]).path, latest_in(entries, second, paths[0]).path


def _shown(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else value
    return text if len(text) <= SHOWN else text[: SHOWN - 1] + "…"


def _print(change: ScoreChange, before: Path, after: Path) -> None:
    console = Console(highlight=False, soft_wrap=True)  # long paths and lines are not cut

    def say(text: str) -> None:
        console.print(literal(text))

    say(f"{before} → {after}")
    say(
        f"Overall score {change.before:.1f} → {change.after:.1f} "
        f"({change.total:+.1f} points, after rules on both sides)"
    )
    for name, value in change.to_json()["parts"].items():
        say(f"  {name:9} {value:+.2f}")
    say("By top-level criterion:")
    for criterion, value in sorted(change.criteria.items(), key=lambda kv: -abs(kv[1])):
        say(f"  {criterion or '(none)':30} {value:+.2f}")
    say("Largest contributions:")
    for c in largest(change.metrics, TOP):
        say(
            f"  {c.metric:30} {c.total:+.2f} (score {c.score:+.2f}, weight {c.weight:+.2f}, "
            f"coverage {c.coverage:+.2f})"
        )
    if change.moved:
        say("Values that moved most:")
        for m in change.moved:
            say(
                f"  {m['metric']:30} {m['before']:.4g} → {m['after']:.4g} "
                f"(score {m['score_change']:+.1f})"
            )
    say("Data:")
    for d in change.data:
        if d["changed"] is None:
            state = "no content hash (database): same row count"
        elif not d["changed"]:
            state = "unchanged"
        else:
            state = f"changed (+{d['added']} / −{d['removed']} rows)"
        say(f"  {d['table']:16} rows {d['rows_before']} → {d['rows_after']}, {state}")
    if change.spec is None:
        say(f"Spec: {'changed (hash only)' if change.spec_changed else 'unchanged'}")
    elif not change.spec:
        state = "only values from the environment (${VAR}) changed" if change.spec_changed else ""
        say(f"Spec: {state or 'unchanged'}")
    else:
        say("Spec changes:")
        for s in change.spec:
            if s.kind == "added":
                say(f"  + {s.key}: {_shown(s.after)}")
            elif s.kind == "removed":
                say(f"  - {s.key}: {_shown(s.before)}")
            else:
                say(f"  ~ {s.key}: {_shown(s.before)} → {_shown(s.after)}")
