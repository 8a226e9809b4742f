"""File digests and CSV files' counts remembered by file identity, so an unchanged data file
is not hashed, or counted, again.

As git's index and DVC's state database do, a file whose device, inode, size and modification
time (in nanoseconds) are those of a file hashed before gets the SHA-256 recorded then. A file
modified less than ``RACY_SECONDS`` before it was read is not recorded: a later write within
the same clock tick would keep its identity (git's "racily clean" files).

The counts over every row of a CSV file (its rows, and per column the values that did not
parse) are remembered the same way, for one way of reading it (``FileCounts``): a CSV holds no
count, and taking them costs a pass over the whole file.

``EVALKIT_CACHE_DIR`` (default ``$XDG_CACHE_HOME/evalkit``, else ``~/.cache/evalkit``) holds
``digests.json`` and ``counts.json``; set it to an empty string to read every file in full on
every run.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

CACHE_DIR = "EVALKIT_CACHE_DIR"
"""Environment variable: the folder of evalkit's caches ("" turns the caches off)."""
KEEP = 512
"""Entries kept in each cache (the most recent): a few quarters of exports of a handful of
clients."""
RACY_SECONDS = 2.0


def cached_sha256(path: Path, compute: Callable[[Path], str]) -> str:
    """``compute(path)``, or the digest recorded for the same file unchanged since."""
    cache = _cache_file("digests.json")
    try:
        identity = _identity(path)
    except OSError:
        return compute(path)  # raises what reading the file raises
    if cache is None:
        return compute(path)
    known = _read(cache)
    if identity in known:
        return str(known[identity])
    before = time.time_ns()
    digest = compute(path)
    _remember(cache, path, identity, before, identity, digest)
    return digest


class FileCounts:
    """Counts over every row of a CSV file read one way (``read``: what names the reading, the
    SQL of the read among it: the file, its dialect, the columns parsed and how): the counts
    remembered for the unchanged file read the same way, and the recording of counts taken by
    a read of the whole file."""

    def __init__(self, path: Path, read: str) -> None:
        self._path = path
        self._cache = _cache_file("counts.json")
        self._since = time.time_ns()
        try:
            identity = _identity(path)
        except OSError:
            self._cache = None
            identity = ""
        self._identity = identity
        self._key = f"{identity}:{hashlib.sha256(read.encode('utf-8')).hexdigest()[:16]}"

    def remembered(self) -> dict[str, int] | None:
        """The counts recorded for this file and read, if the file is unchanged since."""
        if self._cache is None:
            return None
        found = _read(self._cache).get(self._key)
        if not isinstance(found, dict) or not all(isinstance(v, int) for v in found.values()):
            return None
        return {str(k): int(v) for k, v in found.items()}

    def remember(self, counts: Mapping[str, int]) -> None:
        """Record ``counts``, taken by reading the whole file since this object was made."""
        if self._cache is not None:
            _remember(self._cache, self._path, self._identity, self._since, self._key, dict(counts))


def _remember(cache: Path, path: Path, identity: str, before: int, key: str, value: Any) -> None:
    """Record ``value`` under ``key`` if the file still has ``identity`` and was last modified
    more than ``RACY_SECONDS`` before ``before``, the time its reading began."""
    try:
        unchanged = identity == _identity(path)
        mtime = os.stat(path).st_mtime_ns
    except OSError:
        return
    if unchanged and before - mtime > RACY_SECONDS * 1e9:
        known = _read(cache)
        known.pop(key, None)
        known[key] = value
        _write(cache, dict(list(known.items())[-KEEP:]))


def _cache_file(name: str) -> Path | None:
    given = os.environ.get(CACHE_DIR)
    if given == "":
        return None
    if given:
        return Path(given) / name
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "evalkit" / name


def _identity(path: Path) -> str:
    st = os.stat(path)
    return f"{st.st_dev}:{st.st_ino}:{st.st_size}:{st.st_mtime_ns}:{path.resolve()}"


def _read(cache: Path) -> dict[str, Any]:
    try:
        found = json.loads(cache.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}  # no cache yet, or a damaged one: it is rebuilt
    if not isinstance(found, dict):
        return {}
    return {str(k): v for k, v in found.items()}


def _write(cache: Path, known: dict[str, Any]) -> None:
    """Replace the cache file at once (a concurrent run reads the old or the new one)."""
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(
            "w", dir=cache.parent, suffix=".tmp", delete=False, encoding="utf-8"
        ) as handle:
            json.dump(known, handle)
        os.replace(handle.name, cache)
    except OSError:
        pass  # a read-only home: the digest is simply computed again next time
