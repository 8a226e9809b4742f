"""Options shared by several commands."""

from __future__ import annotations

from pathlib import Path

import click

plugins_dir_option = click.option(
    "--plugins-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Also load the plugins in this folder: package folders and *.py modules with "
    "@hookimpl functions (tests and helpers are not imported).",
)
json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON.")

FORMATS = ("json", "html", "pdf", "xlsx")


def parse_formats(value: str | None, option: str = "--format") -> tuple[str, ...] | None:
    """``json,pdf`` → ("json", "pdf"); unknown formats are a usage error of ``option``."""
    if value is None:
        return None
    formats = tuple(f.strip() for f in value.split(",") if f.strip())
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise click.BadParameter(
            f"unknown format {', '.join(unknown)}; choose from {', '.join(FORMATS)}",
            param_hint=option,
        )
    return formats
