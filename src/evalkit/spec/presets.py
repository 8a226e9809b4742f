"""Presets: named spec fragments in ``configs/presets/`` and from plugins (``register_presets``).

A preset is a spec file that may also carry a top-level ``preset: {title, description}``
describing it; its name is its path below ``configs/presets/`` without ``.yaml``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from evalkit.resources import presets_dir
from evalkit.yamldoc import load_yaml_file

BUILTIN_PRESETS = presets_dir()


@dataclass(frozen=True)
class Preset:
    """A named spec fragment that specs can ``extends:``."""

    name: str
    path: Path
    plugin: str = "evalkit"
    title: Mapping[str, str] = field(default_factory=dict)
    description: str = ""
    extends: tuple[str, ...] = ()


def describe_preset(preset: Preset) -> Preset:
    """``preset`` with the title, description and extends its file declares (read on demand)."""
    name, path, plugin = preset.name, preset.path, preset.plugin
    data: Any = load_yaml_file(path).data or {}
    about = data.get("preset") or {}
    extends = data.get("extends") or ()
    title = about.get("title") or {"en": name}
    return Preset(
        name,
        path,
        plugin,
        title if isinstance(title, Mapping) else {"en": str(title)},
        str(about.get("description", "")).strip(),
        (extends,) if isinstance(extends, str) else tuple(extends),
    )


def builtin_presets(folder: Path = BUILTIN_PRESETS) -> list[Preset]:
    """The presets shipped in ``configs/presets/`` (names and files; nothing is parsed)."""
    return [
        Preset(path.relative_to(folder).with_suffix("").as_posix(), path)
        for path in sorted(folder.rglob("*.yaml"))
    ]


def preset_catalog(from_plugins: Iterable[tuple[str, Preset]]) -> dict[str, Preset]:
    """Built-in presets plus those plugins register (a plugin preset may not shadow one)."""
    catalog = {p.name: p for p in builtin_presets()}
    for plugin, preset in from_plugins:
        if preset.name in catalog:
            continue
        catalog[preset.name] = Preset(preset.name, preset.path, plugin)
    return catalog
