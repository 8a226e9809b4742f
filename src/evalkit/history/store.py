"""A folder of past results: ``DIR/<period>/<run number>-<generated_at>-<spec hash>.json``,
write-once; run numbers count up within a period, so the order never depends on the clock.

A company runs the same spec every quarter from a scheduler; ``evalkit run --history DIR``
files each result here. Nothing is ever overwritten or deleted, so a re-run of a quarter adds
a second entry and ``evalkit history`` shows that the numbers changed and why (spec or data).
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from evalkit.errors import InputError
from evalkit.result.store import dumps_result

ENTRY_NAME = re.compile(r"^\d{4}-.+-[0-9a-f]{12}\.json$")
"""The file name ``archive`` gives an entry: run number, time stamp, spec hash."""


@dataclass(frozen=True)
class HistoryEntry:
    """One archived run."""

    path: Path
    period: str
    generated_at: str
    score: float | None
    grade: str | None
    spec_sha256: str
    data_sha256: Mapping[str, str]
    """Table → content hash of the data it was read from."""


def archive(result: Mapping[str, Any], folder: Path) -> Path:
    """File ``result`` under ``folder``; never replaces an existing entry."""
    period = str(result["evaluation"]["period"])
    stamp = str(result["provenance"]["generated_at"]).replace(":", "").replace("+0000", "Z")
    name = f"{stamp}-{str(result['provenance']['spec_sha256'])[:12]}.json"
    target_dir = folder / period
    target_dir.mkdir(parents=True, exist_ok=True)
    text = dumps_result(dict(result)).encode()
    number = len(list(target_dir.glob("*.json"))) + 1
    while True:  # another run may take a number at the same moment: take the next one
        path = target_dir / f"{number:04d}-{name}"
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o444)
        except FileExistsError:
            number += 1
            continue
        with os.fdopen(fd, "wb") as handle:
            handle.write(text)
        return path


def _holds_entries(folder: Path) -> bool:
    return folder.is_dir() and any(ENTRY_NAME.match(p.name) for p in folder.glob("*.json"))


def _archive_root(folder: Path) -> bool:
    return folder.is_dir() and any(_holds_entries(p) for p in folder.iterdir())


def in_archive(folder: Path) -> bool:
    """Whether ``folder`` is, or is inside, a history folder (or a period folder of one), where
    nothing but ``archive`` may write."""
    folder = folder.resolve()
    if any(_holds_entries(p) for p in (folder, *folder.parents)):
        return True
    return _archive_root(folder) or _archive_root(folder.parent)


def read_history(folder: Path, within: Path | None = None) -> list[HistoryEntry]:
    """Every archived run, oldest period first, runs of a period in time order.

    With ``within``, an entry whose real path (links resolved) is not under it is skipped.
    """
    if not folder.is_dir():
        raise InputError(f"{folder}: no history folder (evalkit run --history {folder} makes one)")
    entries = []
    for path in sorted(folder.glob("*/*.json")):
        if within is not None and not path.resolve().is_relative_to(within):
            continue
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            raise InputError(f"{path}: unreadable history entry ({exc})") from None
        provenance = data.get("provenance", {})
        entries.append(
            HistoryEntry(
                path=path,
                period=str(data["evaluation"]["period"]),
                generated_at=str(provenance.get("generated_at", "")),
                score=data["overall"].get("score"),
                grade=data["overall"].get("grade"),
                spec_sha256=str(provenance.get("spec_sha256", "")),
                data_sha256={d["table"]: d["sha256"] for d in provenance.get("data", [])},
            )
        )
    return sorted(entries, key=lambda e: (e.period, e.path.name))


def changes(before: HistoryEntry, after: HistoryEntry) -> list[str]:
    """What differs between two runs of the same period: the spec, and which tables' data."""
    found = []
    if before.spec_sha256 != after.spec_sha256:
        found.append("spec")
    tables = sorted(set(before.data_sha256) | set(after.data_sha256))
    found += [f"data:{t}" for t in tables if before.data_sha256.get(t) != after.data_sha256.get(t)]
    return found


def latest_in(entries: list[HistoryEntry], period: str, folder: Path) -> HistoryEntry:
    """The last run archived for ``period`` (a re-run replaces the quarter's earlier runs);
    InputError naming the periods there are when it has none."""
    found = [e for e in entries if e.period == period]
    if not found:
        periods = ", ".join(sorted({e.period for e in entries})) or "none"
        raise InputError(f"{folder}: no run of {period} in the history (periods: {periods})")
    return found[-1]
