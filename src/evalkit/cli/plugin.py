"""``evalkit plugin new`` (a plugin package to start from) and ``evalkit plugin check``."""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

import click

from evalkit.errors import InputError
from evalkit.plugin.manager import Plugins, folder_plugins, load_plugins


@click.group()
def plugin() -> None:
    """Write and check plugins."""


@plugin.command()
@click.argument("name")
@click.option(
    "--dir",
    "directory",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("."),
    show_default=True,
    help="The folder to create the package NAME in.",
)
def new(name: str, directory: Path) -> None:
    """Create the plugin package NAME: pyproject, one example metric, a test, a README."""
    from evalkit.scaffold import new_plugin

    root = new_plugin(name, directory)
    click.echo(
        f"wrote {root}; next: cd {root} && pip install -e '.[test]' && pytest && "
        f"evalkit plugin check {name}"
    )


@plugin.command()
@click.argument("target", default=".")
def check(target: str) -> None:
    """Check the metrics of a plugin; TARGET is a plugin project folder (its pyproject's
    entry points, installed), a plugin module or package, a --plugins-dir folder, or the name
    of an installed plugin. Prints one line per problem and exits 2 if there is any."""
    from evalkit.plugin.check import check_metrics

    plugins, names = _load_target(target)
    every = plugins.collect("register_metrics")
    loaded = {p.name for p in plugins.describe()}
    problems = [
        f"plugin '{n}' is not installed; run: pip install -e <its folder>"
        for n in sorted(names - loaded)
    ]
    problems += check_metrics([(p, d) for p, d in every if p in names], every)
    for line in problems:
        click.echo(line)
    if problems:
        sys.exit(2)
    checked = sum(1 for p, _ in every if p in names)
    click.echo(f"ok: {checked} metric(s) of {', '.join(sorted(names))}")


def _load_target(target: str) -> tuple[Plugins, set[str]]:
    path = Path(target)
    if (path / "pyproject.toml").is_file():
        names = _entry_points(path / "pyproject.toml")
        return load_plugins(), names
    if path.is_file() and path.suffix == ".py":
        return load_plugins(path.parent), {path.stem}
    if (path / "__init__.py").is_file():
        return load_plugins(path.resolve().parent), {path.resolve().name}
    if path.is_dir():
        found = folder_plugins(path)
        if not found:
            raise InputError(f"{path}: no plugin here (no pyproject.toml, no @hookimpl module)")
        names = {p.parent.name if p.name == "__init__.py" else p.stem for p in found}
        return load_plugins(path), names
    return load_plugins(), {target}


def _entry_points(pyproject: Path) -> set[str]:
    try:
        data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"{pyproject}: not valid TOML: {exc}") from None
    names = set(data.get("project", {}).get("entry-points", {}).get("evalkit", {}))
    if not names:
        raise InputError(
            f'{pyproject}: no [project.entry-points.evalkit]; add e.g. myplugin = "myplugin"'
        )
    return names
