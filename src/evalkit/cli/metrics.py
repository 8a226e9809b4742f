"""``evalkit metrics [ID]``: the metrics the loaded plugins provide."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.table import Table

from evalkit.catalog_doc import REGENERATE, render_catalog
from evalkit.cli.literal import literal
from evalkit.cli.options import json_option, plugins_dir_option
from evalkit.errors import InputError
from evalkit.metric import MetricDefinition


def describe_metric(m: MetricDefinition) -> dict[str, Any]:
    """A metric's metadata as ``evalkit metrics --json`` prints it."""
    return {
        "id": m.id,
        "title": dict(m.title),
        "description": m.description,
        "formula": m.formula,
        "translations": {lang: dict(texts) for lang, texts in m.translations.items()},
        "unit": m.unit,
        "direction": m.direction,
        "category": m.category,
        "tables": list(m.tables),
        "columns": {t: list(c) for t, c in m.columns.items()},
        "params_schema": dict(m.params_schema),
        "plugin": m.plugin,
    }


@click.command()
@click.argument("metric_id", required=False)
@json_option
@click.option(
    "--markdown",
    "as_markdown",
    is_flag=True,
    help=f"Print the catalog as Markdown (docs/metrics.md: {REGENERATE}).",
)
@plugins_dir_option
def metrics(
    metric_id: str | None, as_json: bool, as_markdown: bool, plugins_dir: Path | None
) -> None:
    """List the available metrics, or show METRIC_ID in full."""
    from evalkit.pipeline import open_session  # lazy: the engine is slow to import

    registry = open_session(plugins_dir).context.registry
    if as_markdown:
        click.echo(render_catalog(registry), nl=False)
        return
    if metric_id is not None:
        found = registry.metrics.get(metric_id)
        if found is None:
            raise InputError(f"unknown metric '{metric_id}'{registry.suggest(metric_id)}")
        click.echo(json.dumps(describe_metric(found), indent=2, ensure_ascii=False))
        return
    if as_json:
        listed = [describe_metric(m) for m in registry.metrics.values()]
        click.echo(json.dumps(listed, indent=2, ensure_ascii=False))
        return
    table = Table("id", "标题", "title", "unit", "better", "tables")
    for m in registry.metrics.values():
        cells = (
            m.id,
            m.title.get("zh", ""),
            m.title.get("en", ""),
            m.unit,
            m.direction,
            ", ".join(m.tables),
        )
        table.add_row(*(literal(c) for c in cells))
    Console().print(table)
