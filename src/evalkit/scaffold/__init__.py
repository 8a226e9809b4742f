"""``evalkit plugin new``: a ready-to-test plugin package from the templates beside this file."""

from __future__ import annotations

import re
from importlib.resources import files
from pathlib import Path

from evalkit import __version__
from evalkit.errors import InputError
from evalkit.result.store import write_atomic

NAME = re.compile(r"[a-z][a-z0-9_]*")
"""A plugin name: its distribution, import package, entry point and metric id prefix."""

LAYOUT = {
    "pyproject.toml": "pyproject.toml.tmpl",
    "README.md": "README.md.tmpl",
    "src/{name}/__init__.py": "__init__.py.tmpl",
    "src/{name}/metrics.py": "metrics.py.tmpl",
    "tests/test_metrics.py": "test_metrics.py.tmpl",
    "tests/data/tickets.csv": "tickets.csv.tmpl",
}
"""File of the new package → its template."""


def new_plugin(name: str, directory: Path) -> Path:
    """Write the package ``directory/name`` and return its folder; a name that is not a Python
    identifier in lower case, or a folder that exists and is not empty, is an input error."""
    if not NAME.fullmatch(name):
        raise InputError(
            f"plugin name {name!r}: use lower-case letters, digits and '_', starting with a "
            "letter (it becomes the package name and the metric id prefix), e.g. acme_metrics"
        )
    root = directory / name
    if root.exists() and any(root.iterdir()):
        raise InputError(f"{root} exists and is not empty; choose another name or --dir")
    templates = files("evalkit.scaffold").joinpath("plugin")
    minor = ".".join(__version__.split(".")[:2])
    for target, template in LAYOUT.items():
        text = templates.joinpath(template).read_text("utf-8")
        text = text.replace("{{name}}", name).replace("{{evalkit_version}}", minor)
        path = root / target.format(name=name)
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, text)
    return root
