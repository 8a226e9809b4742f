"""``evalkit validate SPEC``: every problem of a spec, its data's headers included."""

from __future__ import annotations

from pathlib import Path

import click

from evalkit.cli.literal import printable
from evalkit.cli.options import plugins_dir_option


@click.command()
@click.argument("spec", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--no-data",
    is_flag=True,
    help="Do not open the sources: skip the check of their headers (sheets, columns).",
)
@plugins_dir_option
def validate(spec: Path, no_data: bool, plugins_dir: Path | None) -> None:
    """Check SPEC: schema, metrics, criteria, weights, data mapping, headers and rules.

    Metrics of presets that the data cannot feed are listed as not applicable.
    """
    from evalkit.compute.headers import read_headers
    from evalkit.pipeline import open_session  # lazy: the engine is slow to import
    from evalkit.spec.load import load_spec

    session = open_session(plugins_dir)
    loaded = load_spec(spec, session.context, headers=None if no_data else read_headers)
    for warning in loaded.warnings:
        click.echo(printable(warning), err=True)
    for left_out in loaded.not_applicable:
        click.echo(printable(f"{spec}: {left_out.describe()}"))
    click.echo(
        f"{printable(spec)}: ok ({len(loaded.metrics)} metrics, {len(loaded.criteria) - 1} "
        f"criteria, {len(loaded.rules)} rules"
        + (f", {len(loaded.not_applicable)} not applicable" if loaded.not_applicable else "")
        + ")"
    )
