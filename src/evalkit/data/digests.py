"""File digests remembered by file identity, so an unchanged data file is not hashed again.

As git's index and DVC's state database do, a file whose device, inode, size and modification
time (in nanoseconds) are those of a file hashed before gets the SHA-256 recorded then. A file
modified less than ``RACY_SECONDS`` before it was hashed is not recorded: a later write within
the same clock tick would keep its identity (git's "racily clean" files).

``EVALKIT_CACHE_DIR`` (default ``$XDG_CACHE_HOME/evalkit``, else ``~/.cache/evalkit``) holds
``digests.json``; set it to an empty string to hash every file on every run.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

CACHE_DIR = "EVALKIT_CACHE_DIR"
"""Environment variable: the folder of evalkit's caches ("" turns the digest cache off)."""
KEEP = 512
"""Digests kept (the most recent): a few quarters of exports of a handful of clients."""
RACY_SECONDS = 2.0


def cached_sha256(path: Path, compute: Callable[[Path], str]) -> str:
    """``compute(path)``, or the digest recorded for the same file unchanged since."""
    cache = _cache_file()
    try:
        identity = _identity(path)
    except OSError:
        return compute(path)  # raises what reading the file raises
    if cache is None:
        return compute(path)
    known = _read(cache)
    if identity in known:
        return known[identity]
    before = time.time_ns()
    digest = compute(path)
    mtime = os.stat(path).st_mtime_ns
    if identity == _identity(path) and before - mtime > RACY_SECONDS * 1e9:
        known.pop(identity, None)
        known[identity] = digest
        _write(cache, dict(list(known.items())[-KEEP:]))
    return digest


def _cache_file() -> Path | None:
    given = os.environ.get(CACHE_DIR)
    if given == "":
        return None
    if given:
        return Path(given) / "digests.json"
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "evalkit" / "digests.json"


def _identity(path: Path) -> str:
    st = os.stat(path)
    return f"{st.st_dev}:{st.st_ino}:{st.st_size}:{st.st_mtime_ns}:{path.resolve()}"


def _read(cache: Path) -> dict[str, str]:
    try:
        found = json.loads(cache.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}  # no cache yet, or a damaged one: it is rebuilt
    if not isinstance(found, dict):
        return {}
    return {str(k): str(v) for k, v in found.items()}


def _write(cache: Path, known: dict[str, str]) -> None:
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
