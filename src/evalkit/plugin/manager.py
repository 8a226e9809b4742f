"""Loading plugins: entry points, a ``--plugins-dir`` folder, environment switches."""

from __future__ import annotations

import ast
import importlib.util
import os
import sys
from dataclasses import dataclass
from importlib.metadata import entry_points
from pathlib import Path
from types import ModuleType
from typing import Any

import pluggy

from evalkit.errors import InputError
from evalkit.plugin import hookspecs
from evalkit.plugin.markers import PROJECT

DISABLE_AUTOLOAD = "EVALKIT_DISABLE_PLUGIN_AUTOLOAD"
ONLY_PLUGINS = "EVALKIT_PLUGINS"


@dataclass(frozen=True)
class PluginInfo:
    """A loaded plugin as ``evalkit plugins`` shows it."""

    name: str
    version: str
    hooks: tuple[str, ...]
    source: str


class Plugins:
    """The loaded plugins; call ``collect(hook_name)`` for the merged results of a hook."""

    def __init__(self, manager: pluggy.PluginManager, info: dict[str, tuple[str, str]]) -> None:
        self._pm = manager
        self._info = info

    def collect(self, hook_name: str) -> list[tuple[str, Any]]:
        """Every item returned by ``hook_name``, paired with the name of the plugin it came from."""
        items: list[tuple[str, Any]] = []
        for impl in getattr(self._pm.hook, hook_name).get_hookimpls():
            name = self._pm.get_name(impl.plugin) or "?"
            for item in impl.function() or []:
                items.append((name, item))
        return items

    def version_of(self, plugin: str) -> str:
        """The version of a loaded plugin's distribution (``local`` for a folder plugin)."""
        return self._info.get(plugin, ("", "unknown"))[1]

    def describe(self) -> list[PluginInfo]:
        """The loaded plugins with their versions and the hooks they implement."""
        described = []
        for name, plugin in sorted(self._pm.list_name_plugin()):
            hooks = tuple(sorted(c.name for c in self._pm.get_hookcallers(plugin) or []))
            source, version = self._info.get(name, ("", "unknown"))
            described.append(PluginInfo(name, version, hooks, source))
        return described


def load_plugins(plugins_dir: Path | None = None, *, autoload: bool | None = None) -> Plugins:
    """Load entry-point plugins (unless disabled) and the plugins in ``plugins_dir``
    (see :func:`folder_plugins`)."""
    pm = pluggy.PluginManager(PROJECT)
    pm.add_hookspecs(hookspecs)
    info: dict[str, tuple[str, str]] = {}
    if autoload is None:
        autoload = os.environ.get(DISABLE_AUTOLOAD, "") in ("", "0")
    if autoload:
        _load_entry_points(pm, info)
    if plugins_dir is not None:
        _load_folder(pm, info, plugins_dir)
    try:
        pm.check_pending()
    except pluggy.PluginValidationError as exc:
        raise InputError(f"plugin {exc}") from None
    return Plugins(pm, info)


def _load_entry_points(pm: pluggy.PluginManager, info: dict[str, tuple[str, str]]) -> None:
    only = {n.strip() for n in os.environ.get(ONLY_PLUGINS, "").split(",") if n.strip()}
    for ep in entry_points(group=PROJECT):
        if only and ep.name not in only:
            continue
        try:
            module = ep.load()
        except (Exception, SystemExit) as exc:  # a plugin's exit is a plugin error, not ours
            raise InputError(
                f"plugin '{ep.name}' ({ep.value}) failed to load: {_failure(exc)}"
            ) from None
        pm.register(module, name=ep.name)
        version = ep.dist.version if ep.dist else "unknown"
        info[ep.name] = (f"entry point {ep.value}", version)


def _load_folder(pm: pluggy.PluginManager, info: dict[str, tuple[str, str]], folder: Path) -> None:
    if not folder.is_dir():
        raise InputError(f"--plugins-dir {folder}: not a folder")
    for path in folder_plugins(folder):
        name = _plugin_name(path)
        module = _import_file(name, path)
        pm.register(module, name=name)
        info[name] = (str(path), "local")


def folder_plugins(folder: Path) -> list[Path]:
    """The plugins of a ``--plugins-dir`` folder, by name: each package directory (a folder with
    an ``__init__.py``, given as that file) and each ``*.py`` module that defines a function
    decorated with ``hookimpl``. Tests (``test_*``, ``*_test``, ``tests/``, ``conftest.py``),
    private names (``_x``) and other modules (helpers) are never imported."""
    found = [
        p / "__init__.py"
        for p in folder.iterdir()
        if (p / "__init__.py").is_file() and not _skipped(p.name)
    ]
    found += [p for p in folder.glob("*.py") if not _skipped(p.stem) and _defines_hooks(p)]
    return sorted(found, key=_plugin_name)


def _skipped(name: str) -> bool:
    """Tests (``test_x``, ``x_test``, ``tests``, ``conftest``) and private names (``_x``)."""
    return (
        name.startswith(("test_", "_", "."))
        or name.endswith("_test")
        or name in ("test", "tests", "conftest")
    )


def _plugin_name(path: Path) -> str:
    return path.parent.name if path.name == "__init__.py" else path.stem


def _defines_hooks(path: Path) -> bool:
    """Whether the module's source has a function decorated ``@hookimpl`` (or ``@x.hookimpl``);
    a module that does not parse is imported, so that its error is reported."""
    try:
        tree = ast.parse(path.read_bytes(), filename=str(path))
    except (SyntaxError, ValueError):
        return True
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            for decorator in node.decorator_list:
                target = decorator.func if isinstance(decorator, ast.Call) else decorator
                name = target.attr if isinstance(target, ast.Attribute) else None
                if isinstance(target, ast.Name):
                    name = target.id
                if name == "hookimpl":
                    return True
    return False


def _import_file(name: str, path: Path) -> ModuleType:
    package = [str(path.parent)] if path.name == "__init__.py" else None
    spec = importlib.util.spec_from_file_location(
        f"evalkit_local_plugins.{name}", path, submodule_search_locations=package
    )
    if spec is None or spec.loader is None:
        raise InputError(f"{path}: cannot be imported as a plugin")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    try:
        spec.loader.exec_module(module)
    except (Exception, SystemExit) as exc:  # a plugin's exit is a plugin error, not ours
        sys.modules.pop(spec.name, None)
        line = _failing_line(exc, path)
        raise InputError(f"{path}:{line}:1: plugin failed to import: {_failure(exc)}") from None
    return module


def _failure(exc: BaseException) -> str:
    if isinstance(exc, SystemExit):
        return f"it called sys.exit({exc.code!r}) while being imported; plugins must not exit"
    return f"{type(exc).__name__}: {exc}"


def _failing_line(exc: BaseException, path: Path) -> int:
    if isinstance(exc, SyntaxError) and exc.lineno:
        return exc.lineno
    tb = exc.__traceback__
    line = 1
    while tb is not None:
        if Path(tb.tb_frame.f_code.co_filename) == path:
            line = tb.tb_lineno
        tb = tb.tb_next
    return line
