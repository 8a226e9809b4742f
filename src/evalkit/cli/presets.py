"""``evalkit presets``: the presets a spec can extend."""

from __future__ import annotations

import json
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from evalkit.cli.literal import literal
from evalkit.cli.options import json_option, plugins_dir_option
from evalkit.spec.presets import describe_preset


@click.command()
@json_option
@plugins_dir_option
def presets(as_json: bool, plugins_dir: Path | None) -> None:
    """List the presets (built in and from plugins)."""
    from evalkit.pipeline import open_session  # lazy: the engine is slow to import

    described = [describe_preset(p) for p in open_session(plugins_dir).context.presets.values()]
    if as_json:
        listed = [
            {
                "name": p.name,
                "title": dict(p.title),
                "description": p.description,
                "extends": list(p.extends),
            }
            for p in described
        ]
        click.echo(json.dumps(listed, indent=2, ensure_ascii=False))
        return
    table = Table("name", "title", "extends")
    for p in described:
        cells = (
            p.name,
            p.title.get("zh", "") + " / " + p.title.get("en", ""),
            ", ".join(p.extends),
        )
        table.add_row(*(literal(c) for c in cells))
    Console().print(table)
