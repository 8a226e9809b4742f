"""``evalkit schema``: the JSON Schema of a spec with the loaded plugins' parameters."""

from __future__ import annotations

import json
from pathlib import Path

import click

from evalkit.cli.options import plugins_dir_option


@click.command()
@plugins_dir_option
def schema(plugins_dir: Path | None) -> None:
    """Print the spec's JSON Schema (for editor completion and validation)."""
    from evalkit.pipeline import open_session  # lazy: the engine is slow to import

    session = open_session(plugins_dir)
    click.echo(json.dumps(session.context.schema(), indent=2, ensure_ascii=False))
