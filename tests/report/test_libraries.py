"""Finding WeasyPrint's C libraries from one ``ldconfig -p`` listing."""

from __future__ import annotations

import ctypes.util
import shutil
import subprocess
import sys

import pytest

from evalkit.report.libraries import LDCONFIG, ldconfig_lookup, soname

LISTING = """\
612 libs found in cache `/etc/ld.so.cache'
\tlibgobject-2.0.so.0 (libc6,x86-64) => /lib/x86_64-linux-gnu/libgobject-2.0.so.0
\tlibharfbuzz-subset.so.0 (libc6,x86-64) => /lib/x86_64-linux-gnu/libharfbuzz-subset.so.0
\tlibharfbuzz.so.0 (libc6,x86-64) => /lib/x86_64-linux-gnu/libharfbuzz.so.0
"""


def test_soname_matches_lib_name_dot_like_ctypes() -> None:
    assert soname("gobject-2.0", LISTING) == "libgobject-2.0.so.0"
    assert soname("harfbuzz", LISTING) == "libharfbuzz.so.0"
    assert soname("harfbuzz-subset", LISTING) == "libharfbuzz-subset.so.0"
    # WeasyPrint's guesses for other platforms are not in the listing.
    assert soname("gobject-2.0-0", LISTING) is None
    assert soname("libgobject-2.0-0", LISTING) is None
    assert soname("harfbuzz-0.0", LISTING) is None


needs_ldconfig = pytest.mark.skipif(
    not sys.platform.startswith("linux") or shutil.which(LDCONFIG) is None,
    reason="needs Linux with ldconfig",
)


@needs_ldconfig
def test_lookup_finds_what_ctypes_finds_in_the_linker_cache() -> None:
    listing = subprocess.run([LDCONFIG, "-p"], capture_output=True, text=True).stdout
    for name in ("c", "m", "gobject-2.0", "pango-1.0", "harfbuzz", "fontconfig"):
        expected = ctypes.util.find_library(name)
        assert expected is not None
        assert soname(name, listing) == expected


@needs_ldconfig
def test_lookup_is_undone_after_the_block() -> None:
    original = ctypes.util.find_library
    with ldconfig_lookup():
        assert ctypes.util.find_library is not original
        assert ctypes.util.find_library("gobject-2.0-0") is None
    assert ctypes.util.find_library is original


@needs_ldconfig
def test_weasyprint_imported_within_the_block_loads_every_library() -> None:
    code = (
        "from evalkit.report.libraries import ldconfig_lookup\n"
        "with ldconfig_lookup():\n"
        "    from weasyprint.text import ffi\n"
        "print(ffi.harfbuzz_subset is not None, ffi.pangoft2 is not None)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["True", "True"]
