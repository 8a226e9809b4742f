"""``evalkit render RESULT``: re-render a saved Result (``result.json``, or a report PDF, which
carries its Result as an attachment); no data and no plugins needed."""

from __future__ import annotations

from pathlib import Path

import click

from evalkit.diff.previous import changes_against
from evalkit.errors import InputError
from evalkit.history.store import in_archive
from evalkit.result.store import read_result

RENDERED = ("html", "pdf", "xlsx")


def _formats(value: str) -> list[str]:
    formats = [f.strip() for f in value.split(",") if f.strip()]
    unknown = [f for f in formats if f not in RENDERED]
    if unknown or not formats:
        raise click.BadParameter(
            f"unknown format {', '.join(unknown) or '(none)'}; choose from {', '.join(RENDERED)}",
            param_hint="--format",
        )
    return formats


@click.command()
@click.argument("result_path", metavar="RESULT", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--format",
    "formats",
    default="pdf,html",
    show_default=True,
    help="Comma-separated: html,pdf,xlsx.",
)
@click.option("--locale", help="Report language: zh-CN or en (default: the Result's).")
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Output folder (default: the folder of RESULT; never a --history archive).",
)
@click.option(
    "--base-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help=(
        "The spec's folder, where report.branding.logo and report.templates are "
        "(default: the folder of RESULT)."
    ),
)
@click.option(
    "--previous",
    type=click.Path(dir_okay=False, path_type=Path),
    help="A previous result to explain the change against (the `changes` section), instead of "
    "the one RESULT was compared with when it was made.",
)
def render(
    result_path: Path,
    formats: str,
    locale: str | None,
    out_dir: Path | None,
    base_dir: Path | None,
    previous: Path | None,
) -> None:
    """Render the reports of a saved RESULT (result.json or a report.pdf) into --out."""
    from evalkit.report import render_report

    result = read_result(result_path)
    if previous is not None:
        result["changes"] = changes_against(read_result(previous), result)
    out = out_dir or result_path.parent
    if in_archive(out):
        raise InputError(
            f"{out}: is a --history archive, which is write-once; "
            "render into another folder with --out DIR"
        )
    base = base_dir or result_path.parent
    templates = (result.get("report") or {}).get("templates")
    written = render_report(
        result,
        out,
        _formats(formats),
        locale=locale,
        templates_dir=base / templates if templates else None,
        base_dir=base,
    )
    for path in written:
        click.echo(str(path))
