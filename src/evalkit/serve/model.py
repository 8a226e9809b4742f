"""What the dashboard shows: the clients of the served folder and their archived runs.

The served folder is one history folder (``evalkit run --history DIR``: one client, named after
the folder) or a folder of history folders, one per client. Only what lies inside the served
folder after resolving symbolic links is read: a client folder, a period folder or an entry
that links out of it is left out, so no URL can reach it.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from evalkit.errors import InputError
from evalkit.history.store import ENTRY_NAME, HistoryEntry, read_history


@dataclass(frozen=True)
class Run:
    """One archived run of a client: ``period`` is its period folder, ``number`` its run
    number within that period."""

    client: str
    period: str
    number: int
    entry: HistoryEntry

    @property
    def label(self) -> str:
        """How the dashboard names the run: ``2026Q3 #2``."""
        return f"{self.period} #{self.number}"

    def result(self) -> Mapping[str, Any]:
        """The run's result.json (entries are write-once, so it is read once)."""
        return _read(self.entry.path)


@dataclass(frozen=True)
class Client:
    """A client's history folder and its runs, oldest first."""

    name: str
    runs: tuple[Run, ...]

    @property
    def periods(self) -> tuple[str, ...]:
        """The periods with at least one run, oldest first."""
        return tuple(dict.fromkeys(r.period for r in self.runs))

    def latest(self, period: str) -> Run | None:
        """The last run of ``period`` (None if there is none)."""
        found = [r for r in self.runs if r.period == period]
        return found[-1] if found else None

    def run(self, period: str, number: int) -> Run | None:
        """The run ``number`` of ``period``, if archived."""
        return next((r for r in self.runs if (r.period, r.number) == (period, number)), None)


@dataclass(frozen=True)
class Site:
    """The served folder: clients by name."""

    root: Path
    clients: Mapping[str, Client]

    @property
    def periods(self) -> tuple[str, ...]:
        """Every period of any client, oldest first."""
        return tuple(sorted({p for c in self.clients.values() for p in c.periods}))

    def run(self, client: str, period: str, number: int) -> Run | None:
        """A run by its place in the URL; None for anything not served."""
        found = self.clients.get(client)
        return None if found is None else found.run(period, number)


def load_site(folder: Path) -> Site:
    """The clients of ``folder``; ``InputError`` when it holds no archived run."""
    root = folder.resolve()
    if not root.is_dir():
        raise InputError(f"{folder}: not a folder; serve a history folder (evalkit run --history)")
    clients: dict[str, Client] = {}
    own = _client(root.name, root, root)
    if own.runs:
        clients[own.name] = own
    else:
        for sub in sorted(root.iterdir()):
            if sub.name.startswith(".") or not sub.is_dir():
                continue
            if not sub.resolve().is_relative_to(root):
                continue  # a link out of the served folder
            client = _client(sub.name, sub, root)
            if client.runs:
                clients[client.name] = client
    if not clients:
        raise InputError(
            f"{folder}: no archived runs; serve a folder made by `evalkit run --history {folder}` "
            "or a folder of such folders (one per client)"
        )
    return Site(root, clients)


def _client(name: str, folder: Path, root: Path) -> Client:
    runs = tuple(
        Run(name, e.path.parent.name, int(e.path.name[:4]), e)
        for e in read_history(folder, within=root)
        if ENTRY_NAME.match(e.path.name)
    )
    return Client(name, runs)


@lru_cache(maxsize=512)
def _read(path: Path) -> Mapping[str, Any]:
    data: Mapping[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data
