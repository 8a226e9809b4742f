"""The ``evalkit`` command group and its error handling (exit codes 0/1/2/3)."""

from __future__ import annotations

import sys
import traceback
from typing import Any

import click

from evalkit import __version__
from evalkit.cli.commands import ALL
from evalkit.cli.literal import printable
from evalkit.data.credentials import redact
from evalkit.errors import EvalkitError


class EvalkitGroup(click.Group):
    """A click group that prints evalkit errors as one line each and exits with their code."""

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


for _command in ALL:
    cli.add_command(_command)


def main() -> None:
    """Entry point of the ``evalkit`` console script."""
    cli(prog_name="evalkit")
