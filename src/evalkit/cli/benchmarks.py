"""``evalkit benchmarks``: the installed benchmark packs; ``benchmarks build``: a pack from
archived results."""

from __future__ import annotations

import json
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from evalkit.cli.literal import literal
from evalkit.cli.options import json_option, plugins_dir_option


@click.group(invoke_without_command=True)
@json_option
@plugins_dir_option
@click.pass_context
def benchmarks(ctx: click.Context, as_json: bool, plugins_dir: Path | None) -> None:
    """List the installed benchmark packs (built in and from plugins)."""
    if ctx.invoked_subcommand is not None:
        return
    from evalkit.benchmarks.catalog import installed_packs, pack_files
    from evalkit.plugin.manager import load_plugins

    plugins = load_plugins(plugins_dir)
    packs = installed_packs(pack_files(plugins.collect("register_benchmark_packs")))
    if as_json:
        listed = [{**p.describe(), "plugin": f.plugin} for f, p in packs]
        click.echo(json.dumps(listed, indent=2, ensure_ascii=False))
        return
    table = Table("id", "title", "populations", "periods", "source")
    for _, p in packs:
        peers = "; ".join(
            ", ".join(f"{k}={v}" for k, v in pop.keys.items()) + f" ({pop.clients or '?'} clients)"
            for pop in p.populations
        )
        title = p.title.get("en", p.id) + (" [synthetic]" if p.synthetic else "")
        cells = (p.id, title, peers, ", ".join(p.periods), p.source)
        table.add_row(*(literal(c) for c in cells))
    Console().print(table)


@benchmarks.command()
@click.argument("results", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--by",
    default="industry,market",
    show_default=True,
    help="Population keys, comma-separated: industry, market, size, region, year.",
)
@click.option(
    "--out",
    "out",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The pack file to write (YAML).",
)
@click.option(
    "--min-clients",
    default=5,
    show_default=True,
    type=click.IntRange(min=1),
    help="Publish no population or metric with fewer distinct clients.",
)
@click.option("--id", "pack_id", default=None, help="The pack's id (default: the file's name).")
@click.option("--source", default=None, help="Where the results come from (a citation).")
@click.option("--title", default=None, help="The pack's title (default: its id).")
@click.option("--title-zh", default=None, help="Its Chinese title (default: --title).")
@click.option("--synthetic", is_flag=True, help="Mark the pack as made-up peers (a demo).")
def build(
    results: tuple[Path, ...],
    by: str,
    out: Path,
    min_clients: int,
    pack_id: str | None,
    source: str | None,
    title: str | None,
    title_zh: str | None,
    synthetic: bool,
) -> None:
    """Build a pack from RESULTS (result.json files or folders of them, e.g. a --history
    folder): one observation per client and period, no client named."""
    import yaml

    from evalkit.benchmarks.build import build_pack, read_results
    from evalkit.errors import InputError
    from evalkit.result.store import write_atomic

    found = read_results(list(results))
    name = pack_id or out.stem
    built = build_pack(
        found,
        [k.strip() for k in by.split(",") if k.strip()],
        pack_id=name,
        source=source or f"evalkit benchmarks build: {len(found)} archived evaluation result(s)",
        min_clients=min_clients,
        synthetic=synthetic,
        title={"en": title, "zh": title_zh or title} if title else None,
    )
    for line in built.withheld:
        click.echo(literal(f"withheld: {line}"), err=True)
    text = yaml.safe_dump(built.pack, allow_unicode=True, sort_keys=False, width=100)
    header = (
        "# evalkit benchmark pack, written by `evalkit benchmarks build` (docs/benchmarks.md)\n"
    )
    try:
        write_atomic(out, header + text)
    except OSError as exc:
        raise InputError(
            f"--out {out}: cannot write there ({exc.strerror}); choose a file you can write"
        ) from None
    published = built.pack["populations"]
    click.echo(literal(f"wrote {out}: {len(published)} population(s) from {len(found)} result(s)"))
