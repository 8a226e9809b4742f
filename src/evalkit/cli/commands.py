"""The list of evalkit's commands; each lives in its own module, imported when it runs.

``evalkit run SPEC --format json`` then imports what a run needs and not, say, the AHP
command's numerics or the demo's data generator (start-up time: see benchmarks/README.md).
"""

from __future__ import annotations

from importlib import import_module

import click

COMMANDS: dict[str, str] = {
    "run": "evalkit.cli.run",
    "validate": "evalkit.cli.validate",
    "ahp": "evalkit.cli.ahp",
    "schema": "evalkit.cli.schema",
    "metrics": "evalkit.cli.metrics",
    "presets": "evalkit.cli.presets",
    "plugins": "evalkit.cli.plugins",
    "init": "evalkit.cli.init",
    "render": "evalkit.cli.render",
    "demo": "evalkit.demo.cli",
    "history": "evalkit.cli.history",
    "plugin": "evalkit.cli.plugin",
    "experts": "evalkit.cli.experts",
    "diff": "evalkit.cli.diff",
    "serve": "evalkit.cli.serve",
    "benchmarks": "evalkit.cli.benchmarks",
}
"""Command name → the module defining it (as an attribute of the same name)."""


def load(name: str) -> click.Command:
    """The command ``name`` (KeyError if there is none)."""
    command = getattr(import_module(COMMANDS[name]), name)
    assert isinstance(command, click.Command)
    return command
