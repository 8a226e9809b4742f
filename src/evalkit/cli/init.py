"""``evalkit init DIR``: a starter spec with comments."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

import click

from evalkit.errors import InputError
from evalkit.result.store import write_atomic


@click.command()
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path), default=".")
def init(directory: Path) -> None:
    """Write DIRECTORY/spec.yaml, a commented starter spec."""
    target = directory / "spec.yaml"
    if target.exists():
        raise InputError(f"{target} exists already; choose another folder")
    write_atomic(target, files("evalkit.spec").joinpath("starter.yaml").read_text("utf-8"))
    click.echo(f"wrote {target}; edit it, then run: evalkit validate {target}")
