"""Apache Spark as the engine of a whole evaluation (``data.engine.spark``, docs/scale.md).

Everything Spark does differently from DuckDB and PostgreSQL is here: starting or reaching the
session (local, a cluster, or Spark Connect), reading Parquet/ORC/Delta paths and catalog
tables, and fetching a statement's rows (``raw_sql`` gives a DataFrame, not a cursor). The
tables are then mapped by ``open_database_table`` and the metrics run as the same grouped
statements as on any backend; Ibis's pyspark compiler writes Spark's SQL (``percentile``,
backquoted names, ``avg`` of a boolean cast to int).
"""

from __future__ import annotations

import os
import shutil
import socket
from collections.abc import Collection, Mapping
from dataclasses import replace
from importlib import resources
from typing import Any
from urllib.parse import urlsplit

import ibis
import ibis.expr.types as ir

from evalkit.compute.database import open_database_table
from evalkit.data.spec import SourceSpec, SparkEngine
from evalkit.errors import DataError

CONNECT_PORT = 15002
"""Spark Connect's default port, when ``sc://host`` names none."""
CONNECT_TIMEOUT = 10
"""Seconds to wait for a Spark Connect server to accept a connection."""
DEFAULT_CONF: Mapping[str, str] = {
    "spark.app.name": "evalkit",
    "spark.ui.showConsoleProgress": "false",
    # a value that does not parse (a date written '待定') is null, as DuckDB's TRY_CAST gives,
    # and x / 0 is null: the engine's semantics on every backend
    "spark.sql.ansi.enabled": "false",
}
"""What evalkit sets unless ``conf:`` does (the session time zone is UTC: Ibis sets it)."""
QUIET_LOG = "spark-log4j2.properties"
"""The JVM's log configuration: nothing on the terminal (errors reach the user as one line)."""


class Spark:
    """The Spark session of one run, as an Ibis backend; ``close()`` stops it if it started it."""

    def __init__(self, engine: SparkEngine) -> None:
        self.engine = engine
        session, self._started = _session(engine)
        try:
            self.backend = ibis.pyspark.connect(session)
            self.version = str(session.version)
        except Exception as exc:
            raise _error(engine, "cannot start the session", exc) from exc
        self._session = session

    def table(
        self, source: SourceSpec, needed: Collection[str], joinable: Collection[str]
    ) -> ir.Table:
        """The canonical table of ``source``: a path read as a temporary view, or a catalog
        table, with the source's column and value mappings."""
        if source.db_table is not None:
            try:
                found = self._session.catalog.tableExists(source.db_table)
            except Exception as exc:  # e.g. a database name that does not exist
                raise DataError(f"{source.shown}: {_first(exc)}", source.location) from exc
            if not found:
                raise DataError(
                    f"{source.shown}: no such table in the Spark catalog; check table: "
                    "(db.table or table)",
                    source.location,
                )
            return open_database_table(self.backend, source, needed, joinable)
        where = str(source.path or source.uri)
        view = f"evalkit_{source.table}"
        try:
            reader = self._session.read.format(source.format or "parquet")
            reader.load(where).createOrReplaceTempView(view)
        except Exception as exc:
            raise DataError(
                f"{source.shown}: cannot be read: {_first(exc)}", source.location
            ) from exc
        return open_database_table(self.backend, replace(source, db_table=view), needed, joinable)

    @property
    def shown(self) -> str:
        """The engine as provenance names it: ``Spark 4.0.5 (local[2])``."""
        return f"Spark {self.version} ({self.engine.shown})"

    def close(self) -> None:
        """Stop the session if this run started it (a session the caller made is left)."""
        if self._started:
            self._session.stop()


def fetch(frame: Any) -> list[dict[str, Any]]:
    """The rows of the DataFrame ``raw_sql`` returns on Spark, as dictionaries."""
    return [row.asDict() for row in frame.collect()]


def _session(engine: SparkEngine) -> tuple[Any, bool]:
    """The session ``engine`` names, and whether this call started it."""
    try:
        from pyspark.sql import SparkSession as Session
    except ImportError:
        raise DataError(
            "data.engine.spark needs pyspark: pip install 'evalkit[spark]'", engine.location
        ) from None
    remote = engine.master.startswith("sc://")
    conf = {**DEFAULT_CONF, **engine.conf}
    if remote:
        _reachable(engine)
        builder = Session.builder.remote(engine.master)
        # the server's static settings are its own: a client sets only runtime SQL ones
        conf = {k: v for k, v in conf.items() if k.startswith("spark.sql.")}
    else:
        _java(engine)
        if Session.getActiveSession() is not None:
            return Session.builder.getOrCreate(), False  # e.g. a notebook's, or a test's
        builder = Session.builder.master(engine.master)
        quiet = f"-Dlog4j2.configurationFile={resources.files(__package__) / QUIET_LOG}"
        conf.setdefault("spark.driver.extraJavaOptions", quiet)
    for key, value in conf.items():
        builder = builder.config(key, value)
    try:
        return builder.getOrCreate(), True
    except Exception as exc:
        raise _error(engine, "cannot start the session", exc) from exc


def _java(engine: SparkEngine) -> None:
    """Raise unless a Java runtime is there for the driver (``JAVA_HOME`` or ``java``)."""
    home = os.environ.get("JAVA_HOME")
    if (home and os.access(os.path.join(home, "bin", "java"), os.X_OK)) or shutil.which("java"):
        return
    raise DataError(
        f"Spark master {engine.shown} needs Java 17 or later on this machine: install it "
        "(Debian: apt-get install openjdk-17-jre-headless) or set JAVA_HOME",
        engine.location,
    )


def _reachable(engine: SparkEngine) -> None:
    """Raise unless the Spark Connect server accepts a connection (the client would retry
    for minutes before it gave up)."""
    address = urlsplit(engine.shown)
    host, port = address.hostname or "localhost", address.port or CONNECT_PORT
    try:
        with socket.create_connection((host, port), timeout=CONNECT_TIMEOUT):
            return
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise DataError(
            f"Spark Connect server {host}:{port} cannot be reached ({reason}); check the "
            "address in master: and that the server runs",
            engine.location,
        ) from exc


def _error(engine: SparkEngine, what: str, exc: BaseException) -> DataError:
    return DataError(f"Spark master {engine.shown}: {what}: {_first(exc)}", engine.location)


def _first(exc: BaseException) -> str:
    """The first line of a Spark error (its JVM trace is kept for ``--debug``)."""
    lines = str(exc).strip().splitlines()
    return lines[0] if lines else type(exc).__name__
