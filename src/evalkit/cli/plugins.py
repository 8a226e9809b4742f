"""``evalkit plugins``: the loaded plugins with their versions and hooks."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from evalkit.cli.literal import literal
from evalkit.cli.options import json_option, plugins_dir_option
from evalkit.plugin.manager import load_plugins


@click.command()
@json_option
@plugins_dir_option
def plugins(as_json: bool, plugins_dir: Path | None) -> None:
    """List the loaded plugins."""
    described = load_plugins(plugins_dir).describe()
    if as_json:
        click.echo(json.dumps([asdict(p) for p in described], indent=2))
        return
    table = Table("name", "version", "hooks", "source")
    for p in described:
        table.add_row(*(literal(c) for c in (p.name, p.version, ", ".join(p.hooks), p.source)))
    Console().print(table)
