"""The list of evalkit's commands; each lives in its own module."""

from __future__ import annotations

import click

from evalkit.cli.ahp import ahp
from evalkit.cli.experts import experts
from evalkit.cli.history import history
from evalkit.cli.init import init
from evalkit.cli.metrics import metrics
from evalkit.cli.plugins import plugins
from evalkit.cli.presets import presets
from evalkit.cli.render import render
from evalkit.cli.run import run
from evalkit.cli.schema import schema
from evalkit.cli.validate import validate
from evalkit.demo.cli import demo

ALL: tuple[click.Command, ...] = (
    run,
    validate,
    ahp,
    schema,
    metrics,
    presets,
    plugins,
    init,
    render,
    demo,
    history,
    experts,
)
