"""``evalkit ahp FILE``: AHP weights and consistency of a comparison file, as tables or JSON.

Exit status: 0 when every matrix is consistent, 1 when some CR is above its threshold (the
output is still printed in full, and stderr names the judgment to revisit), 2 for invalid
input. Judgments outside Saaty's scale 1/9 … 9 are reported as warnings on stderr.
"""

from __future__ import annotations

import json
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from evalkit.ahp import AhpResult, HierarchyResult, analyse_file
from evalkit.ahp.scale import format_value
from evalkit.cli.literal import literal, printable
from evalkit.yamldoc import load_yaml_file


@click.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print exactly one JSON object.")
@click.pass_context
def ahp(ctx: click.Context, file: Path, as_json: bool) -> None:
    """Compute AHP weights and consistency for FILE (YAML or JSON).

    Exit status: 0 consistent, 1 some CR above its threshold, 2 invalid input.
    """
    result = analyse_file(load_yaml_file(file))
    for warning in result.warnings:
        click.echo(printable(warning), err=True)
    if as_json:
        click.echo(json.dumps(result.to_json(), ensure_ascii=False, indent=2, allow_nan=False))
    else:
        _print_tables(result)
    if not result.consistent:
        for line in _inconsistencies(result):
            click.echo(printable(line), err=True)
        ctx.exit(1)


def _inconsistencies(result: AhpResult | HierarchyResult) -> list[str]:
    """One line per inconsistent matrix: where the judgment to revisit is, and why."""
    nodes = result.nodes if isinstance(result, HierarchyResult) else {"": result}
    lines = []
    for name, node in nodes.items():
        if node.consistent:
            continue
        worst = node.most_inconsistent
        where = f"{worst.location}: " if worst and worst.location else ""
        label = f"node {name!r}: " if name else ""
        lines.append(f"{where}{label}{node.inconsistency_message()}")
    return lines


def _print_tables(result: AhpResult | HierarchyResult) -> None:
    console = Console(highlight=False)
    if isinstance(result, AhpResult):
        _print_block(console, "AHP weights", result)
        return
    for name, node in result.nodes.items():
        _print_block(console, f"Node {name!r}", node)
    table = Table(title="Global weights (distributive synthesis)")
    table.add_column("Leaf")
    table.add_column("Weight", justify="right")
    for leaf, weight in result.global_weights.items():
        table.add_row(literal(leaf), f"{weight:.2%}")
    console.print(table)
    verdict = "all nodes consistent" if result.consistent else "some nodes inconsistent"
    console.print(f"Verdict: {verdict}")


def _print_block(console: Console, title: str, result: AhpResult) -> None:
    table = Table(title=literal(title))
    table.add_column("Item")
    table.add_column("Weight", justify="right")
    for item, weight in result.weights.items():
        table.add_row(literal(item), f"{weight:.2%}")
    console.print(table)
    if result.method == "weights":
        console.print("Direct weights (no comparisons): consistent by definition.\n")
        return
    console.print(
        f"λmax {result.lambda_max:.4f}   CI {result.ci:.4f}   CR {result.cr:.4f}   "
        f"(RI {result.ri:g}, table {result.ri_table}; method {result.method})"
    )
    verdict = "consistent" if result.consistent else "INCONSISTENT"
    console.print(f"Verdict: {verdict} — {result.inconsistency_message()}")
    worst = result.most_inconsistent
    if worst is not None:
        label = "Most inconsistent judgment" if result.consistent else "Judgment to revisit"
        console.print(
            literal(
                f"{label}: {worst.a!r} vs {worst.b!r} = {format_value(worst.value)}; "
                f"the weights imply {worst.consistent_value:.3g} (about {worst.saaty_label})"
            )
        )
    if result.completed:
        filled = ", ".join(f"{a!r} vs {b!r} = {v:.3g}" for (a, b), v in result.completed.items())
        console.print(literal(f"Missing judgments filled in: {filled}"))
    if result.experts:
        _print_experts(console, result)
    console.print()


def _print_experts(console: Console, result: AhpResult) -> None:
    table = Table(title="Experts")
    table.add_column("Expert")
    table.add_column("Weight", justify="right")
    table.add_column("CR", justify="right")
    for item in result.items:
        table.add_column(literal(item), justify="right")
    for name, expert in (result.experts or {}).items():
        shares = [f"{expert.weights[item]:.1%}" for item in result.items]
        table.add_row(literal(name), f"{expert.weight:.0%}", f"{expert.cr:.3f}", *shares)
    console.print(table)
