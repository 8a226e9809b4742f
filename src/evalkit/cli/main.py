"""The ``evalkit`` command group and its error handling (exit codes 0/1/2/3)."""

from __future__ import annotations

import contextlib
import os
import sys
import traceback
from typing import Any

import click

from evalkit import __version__
from evalkit.cli.commands import COMMANDS, load
from evalkit.cli.literal import printable
from evalkit.cli.loading import CONSOLE
from evalkit.data.credentials import redact
from evalkit.errors import EvalkitError


class EvalkitGroup(click.Group):
    """A click group that prints evalkit errors as one line each and exits with their code,
    and imports a command's module only when that command is looked up."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        return load(cmd_name) if cmd_name in COMMANDS else None

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except EvalkitError as exc:
            if ctx.obj and ctx.obj.get("debug"):
                traceback.print_exc()
            for line in exc.lines():
                line = printable(redact(line))
                click.echo(f"error: {line}" if exc.exit_code != 1 else line, err=True)
            sys.exit(exc.exit_code)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except Exception as exc:  # an internal error: a bug, or a plugin that broke
            if ctx.obj and ctx.obj.get("debug"):
                traceback.print_exc()
            else:
                click.echo(
                    printable(
                        redact(
                            f"internal error: {type(exc).__name__}: {exc} "
                            "(run with --debug for details)"
                        )
                    ),
                    err=True,
                )
            sys.exit(3)


@click.group(cls=EvalkitGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="evalkit")
@click.option("--debug", is_flag=True, help="Show tracebacks for errors.")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """Evaluate a customer-service / CRM system after go-live from one YAML spec."""
    ctx.ensure_object(dict)
    ctx.obj["debug"] = debug


def main() -> None:
    """Entry point of the ``evalkit`` console script.

    The process ends with ``os._exit`` once its output is flushed: by then every file is
    written and closed, temporary folders removed and connections closed, and letting the
    interpreter tear down Ibis's, sqlglot's and DuckDB's modules one by one costs 0.2–0.5 s of
    every command.
    """
    try:
        cli(prog_name="evalkit", obj={CONSOLE: True})
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        if exc.code is not None and not isinstance(exc.code, int):
            click.echo(exc.code, err=True)
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a closed pipe (`evalkit … | head`)
            stream.flush()
    os._exit(code)
