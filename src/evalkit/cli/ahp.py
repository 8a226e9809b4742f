"""``evalkit ahp FILE``: AHP weights and consistency of a comparison file (placeholder)."""

from __future__ import annotations

import click


@click.command()
@click.argument("file", type=click.Path(dir_okay=False))
def ahp(file: str) -> None:
    """Compute AHP weights and consistency for FILE."""
    raise click.UsageError("not implemented yet")
