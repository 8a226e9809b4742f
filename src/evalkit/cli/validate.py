"""``evalkit validate SPEC``: every problem of a spec, without reading any data."""

from __future__ import annotations

from pathlib import Path

import click

from evalkit.cli.literal import printable
from evalkit.cli.options import plugins_dir_option


@click.command()
@click.argument("spec", type=click.Path(dir_okay=False, path_type=Path))
@plugins_dir_option
def validate(spec: Path, plugins_dir: Path | None) -> None:
    """Check SPEC: schema, metrics, criteria, weights, data mapping and rules."""
    from evalkit.pipeline import open_session  # lazy: the engine is slow to import
    from evalkit.spec.load import load_spec

    session = open_session(plugins_dir)
    loaded = load_spec(spec, session.context)
    for warning in loaded.warnings:
        click.echo(printable(warning), err=True)
    click.echo(
        f"{printable(spec)}: ok ({len(loaded.metrics)} metrics, "
        f"{len(loaded.criteria) - 1} criteria, {len(loaded.rules)} rules)"
    )
