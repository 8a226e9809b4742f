"""``evalkit ahp FILE``: AHP weights and consistency of a comparison file or of a spec's
criteria (each node's merged matrix, after presets and metrics left out), as tables or JSON.

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
from evalkit.ahp.merged import merged_matrix
from evalkit.ahp.scale import format_value
from evalkit.cli.literal import literal, printable
from evalkit.yamldoc import load_yaml_file


@click.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print exactly one JSON object.")
@click.pass_context
def ahp(ctx: click.Context, file: Path, as_json: bool) -> None:
    """Compute AHP weights and consistency for FILE (YAML or JSON): a comparison file, or an
    evaluation spec (a file with ``version:``), whose every node is shown after its presets
    are merged and the metrics its data cannot feed are left out.

    Exit status: 0 consistent, 1 some CR above its threshold, 2 invalid input.
    """
    doc = load_yaml_file(file)
    if isinstance(doc.data, dict) and "version" in doc.data:
        _spec_weights(ctx, file, as_json)
        return
    result = analyse_file(doc)
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


def _spec_weights(ctx: click.Context, file: Path, as_json: bool) -> None:
    from evalkit.compute.headers import read_headers
    from evalkit.pipeline import open_session  # lazy: the engine is slow to import
    from evalkit.spec.load import load_spec

    spec = load_spec(
        file, open_session().context, headers=read_headers, inconsistent_weights="warn"
    )
    matrices = {
        node: merged_matrix(spec.doc, ("weights", node), result)
        for node, result in spec.weights.items()
    }
    if as_json:
        nodes = {
            node: {**result.to_json(), "matrix": matrices[node]}
            for node, result in spec.weights.items()
        }
        consistent = all(r.consistent for r in spec.weights.values())
        click.echo(
            json.dumps(
                {
                    "nodes": nodes,
                    "consistent": consistent,
                    "not_applicable": [n.to_json() for n in spec.not_applicable],
                },
                ensure_ascii=False,
                indent=2,
            )
        )
    else:
        console = Console(highlight=False)
        for left_out in spec.not_applicable:
            console.print(left_out.describe())
        for node, result in spec.weights.items():
            if matrices[node] is not None:
                _print_matrix(console, node, result.items, matrices[node] or [])
            _print_block(console, f"Node {node!r}", result)
    bad = {node: r for node, r in spec.weights.items() if not r.consistent}
    for node, result in bad.items():
        worst = result.most_inconsistent
        where = f"{worst.location}: " if worst and worst.location else ""
        click.echo(f"{where}node {node!r}: {result.inconsistency_message()}", err=True)
    if bad:
        ctx.exit(1)


def _print_matrix(
    console: Console, node: str, items: tuple[str, ...], matrix: list[list[float]]
) -> None:
    table = Table(title=f"Node {node!r}: merged judgments")
    table.add_column("")
    for item in items:
        table.add_column(item, justify="right")
    for item, row in zip(items, matrix, strict=True):
        table.add_row(item, *(format_value(v) for v in row))
    console.print(table)


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
    c = result.collected
    if c is not None:
        choice = "kept in" if c.above_threshold == "keep" else "left out of"
        above = ", ".join(c.inconsistent) or "none"
        line = f"Collected {c.at}; experts above the CR threshold ({choice} the group): {above}"
        if c.incomplete:
            line += f"; left out, not linking every item: {', '.join(c.incomplete)}"
        console.print(literal(line))
