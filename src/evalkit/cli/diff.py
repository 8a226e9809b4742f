"""``evalkit diff A B``: why the overall score moved between two evaluations."""

from __future__ import annotations

import json
from pathlib import Path

import click
from rich.console import Console

from evalkit.cli.literal import literal
from evalkit.cli.options import json_option
from evalkit.diff import ScoreChange, decompose
from evalkit.diff.decompose import largest
from evalkit.errors import InputError
from evalkit.result.store import read_result

TOP = 5


@click.command()
@click.argument("before", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("after", type=click.Path(dir_okay=False, path_type=Path))
@json_option
def diff(before: Path, after: Path, as_json: bool) -> None:
    """Decompose the change of the overall score from BEFORE to AFTER (two result.json files,
    history entries or report PDFs) into metric scores, weights, coverage and rules."""
    try:
        change = decompose(read_result(before), read_result(after), TOP)
    except ValueError as exc:
        raise InputError(f"{before} → {after}: {exc}") from None
    if as_json:
        click.echo(json.dumps(change.to_json(), ensure_ascii=False, indent=2))
    else:
        _print(change)


def _print(change: ScoreChange) -> None:
    console = Console(highlight=False)

    def say(text: str) -> None:
        console.print(literal(text))

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
        state = "changed" if d["changed"] else "unchanged"
        say(f"  {d['table']:16} rows {d['rows_before']} → {d['rows_after']}, {state}")
    say(f"Spec: {'changed' if change.spec_changed else 'unchanged'}")
