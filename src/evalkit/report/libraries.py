"""Finding WeasyPrint's C libraries from one ``ldconfig -p`` listing instead of two dozen.

WeasyPrint tries several names for each library it loads (``libgobject-2.0-0``,
``gobject-2.0-0``, ``gobject-2.0``, ``libgobject-2.0.so.0``, ...), and cffi passes every name
that is not a file to ``ctypes.util.find_library``. On Linux that runs ``ldconfig -p`` and,
for each name it does not find, ``gcc`` and ``ld`` as well: some twenty subprocesses and
0.4 s of every ``evalkit render`` on a machine with a compiler. While WeasyPrint is imported,
:func:`ldconfig_lookup` answers ``find_library`` from a single listing. A name missing from it
is missing (the gcc/ld fallbacks find only libraries dlopen cannot open by bare name anyway);
WeasyPrint then tries its next name, and a full soname such as ``libgobject-2.0.so.0`` is
opened by dlopen itself, ``LD_LIBRARY_PATH`` included.
"""

from __future__ import annotations

import ctypes.util
import re
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager

LDCONFIG = "/sbin/ldconfig"


def _listing() -> str | None:
    """The dynamic linker's cache as ``ldconfig -p`` prints it, or None without ldconfig."""
    try:
        done = subprocess.run(
            [LDCONFIG, "-p"],
            capture_output=True,
            text=True,
            env={"LC_ALL": "C", "LANG": "C"},
            check=False,
        )
    except OSError:
        return None
    return done.stdout if done.returncode == 0 else None


def soname(name: str, listing: str) -> str | None:
    """What ``find_library(name)`` finds in ``listing``: the first ``lib<name>.*`` soname."""
    match = re.search(rf"\s(lib{re.escape(name)}\.\S+)\s+\(", listing)
    return match[1] if match else None


@contextmanager
def ldconfig_lookup() -> Iterator[None]:
    """Within the block, ``ctypes.util.find_library`` reads one ``ldconfig -p`` listing.

    Outside Linux, or where ``ldconfig`` cannot be run, ``find_library`` is left alone.
    """
    listing = _listing() if sys.platform.startswith("linux") else None
    if listing is None:
        yield
        return
    original = ctypes.util.find_library
    ctypes.util.find_library = lambda name: soname(name, listing)
    try:
        yield
    finally:
        ctypes.util.find_library = original
