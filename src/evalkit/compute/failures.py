"""Failures that are the source's, not a metric's: exit 2 naming the source, whichever query.

A metric whose own computation fails gets an error in its outcome and the others are still
computed. A statement the database stopped (a statement timeout, a cancel, a lost connection,
a full disk) or one DuckDB had no memory for is different: the run cannot give the numbers the
spec asks for, and a report whose score rests on fewer metrics for that reason would mislead.
"""

from __future__ import annotations

import sys

import duckdb

from evalkit.data.credentials import described
from evalkit.errors import DataError
from evalkit.location import Location

MEMORY_LIMIT = "EVALKIT_MEMORY_LIMIT"
"""Environment variable: the most memory DuckDB may use (``2GB``, ``512MiB``); beyond it, large
aggregations spill to the temporary directory. Default: DuckDB's (80 % of the RAM)."""
TEMP_DIRECTORY = "EVALKIT_TEMP_DIRECTORY"
"""Environment variable: where DuckDB spills. Default: a folder in the run's temporary
directory, removed when the run ends."""
_STOPPED = ("08", "53", "57", "58")
"""SQLSTATE classes of a statement the database itself stopped: connection exception,
insufficient resources, operator intervention (a statement timeout, a cancel), system error."""
_CANCELED = "57014"
"""query_canceled: a statement timeout or a cancel."""


def stopped_by_the_database(exc: BaseException) -> bool:
    """Whether ``exc`` is the database stopping a statement, or the connection to it lost
    (psycopg's ``OperationalError`` without a SQLSTATE: the client saw the server go)."""
    state = getattr(exc, "sqlstate", None)
    if isinstance(state, str):
        return state[:2] in _STOPPED
    psycopg = sys.modules.get("psycopg")  # loaded by any run that reads a database
    return psycopg is not None and isinstance(exc, psycopg.OperationalError)


def raise_source_failure(
    shown: str, exc: BaseException, location: Location | None, *, memory: bool = True
) -> None:
    """Raise the error naming source ``shown`` when ``exc`` is not a metric's failure: a
    statement the database stopped, or (``memory``) DuckDB out of memory."""
    if stopped_by_the_database(exc):
        hint = ""
        if getattr(exc, "sqlstate", None) == _CANCELED:
            hint = (
                "; if the query needs more time, set a longer limit in the url, "
                "e.g. ?options=-c%20statement_timeout%3D1800s"
            )
        raise DataError(f"{shown}: cannot be read: {described(exc)}{hint}", location) from None
    if memory and isinstance(exc, duckdb.OutOfMemoryException):
        raise DataError(
            f"{shown}: cannot be computed within the memory limit: {described(exc)}; raise "
            f"{MEMORY_LIMIT} (unset: 80 % of the RAM) or give the spill folder "
            f"({TEMP_DIRECTORY}) more room",
            location,
        ) from None
