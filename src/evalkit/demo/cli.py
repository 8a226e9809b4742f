"""``evalkit demo [--out DIR]``: write the demo data and spec, evaluate them, show the outputs."""

from __future__ import annotations

from pathlib import Path

import click

from evalkit.cli.options import parse_formats
from evalkit.cli.summary import print_summary


@click.command()
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("demo-out"),
    show_default=True,
    help="Folder for the demo's data, spec and report.",
)
@click.option(
    "--format",
    "formats",
    default="json,html,pdf",
    show_default=True,
    help="Comma-separated outputs: json,html,pdf,xlsx (the PDF takes most of the time).",
)
def demo(out_dir: Path, formats: str) -> None:
    """Evaluate a fictional manufacturer's service system after go-live, end to end.

    Writes OUT/data (every canonical table; tickets as the client's GBK export), OUT/spec.yaml
    (a commented spec on the market/b2b and industry/manufacturing presets) and OUT/report.
    """
    from evalkit.demo.generate import generate_demo  # lazy: the engine is slow to import
    from evalkit.pipeline import run as run_pipeline

    data = generate_demo(out_dir)
    click.echo(f"demo data: {data.spec.parent / 'data'} ({len(data.tables)} tables)")
    click.echo(f"demo spec: {data.spec}")
    result, written = run_pipeline(
        data.spec,
        period=None,
        out_dir=out_dir / "report",
        formats=parse_formats(formats),
        plugins_dir=None,
    )
    print_summary(result, written)
    click.echo(f"edit {data.spec} and re-run: evalkit run {data.spec} --out {out_dir / 'report'}")
