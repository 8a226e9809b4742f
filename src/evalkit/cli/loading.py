"""Importing the engine without the cyclic garbage collector, in the console script.

Loading Ibis, sqlglot, numpy and evalkit's engine allocates a few hundred thousand objects
that live as long as the process, and the collector, triggered by the allocations, walks them
all again and again: 0.08–0.09 s of a one-million-ticket ``evalkit run`` of 0.86 s
(benchmarks/README.md). With the collector off while they load, and the loaded objects then
moved out of its reach (``gc.freeze``), the run costs what it would without a collector.

Only the console script does this: it ends with ``os._exit`` (``cli/main.py``), so what was
frozen is never needed back. A process that calls the command group and goes on (a test
suite, a program using evalkit as a library) loads the engine as usual.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

CONSOLE = "console"
"""The key of the click context object the console script sets (``main``)."""


@contextmanager
def loading(console: bool) -> Iterator[None]:
    """Run the block (the imports of a command); in the ``console`` script with the collector
    off, then freeze what exists and turn the collector back on for the command's work."""
    if not console or not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.enable()
