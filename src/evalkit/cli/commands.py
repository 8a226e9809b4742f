"""The list of evalkit's commands; each lives in its own module."""

from __future__ import annotations

import click

from evalkit.cli.ahp import ahp

ALL: tuple[click.Command, ...] = (ahp,)
