"""``evalkit serve DIR``: a read-only dashboard over history folders on 127.0.0.1, or
``--export OUT`` to write it as a static site."""

from __future__ import annotations

import socket
from pathlib import Path

import click

from evalkit.cli.options import parse_formats
from evalkit.errors import InputError
from evalkit.serve.dashboard import Dashboard
from evalkit.serve.model import load_site
from evalkit.serve.pages import LOCALES

LOOPBACK = ("127.0.0.1", "localhost", "::1")


def _check_free(host: str, port: int) -> None:
    """``InputError`` when ``host:port`` cannot be listened on (in use, or not an address here)."""
    try:
        with socket.create_server((host, port)):
            pass
    except OSError as exc:
        raise InputError(
            f"--host {host} --port {port}: cannot listen there ({exc.strerror or exc}); "
            "choose another --port, or an address of this machine"
        ) from None


@click.command()
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option(
    "--export",
    "export_to",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Write the pages as a static site into this folder instead of serving them.",
)
@click.option(
    "--downloads",
    default="json,html,xlsx,pdf",
    show_default=True,
    help="With --export: the downloads written for every run (json,html,xlsx,pdf; the PDF "
    "takes most of the time).",
)
@click.option(
    "--locale",
    type=click.Choice(LOCALES),
    default=LOCALES[0],
    show_default=True,
    help="Language of the dashboard's pages (one for every client shown).",
)
def serve(
    folder: Path, host: str, port: int, export_to: Path | None, downloads: str, locale: str
) -> None:
    """Serve a dashboard over FOLDER: a history folder (evalkit run --history) or a folder of
    history folders, one per client. Read-only; binds 127.0.0.1 unless --host says otherwise."""
    site = load_site(folder)
    if export_to is not None:
        from evalkit.serve.export import export

        formats = parse_formats(downloads, "--downloads") or ()
        count = export(Dashboard(site, formats, locale), export_to)
        click.echo(f"wrote {count} files to {export_to}; open {export_to / 'index.html'}")
        return
    _check_free(host, port)
    import uvicorn

    from evalkit.serve.app import make_app

    click.echo(f"evalkit dashboard on http://{host}:{port}/ (Ctrl+C stops it)", err=True)
    if host not in LOOPBACK:
        click.echo(
            f"warning: listening on {host}: anyone who can reach this port sees every client's "
            "results (there is no login)",
            err=True,
        )
    uvicorn.run(make_app(Dashboard(site, locale=locale)), host=host, port=port, log_level="warning")
