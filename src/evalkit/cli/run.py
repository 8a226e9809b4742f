"""``evalkit run SPEC``: evaluate one period and write the outputs."""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path
from typing import Any

import click
from rich.console import Console

from evalkit.cli.loading import CONSOLE, loading
from evalkit.cli.options import parse_formats, plugins_dir_option
from evalkit.cli.summary import print_summary
from evalkit.errors import GateFailed


@click.command()
@click.argument("spec", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--period", help="The period to evaluate, e.g. 2026Q3 or 2026-08.")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path))
@click.option("--format", "formats", help="Comma-separated: json,html,pdf,xlsx.")
@click.option(
    "--history",
    type=click.Path(file_okay=False, path_type=Path),
    help="Also archive result.json in this folder (write-once; see `evalkit history`).",
)
@click.option(
    "--previous",
    type=click.Path(dir_okay=False, path_type=Path),
    help="A previous result.json (or report PDF) to explain the change against (the report's "
    "`changes` section); default with --history: the last run of the period before.",
)
@plugins_dir_option
@click.pass_obj
def run(
    obj: dict[str, Any] | None,
    spec: Path,
    period: str | None,
    out_dir: Path | None,
    formats: str | None,
    history: Path | None,
    previous: Path | None,
    plugins_dir: Path | None,
) -> None:
    """Evaluate SPEC for one period; write result.json and the reports.

    Exit status: 0 ok, 1 a gate rule fired (after writing every output), 2 bad input.
    """
    with loading(bool(obj and obj.get(CONSOLE))):  # lazy: the engine is slow to import
        from evalkit.pipeline import run as run_pipeline

    console = Console(stderr=True)
    progress = (
        console.status("evaluating…", spinner="dots")
        if sys.stderr.isatty()
        else contextlib.nullcontext()
    )
    with progress:
        result, written = run_pipeline(
            spec,
            period=period,
            out_dir=out_dir,
            formats=parse_formats(formats),
            plugins_dir=plugins_dir,
            history=history,
            previous=previous,
        )
    print_summary(result, written)
    if result.gate_failed:
        fired = [r["id"] for r in result.rules if r.get("fired") and r["effects"].get("gate")]
        raise GateFailed(f"gate failed: rule {', '.join(fired)} fired")
