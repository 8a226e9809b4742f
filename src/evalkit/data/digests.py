"""File digests and CSV row counts remembered by file identity, so an unchanged data file is
not hashed, or counted, again.

As git's index and DVC's state database do, a file whose device, inode, size and modification
time (in nanoseconds) are those of a file hashed before gets the SHA-256 recorded then. A file
modified less than ``RACY_SECONDS`` before it was read is not recorded: a later write within
the same clock tick would keep its identity (git's "racily clean" files).

A CSV file's row count is remembered the same way, for one way of reading it (``FileRows``):
a CSV holds no count, and counting its rows costs a pass over the whole file.

``EVALKIT_CACHE_DIR`` (default ``$XDG_CACHE_HOME/evalkit``, else ``~/.cache/evalkit``) holds
``digests.json`` and ``rows.json``; set it to an empty string to read every file in full on
every run.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

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
    _remember(cache, path, identity, before, digest)
    return digest


class FileRows:
    """The row count of a CSV file read one way (``read``: the SQL of the read, which names the
    file, its dialect and the columns it parses): the count remembered for the unchanged file
    read the same way, and the recording of a count taken by a full read of it."""

    def __init__(self, path: Path, read: str) -> None:
        self._path = path
        self._cache = _cache_file("rows.json")
        self._since = time.time_ns()
        try:
            identity = _identity(path)
        except OSError:
            self._cache = None
            identity = ""
        self._identity = identity
        self._key = f"{identity}:{hashlib.sha256(read.encode('utf-8')).hexdigest()[:16]}"

    def remembered(self) -> int | None:
        """The count recorded for this file and read, if the file is unchanged since."""
        if self._cache is None:
            return None
        found = _read(self._cache).get(self._key)
        return int(found) if isinstance(found, int) else None

    def remember(self, rows: int) -> None:
        """Record ``rows``, counted by reading the whole file since this object was made."""
        if self._cache is not None:
            _remember(self._cache, self._path, self._identity, self._since, rows, self._key)


def _remember(
    cache: Path, path: Path, identity: str, before: int, value: str | int, key: str = ""
) -> None:
    """Record ``value`` under ``key`` (default: the identity) if the file still has
    ``identity`` and was last modified more than ``RACY_SECONDS`` before ``before``, the time
    its reading began."""
    try:
        unchanged = identity == _identity(path)
        mtime = os.stat(path).st_mtime_ns
    except OSError:
        return
    if unchanged and before - mtime > RACY_SECONDS * 1e9:
        known = _read(cache)
        known.pop(key or identity, None)
        known[key or identity] = value
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


def _read(cache: Path) -> dict[str, str | int]:
    try:
        found = json.loads(cache.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}  # no cache yet, or a damaged one: it is rebuilt
    if not isinstance(found, dict):
        return {}
    return {str(k): v if isinstance(v, int) else str(v) for k, v in found.items()}


def _write(cache: Path, known: dict[str, str | int]) -> None:
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
