"""Importing the engine without the cyclic garbage collector.

Loading Ibis, sqlglot, numpy and the plugins allocates a few hundred thousand objects that
live as long as the process, and the collector, triggered by the allocations, walks them all
again and again: 0.08–0.09 s of a one-million-ticket ``evalkit run`` of 0.85 s
(benchmarks/README.md). With the collector off while they load, and the loaded objects then
moved out of its reach (``gc.freeze``), the run costs what it would without a collector.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def loading() -> Iterator[None]:
    """Run the block (the imports of a command) with the collector off, then freeze what
    exists and turn the collector back on for the command's work."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()
