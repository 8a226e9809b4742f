"""The installed benchmark packs: those in ``configs/benchmarks/`` and those plugins ship
(the ``register_benchmark_packs`` hook), and how a spec's reference finds one."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from evalkit.benchmarks.load import load_pack
from evalkit.benchmarks.pack import Pack
from evalkit.errors import InputError
from evalkit.resources import benchmarks_dir


@dataclass(frozen=True)
class PackFile:
    """An installed pack file and the plugin that ships it (``evalkit`` for built-in ones)."""

    path: Path
    plugin: str = "evalkit"


def pack_files(from_plugins: Iterable[tuple[str, Any]]) -> tuple[PackFile, ...]:
    """The built-in pack files, then the plugins' (``Path`` objects returned by the hook)."""
    folder = benchmarks_dir()
    builtin = sorted(folder.glob("*.yaml")) if folder.is_dir() else []
    return (
        *(PackFile(p) for p in builtin),
        *(PackFile(Path(p), plugin) for plugin, p in from_plugins),
    )


def installed_packs(files: Sequence[PackFile]) -> list[tuple[PackFile, Pack]]:
    """Every installed pack, read and checked (a broken one is an error naming its file)."""
    return [(f, load_pack(f.path)) for f in files]


def is_path(reference: str) -> bool:
    """Whether a spec's reference to a pack is a file path (else it is an installed pack id)."""
    return "/" in reference or reference.endswith((".yaml", ".yml"))


def find_installed(reference: str, files: Sequence[PackFile]) -> Pack:
    """The installed pack whose id is ``reference``; ``InputError`` naming the known ids."""
    packs = installed_packs(files)
    for _, pack in packs:
        if pack.id == reference:
            return pack
    known = ", ".join(p.id for _, p in packs) or "none"
    raise InputError(f"no installed benchmark pack '{reference}'; installed: {known}")
